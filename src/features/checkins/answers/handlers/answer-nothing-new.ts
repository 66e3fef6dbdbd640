import { type Deps, forWork } from "../../../../kernel/deps.js";
import { buttonHandler } from "../../../../kernel/handlers.js";
import { idValue } from "../../../../kernel/refs.js";
import { answerCheckIn } from "../service.js";
import { ANSWER_SAVED } from "../views.js";

/** "Nothing new this time": an answer too, so the digest tells it apart from silence. */
export function answerNothingNew(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => {
    await answerCheckIn(forWork(deps, click.work), {
      occurrenceId: click.value,
      channelId: click.channelId,
      threadTs: click.messageTs,
      user: { userId: click.user.id, userTeamId: click.user.teamId },
      kind: "nothing_new",
      text: "",
    });
    return ANSWER_SAVED;
  });
}
