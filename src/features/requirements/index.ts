import type { App, BlockButtonAction } from "@slack/bolt";
import type { DeliveryKind } from "../../outbox/dispatcher.js";
import type { InFlight } from "../../slack/in-flight.js";
import type { CommandAction } from "../commands/index.js";
import type { Deps } from "../deps.js";
import { requirementDeliveryKinds, TeamCopyRefresher } from "./deliveries.js";
import { clarifyRequirementCommand } from "./handlers/clarify-requirement.js";
import { listRequirementsCommand } from "./handlers/list-requirements.js";
import { openAnswerAllForm } from "./handlers/open-answer-all-form.js";
import { postRequirementCommand, submitRequirementForm } from "./handlers/post-requirement.js";
import { reviseRequirementCommand } from "./handlers/revise-requirement.js";
import { showHistoryCommand } from "./handlers/show-history.js";
import { submitAnswerAllForm } from "./handlers/submit-answer-all-form.js";
import { submitRevisionForm } from "./handlers/submit-revision-form.js";
import { withdrawRequirementCommand } from "./handlers/withdraw-requirement.js";
import { ANSWER_ALL_BUTTON, ANSWER_ALL_FORM, REQUIREMENT_FORM, REVISION_FORM } from "./ids.js";
import { refineDeliveryKinds } from "./refine-deliveries.js";

export function commands(deps: Deps): Record<string, CommandAction> {
  return {
    require: postRequirementCommand(deps),
    requirements: listRequirementsCommand(deps),
    revise: reviseRequirementCommand(deps),
    withdraw: withdrawRequirementCommand(deps),
    clarify: clarifyRequirementCommand(deps),
    history: showHistoryCommand(deps),
  };
}

export function register(app: App, deps: Deps): void {
  app.view(REQUIREMENT_FORM.callbackId, submitRequirementForm(deps));
  app.view(REVISION_FORM.callbackId, submitRevisionForm(deps));
  app.action<BlockButtonAction>(ANSWER_ALL_BUTTON, openAnswerAllForm(deps));
  app.view(ANSWER_ALL_FORM.callbackId, submitAnswerAllForm(deps));
}

export function deliveryKinds(
  deps: Deps,
  inFlight: InFlight,
  teamCopyRefreshMs?: number,
): Record<string, DeliveryKind> {
  const kinds = requirementDeliveryKinds(deps, new TeamCopyRefresher(deps, inFlight, teamCopyRefreshMs));
  return { ...kinds, ...refineDeliveryKinds(deps, kinds) };
}
