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
import { SECTION_MAX, section } from "../../slack/blocks.js";
import { splitText } from "../../slack/text.js";
import { acknowledgeBlock, askLateSeller } from "../acknowledgements/index.js";
import { REQUIREMENT_POST, sellerThreadOf } from "../requirements/index.js";
import { clarificationIdsOf, clarificationsInThreadsOf, findClarification } from "./repository.js";
import { clarificationText } from "./views.js";

/** One clarification in one seller's thread of the requirement. */
export const CLARIFICATION = deliveryKind({
  name: "requirement_clarification",
  key: (clarificationId: number, sellerId: number) => `clarification:${clarificationId}:seller:${sellerId}`,
  payload: z.object({ clarificationId: z.number().int(), noticeId: z.number().int().optional() }),
});

/** What sellers acknowledge of a clarification: the same for every seller, asked once. */
export function clarificationNoticeKey(clarificationId: number): string {
  return `clarification:${clarificationId}`;
}

export function clarificationDelivery(
  tenderId: number,
  requirementId: number,
  clarificationId: number,
  seller: { id: number; channelId: string },
  noticeId: number | undefined,
): NewDelivery {
  return CLARIFICATION.create([clarificationId, seller.id], {
    tenderId,
    requirementId,
    sellerId: seller.id,
    channelId: seller.channelId,
    payload: noticeId === undefined ? { clarificationId } : { clarificationId, noticeId },
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
  const notices = await askLateSeller(deps, tx, sellerId, ids.map(clarificationNoticeKey));
  await deps.outbox.enqueue(
    tx,
    ids.map((id) =>
      clarificationDelivery(
        post.tenderId,
        requirementId,
        id,
        seller,
        notices.get(clarificationNoticeKey(id)),
      ),
    ),
  );
}

/**
 * A seller that gets what is new again (it changed its mind about bidding, or its people joined
 * after every invitation was declined) gets the clarifications published meanwhile in the threads
 * it has, each with "Acknowledge"; what its threads have already is not sent again (the keys).
 */
export async function queueMissedClarifications(
  deps: Deps,
  tx: Db,
  tenderId: number,
  seller: { id: number; channelId: string },
): Promise<void> {
  const missed = await clarificationsInThreadsOf(tx, tenderId, seller.id);
  const notices = await askLateSeller(
    deps,
    tx,
    seller.id,
    missed.map(({ id }) => clarificationNoticeKey(id)),
  );
  await deps.outbox.enqueue(
    tx,
    missed.map(({ id, requirementId }) =>
      clarificationDelivery(tenderId, requirementId, id, seller, notices.get(clarificationNoticeKey(id))),
    ),
  );
}

export function clarificationDeliveries(deps: Deps): Registration[] {
  return [
    sends(CLARIFICATION, {
      async send(delivery, { clarificationId, noticeId }, slack) {
        const post = await sellerThreadOf(deps, delivery);
        if (!post) return { ts: null };
        const clarification = await findClarification(deps.db, clarificationId);
        if (!clarification) return { ts: null };
        const text = clarificationText(clarification.requirement.number, clarification);
        const blocks =
          noticeId === undefined
            ? undefined
            : [...splitText(text, SECTION_MAX).map(section), acknowledgeBlock(noticeId)];
        return { ts: await slack.post(post.channelId, { text, blocks, threadTs: post.ts }) };
      },
    }),
    whenSent(REQUIREMENT_POST, async (tx, post, sent) => {
      if (sent.ts) await queueLateClarifications(deps, tx, post);
    }),
  ];
}
