import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { acknowledge } from "../service.js";

/** "Acknowledge" on a change in a seller channel: recorded for that seller, its copy updated. */
export function acknowledgeChange(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) =>
    acknowledge(deps, {
      noticeId: click.value,
      user: click.user,
      channelId: click.channelId,
      message: click.messageTs && click.message ? { ts: click.messageTs, ...click.message } : undefined,
    }),
  );
}
