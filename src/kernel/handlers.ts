import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewOutput,
} from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { z } from "zod";
import type { InboxContext } from "../inbox/contract.js";
import type { Logger } from "../logger.js";
import type { CommandAction, CommandAnswer, CommandRequest } from "../slack/commands/index.js";
import { describeSlackError, slackErrorCode } from "../slack/errors.js";
import type { OutgoingMessage } from "../slack/gateway.js";
import type { OriginCodec } from "../slack/modal.js";
import { tellPerson } from "../slack/respond.js";
import { type Work, workOf } from "../slack/work-scope.js";
import { actorOf, requireBuyerSide } from "./actor.js";
import type { Deps } from "./deps.js";
import { isTenderError, TenderError } from "./errors.js";

/**
 * The wrappers every listener goes through: they acknowledge Slack, turn a failure into a short
 * sentence for the person (logging what was unexpected) and deliver the answer, so that a handler
 * is only parse → service → answer.
 */

const UNEXPECTED_FAILURE =
  "Something went wrong on Tender Room's side and it could not finish. It has been logged; please try again.";

/** The sentence a person reads when a use case failed; the unexpected is logged with context. */
export function failureText(error: unknown, logger: Logger, context: Record<string, unknown>): string {
  if (isTenderError(error)) return error.message;
  const code = slackErrorCode(error);
  if (code) {
    logger.warn({ ...context, error: code }, "Slack refused a call");
    return `Tender Room could not finish: ${describeSlackError(code)}.`;
  }
  logger.error({ ...context, err: error }, "unexpected failure");
  return UNEXPECTED_FAILURE;
}

/** Adds the notes of a partly successful use case under its main message. */
export function withNotes(text: string, notes: string[]): string {
  return notes.length === 0 ? text : `${text}\n${notes.map((note) => `• ${note}`).join("\n")}`;
}

/** A `/tender` action: what it returns is the answer, a failure is told in plain words. */
export function commandHandler(
  deps: Pick<Deps, "logger" | "slack" | "installation">,
  run: (request: CommandRequest) => Promise<CommandAnswer | undefined>,
): CommandAction {
  return async (request, reply) => {
    let answer: CommandAnswer | undefined;
    try {
      // Slack offers slash commands to no Slack Connect guest; one that arrives anyway is answered.
      const { command } = request;
      requireBuyerSide(await actorOf(deps, command.user_id, command.team_id));
      answer = await run(request);
    } catch (error) {
      const { parsed, command } = request;
      answer = failureText(error, deps.logger, { command: parsed.action, user: command.user_id });
    }
    if (answer !== undefined) await reply(answer);
  };
}

/** A button press as the handlers need it: its value read by the button's own schema. */
export interface Click<V> {
  value: V;
  user: { id: string; teamId: string | undefined };
  /** The channel the button was pressed in, when Slack says. */
  channelId: string | undefined;
  /** The message the button is on. */
  messageTs: string | undefined;
  /** That message as Slack sent it in the press: its text and blocks (e.g. to update it in place). */
  message: { text: string; blocks: KnownBlock[] } | undefined;
  triggerId: string;
  responseUrl: string | undefined;
  /** The attempt at this press: what it posts is posted once. */
  work: Work | undefined;
}

/** What the person who pressed a button reads, only they. */
export type ButtonAnswer = string | { text: string; blocks?: KnownBlock[]; replaceOriginal?: boolean };

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export const BUTTON_NOT_READ =
  "Tender Room could not read this button, so nothing was done. Please use the buttons on the latest message.";

/**
 * A button's listener: its value is read by the button's schema (a value the app never wrote is
 * answered with a clear sentence and logged), then the handler runs.
 */
export function buttonHandler<V>(
  deps: Pick<Deps, "logger" | "slack">,
  value: z.ZodType<V>,
  run: (click: Click<V>) => Promise<ButtonAnswer | undefined>,
) {
  return async ({ ack, body, action, respond, context }: ButtonArgs) => {
    await ack();
    let answer: ButtonAnswer | undefined;
    try {
      const read = value.safeParse(action.value);
      if (!read.success) {
        deps.logger.warn(
          { action: action.action_id, user: body.user.id, value: action.value?.slice(0, 80) },
          "a button's value is not one the app writes",
        );
        throw new TenderError("invalid_input", BUTTON_NOT_READ);
      }
      answer = await run({
        value: read.data,
        user: { id: body.user.id, teamId: body.user.team_id },
        channelId: body.channel?.id,
        messageTs: body.message?.ts,
        message: body.message && {
          text: typeof body.message.text === "string" ? body.message.text : "",
          blocks: Array.isArray(body.message.blocks) ? (body.message.blocks as KnownBlock[]) : [],
        },
        triggerId: body.trigger_id,
        responseUrl: body.response_url,
        work: workOf(context),
      });
    } catch (error) {
      answer = failureText(error, deps.logger, { action: action.action_id, user: body.user.id });
    }
    if (answer === undefined) return;
    const { replaceOriginal = false, ...message } = typeof answer === "string" ? { text: answer } : answer;
    // A press on the App Home has no response URL (nor a channel): the person gets a direct message.
    if (!body.response_url) {
      const target = { userId: body.user.id };
      await tellPerson(deps.slack.forWork(workOf(context)), deps.logger, target, message.text);
      return;
    }
    try {
      await respond({ response_type: "ephemeral", replace_original: replaceOriginal, ...message });
    } catch (error) {
      deps.logger.warn({ err: error, action: action.action_id }, "could not answer the button");
    }
  };
}

/** A form's values, checked: the input, or the message for each field that is wrong. */
export type FormRead<I> = { ok: true; input: I } | { ok: false; errors: Record<string, string> };

/** Zod's first message per field, for a form's `response_action: "errors"`. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    errors[field] ??= issue.message;
  }
  return errors;
}

/** A schema's verdict as a form read; the form's block ids are the schema's field names. */
export function checked<I>(result: z.ZodSafeParseResult<I>): FormRead<I> {
  return result.success ? { ok: true, input: result.data } : { ok: false, errors: fieldErrors(result.error) };
}

export interface FormSubmission<O> {
  /** Undefined when the form's memory of where it came from is not readable. */
  origin: O | undefined;
  user: { id: string; teamId: string | undefined };
  view: ViewOutput;
  /** The attempt at this submission: what it posts is posted once. */
  work: Work | undefined;
}

export interface Form<I, O> {
  origin: OriginCodec<O>;
  /**
   * Reads and checks the values; errors go back to their fields and the form stays open. A check
   * that asks the database (is this lesson the seller's?) returns a promise, answered while Slack waits.
   */
  read(view: ViewOutput, origin: O | undefined): FormRead<I> | Promise<FormRead<I>>;
  /** The use case; its answer (if any) is told to the person where they opened the form. */
  submit(input: I, submission: FormSubmission<O>): Promise<string | undefined>;
}

export const FORM_NOT_KEPT =
  "Tender Room could not take this form just now, so nothing was done. Please submit it again in a moment.";

/** The form's first field, where a message about the whole form is shown. */
function firstField(view: ViewOutput): string {
  const input = (view.blocks as { type?: string; block_id?: string }[]).find(
    (block) => block.type === "input",
  );
  return input?.block_id ?? Object.keys(view.state.values)[0] ?? "";
}

/**
 * A form's submission: its fields are checked while Slack waits, then it is kept in the inbox before
 * Slack closes the form, and worked from there (when `context.inboxItem` names it).
 */
export function formHandler<I, O extends { responseUrl?: string | undefined }>(
  deps: Pick<Deps, "slack" | "logger" | "inbox">,
  form: Form<I, O>,
) {
  return async ({ ack, view, body, context }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const origin = form.origin.decode(view.private_metadata);
    const replayed = (context as InboxContext).inboxItem !== undefined;
    let read: FormRead<I>;
    try {
      read = await form.read(view, origin);
    } catch (error) {
      // Worked from the inbox, the item is tried again later; while Slack waits, the person is asked.
      if (replayed) throw error;
      deps.logger.warn(
        { err: error, view: view.callback_id },
        "form not checked; the person is asked to submit again",
      );
      await ack({ response_action: "errors", errors: { [firstField(view)]: FORM_NOT_KEPT } });
      return;
    }
    if (!read.ok) {
      await ack({ response_action: "errors", errors: read.errors });
      // Checked again when worked, a form can fail a check it passed (a lesson deleted meanwhile).
      if (replayed) {
        const target = { userId: body.user.id, responseUrl: origin?.responseUrl };
        const text = `Nothing was saved: ${Object.values(read.errors).join(" ")}`;
        await tellPerson(deps.slack.forWork(workOf(context)), deps.logger, target, text);
      }
      return;
    }
    if (!replayed) {
      try {
        await deps.inbox.keepForm(body as unknown as Record<string, unknown>);
      } catch (error) {
        deps.logger.warn(
          { err: error, view: view.callback_id },
          "form not kept; the person is asked to submit again",
        );
        await ack({ response_action: "errors", errors: { [firstField(view)]: FORM_NOT_KEPT } });
        return;
      }
      await ack();
      return;
    }
    await ack();
    const work = workOf(context);
    const target = { userId: body.user.id, responseUrl: origin?.responseUrl };
    let answer: string | undefined;
    try {
      answer = await form.submit(read.input, {
        origin,
        user: { id: body.user.id, teamId: body.user.team_id },
        view,
        work,
      });
    } catch (error) {
      answer = failureText(error, deps.logger, { view: view.callback_id, user: body.user.id });
    }
    if (answer !== undefined) await tellPerson(deps.slack.forWork(work), deps.logger, target, answer);
  };
}

/** A use case's result plus what went partly wrong, told to the person who asked. */
export interface Outcome<T> {
  result: T;
  notes: string[];
}

/**
 * Posts a message; when Slack refuses, the person is told why in a note (`noteFor` words it) and
 * the use case goes on.
 */
export async function postOrNote(
  deps: Pick<Deps, "slack">,
  channel: string,
  message: string | OutgoingMessage,
  notes: string[],
  noteFor: (why: string) => string,
): Promise<void> {
  try {
    await deps.slack.post(channel, typeof message === "string" ? { text: message } : message);
  } catch (error) {
    const code = slackErrorCode(error);
    if (!code) throw error;
    notes.push(noteFor(describeSlackError(code)));
  }
}
