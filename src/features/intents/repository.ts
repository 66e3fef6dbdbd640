import type { Db } from "../../db/client.js";
import type { BidIntent, SellerStatus, TenderStage } from "../../generated/prisma/enums.js";

const sellerSelect = {
  id: true,
  name: true,
  channelId: true,
  status: true,
  intent: true,
  intentReason: true,
  intentBy: true,
  intentAt: true,
  tender: {
    select: {
      id: true,
      number: true,
      title: true,
      goal: true,
      stage: true,
      timezone: true,
      proposalsDueOn: true,
      teamChannelId: true,
    },
  },
} as const;

/** A seller with what it said about bidding, and what its prompt shows of the tender. */
export interface SellerIntent {
  id: number;
  name: string;
  channelId: string;
  status: SellerStatus;
  intent: BidIntent;
  intentReason: string | null;
  intentBy: string | null;
  intentAt: Date | null;
  tender: {
    id: number;
    number: number;
    title: string;
    goal: string | null;
    stage: TenderStage;
    timezone: string;
    proposalsDueOn: Date | null;
    teamChannelId: string;
  };
}

export async function findSellerIntent(db: Db, sellerId: number): Promise<SellerIntent | null> {
  return db.seller.findUnique({ where: { id: sellerId }, select: sellerSelect });
}

/** Whether the seller is in and what it said, as it is now (in the caller's transaction). */
export async function sellerState(db: Db, sellerId: number) {
  return db.seller.findUnique({ where: { id: sellerId }, select: { status: true, intent: true } });
}

/**
 * Records what the seller said; false when it had said so already (a second press, or the same
 * press worked again), so that nothing is recorded or told twice. One guarded statement.
 */
export async function saveIntent(
  db: Db,
  sellerId: number,
  said: { intent: BidIntent; reason: string | null; by: string; at: Date },
): Promise<boolean> {
  const { count } = await db.seller.updateMany({
    where: { id: sellerId, intent: { not: said.intent } },
    data: { intent: said.intent, intentReason: said.reason, intentBy: said.by, intentAt: said.at },
  });
  return count > 0;
}
