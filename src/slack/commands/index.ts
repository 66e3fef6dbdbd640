import type { App, RespondFn, SlashCommand } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { Logger } from "../../logger.js";
import { type Work, workOf } from "../work-scope.js";
import { type ParsedCommand, parseCommand } from "./grammar.js";
import { HELP_TEXT, unknownActionText } from "./help.js";

const TENDER_COMMAND = "/tender";

export interface CommandRequest {
  parsed: ParsedCommand;
  command: SlashCommand;
  /** The attempt at this command: what it posts is posted once (see `../work-scope.ts`). */
  work?: Work;
}

/** What the person who ran the command reads, only they: a text, or a message with blocks. */
export type CommandAnswer = string | { text: string; blocks: KnownBlock[] };

/** One action of `/tender`, picked by its first word (see kernel/handlers.ts `commandHandler`). */
export type CommandAction = (
  request: CommandRequest,
  reply: (answer: CommandAnswer) => Promise<void>,
) => Promise<void>;

/**
 * `/tender` is one command; its first word picks the action a feature registered. Every feature's
 * actions are named here once: a word taken twice stops the app at start.
 */
export function registerTenderCommand(
  app: App,
  logger: Logger,
  features: Record<string, CommandAction>[],
): void {
  const actions = new Map<string, CommandAction>([["help", async (_request, reply) => reply(HELP_TEXT)]]);
  for (const feature of features) {
    for (const [word, action] of Object.entries(feature)) {
      if (actions.has(word)) throw new Error(`/tender ${word} is registered twice.`);
      actions.set(word, action);
    }
  }
  app.command(TENDER_COMMAND, async ({ command, ack, respond, context }) => {
    await ack();
    const parsed = parseCommand(command.text);
    const reply = replier(respond, logger);
    const action = actions.get(parsed.action);
    if (!action) {
      await reply(unknownActionText(parsed.action));
      return;
    }
    const work = workOf(context);
    await action({ parsed, command, ...(work ? { work } : {}) }, reply);
  });
}

function replier(respond: RespondFn, logger: Logger): (answer: CommandAnswer) => Promise<void> {
  const send = async (answer: CommandAnswer) => {
    await respond({
      response_type: "ephemeral",
      ...(typeof answer === "string" ? { text: answer } : answer),
    });
  };
  return async (answer) => {
    try {
      await send(answer);
    } catch (error) {
      // An expired response_url must not take the listener down; the work itself is done.
      logger.warn({ err: error }, "could not answer the command");
      // Blocks Slack refused still leave the text worth telling.
      if (typeof answer !== "string") await send(answer.text).catch(() => undefined);
    }
  };
}
