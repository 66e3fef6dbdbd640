import { z } from "zod";
import { type DeliveryKind, NotYet } from "../../outbox/dispatcher.js";
import type { Delivery } from "../../outbox/repository.js";
import type { Deps } from "../deps.js";
import { DELIVERY, occurrenceKey } from "./ids.js";
import { answersOf, findAnswer, findOccurrence } from "./repository.js";
import { answerMirror, digestMessage, nudgeMessage, teamNoticeMessage } from "./views.js";

const occurrencePayload = z.object({ occurrenceId: z.number().int() });
const answerPayload = z.object({ answerId: z.number().int() });

/** A mirror waits this long for the team notice it goes under. */
const NOTICE_WAIT_MS = 2_000;

function payloadOf<T>(schema: z.ZodType<T>, delivery: Delivery): T {
  const parsed = schema.safeParse(delivery.payload);
  if (!parsed.success) throw new Error(`delivery ${delivery.key} has no usable payload`);
  return parsed.data;
}

/** A check-in cancelled or paused after its run was planned is not sent any more. */
const stillWanted = (status: string) => status === "active" || status === "ended";

export function checkInDeliveryKinds(deps: Deps): Record<string, DeliveryKind> {
  return {
    [DELIVERY.nudge]: {
      async send(delivery) {
        const occurrence = await findOccurrence(deps.db, payloadOf(occurrencePayload, delivery).occurrenceId);
        if (!occurrence || !stillWanted(occurrence.checkIn.status)) return { ts: null };
        const { checkIn } = occurrence;
        const message = nudgeMessage({
          tenderNumber: checkIn.tender.number,
          tenderTitle: checkIn.tender.title,
          checkInNumber: checkIn.number,
          prompt: checkIn.prompt,
          occurrenceId: occurrence.id,
          digestAt: occurrence.digestAt ?? occurrence.dueAt,
          timezone: checkIn.timezone,
        });
        return { ts: await deps.slack.post(delivery.channelId, message) };
      },
    },
    [DELIVERY.team]: {
      async send(delivery) {
        const occurrence = await findOccurrence(deps.db, payloadOf(occurrencePayload, delivery).occurrenceId);
        if (!occurrence || !stillWanted(occurrence.checkIn.status)) return { ts: null };
        const channels = occurrence.checkIn.tender.sellers
          .filter((seller) => occurrence.sellerIds.includes(seller.id))
          .map((seller) => seller.channelId);
        const message = teamNoticeMessage(occurrence.checkIn.number, occurrence.checkIn.prompt, channels);
        return { ts: await deps.slack.post(delivery.channelId, message) };
      },
    },
    [DELIVERY.mirror]: {
      async send(delivery) {
        const answer = await findAnswer(deps.db, payloadOf(answerPayload, delivery).answerId);
        if (!answer) return { ts: null };
        const notice = await deps.db.delivery.findUnique({
          where: { key: `${occurrenceKey(answer.occurrence.checkIn.id, answer.occurrence.dueAt)}:team` },
          select: { status: true, ts: true },
        });
        if (notice?.status === "pending")
          throw new NotYet(NOTICE_WAIT_MS, "the check-in's team notice is not posted yet");
        const occurrence = await findOccurrence(deps.db, answer.occurrence.id);
        const seller = occurrence?.checkIn.tender.sellers.find((s) => s.id === answer.sellerId);
        const link =
          answer.ts && seller ? await deps.slack.permalink(seller.channelId, answer.ts) : undefined;
        const text = answerMirror(
          seller?.name ?? "A seller",
          answer.kind,
          answer.authorName,
          answer.text,
          link,
        );
        return {
          ts: await deps.slack.post(delivery.channelId, {
            text,
            ...(notice?.ts ? { threadTs: notice.ts } : {}),
          }),
        };
      },
    },
    [DELIVERY.digest]: {
      async send(delivery) {
        const occurrence = await findOccurrence(deps.db, payloadOf(occurrencePayload, delivery).occurrenceId);
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
        return { ts: await deps.slack.post(delivery.channelId, message) };
      },
    },
  };
}
