import type { Db } from "../../db/client.js";
import type { NoticeKind } from "../../generated/prisma/enums.js";

const receiptSelect = {
  sellerId: true,
  acknowledgedBy: true,
  acknowledgedAt: true,
  seller: { select: { name: true, channelId: true, status: true, intent: true } },
} as const;

const noticeSelect = {
  id: true,
  tenderId: true,
  kind: true,
  subject: true,
  remindedAt: true,
  createdAt: true,
  receipts: { select: receiptSelect, orderBy: { sellerId: "asc" } },
} as const;

/** A notice with every seller's receipt, for the board, the answers and the reminders. */
export async function findNotice(db: Db, id: number) {
  return db.notice.findUnique({ where: { id }, select: noticeSelect });
}

export type Notice = NonNullable<Awaited<ReturnType<typeof findNotice>>>;

export async function findNoticeIdByKey(db: Db, key: string): Promise<number | undefined> {
  const found = await db.notice.findUnique({ where: { key }, select: { id: true } });
  return found?.id;
}

export async function noticeIdsByKeys(db: Db, keys: string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db.notice.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } });
  return new Map(rows.map((row) => [row.key, row.id]));
}

export async function insertNotice(
  db: Db,
  notice: {
    tenderId: number;
    key: string;
    kind: NoticeKind;
    subject: string;
    requirementId?: number;
    createdBy: string;
  },
): Promise<number> {
  const created = await db.notice.create({
    data: { ...notice, requirementId: notice.requirementId ?? null },
    select: { id: true },
  });
  return created.id;
}

/** Pending receipts for the sellers that have none yet; how many were added. */
export async function addReceipts(db: Db, noticeId: number, sellerIds: number[]): Promise<number> {
  if (sellerIds.length === 0) return 0;
  const added = await db.noticeReceipt.createMany({
    data: sellerIds.map((sellerId) => ({ noticeId, sellerId })),
    skipDuplicates: true,
  });
  return added.count;
}

/** Records the acknowledgement unless the seller's people gave it already; whether this one counted. */
export async function acknowledgeReceipt(
  db: Db,
  noticeId: number,
  sellerId: number,
  userId: string,
  at: Date,
): Promise<boolean> {
  const updated = await db.noticeReceipt.updateMany({
    where: { noticeId, sellerId, acknowledgedAt: null },
    data: { acknowledgedBy: userId, acknowledgedAt: at },
  });
  return updated.count > 0;
}

export async function findReceipt(db: Db, noticeId: number, sellerId: number) {
  return db.noticeReceipt.findUnique({
    where: { noticeId_sellerId: { noticeId, sellerId } },
    select: receiptSelect,
  });
}

/** Marks the notice reminded unless it was within the last day (`since`); whether this one counted. */
export async function markReminded(db: Db, id: number, at: Date, since: Date): Promise<boolean> {
  const updated = await db.notice.updateMany({
    where: { id, OR: [{ remindedAt: null }, { remindedAt: { lte: since } }] },
    data: { remindedAt: at },
  });
  return updated.count > 0;
}

/** One seller's notices of a tender still waiting for its acknowledgement, oldest first. */
export async function pendingOfSeller(db: Db, tenderId: number, sellerId: number) {
  const receipts = await db.noticeReceipt.findMany({
    where: { sellerId, acknowledgedAt: null, notice: { tenderId } },
    select: { notice: { select: { id: true, subject: true, createdAt: true } } },
    orderBy: [{ notice: { createdAt: "asc" } }, { noticeId: "asc" }],
  });
  return receipts.map((receipt) => receipt.notice);
}

/** Every pending receipt of a tender, oldest notice first, for `/tender status`. */
export async function pendingOfTender(db: Db, tenderId: number) {
  return db.noticeReceipt.findMany({
    where: { acknowledgedAt: null, notice: { tenderId } },
    select: { sellerId: true, notice: { select: { subject: true } } },
    orderBy: [{ notice: { createdAt: "asc" } }, { noticeId: "asc" }],
  });
}

/** The changes of these tenders some seller has still to acknowledge, oldest first, with who. */
export async function pendingChangesOf(db: Db, tenderIds: number[]) {
  if (tenderIds.length === 0) return [];
  const notices = await db.notice.findMany({
    where: { tenderId: { in: tenderIds }, receipts: { some: { acknowledgedAt: null } } },
    select: {
      id: true,
      tenderId: true,
      subject: true,
      createdAt: true,
      receipts: { where: { acknowledgedAt: null }, select: { sellerId: true }, orderBy: { sellerId: "asc" } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return notices.map(({ receipts, ...notice }) => ({
    ...notice,
    sellerIds: receipts.map((r) => r.sellerId),
  }));
}

export async function receiptCount(db: Db, noticeId: number): Promise<number> {
  return db.noticeReceipt.count({ where: { noticeId } });
}

/** Whether a seller gets what is new, and its tender's team channel. */
export async function sellerWithTeam(db: Db, sellerId: number) {
  return db.seller.findUnique({
    where: { id: sellerId },
    select: { status: true, intent: true, tender: { select: { id: true, teamChannelId: true } } },
  });
}
