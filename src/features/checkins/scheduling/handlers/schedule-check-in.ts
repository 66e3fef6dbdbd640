import type { Deps } from "../../../../kernel/deps.js";
import { TenderError } from "../../../../kernel/errors.js";
import { commandHandler } from "../../../../kernel/handlers.js";
import { zoneOf } from "../../../../kernel/zones.js";
import { placeOrigin } from "../../../../slack/modal.js";
import { activeSellers, tenderOf } from "../../../tenders/index.js";
import { DEFAULT_PROMPT, parseCheckInCommand, promptSchema } from "../../domain.js";
import { parseSchedule } from "../../schedule.js";
import { changeCheckIn, scheduleCheckIn } from "../service.js";
import { changedText, checkInModal, scheduledText } from "../views.js";

/** `/tender checkin [<schedule> [| <prompt>]]` and `/tender checkin cancel|pause|resume C-<n>`. */
export function scheduleCheckInCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { command } = request;
    const tender = await tenderOf(deps, request);
    const checkin = parseCheckInCommand(request.parsed.args);
    const zone = await zoneOf(deps, command.user_id, tender.timezone);
    const now = new Date();
    if (checkin.kind === "change") {
      const changed = await changeCheckIn(deps, tender, command.user_id, checkin.change, checkin.number, now);
      return changedText(changed.checkIn, changed.nextRunAt, zone);
    }
    if (checkin.kind === "form") {
      const origin = placeOrigin.encode({
        tenderId: tender.id,
        channelId: command.channel_id,
        responseUrl: command.response_url,
      });
      await deps.slack.openModal(
        command.trigger_id,
        checkInModal(origin, {
          tenderTitle: tender.title,
          tenderNumber: tender.number,
          sellers: activeSellers(tender),
          timezone: zone,
        }),
      );
      return undefined;
    }
    const schedule = parseSchedule(checkin.scheduleText, zone, now);
    if (!schedule.ok) throw new TenderError("invalid_input", schedule.error);
    const prompt = promptSchema.safeParse(checkin.prompt ?? DEFAULT_PROMPT);
    if (!prompt.success) throw new TenderError("invalid_input", prompt.error.issues[0]?.message ?? "");
    const { checkIn, runs } = await scheduleCheckIn(
      deps,
      tender,
      command.user_id,
      { schedule: schedule.schedule, prompt: prompt.data, sellerIds: [] },
      now,
    );
    return scheduledText(checkIn, tender.sellers, runs, zone);
  });
}
