import { z } from "zod";
import type { Db } from "../../db/client.js";
import type { Deps } from "../../kernel/deps.js";
import {
  type Delivery,
  deliveryKind,
  type NewDelivery,
  type Registration,
  sends,
  whenSent,
} from "../../outbox/index.js";
import { REQUIREMENT_POST, sellerThreadOf } from "../requirements/index.js";
import { clarificationIdsOf, findClarification } from "./repository.js";
import { clarificationText } from "./views.js";

/** One clarification in one seller's thread of the requirement. */
const CLARIFICATION = deliveryKind({
  name: "requirement_clarification",
  key: (clarificationId: number, sellerId: number) => `clarification:${clarificationId}:seller:${sellerId}`,
  payload: z.object({ clarificationId: z.number().int() }),
});

export function clarificationDelivery(
  tenderId: number,
  requirementId: number,
  clarificationId: number,
  seller: { id: number; channelId: string },
): NewDelivery {
  return CLARIFICATION.create([clarificationId, seller.id], {
    tenderId,
    requirementId,
    sellerId: seller.id,
    channelId: seller.channelId,
    payload: { clarificationId },
  });
}

/**
 * A seller invited after a clarification, or whose post was still on its way, gets the
 * clarifications once its post is recorded: in that same transaction, so none is lost.
 */
async function queueLateClarifications(deps: Deps, tx: Db, post: Delivery): Promise<void> {
  const { requirementId, sellerId } = post;
  if (!requirementId || !sellerId) return;
  const seller = { id: sellerId, channelId: post.channelId };
  const ids = await clarificationIdsOf(tx, requirementId);
  await deps.outbox.enqueue(
    tx,
    ids.map((id) => clarificationDelivery(post.tenderId, requirementId, id, seller)),
  );
}

export function clarificationDeliveries(deps: Deps): Registration[] {
  return [
    sends(CLARIFICATION, {
      async send(delivery, { clarificationId }, slack) {
        const post = await sellerThreadOf(deps, delivery);
        if (!post) return { ts: null };
        const clarification = await findClarification(deps.db, clarificationId);
        if (!clarification) return { ts: null };
        const text = clarificationText(clarification.requirement.number, clarification);
        return { ts: await slack.post(post.channelId, { text, threadTs: post.ts }) };
      },
    }),
    whenSent(REQUIREMENT_POST, async (tx, post, sent) => {
      if (sent.ts) await queueLateClarifications(deps, tx, post);
    }),
  ];
}
