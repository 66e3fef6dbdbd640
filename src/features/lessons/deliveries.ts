import { z } from "zod";
import type { Deps } from "../../kernel/deps.js";
import { deliveryKind, deliveryStates, NotYet, type Registration, sends } from "../../outbox/index.js";
import { findLesson } from "./repository.js";
import { lessonCard } from "./views.js";

/** A lesson's card where it was captured (`card`), and its copy in the team channel (`mirror`). */
export const LESSON_CARD = deliveryKind({
  name: "lesson_card",
  key: (lessonId: number, where: "card" | "mirror") => `lesson:${lessonId}:${where}`,
  payload: z.object({ lessonId: z.number().int(), threadTs: z.string().optional() }),
});

/** The cards brought up to date once the lesson is applied in a revision. */
export const LESSON_CARD_UPDATE = deliveryKind({
  name: "lesson_card_update",
  key: (lessonId: number, requirementId: number, version: number) =>
    `lesson:${lessonId}:applied:${requirementId}:v${version}:cards`,
  payload: z.object({ lessonId: z.number().int() }),
});

/** The thank-you note in the channel of the seller whose lesson shaped a requirement. */
export const LESSON_THANKS = deliveryKind({
  name: "lesson_thanks",
  key: (lessonId: number, requirementId: number, version: number) =>
    `lesson:${lessonId}:applied:${requirementId}:v${version}`,
  payload: z.object({ text: z.string().min(1) }),
});

/** How long a card update waits for a card still on its way. */
const CARD_WAIT_MS = 2_000;

export function lessonDeliveries(deps: Deps): Registration[] {
  return [
    sends(LESSON_CARD, {
      async send(delivery, { lessonId, threadTs }, slack) {
        const lesson = await findLesson(deps.db, lessonId);
        if (!lesson) return { ts: null };
        return { ts: await slack.post(delivery.channelId, { ...lessonCard(lesson), threadTs }) };
      },
    }),
    sends(LESSON_CARD_UPDATE, {
      async send(_delivery, { lessonId }, slack) {
        const cards = await deliveryStates(deps.db, [
          LESSON_CARD.key(lessonId, "card"),
          LESSON_CARD.key(lessonId, "mirror"),
        ]);
        if (cards.some((card) => card.status === "pending"))
          throw new NotYet(CARD_WAIT_MS, "the lesson's card is not posted yet");
        const lesson = await findLesson(deps.db, lessonId);
        if (!lesson) return { ts: null };
        for (const card of cards) {
          if (card.ts) await slack.update(card.channelId, card.ts, lessonCard(lesson));
        }
        return { ts: null };
      },
    }),
    sends(LESSON_THANKS, {
      async send(delivery, { text }, slack) {
        return { ts: await slack.post(delivery.channelId, { text }) };
      },
    }),
  ];
}
