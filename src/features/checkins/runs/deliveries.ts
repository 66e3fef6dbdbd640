import { z } from "zod";
import type { Deps } from "../../../kernel/deps.js";
import { deliveryKind, type Registration, sends } from "../../../outbox/index.js";
import { quantifyButton } from "../../estimates/index.js";
import { metricsOfTender } from "../../metrics/index.js";
import { answersOf, findOccurrence } from "../repository.js";
import { digestMessage, promptMessage, teamNoticeMessage } from "./views.js";

/** A run of a check-in: its check-in and due time name every message it sends. */
const runKey = (checkInId: number, dueAt: Date) => `checkin:${checkInId}:${dueAt.toISOString()}`;
const runPayload = z.object({ occurrenceId: z.number().int() });

/** The buyer's prompt in a seller's channel, with the ways to answer. */
export const CHECKIN_PROMPT = deliveryKind({
  name: "checkin_prompt",
  key: (checkInId: number, dueAt: Date, sellerId: number) => `${runKey(checkInId, dueAt)}:seller:${sellerId}`,
  payload: runPayload,
});

/** The notice in the team channel under which the answers are mirrored. */
export const CHECKIN_TEAM_NOTICE = deliveryKind({
  name: "checkin_team",
  key: (checkInId: number, dueAt: Date) => `${runKey(checkInId, dueAt)}:team`,
  payload: runPayload,
});

/** The summary once the answer window has closed: who answered what, who did not. */
export const CHECKIN_DIGEST = deliveryKind({
  name: "checkin_digest",
  key: (checkInId: number, dueAt: Date) => `${runKey(checkInId, dueAt)}:digest`,
  payload: runPayload,
});

/** A check-in cancelled or paused after its run was planned is not sent any more. */
const stillWanted = (status: string) => status === "active" || status === "ended";

export function runDeliveries(deps: Deps): Registration[] {
  return [
    sends(CHECKIN_PROMPT, {
      async send(delivery, { occurrenceId }, slack) {
        const occurrence = await findOccurrence(deps.db, occurrenceId);
        if (!occurrence || !stillWanted(occurrence.checkIn.status)) return { ts: null };
        const { checkIn } = occurrence;
        // With key metrics, a check-in also asks the seller for its estimate on them.
        const [metric] = await metricsOfTender(deps.db, checkIn.tenderId);
        const message = promptMessage({
          tenderNumber: checkIn.tender.number,
          tenderTitle: checkIn.tender.title,
          checkInNumber: checkIn.number,
          prompt: checkIn.prompt,
          occurrenceId: occurrence.id,
          digestAt: occurrence.digestAt ?? occurrence.dueAt,
          timezone: checkIn.timezone,
          ...(metric ? { quantify: quantifyButton(metric.id) } : {}),
        });
        return { ts: await slack.post(delivery.channelId, message) };
      },
    }),
    sends(CHECKIN_TEAM_NOTICE, {
      async send(delivery, { occurrenceId }, slack) {
        const occurrence = await findOccurrence(deps.db, occurrenceId);
        if (!occurrence || !stillWanted(occurrence.checkIn.status)) return { ts: null };
        const channels = occurrence.checkIn.tender.sellers
          .filter((seller) => occurrence.sellerIds.includes(seller.id))
          .map((seller) => seller.channelId);
        const message = teamNoticeMessage(occurrence.checkIn.number, occurrence.checkIn.prompt, channels);
        return { ts: await slack.post(delivery.channelId, message) };
      },
    }),
    sends(CHECKIN_DIGEST, {
      async send(delivery, { occurrenceId }, slack) {
        const occurrence = await findOccurrence(deps.db, occurrenceId);
        if (!occurrence) return { ts: null };
        const answers = await answersOf(deps.db, occurrence.id);
        const { checkIn } = occurrence;
        const lines = checkIn.tender.sellers
          .filter((seller) => occurrence.sellerIds.includes(seller.id))
          .map((seller) => ({
            sellerName: seller.name,
            answers: answers.filter((answer) => answer.sellerId === seller.id),
          }));
        const message = digestMessage(checkIn.number, occurrence.dueAt, checkIn.tender.timezone, lines);
        return { ts: await slack.post(delivery.channelId, message) };
      },
    }),
  ];
}
