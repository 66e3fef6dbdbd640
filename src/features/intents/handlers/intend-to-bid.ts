import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { intendToBid, intentPlace } from "../service.js";

/** "We intend to bid" on the prompt in a seller's channel: recorded at once, for that seller's people. */
export function intendToBidButton(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => {
    const place = await intentPlace(deps, click.channelId, click.user, click.value);
    return intendToBid(deps, place, click.user.id);
  });
}
