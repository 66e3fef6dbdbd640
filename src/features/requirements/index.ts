import type { App } from "@slack/bolt";
import type { DeliveryKind } from "../../outbox/dispatcher.js";
import type { InFlight } from "../../slack/in-flight.js";
import type { CommandAction } from "../commands/index.js";
import type { Deps } from "../deps.js";
import { requirementDeliveryKinds, TeamCopyRefresher } from "./deliveries.js";
import { postRequirementCommand, submitRequirementForm } from "./handlers/post-requirement.js";
import { REQUIREMENT_FORM } from "./ids.js";

export function commands(deps: Deps): Record<string, CommandAction> {
  return { require: postRequirementCommand(deps) };
}

export function register(app: App, deps: Deps): void {
  app.view(REQUIREMENT_FORM.callbackId, submitRequirementForm(deps));
}

export function deliveryKinds(deps: Deps, inFlight: InFlight): Record<string, DeliveryKind> {
  return requirementDeliveryKinds(deps, new TeamCopyRefresher(deps, inFlight));
}
