import { z } from "zod";
import type { DeliveryKind } from "../../outbox/dispatcher.js";
import type { Delivery } from "../../outbox/repository.js";
import type { Deps } from "../deps.js";
import { QUIET_STAGES } from "../tenders/domain.js";
import { daysUntil, zoneOr } from "./business-time.js";
import { isoDay, keyDateOf, nudgesRunIn, SILENCE_STAGES } from "./domain.js";
import { DELIVERY } from "./ids.js";
import {
  questionToRemind,
  sellerStatusOf,
  silenceToNudge,
  type TenderOfNudge,
  tenderOfNudge,
} from "./repository.js";
import { keyDateSellerReminder, keyDateTeamReminder, questionReminder, silenceNudge } from "./views.js";

const questionPayload = z.object({ replyId: z.number().int() });
const silencePayload = z.object({ requirementId: z.number().int(), sellerId: z.number().int() });
const datePayload = z.object({
  which: z.enum(["questions", "proposals", "award"]),
  day: z.iso.date(),
  daysAhead: z.number().int(),
});

function payloadOf<T>(schema: z.ZodType<T>, delivery: Delivery): T {
  const parsed = schema.safeParse(delivery.payload);
  if (!parsed.success) throw new Error(`delivery ${delivery.key} has no usable payload`);
  return parsed.data;
}

/** Nothing posted: the nudge is no longer wanted by the time it is due. */
const NOT_NEEDED = { ts: null };

function tenderStillNudged(tender: Pick<TenderOfNudge, "nudgesOn" | "stage">): boolean {
  return tender.nudgesOn && nudgesRunIn(tender.stage);
}

/** Still the tender's date, and not yet past where the date is a day. */
function dateStillAhead(tender: TenderOfNudge, which: string, day: string, now: Date): boolean {
  const field = keyDateOf(which)?.field;
  const current = field ? tender[field] : null;
  return (
    current !== null && isoDay(current) === day && daysUntil(day, now, zoneOr(tender.timezone, "UTC")) >= 0
  );
}

/**
 * Nudges are planned ahead of their working hours; each checks when it is sent that it is still
 * wanted (the question answered, the seller replied, nudges turned off, the date moved) and then
 * posts nothing.
 */
export function nudgeDeliveryKinds(deps: Deps): Record<string, DeliveryKind> {
  return {
    [DELIVERY.question]: {
      async send(delivery) {
        const question = await questionToRemind(deps.db, payloadOf(questionPayload, delivery).replyId);
        if (!question) return NOT_NEEDED;
        const { requirement } = question;
        const { tender } = requirement;
        if (
          !tenderStillNudged(tender) ||
          requirement.status !== "open" ||
          question.kind !== "question" ||
          question.deleted ||
          question.answeredAt !== null
        )
          return NOT_NEEDED;
        // The mirror in the team thread is open to everyone in the team channel.
        const link = question.mirrorTs
          ? await deps.slack.permalink(tender.teamChannelId, question.mirrorTs)
          : await deps.slack.permalink(question.channelId, question.ts);
        const message = questionReminder({
          ownerIds: tender.members.map((member) => member.userId),
          sellerName: question.sellerName,
          requirement: { number: requirement.number, title: requirement.revisions[0]?.title },
          text: question.text,
          askedAt: question.createdAt,
          link,
          quiet: QUIET_STAGES.includes(tender.stage),
        });
        return { ts: await deps.slack.post(delivery.channelId, message) };
      },
    },

    [DELIVERY.silence]: {
      async send(delivery) {
        const { requirementId, sellerId } = payloadOf(silencePayload, delivery);
        const thread = await silenceToNudge(deps.db, requirementId, sellerId);
        if (!thread) return NOT_NEEDED;
        const { requirement } = thread;
        if (
          !tenderStillNudged(requirement.tender) ||
          !SILENCE_STAGES.includes(requirement.tender.stage) ||
          requirement.status !== "open" ||
          thread.sellerStatus === "declined" ||
          thread.replied
        )
          return NOT_NEEDED;
        const text = silenceNudge({ number: requirement.number, title: requirement.revisions[0]?.title });
        return { ts: await deps.slack.post(thread.channelId, { text, threadTs: thread.ts }) };
      },
    },

    [DELIVERY.dateTeam]: {
      async send(delivery) {
        const { which, day, daysAhead } = payloadOf(datePayload, delivery);
        const tender = await tenderOfNudge(deps.db, delivery.tenderId);
        if (!tender || !tenderStillNudged(tender) || !dateStillAhead(tender, which, day, new Date()))
          return NOT_NEEDED;
        const text = keyDateTeamReminder({ tender, which, day, daysAhead });
        return { ts: await deps.slack.post(delivery.channelId, { text }) };
      },
    },

    [DELIVERY.dateSeller]: {
      async send(delivery) {
        const { which, day, daysAhead } = payloadOf(datePayload, delivery);
        const tender = await tenderOfNudge(deps.db, delivery.tenderId);
        if (!tender || !tenderStillNudged(tender) || !dateStillAhead(tender, which, day, new Date()))
          return NOT_NEEDED;
        if (delivery.sellerId !== null && (await sellerStatusOf(deps.db, delivery.sellerId)) === "declined")
          return NOT_NEEDED;
        const text = keyDateSellerReminder({ tender, which, day, daysAhead });
        return { ts: await deps.slack.post(delivery.channelId, { text }) };
      },
    },
  };
}
