import { TenderError } from "../../../errors.js";
import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { resolveTender } from "../../tenders/service.js";
import { parseNudgesArgs } from "../domain.js";
import { changeNudgeSettings, nudgeSettingsFor } from "../service.js";
import { nudgeSettingsText, settingsChangedText } from "../views.js";

/** `/tender nudges [on|off | questions <days> | silence <days> | dates <days>]`. */
export function nudgeSettingsCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    const request = parseNudgesArgs(parsed.args);
    if (request.kind === "invalid") throw new TenderError("invalid_input", request.problem);
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    if (request.kind === "show") {
      const settings = await nudgeSettingsFor(deps, tender, {
        userId: command.user_id,
        channelId: command.channel_id,
      });
      await reply(nudgeSettingsText(tender, settings));
      return;
    }
    const settings = await changeNudgeSettings(deps, tender, command.user_id, request.change);
    await reply(
      `${settingsChangedText(tender.number, request.change)}\n\n${nudgeSettingsText(tender, settings)}`,
    );
  };
}
