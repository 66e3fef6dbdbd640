import type { Deps } from "../../../../kernel/deps.js";
import { buttonHandler } from "../../../../kernel/handlers.js";
import { idValue } from "../../../../kernel/refs.js";
import { zoneOf } from "../../../../kernel/zones.js";
import { answerOrigin } from "../domain.js";
import { answerContext } from "../service.js";
import { meetingModal, updateModal } from "../views.js";

/** "Share an update" / "Propose a meeting" on a check-in: the form, for the seller's people. */
export function openAnswerForm(deps: Deps, kind: "update" | "meeting") {
  return buttonHandler(deps, idValue, async (click) => {
    const { occurrence, seller } = await answerContext(deps, click.value, click.channelId, {
      userId: click.user.id,
      userTeamId: click.user.teamId,
    });
    const origin = answerOrigin.encode({
      occurrenceId: occurrence.id,
      channelId: seller.channelId,
      ...(click.messageTs ? { threadTs: click.messageTs } : {}),
      ...(click.responseUrl ? { responseUrl: click.responseUrl } : {}),
    });
    const view =
      kind === "update"
        ? updateModal(origin, occurrence.checkIn.prompt)
        : meetingModal(origin, await zoneOf(deps, click.user.id, occurrence.checkIn.timezone));
    await deps.slack.openModal(click.triggerId, view);
    return undefined;
  });
}
