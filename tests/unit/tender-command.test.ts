import type { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { HELP_TEXT, unknownActionText } from "../../src/slack/commands/help.js";
import { type CommandAction, registerTenderCommand } from "../../src/slack/commands/index.js";

const logger = createLogger({ level: "silent" });

type Listener = (args: {
  command: { text: string };
  ack: () => Promise<void>;
  respond: (m: unknown) => Promise<void>;
}) => Promise<void>;

/** The router on a stand-in for Bolt's App that keeps the one listener it is given. */
function router(actions: Record<string, CommandAction>[]) {
  let listener: Listener | undefined;
  const app = {
    command(_name: string, registered: Listener) {
      listener = registered;
    },
  } as unknown as App;
  registerTenderCommand(app, logger, actions);
  return async (text: string) => {
    const answers: unknown[] = [];
    await listener?.({
      command: { text },
      ack: async () => undefined,
      respond: async (m) => void answers.push(m),
    });
    return answers;
  };
}

describe("the /tender router", () => {
  it("refuses at start a word two features registered", () => {
    const action: CommandAction = async () => undefined;
    expect(() => router([{ status: action }, { status: action }])).toThrow(
      "/tender status is registered twice.",
    );
    expect(() => router([{ help: action }])).toThrow("/tender help is registered twice.");
  });

  it("answers help, runs the action its first word names, and knows no word it was not given", async () => {
    const run = router([{ status: async ({ parsed }, reply) => reply(`status of ${parsed.args}`) }]);
    expect(await run("")).toEqual([{ response_type: "ephemeral", text: HELP_TEXT }]);
    expect(await run("status T-3")).toEqual([{ response_type: "ephemeral", text: "status of " }]);
    for (const word of ["constructor", "toString", "__proto__"])
      expect(await run(word)).toEqual([
        { response_type: "ephemeral", text: unknownActionText(word.toLowerCase()) },
      ]);
  });
});
