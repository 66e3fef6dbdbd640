import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { showAuditCommand } from "./handlers/show-audit.js";

/**
 * The audit trail: every change to a tender is recorded with who made it and when (`recordAudit`,
 * in the change's transaction); `/tender audit` shows the tender's people its events readably, the
 * latest first, a page at a time.
 */
export function commands(deps: Deps): Record<string, CommandAction> {
  return { audit: showAuditCommand(deps) };
}
