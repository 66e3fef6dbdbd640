import { requireMember } from "../../../kernel/access.js";
import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { placeOrigin } from "../../../slack/modal.js";
import { metricsOfTender } from "../../metrics/index.js";
import { tenderById } from "../../tenders/index.js";
import { requirementModal } from "../views.js";

/** "Post a requirement" on the tender card: the requirement form, for the tender's people. */
export function openRequirementForm(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => {
    const tender = await tenderById(deps, click.value);
    requireMember(tender, click.user.id, "post requirements");
    const origin = placeOrigin.encode({ tenderId: tender.id, responseUrl: click.responseUrl });
    const metrics = await metricsOfTender(deps.db, tender.id);
    await deps.slack.openModal(click.triggerId, requirementModal(origin, "", "", metrics));
    return undefined;
  });
}
