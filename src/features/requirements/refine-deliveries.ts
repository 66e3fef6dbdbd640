import { z } from "zod";
import type { Db } from "../../db/client.js";
import type { DeliveryKind } from "../../outbox/dispatcher.js";
import { type Delivery, enqueue } from "../../outbox/repository.js";
import type { Deps } from "../deps.js";
import { sellerThread } from "./deliveries.js";
import { clarificationDelivery, REFINE_DELIVERY } from "./refine.js";
import { clarificationText } from "./refine-views.js";
import { clarificationIdsOf, findClarification, findRequirementById } from "./repository.js";
import { DELIVERY } from "./service.js";

const clarificationPayload = z.object({ clarificationId: z.number().int() });

/** Queues a requirement's clarifications for a seller whose post has just been made. */
async function queueClarificationsFor(db: Db, delivery: Delivery): Promise<void> {
  const { requirementId, sellerId } = delivery;
  if (!requirementId || !sellerId) return;
  const seller = { id: sellerId, channelId: delivery.channelId };
  const ids = await clarificationIdsOf(db, requirementId);
  await enqueue(
    db,
    ids.map((id) => clarificationDelivery(delivery.tenderId, requirementId, id, seller)),
  );
}

/**
 * A seller invited after a clarification, or whose post was still on its way, gets the
 * clarifications once its post is recorded: in that same transaction, so none is lost.
 */
export function withLateClarifications(post: DeliveryKind): DeliveryKind {
  return {
    ...post,
    async recordSent(tx, delivery, sent) {
      await post.recordSent?.(tx, delivery, sent);
      if (sent.ts) await queueClarificationsFor(tx, delivery);
    },
  };
}

export function refineDeliveryKinds(
  deps: Deps,
  requirementKinds: Record<string, DeliveryKind>,
): Record<string, DeliveryKind> {
  const post = requirementKinds[DELIVERY.sellerPost];
  return {
    ...(post ? { [DELIVERY.sellerPost]: withLateClarifications(post) } : {}),
    [REFINE_DELIVERY.clarification]: {
      async send(delivery) {
        const payload = clarificationPayload.safeParse(delivery.payload);
        if (!payload.success) throw new Error(`delivery ${delivery.key} has no clarification`);
        const post = await sellerThread(deps, delivery);
        if (!post) return { ts: null };
        const clarification = await findClarification(deps.db, payload.data.clarificationId);
        const requirement =
          clarification && (await findRequirementById(deps.db, clarification.requirementId));
        if (!clarification || !requirement) return { ts: null };
        const text = clarificationText(requirement.number, clarification);
        return { ts: await deps.slack.post(post.channelId, { text, threadTs: post.ts }) };
      },
    },
  };
}
