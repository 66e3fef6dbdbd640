import type { DeliveryKind } from "../../outbox/dispatcher.js";
import type { TickJob } from "../../scheduler/index.js";
import type { CommandAction } from "../commands/index.js";
import type { Deps } from "../deps.js";
import { nudgeDeliveryKinds } from "./deliveries.js";
import { nudgeSettingsCommand } from "./handlers/nudge-settings.js";
import { planNudges } from "./service.js";

export function commands(deps: Deps): Record<string, CommandAction> {
  return { nudges: nudgeSettingsCommand(deps) };
}

export function deliveryKinds(deps: Deps): Record<string, DeliveryKind> {
  return nudgeDeliveryKinds(deps);
}

/** On every tick: the nudges that came due, planned once across instances. */
export function jobs(deps: Deps): TickJob[] {
  return [{ name: "plan-nudges", run: (now) => planNudges(deps, now) }];
}
