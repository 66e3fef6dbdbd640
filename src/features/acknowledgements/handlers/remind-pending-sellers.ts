import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { remindPending } from "../service.js";

/** "Remind pending sellers" on a notice's board: the owners' reminder, at most once a day. */
export function remindPendingSellers(deps: Deps) {
  return buttonHandler(deps, idValue, async (click) => remindPending(deps, click.user.id, click.value));
}
