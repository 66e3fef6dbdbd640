import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { businessCaseCommand } from "./handlers/business-case.js";
import { compareCommand } from "./handlers/compare.js";

/**
 * The buyer's business case: the sellers' estimates in the buyer's key metrics side by side, as
 * messages and a chart, for the buyer's team only.
 */
export function commands(deps: Deps): Record<string, CommandAction> {
  return { compare: compareCommand(deps), "business-case": businessCaseCommand(deps) };
}
