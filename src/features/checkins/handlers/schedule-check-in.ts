import { TenderError } from "../../../errors.js";
import { encodeOrigin } from "../../../slack/modal.js";
import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { resolveTender } from "../../tenders/service.js";
import { DEFAULT_PROMPT, parseCheckInCommand, promptSchema } from "../domain.js";
import { isTimeZone, parseSchedule } from "../schedule.js";
import { changeCheckIn, scheduleCheckIn } from "../service.js";
import { changedText, checkInModal, scheduledText } from "../views.js";

/** The person's own Slack time zone: the default for schedules and how next runs are shown. */
export async function zoneOf(deps: Deps, userId: string, fallback: string): Promise<string> {
  const person = await deps.slack.user(userId);
  return person.timezone && isTimeZone(person.timezone) ? person.timezone : fallback;
}

/** `/tender checkin [<schedule> [| <prompt>]]` and `/tender checkin cancel|pause|resume C-<n>`. */
export function scheduleCheckInCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    const request = parseCheckInCommand(parsed.args);
    const zone = await zoneOf(deps, command.user_id, tender.timezone);
    const now = new Date();
    if (request.kind === "change") {
      const { checkIn, nextRunAt } = await changeCheckIn(
        deps,
        tender,
        command.user_id,
        request.change,
        request.number,
        now,
      );
      await reply(changedText(checkIn, nextRunAt, zone));
      return;
    }
    if (request.kind === "form") {
      const origin = encodeOrigin({
        tenderId: tender.id,
        channelId: command.channel_id,
        responseUrl: command.response_url,
      });
      await deps.slack.openModal(
        command.trigger_id,
        checkInModal(origin, {
          tenderTitle: tender.title,
          tenderNumber: tender.number,
          sellers: tender.sellers.filter((seller) => seller.status !== "declined"),
          timezone: zone,
        }),
      );
      return;
    }
    const schedule = parseSchedule(request.scheduleText, zone, now);
    if (!schedule.ok) throw new TenderError("invalid_input", schedule.error);
    const prompt = promptSchema.safeParse(request.prompt ?? DEFAULT_PROMPT);
    if (!prompt.success) throw new TenderError("invalid_input", prompt.error.issues[0]?.message ?? "");
    const { checkIn, runs } = await scheduleCheckIn(
      deps,
      tender,
      command.user_id,
      { schedule: schedule.schedule, prompt: prompt.data, sellerIds: [] },
      now,
    );
    await reply(scheduledText(checkIn, tender.sellers, runs, zone));
  };
}
