import type { App } from "@slack/bolt";
import type { Deps } from "../../kernel/deps.js";
import type { CommandAction } from "../../slack/commands/index.js";
import { reviseRequirementCommand } from "./handlers/revise-requirement.js";
import { showHistoryCommand } from "./handlers/show-history.js";
import { submitRevisionForm } from "./handlers/submit-revision-form.js";
import { REVISION_FORM } from "./ids.js";

/**
 * Revisions: the next version of a requirement, crediting the seller replies and lessons that led
 * to it, every seller copy updated with a note of what changed; and each requirement's history.
 */
export function commands(deps: Deps): Record<string, CommandAction> {
  return {
    revise: reviseRequirementCommand(deps),
    history: showHistoryCommand(deps),
  };
}

export function register(app: App, deps: Deps): void {
  app.view(REVISION_FORM.callbackId, submitRevisionForm(deps));
}
