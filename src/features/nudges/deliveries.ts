import { z } from "zod";
import type { Deps } from "../../kernel/deps.js";
import { zoneOr } from "../../kernel/zones.js";
import {
  type Delivery,
  type DeliverySlack,
  deliveryKind,
  type Registration,
  type Sent,
  sends,
} from "../../outbox/index.js";
import { QUIET_STAGES, receivesNewPosts } from "../tenders/index.js";
import { daysUntil } from "./business-time.js";
import { isoDay, keyDateOf, nudgesRunIn, SILENCE_STAGES } from "./domain.js";
import { dateKey, quantifyKey, questionKey, silenceKey, staleKey } from "./ids.js";
import { estimateToUpdate, sellerToQuantify } from "./quantify.js";
import {
  questionToRemind,
  sellerStateOf,
  silenceToNudge,
  type TenderOfNudge,
  tenderOfNudge,
} from "./repository.js";
import {
  keyDateSellerReminder,
  keyDateTeamReminder,
  quantifyNudge,
  questionReminder,
  silenceNudge,
  staleEstimateNudge,
} from "./views.js";

const datePayload = z.object({
  which: z.enum(["questions", "proposals", "award"]),
  day: z.iso.date(),
  daysAhead: z.number().int(),
});

/** A seller question waiting for an answer: a reminder to the owners in the team channel. */
export const NUDGE_QUESTION = deliveryKind({
  name: "nudge_question",
  key: questionKey,
  payload: z.object({ replyId: z.number().int() }),
});

/** A requirement a seller has not replied to: a gentle nudge in that seller's thread. */
export const NUDGE_SILENCE = deliveryKind({
  name: "nudge_silence",
  key: silenceKey,
  payload: z.object({ requirementId: z.number().int(), sellerId: z.number().int() }),
});

/** A key date coming up: a reminder in the team channel, and in the seller channels it concerns. */
export const NUDGE_DATE_TEAM = deliveryKind({
  name: "nudge_date_team",
  key: (tenderId: number, which: string, day: string) => dateKey(tenderId, which, day),
  payload: datePayload,
});

export const NUDGE_DATE_SELLER = deliveryKind({
  name: "nudge_date_seller",
  key: (tenderId: number, which: string, day: string, sellerId: number) =>
    dateKey(tenderId, which, day, sellerId),
  payload: datePayload,
});

/** A seller that has not quantified its impact in the key metrics: one gentle nudge in its channel. */
export const NUDGE_QUANTIFY = deliveryKind({
  name: "nudge_quantify",
  key: quantifyKey,
  payload: z.object({ sellerId: z.number().int() }),
});

/** A seller's estimate made against a metric's earlier values: one nudge per version of the metric. */
export const NUDGE_STALE_ESTIMATE = deliveryKind({
  name: "nudge_stale_estimate",
  key: staleKey,
  payload: z.object({ sellerId: z.number().int(), metricId: z.number().int(), version: z.number().int() }),
});

/** Nothing posted: the nudge is no longer wanted by the time it is due. */
const NOT_NEEDED: Sent = { ts: null };

function tenderStillNudged(tender: Pick<TenderOfNudge, "nudgesOn" | "stage">): boolean {
  return tender.nudgesOn && nudgesRunIn(tender.stage);
}

/**
 * The nudges in a seller's channel run while its input is sought, and never for a seller that gets
 * nothing new (it declined every invitation, or will not bid).
 */
function sellerStillAsked(
  seller: Parameters<typeof receivesNewPosts>[0] & { tender: Pick<TenderOfNudge, "nudgesOn" | "stage"> },
) {
  return (
    tenderStillNudged(seller.tender) &&
    SILENCE_STAGES.includes(seller.tender.stage) &&
    receivesNewPosts(seller)
  );
}

/** Still the tender's date, and not yet past where the date is a day. */
function dateStillAhead(tender: TenderOfNudge, which: string, day: string, now: Date): boolean {
  const field = keyDateOf(which)?.field;
  const current = field ? tender[field] : null;
  return (
    current !== null && isoDay(current) === day && daysUntil(day, now, zoneOr(tender.timezone, "UTC")) >= 0
  );
}

/** A key date coming up, in the team channel or a seller's; not sent once the date moved or passed. */
async function keyDateReminder(
  deps: Deps,
  slack: DeliverySlack,
  delivery: Delivery,
  date: z.output<typeof datePayload>,
): Promise<Sent> {
  const { which, day, daysAhead } = date;
  const tender = await tenderOfNudge(deps.db, delivery.tenderId);
  if (!tender || !tenderStillNudged(tender) || !dateStillAhead(tender, which, day, new Date()))
    return NOT_NEEDED;
  if (delivery.sellerId === null) {
    const text = keyDateTeamReminder({ tender, which, day, daysAhead });
    return { ts: await slack.post(delivery.channelId, { text }) };
  }
  const seller = await sellerStateOf(deps.db, delivery.sellerId);
  if (!seller || !receivesNewPosts(seller)) return NOT_NEEDED;
  const text = keyDateSellerReminder({ tender, which, day, daysAhead });
  return { ts: await slack.post(delivery.channelId, { text }) };
}

/**
 * Nudges are planned ahead of their working hours; each checks when it is sent that it is still
 * wanted (the question answered, the seller replied or quantified, the estimate updated, nudges
 * turned off, the date moved) and otherwise posts nothing.
 */
export function nudgeDeliveries(deps: Deps): Registration[] {
  return [
    sends(NUDGE_QUESTION, {
      async send(delivery, { replyId }, slack) {
        const question = await questionToRemind(deps.db, replyId);
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
          ? await slack.permalink(tender.teamChannelId, question.mirrorTs)
          : await slack.permalink(question.channelId, question.ts);
        const message = questionReminder({
          ownerIds: tender.members.map((member) => member.userId),
          sellerName: question.sellerName,
          requirement: { number: requirement.number, title: requirement.revisions[0]?.title },
          text: question.text,
          askedAt: question.createdAt,
          link,
          quiet: QUIET_STAGES.includes(tender.stage),
        });
        return { ts: await slack.post(delivery.channelId, message) };
      },
    }),

    sends(NUDGE_SILENCE, {
      async send(_delivery, { requirementId, sellerId }, slack) {
        const thread = await silenceToNudge(deps.db, requirementId, sellerId);
        if (!thread) return NOT_NEEDED;
        const { requirement } = thread;
        if (
          !tenderStillNudged(requirement.tender) ||
          !SILENCE_STAGES.includes(requirement.tender.stage) ||
          requirement.status !== "open" ||
          !receivesNewPosts(thread.seller) ||
          thread.replied
        )
          return NOT_NEEDED;
        const text = silenceNudge({ number: requirement.number, title: requirement.revisions[0]?.title });
        return { ts: await slack.post(thread.channelId, { text, threadTs: thread.ts }) };
      },
    }),

    sends(NUDGE_QUANTIFY, {
      async send(_delivery, { sellerId }, slack) {
        const seller = await sellerToQuantify(deps.db, sellerId);
        if (!seller || !sellerStillAsked(seller) || seller.quantified || seller.firstMetricId === undefined)
          return NOT_NEEDED;
        return { ts: await slack.post(seller.channelId, quantifyNudge(seller.firstMetricId)) };
      },
    }),

    sends(NUDGE_STALE_ESTIMATE, {
      async send(_delivery, { sellerId, metricId, version }, slack) {
        const found = await estimateToUpdate(deps.db, sellerId, metricId);
        if (!found || !sellerStillAsked(found)) return NOT_NEEDED;
        const { metric, estimate } = found;
        // Changed again since: the nudge for the newer version follows in its own time.
        if (metric.status !== "active" || metric.version !== version) return NOT_NEEDED;
        if (!estimate || estimate.metricVersion >= metric.version) return NOT_NEEDED;
        return { ts: await slack.post(found.channelId, staleEstimateNudge({ id: metricId, ...metric })) };
      },
    }),

    sends(NUDGE_DATE_TEAM, { send: (delivery, date, slack) => keyDateReminder(deps, slack, delivery, date) }),
    sends(NUDGE_DATE_SELLER, {
      send: (delivery, date, slack) => keyDateReminder(deps, slack, delivery, date),
    }),
  ];
}
