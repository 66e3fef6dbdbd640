import { z } from "zod";
import type { Deps } from "../../kernel/deps.js";
import { deliveryKind, type NewDelivery, type Registration, sends } from "../../outbox/index.js";
import { tenderById } from "../tenders/index.js";
import { findQuietAnswer, findQuietAnswerOfReply } from "./quiet-repository.js";
import { exceptionNote, quietPrompt } from "./quiet-views.js";

/**
 * The prompt to publish a private answer or keep it as an exception, in the answer's thread, for
 * its author only. Named by the reply, so a message worked again queues it once.
 */
const QUIET_PROMPT = deliveryKind({
  name: "quiet_answer_prompt",
  key: (replyId: number) => `quiet:reply:${replyId}:prompt`,
  payload: z.object({ replyId: z.number().int() }),
});

/** The team channel told of a private answer kept as an exception. */
const QUIET_EXCEPTION_NOTE = deliveryKind({
  name: "quiet_exception_note",
  key: (quietAnswerId: number) => `quiet:${quietAnswerId}:exception`,
  payload: z.object({ quietAnswerId: z.number().int() }),
});

export function quietPromptDelivery(answer: {
  replyId: number;
  tenderId: number;
  requirementId: number;
  sellerId: number;
  channelId: string;
}): NewDelivery {
  return QUIET_PROMPT.create([answer.replyId], {
    tenderId: answer.tenderId,
    requirementId: answer.requirementId,
    sellerId: answer.sellerId,
    channelId: answer.channelId,
    payload: { replyId: answer.replyId },
  });
}

export function exceptionNoteDelivery(
  answer: { id: number; tenderId: number; requirementId: number; sellerId: number },
  teamChannelId: string,
): NewDelivery {
  return QUIET_EXCEPTION_NOTE.create([answer.id], {
    tenderId: answer.tenderId,
    requirementId: answer.requirementId,
    sellerId: answer.sellerId,
    channelId: teamChannelId,
    payload: { quietAnswerId: answer.id },
  });
}

export function quietDeliveries(deps: Deps): Registration[] {
  return [
    sends(QUIET_PROMPT, {
      async send(delivery, { replyId }, slack) {
        const answer = await findQuietAnswerOfReply(deps.db, replyId);
        // Decided or deleted before the prompt went out: nothing left to ask.
        if (answer?.status !== "pending" || answer.reply.deleted) return { ts: null };
        const tender = await tenderById(deps, answer.tenderId);
        await slack.postEphemeral(delivery.channelId, answer.reply.userId, {
          ...quietPrompt(answer, tender),
          threadTs: answer.reply.threadTs,
        });
        return { ts: null };
      },
    }),
    sends(QUIET_EXCEPTION_NOTE, {
      async send(delivery, { quietAnswerId }, slack) {
        const answer = await findQuietAnswer(deps.db, quietAnswerId);
        if (!answer) return { ts: null };
        const link = answer.reply.deleted
          ? undefined
          : await slack.permalink(answer.reply.channelId, answer.reply.ts);
        return { ts: await slack.post(delivery.channelId, { text: exceptionNote(answer, link) }) };
      },
    }),
  ];
}
