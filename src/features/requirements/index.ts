import type { App, BlockButtonAction } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { POST_REQUIREMENT_BUTTON } from "../tenders/index.js";
import { listRequirementsCommand } from "./handlers/list-requirements.js";
import { openRequirementForm } from "./handlers/open-requirement-form.js";
import { postRequirementCommand } from "./handlers/post-requirement.js";
import { submitRequirementForm } from "./handlers/submit-requirement-form.js";
import { withdrawRequirementCommand } from "./handlers/withdraw-requirement.js";
import { REQUIREMENT_FORM } from "./ids.js";

/**
 * Requirements: `R-<n>` posted as a thread in every seller channel and in the team channel with
 * its delivery state, listed, withdrawn.
 */
export function commands(deps: Deps): Record<string, CommandAction> {
  return {
    require: postRequirementCommand(deps),
    requirements: listRequirementsCommand(deps),
    withdraw: withdrawRequirementCommand(deps),
  };
}

export function register(app: App, deps: Deps): void {
  app.view(REQUIREMENT_FORM.callbackId, submitRequirementForm(deps));
  app.action<BlockButtonAction>(POST_REQUIREMENT_BUTTON, openRequirementForm(deps));
}

// What other features use of requirements.
export {
  REQUIREMENT_NOTE,
  REQUIREMENT_POST,
  REQUIREMENT_TEAM_COPY,
  REQUIREMENT_UPDATE,
  requirementDeliveryKinds,
  sellerThreadOf,
  teamThreadOf,
} from "./deliveries.js";
export {
  CATEGORY_MAX,
  LONG_TEXT_MAX,
  PRIORITIES,
  parseRequireArgs,
  requirementSchema,
  TITLE_MAX,
} from "./domain.js";
export { REQUIREMENT_FIELDS } from "./ids.js";
export {
  findRequirementById as requirementById,
  findThreadIn,
  type Requirement,
  type RevisionText,
  type Thread,
} from "./repository.js";
export {
  findRequirement,
  queueChangeForSellers,
  queueOpenRequirementsFor,
  refreshTeam,
  requireChangeable,
  sellerNames,
  sellersWithCopies,
} from "./service.js";
export { priorityOption, requirementHeadline, sellerChannels } from "./views.js";
