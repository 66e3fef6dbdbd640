import type { Db } from "../../db/client.js";
import type { Deps } from "../../kernel/deps.js";
import {
  type Delivery,
  deliveryKind,
  deliveryState,
  type NewDelivery,
  NotYet,
  type Registration,
  refreshSlot,
  sends,
  whenSent,
} from "../../outbox/index.js";
import { slackErrorCode } from "../../slack/errors.js";
import { ACKNOWLEDGED_COPY } from "../acknowledgements/index.js";
import { CLARIFICATION } from "../clarifications/index.js";
import { ESTIMATE_CARD } from "../estimates/index.js";
import { INTENT_PROMPT_UPDATE } from "../intents/index.js";
import { LESSON_CARD, LESSON_THANKS } from "../lessons/index.js";
import { REPLY_MIRROR } from "../replies/index.js";
import { REQUIREMENT_NOTE, REQUIREMENT_POST, REQUIREMENT_UPDATE } from "../requirements/index.js";
import { DATES_NOTICE, STAGE_NOTICE } from "../timeline/index.js";
import { REFRESH_EVERY_MS } from "./domain.js";
import { type SellerChannel, sellerChannel, sellerOfChannel, sellersOfTender } from "./repository.js";
import { renderOverview } from "./service.js";

/** The seller's overview in its channel: posted once, pinned, and from then on updated in place. */
const OVERVIEW_POST = deliveryKind({
  name: "seller_overview",
  key: (sellerId: number) => `overview:${sellerId}`,
});

/**
 * The overview brought up to date with what changed in one slot of time (`slot`): every change of
 * the slot queues the same key, so a burst of changes updates the message once.
 */
const OVERVIEW_REFRESH = deliveryKind({
  name: "overview_refresh",
  key: (sellerId: number, slot: number) => `overview:${sellerId}:${slot}`,
});

/** How many slots ahead an update is looked for when the current slot's went out early. */
const SLOTS_AHEAD = 20;

/** How long an update waits for the overview still on its way. */
const POST_WAIT_MS = 2_000;

function overviewPost(seller: SellerChannel): NewDelivery {
  return OVERVIEW_POST.create([seller.id], {
    tenderId: seller.tenderId,
    sellerId: seller.id,
    channelId: seller.channelId,
  });
}

/** The overview of a seller just invited, queued after its welcome. */
export async function queueSellerOverview(deps: Deps, tx: Db, seller: SellerChannel): Promise<void> {
  await deps.outbox.enqueue(tx, [overviewPost(seller)]);
}

interface OverviewOptions {
  /** How long changes are gathered before one update (tests shorten it); default 5 s. */
  refreshMs?: number | undefined;
}

export function overviewDeliveries(deps: Deps, options: OverviewOptions = {}): Registration[] {
  const everyMs = options.refreshMs ?? REFRESH_EVERY_MS;

  /**
   * Queues the update of the slot the change falls in; one queued already shows this change too.
   * One that went out before its slot ended (a clock ahead of this one) does not: the next slot's.
   */
  async function queueRefresh(tx: Db, sellers: SellerChannel[]): Promise<void> {
    const { slot, notBefore } = refreshSlot(new Date(), everyMs);
    for (const seller of sellers) {
      for (let later = 0; later < SLOTS_AHEAD; later++) {
        const refresh = OVERVIEW_REFRESH.create([seller.id, slot + later], {
          tenderId: seller.tenderId,
          sellerId: seller.id,
          channelId: seller.channelId,
          notBefore: new Date(notBefore.getTime() + later * everyMs),
        });
        if ((await deps.outbox.enqueue(tx, [refresh])) > 0) break;
        if ((await deliveryState(tx, refresh.key))?.status === "pending") break;
      }
    }
  }

  /** A message about one seller was sent (the row names it, or it went to its channel). */
  const forItsSeller = async (tx: Db, delivery: Delivery) => {
    const seller =
      delivery.sellerId !== null
        ? await sellerChannel(tx, delivery.sellerId)
        : await sellerOfChannel(tx, delivery.channelId);
    if (seller) await queueRefresh(tx, [seller]);
  };
  /** The team was told of a change of the whole tender (its stage, its dates): every seller's overview. */
  const forEverySeller = async (tx: Db, delivery: Delivery) => {
    if (delivery.sellerId === null) await queueRefresh(tx, await sellersOfTender(tx, delivery.tenderId));
  };

  return [
    sends(OVERVIEW_POST, {
      async send(delivery, _payload, slack) {
        if (delivery.sellerId === null) return { ts: null };
        const message = await renderOverview(deps.db, delivery.sellerId, (channelId, ts) =>
          slack.permalink(channelId, ts),
        );
        if (!message) return { ts: null };
        const ts = await slack.post(delivery.channelId, message);
        try {
          await deps.slack.pin(delivery.channelId, ts);
        } catch (error) {
          // Unpinned, the overview is still there and kept current: never worth failing over.
          deps.logger.warn(
            { err: error, error: slackErrorCode(error), channel: delivery.channelId },
            "the seller's overview could not be pinned",
          );
        }
        return { ts };
      },
    }),
    sends(OVERVIEW_REFRESH, {
      async send(delivery, _payload, slack) {
        const { sellerId } = delivery;
        if (sellerId === null) return { ts: null };
        const post = await deliveryState(deps.db, OVERVIEW_POST.key(sellerId));
        if (!post) {
          // A seller from before overviews: its overview is posted now, once (the key), as it is by then.
          const seller = await sellerChannel(deps.db, sellerId);
          if (seller) await deps.outbox.enqueue(deps.db, [overviewPost(seller)]);
          return { ts: null };
        }
        if (post.status === "pending")
          throw new NotYet(POST_WAIT_MS, "the seller's overview is not posted yet");
        if (!post.ts) return { ts: null };
        const message = await renderOverview(deps.db, sellerId, (channelId, ts) =>
          slack.permalink(channelId, ts),
        );
        if (message) await slack.update(post.channelId, post.ts, message);
        return { ts: null };
      },
    }),
    // What a seller's overview shows changed once these messages went out.
    whenSent(REQUIREMENT_POST, forItsSeller),
    whenSent(REQUIREMENT_UPDATE, forItsSeller),
    whenSent(REQUIREMENT_NOTE, forItsSeller),
    whenSent(CLARIFICATION, forItsSeller),
    whenSent(ACKNOWLEDGED_COPY, forItsSeller),
    whenSent(REPLY_MIRROR, forItsSeller),
    whenSent(LESSON_CARD, forItsSeller),
    whenSent(LESSON_THANKS, forItsSeller),
    whenSent(ESTIMATE_CARD, forItsSeller),
    whenSent(INTENT_PROMPT_UPDATE, forItsSeller),
    whenSent(STAGE_NOTICE, forEverySeller),
    whenSent(DATES_NOTICE, forEverySeller),
  ];
}
