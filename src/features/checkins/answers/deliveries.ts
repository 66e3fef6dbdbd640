import { z } from "zod";
import type { Deps } from "../../../kernel/deps.js";
import { deliveryKind, deliveryState, NotYet, type Registration, sends } from "../../../outbox/index.js";
import { findAnswer, findOccurrence } from "../repository.js";
import { CHECKIN_TEAM_NOTICE } from "../runs/deliveries.js";
import { answerMirror } from "./views.js";

/** A seller's answer, under its run's notice in the team channel. */
export const CHECKIN_ANSWER_MIRROR = deliveryKind({
  name: "checkin_answer_mirror",
  key: (answerId: number) => `checkin-answer:${answerId}:mirror`,
  payload: z.object({ answerId: z.number().int() }),
});

/** A mirror waits this long for the team notice it goes under. */
const NOTICE_WAIT_MS = 2_000;

export function answerDeliveries(deps: Deps): Registration[] {
  return [
    sends(CHECKIN_ANSWER_MIRROR, {
      async send(delivery, { answerId }, slack) {
        const answer = await findAnswer(deps.db, answerId);
        if (!answer) return { ts: null };
        const run = answer.occurrence;
        const notice = await deliveryState(deps.db, CHECKIN_TEAM_NOTICE.key(run.checkIn.id, run.dueAt));
        if (notice?.status === "pending")
          throw new NotYet(NOTICE_WAIT_MS, "the check-in's team notice is not posted yet");
        const occurrence = await findOccurrence(deps.db, run.id);
        const seller = occurrence?.checkIn.tender.sellers.find((s) => s.id === answer.sellerId);
        const link = answer.ts && seller ? await slack.permalink(seller.channelId, answer.ts) : undefined;
        const text = answerMirror(
          seller?.name ?? "A seller",
          answer.kind,
          answer.authorName,
          answer.text,
          link,
        );
        return {
          ts: await slack.post(delivery.channelId, {
            text,
            ...(notice?.ts ? { threadTs: notice.ts } : {}),
          }),
        };
      },
    }),
  ];
}
