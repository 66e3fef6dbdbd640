/**
 * What Slack knows of the app from its manifest: the slash commands people can type and the
 * message shortcuts in a message's menu. Nothing else reaches the app.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The repository's root: this file is three folders below it, from source and compiled alike. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface AppFeatures {
  /** e.g. "/tender" */
  commands: string[];
  /** callback_ids of the message shortcuts. */
  messageShortcuts: string[];
}

const manifestSchema = z.object({
  features: z.object({
    slash_commands: z.array(z.object({ command: z.string() })).default([]),
    shortcuts: z.array(z.object({ type: z.string(), callback_id: z.string() })).default([]),
  }),
});

export async function readAppFeatures(root = REPO_ROOT): Promise<AppFeatures> {
  const manifest = manifestSchema.parse(JSON.parse(await readFile(join(root, "manifest.json"), "utf8")));
  return {
    commands: manifest.features.slash_commands.map((command) => command.command),
    messageShortcuts: manifest.features.shortcuts
      .filter((shortcut) => shortcut.type === "message")
      .map((shortcut) => shortcut.callback_id),
  };
}
