import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { exportCommand } from "./handlers/export-record.js";
import type { ExportOptions } from "./service.js";

/**
 * The tender record as files people open: `/tender export` shares a workbook (a sheet per record)
 * and a Markdown summary in the team channel, for the tender's owners.
 */
export function commands(deps: Deps, options: ExportOptions = {}): Record<string, CommandAction> {
  return { export: exportCommand(deps, options) };
}

export { repliesPage } from "./records/threads.js";
export type { ExportOptions } from "./service.js";
