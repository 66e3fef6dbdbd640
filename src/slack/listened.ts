import type { AnyMiddlewareArgs, App } from "@slack/bolt";
import type { Logger } from "../logger.js";

type Kind = "action" | "view" | "shortcut";

const KINDS: Kind[] = ["action", "view", "shortcut"];

export const UNKNOWN_BUTTON =
  "Tender Room does not know this button, so nothing was done. Please use the buttons on the latest message.";

type Body = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Which listener an interaction asks for: its kind and id, or undefined when it is no interaction. */
function interactionOf(body: Body): { kind: Kind; id: string } | undefined {
  if (body.type === "block_actions") {
    const [first] = Array.isArray(body.actions) ? (body.actions as Body[]) : [];
    const id = text(first?.action_id);
    return id === undefined ? undefined : { kind: "action", id };
  }
  if (body.type === "view_submission" || body.type === "view_closed") {
    const id = text((body.view as Body | undefined)?.callback_id);
    return id === undefined ? undefined : { kind: "view", id };
  }
  if (body.type === "message_action" || body.type === "shortcut") {
    const id = text(body.callback_id);
    return id === undefined ? undefined : { kind: "shortcut", id };
  }
  return undefined;
}

/**
 * Remembers the ids the app's listeners are registered for, and answers an interaction naming none
 * of them (a button of a message from an older version, a forged id) at once, logging it: Bolt
 * would leave it unanswered, and Slack would show the person an error after three seconds.
 * Call it before any listener is registered.
 */
export function answerUnknownInteractions(app: App, logger: Logger): void {
  const ids: Record<Kind, Set<string>> = { action: new Set(), view: new Set(), shortcut: new Set() };
  const patterns: Record<Kind, RegExp[]> = { action: [], view: [], shortcut: [] };
  const remember = (kind: Kind, constraint: unknown) => {
    const id =
      typeof constraint === "object" && constraint !== null && !(constraint instanceof RegExp)
        ? ((constraint as Body).action_id ?? (constraint as Body).callback_id)
        : constraint;
    if (typeof id === "string") ids[kind].add(id);
    else if (id instanceof RegExp) patterns[kind].push(id);
    else patterns[kind].push(/.*/);
  };
  for (const kind of KINDS) {
    const register = (app[kind] as (...args: unknown[]) => unknown).bind(app);
    (app as unknown as Record<Kind, (...args: unknown[]) => unknown>)[kind] = (constraint, ...rest) => {
      remember(kind, constraint);
      return register(constraint, ...rest);
    };
  }
  const listened = ({ kind, id }: { kind: Kind; id: string }) =>
    ids[kind].has(id) || patterns[kind].some((pattern) => pattern.test(id));

  app.use(async (args) => {
    const interaction = interactionOf(args.body as unknown as Body);
    if (!interaction || listened(interaction)) {
      await args.next();
      return;
    }
    const { ack, respond } = args as AnyMiddlewareArgs & {
      ack?: () => Promise<void>;
      respond?: (message: {
        response_type: "ephemeral";
        text: string;
        replace_original: false;
      }) => Promise<unknown>;
    };
    logger.warn(interaction, "an interaction no listener is registered for was acknowledged and dropped");
    await ack?.();
    if (interaction.kind === "action" && respond) {
      await respond({ response_type: "ephemeral", text: UNKNOWN_BUTTON, replace_original: false }).catch(
        (error: unknown) => logger.warn({ err: error }, "could not answer an unknown button"),
      );
    }
  });
}
