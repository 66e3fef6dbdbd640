import { z } from "zod";
import { type DeliveryKind, NotYet } from "../../outbox/dispatcher.js";
import type { Delivery } from "../../outbox/repository.js";
import type { Deps } from "../deps.js";
import { DELIVERY } from "./ids.js";
import { cardsOf, findLesson } from "./repository.js";
import { lessonCard } from "./views.js";

const cardPayload = z.object({ lessonId: z.number().int(), threadTs: z.string().optional() });
const thanksPayload = z.object({ text: z.string().min(1) });
const updatePayload = z.object({ lessonId: z.number().int() });

/** How long a card update waits for a card still on its way. */
const CARD_WAIT_MS = 2_000;

function payloadOf<T>(schema: z.ZodType<T>, delivery: Delivery): T {
  const parsed = schema.safeParse(delivery.payload);
  if (!parsed.success) throw new Error(`delivery ${delivery.key} has no usable payload`);
  return parsed.data;
}

export function lessonDeliveryKinds(deps: Deps): Record<string, DeliveryKind> {
  return {
    [DELIVERY.card]: {
      async send(delivery) {
        const { lessonId, threadTs } = payloadOf(cardPayload, delivery);
        const lesson = await findLesson(deps.db, lessonId);
        if (!lesson) return { ts: null };
        return { ts: await deps.slack.post(delivery.channelId, { ...lessonCard(lesson), threadTs }) };
      },
    },
    [DELIVERY.cardUpdate]: {
      async send(delivery) {
        const { lessonId } = payloadOf(updatePayload, delivery);
        const cards = await cardsOf(deps.db, lessonId);
        if (cards.some((card) => card.status === "pending"))
          throw new NotYet(CARD_WAIT_MS, "the lesson's card is not posted yet");
        const lesson = await findLesson(deps.db, lessonId);
        if (!lesson) return { ts: null };
        for (const card of cards) {
          if (card.ts) await deps.slack.update(card.channelId, card.ts, lessonCard(lesson));
        }
        return { ts: null };
      },
    },
    [DELIVERY.thanks]: {
      async send(delivery) {
        const { text } = payloadOf(thanksPayload, delivery);
        return { ts: await deps.slack.post(delivery.channelId, { text }) };
      },
    },
  };
}
