import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { tenderOf } from "../../tenders/index.js";
import { changeQuietExceptions, quietSettings } from "../quiet.js";
import { parseQuietArgs } from "../quiet-domain.js";
import { quietChangedText } from "../quiet-views.js";

/** `/tender quiet [exceptions on|off]`. */
export function quietSettingsCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { command } = request;
    const quiet = parseQuietArgs(request.parsed.args);
    if (quiet.kind === "invalid") throw new TenderError("invalid_input", quiet.problem);
    const tender = await tenderOf(deps, request);
    const viewer = { userId: command.user_id, channelId: command.channel_id };
    if (quiet.kind === "show") return quietSettings(deps, tender, viewer);
    const allowed = quiet.exceptionsAllowed;
    const changed = await changeQuietExceptions(deps, tender, command.user_id, allowed);
    const now = { ...tender, quietExceptions: allowed };
    return `${quietChangedText(tender.number, allowed, changed)}\n\n${await quietSettings(deps, now, viewer)}`;
  });
}
