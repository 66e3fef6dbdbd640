import type { Db } from "../../db/client.js";
import type { InviteStatus, SellerStatus } from "../../generated/prisma/enums.js";

const sellerSelect = {
  id: true,
  tenderId: true,
  name: true,
  slug: true,
  channelId: true,
  slackTeamId: true,
  timezone: true,
  status: true,
  invites: { select: { id: true, email: true, status: true, slackInviteId: true }, orderBy: { id: "asc" } },
} as const;

export interface Seller {
  id: number;
  tenderId: number;
  name: string;
  slug: string;
  channelId: string;
  slackTeamId: string | null;
  timezone: string | null;
  status: SellerStatus;
  invites: { id: number; email: string; status: InviteStatus; slackInviteId: string | null }[];
}

export async function findSellerBySlug(db: Db, tenderId: number, slug: string): Promise<Seller | null> {
  return db.seller.findUnique({ where: { tenderId_slug: { tenderId, slug } }, select: sellerSelect });
}

export async function findSellerByChannel(db: Db, channelId: string): Promise<Seller | null> {
  return db.seller.findUnique({ where: { channelId }, select: sellerSelect });
}

export async function insertSeller(
  db: Db,
  row: { tenderId: number; name: string; slug: string; channelId: string; createdBy: string },
): Promise<Seller> {
  return db.seller.create({ data: row, select: sellerSelect });
}

export async function saveInvite(
  db: Db,
  sellerId: number,
  email: string,
  outcome: { status: InviteStatus; errorCode?: string; slackInviteId?: string },
): Promise<void> {
  const data = {
    status: outcome.status,
    errorCode: outcome.errorCode ?? null,
    slackInviteId: outcome.slackInviteId ?? null,
  };
  await db.sellerInvite.upsert({
    where: { sellerId_email: { sellerId, email } },
    create: { sellerId, email, ...data },
    update: data,
  });
}

export async function setSellerStatus(
  db: Db,
  sellerId: number,
  status: SellerStatus,
  slackTeamId?: string,
): Promise<void> {
  await db.seller.update({
    where: { id: sellerId },
    data: { status, ...(slackTeamId ? { slackTeamId } : {}) },
  });
}

/**
 * Moves a seller that is not in yet to `status`; false when it is in already, e.g. because Slack
 * reported its people joining before the invitation's acceptance. One statement, so that of two
 * events telling the same arrival only one counts the seller in.
 */
export async function setStatusUnlessJoined(
  db: Db,
  sellerId: number,
  status: SellerStatus,
): Promise<boolean> {
  const { count } = await db.seller.updateMany({
    where: { id: sellerId, status: { not: "joined" } },
    data: { status },
  });
  return count > 0;
}

export async function setSellerTeam(db: Db, sellerId: number, slackTeamId: string): Promise<void> {
  await db.seller.update({ where: { id: sellerId }, data: { slackTeamId } });
}

/** The zone of the seller's people, from the first of them whose zone is known. */
export async function recordSellerTimezone(db: Db, sellerId: number, timezone: string): Promise<void> {
  await db.seller.updateMany({ where: { id: sellerId, timezone: null }, data: { timezone } });
}

export async function setInviteStatus(db: Db, inviteId: number, status: InviteStatus): Promise<void> {
  await db.sellerInvite.update({ where: { id: inviteId }, data: { status } });
}
