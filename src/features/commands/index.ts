import type { App, RespondFn, SlashCommand } from "@slack/bolt";
import type { Deps } from "../deps.js";
import { failureText } from "../reply.js";
import { type ParsedCommand, parseCommand } from "./domain.js";
import { HELP_TEXT, unknownActionText } from "./views.js";

export const TENDER_COMMAND = "/tender";

export interface CommandRequest {
  parsed: ParsedCommand;
  command: SlashCommand;
  /** An ephemeral answer to the person who ran the command. */
  reply(text: string): Promise<void>;
}

export type CommandAction = (request: CommandRequest) => Promise<void>;

/** `/tender` is one command; its first word picks the action that a feature registered. */
export function register(app: App, deps: Deps, actions: Record<string, CommandAction>): void {
  const all: Record<string, CommandAction> = { help: ({ reply }) => reply(HELP_TEXT), ...actions };
  app.command(TENDER_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const parsed = parseCommand(command.text);
    const reply = replier(respond, deps);
    const action = all[parsed.action];
    if (!action) {
      await reply(unknownActionText(parsed.action));
      return;
    }
    try {
      await action({ parsed, command, reply });
    } catch (error) {
      await reply(failureText(error, deps.logger, { command: parsed.action, user: command.user_id }));
    }
  });
}

function replier(respond: RespondFn, deps: Deps): (text: string) => Promise<void> {
  return async (text) => {
    try {
      await respond({ response_type: "ephemeral", text });
    } catch (error) {
      // An expired response_url must not take the listener down; the work itself is done.
      deps.logger.warn({ err: error }, "could not answer the command");
    }
  };
}
