import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { tenderOf } from "../../tenders/index.js";
import { parseNudgesArgs } from "../domain.js";
import { changeNudgeSettings, nudgeSettingsFor } from "../service.js";
import { nudgeSettingsText, settingsChangedText } from "../views.js";

/** `/tender nudges [on|off | questions <days> | silence <days> | dates <days>]`. */
export function nudgeSettingsCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { command } = request;
    const nudges = parseNudgesArgs(request.parsed.args);
    if (nudges.kind === "invalid") throw new TenderError("invalid_input", nudges.problem);
    const tender = await tenderOf(deps, request);
    if (nudges.kind === "show") {
      const settings = await nudgeSettingsFor(deps, tender, {
        userId: command.user_id,
        channelId: command.channel_id,
      });
      return nudgeSettingsText(tender, settings);
    }
    const settings = await changeNudgeSettings(deps, tender, command.user_id, nudges.change);
    return `${settingsChangedText(tender.number, nudges.change)}\n\n${nudgeSettingsText(tender, settings)}`;
  });
}
