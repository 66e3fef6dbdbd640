import type { Deps } from "../../kernel/deps.js";
import type { TickJob } from "../../scheduler/index.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { nudgeSettingsCommand } from "./handlers/nudge-settings.js";
import { planNudges } from "./service.js";

/**
 * Nudges: automatic reminders, in working hours, when the dialogue stalls: a seller question
 * unanswered, a seller silent on a requirement or not yet quantifying its impact, an estimate made
 * before its metric changed, a key date coming up.
 */
export function commands(deps: Deps): Record<string, CommandAction> {
  return { nudges: nudgeSettingsCommand(deps) };
}

/** On every tick: the nudges that came due, planned once across instances. */
export function jobs(deps: Deps): TickJob[] {
  return [{ name: "plan-nudges", run: (now) => planNudges(deps, now) }];
}

export { nudgeDeliveries } from "./deliveries.js";
// What stalls in a tender, for the buyer's overview.
export { stalledSellers } from "./stalled.js";
