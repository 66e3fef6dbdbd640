import { requireMember } from "../../../kernel/access.js";
import { actorOf, requireBuyerSide } from "../../../kernel/actor.js";
import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { type StatusNotesOf, statusOf, tenderById } from "../../tenders/index.js";
import { statusModal } from "../views.js";

/** "Status" on a tender of the Home: what `/tender status` shows, for the tender's people, in a modal. */
export function showTenderStatus(deps: Deps, notes: StatusNotesOf[]) {
  return buttonHandler(deps, idValue, async (click) => {
    requireBuyerSide(await actorOf(deps, click.user.id, click.user.teamId));
    const tender = await tenderById(deps, click.value);
    requireMember(tender, click.user.id, "see its status");
    await deps.slack.openModal(click.triggerId, statusModal(tender, await statusOf(deps, tender, notes)));
    return undefined;
  });
}
