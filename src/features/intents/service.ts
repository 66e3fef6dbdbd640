import { recordAudit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import { transaction } from "../../db/transaction.js";
import { speaksForSeller } from "../../kernel/access.js";
import { actorOf } from "../../kernel/actor.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { BUTTON_NOT_READ } from "../../kernel/handlers.js";
import { queueMissedClarifications } from "../clarifications/index.js";
import { queueActiveMetricsFor } from "../metrics/index.js";
import { queueOpenRequirementsFor } from "../requirements/index.js";
import { activeSellers, placeOf, receivesNewPosts, type Tender, type TenderStage } from "../tenders/index.js";
import { intentNotes, intentPromptFor } from "./deliveries.js";
import { type BidIntent, intentWindow } from "./domain.js";
import { saveIntent, sellerState } from "./repository.js";
import {
  ALREADY_SAID,
  biddingThanks,
  INTENT_REFUSED,
  NOT_A_SELLER_CHANNEL,
  notBiddingThanks,
  ONLY_THE_SELLER,
} from "./views.js";

type SellerChannel = { id: number; channelId: string };

/**
 * The tender entered the requirements stage: every seller that gets what is new is asked whether
 * it will bid, once (a seller asked before is not asked again). In the caller's transaction.
 */
export async function queueIntentPrompts(deps: Deps, tx: Db, tender: Tender): Promise<void> {
  await deps.outbox.enqueue(
    tx,
    activeSellers(tender).map((seller) => intentPromptFor(tender.id, seller)),
  );
}

/** A seller that arrives while the tender is in the requirements stage is asked too. */
export async function queueIntentPromptFor(
  deps: Pick<Deps, "outbox">,
  tx: Db,
  tender: { id: number; stage: TenderStage },
  seller: SellerChannel,
): Promise<void> {
  if (tender.stage !== "requirements") return;
  await deps.outbox.enqueue(tx, [intentPromptFor(tender.id, seller)]);
}

/**
 * A seller that gets what is new again (its people joined after every invitation was declined, or
 * it changed its mind about bidding) receives what it missed: the intent prompt while the tender
 * asks for it, the active key metrics, the open requirements, and the clarifications published
 * meanwhile in the threads it has (those of requirements it gets now follow their posts); what its
 * channel has already is not sent again (the outbox's keys). Read in the transaction that made it
 * active.
 */
export async function catchUpSeller(
  deps: Deps,
  tx: Db,
  tender: { id: number; stage: TenderStage },
  seller: SellerChannel,
): Promise<void> {
  const now = await sellerState(tx, seller.id);
  if (!now || !receivesNewPosts(now)) return;
  await queueIntentPromptFor(deps, tx, tender, seller);
  await queueActiveMetricsFor(deps, tx, tender.id, seller);
  await queueOpenRequirementsFor(deps, tx, tender.id, seller);
  await queueMissedClarifications(deps, tx, tender.id, seller);
}

export interface IntentPlace {
  tender: Tender;
  seller: { id: number; name: string; channelId: string; intent: BidIntent };
}

/**
 * The seller channel an answer is given in, for that seller's own people only, while the tender
 * asks; `sellerId` is the button's value, which must name the channel's seller.
 */
export async function intentPlace(
  deps: Deps,
  channelId: string | undefined,
  user: { id: string; teamId: string | undefined },
  sellerId?: number,
): Promise<IntentPlace> {
  const place = channelId ? await placeOf(deps, channelId) : null;
  if (!place?.seller) throw new TenderError("forbidden", NOT_A_SELLER_CHANNEL);
  const { tender, seller } = place;
  if (sellerId !== undefined && sellerId !== seller.id) {
    deps.logger.warn({ channel: place.channelId, user: user.id }, "an intent button names another seller");
    throw new TenderError("invalid_input", BUTTON_NOT_READ);
  }
  const actor = await actorOf(deps, user.id, user.teamId);
  if (!speaksForSeller(seller, actor.teamId, deps.installation.teamId))
    throw new TenderError("forbidden", ONLY_THE_SELLER(seller.name));
  const window = intentWindow(tender, new Date());
  if (!window.open) throw new TenderError("invalid_input", INTENT_REFUSED(window, tender.stage));
  const intent = tender.sellers.find((candidate) => candidate.id === seller.id)?.intent ?? "undecided";
  return { tender, seller: { id: seller.id, name: seller.name, channelId: place.channelId, intent } };
}

/**
 * Records the seller's answer once: its prompt is brought up to date and the team channel told; a
 * seller back from "will not bid" gets what it missed meanwhile. False when it had said so already.
 */
async function decide(
  deps: Deps,
  { tender, seller }: IntentPlace,
  userId: string,
  said: { intent: BidIntent; reason?: string },
): Promise<boolean> {
  const at = new Date();
  return transaction(deps.db, async (tx) => {
    const before = await sellerState(tx, seller.id);
    if (!before) return false;
    const saved = await saveIntent(tx, seller.id, {
      intent: said.intent,
      reason: said.reason ?? null,
      by: userId,
      at,
    });
    if (!saved) return false;
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId: userId,
      action: "seller.intent_changed",
      detail: {
        seller: seller.name,
        from: before.intent,
        to: said.intent,
        ...(said.reason ? { reason: said.reason } : {}),
      },
    });
    await deps.outbox.enqueue(
      tx,
      intentNotes(tender, seller, { ...said, from: before.intent, by: userId, at }),
    );
    if (before.intent === "not_bidding") await catchUpSeller(deps, tx, tender, seller);
    return true;
  });
}

/** "We intend to bid". */
export async function intendToBid(deps: Deps, place: IntentPlace, userId: string): Promise<string> {
  const { seller } = place;
  if (seller.intent === "bidding" || !(await decide(deps, place, userId, { intent: "bidding" })))
    return ALREADY_SAID(seller.name, "bidding");
  return biddingThanks(seller.name);
}

/** "We will not bid", with the reason the buyer's team reads. */
export async function willNotBid(
  deps: Deps,
  place: IntentPlace,
  userId: string,
  reason: string,
): Promise<string> {
  const { seller, tender } = place;
  if (!(await decide(deps, place, userId, { intent: "not_bidding", reason })))
    return ALREADY_SAID(seller.name, "not_bidding");
  return notBiddingThanks(seller.name, tender.proposalsDueOn);
}
