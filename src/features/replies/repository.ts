import type { Db } from "../../db/client.js";
import type { ReplyKind } from "./domain.js";

export interface NewReply {
  requirementId: number;
  sellerId: number;
  channelId: string;
  ts: string;
  threadTs: string;
  userId: string;
  userTeamId: string;
  authorName: string;
  fromSeller: boolean;
  kind: ReplyKind;
  text: string;
}

/** Stores the reply unless `(channel, ts)` has one already; its id, or null for a message seen before. */
export async function insertReply(db: Db, reply: NewReply): Promise<number | null> {
  const rows = await db.reply.createManyAndReturn({
    data: [reply],
    skipDuplicates: true,
    select: { id: true },
  });
  return rows[0]?.id ?? null;
}

/** A buyer's answer in the thread answers the seller questions asked before it there. */
export async function markQuestionsAnswered(
  db: Db,
  thread: { channelId: string; threadTs: string; beforeTs: string },
  at: Date,
): Promise<number> {
  const { count } = await db.reply.updateMany({
    where: {
      channelId: thread.channelId,
      threadTs: thread.threadTs,
      fromSeller: true,
      kind: "question",
      answeredAt: null,
      ts: { lt: thread.beforeTs },
    },
    data: { answeredAt: at },
  });
  return count;
}

const replySelect = {
  id: true,
  requirementId: true,
  sellerId: true,
  channelId: true,
  ts: true,
  kind: true,
  fromSeller: true,
  text: true,
  answeredAt: true,
  deleted: true,
  mirrorTs: true,
  requirement: { select: { tenderId: true, tender: { select: { teamChannelId: true } } } },
} as const;

export async function findReply(db: Db, channelId: string, ts: string) {
  return db.reply.findUnique({ where: { channelId_ts: { channelId, ts } }, select: replySelect });
}

export type StoredReply = NonNullable<Awaited<ReturnType<typeof findReply>>>;

/** Keeps the earlier text and takes the new one; the id of the edit. */
export async function recordEdit(
  db: Db,
  replyId: number,
  change: { earlierText: string; text: string; kind: ReplyKind },
): Promise<number> {
  const edit = await db.replyEdit.create({
    data: { replyId, text: change.earlierText },
    select: { id: true },
  });
  await db.reply.update({
    where: { id: replyId },
    data: { text: change.text, kind: change.kind, edited: true },
  });
  return edit.id;
}

/** True when this call marked it (a repeated deletion event changes nothing). */
export async function markDeleted(db: Db, replyId: number): Promise<boolean> {
  const { count } = await db.reply.updateMany({
    where: { id: replyId, deleted: false },
    data: { deleted: true },
  });
  return count === 1;
}

export async function setMirrorTs(db: Db, replyId: number, mirrorTs: string): Promise<void> {
  await db.reply.update({ where: { id: replyId }, data: { mirrorTs } });
}

/** Everything the mirror of a reply shows and where it goes. */
export async function findMirrorSource(db: Db, replyId: number) {
  const reply = await db.reply.findUnique({
    where: { id: replyId },
    select: {
      id: true,
      requirementId: true,
      sellerId: true,
      channelId: true,
      ts: true,
      authorName: true,
      fromSeller: true,
      kind: true,
      text: true,
      edited: true,
      deleted: true,
      mirrorTs: true,
      requirement: { select: { teamTs: true, tender: { select: { teamChannelId: true } } } },
    },
  });
  if (!reply) return null;
  const seller = await db.seller.findUnique({ where: { id: reply.sellerId }, select: { name: true } });
  return { ...reply, sellerName: seller?.name ?? "a seller" };
}

export type MirrorSource = NonNullable<Awaited<ReturnType<typeof findMirrorSource>>>;

/** The seller replies of a requirement that a revision can credit, newest first. */
export async function sellerRepliesOf(db: Db, requirementId: number, limit: number) {
  return db.reply.findMany({
    where: { requirementId, fromSeller: true, deleted: false },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, sellerId: true, authorName: true, text: true },
  });
}

/** Of the given replies, those that are live seller replies of this requirement. */
export async function sellerRepliesAmong(db: Db, requirementId: number, replyIds: number[]) {
  if (replyIds.length === 0) return [];
  return db.reply.findMany({
    where: { id: { in: replyIds }, requirementId, fromSeller: true, deleted: false },
    select: { id: true, sellerId: true },
  });
}

/** A reply the buyer answers for every seller, with what is needed to anonymise and check it. */
export async function findReplyToAnswer(db: Db, replyId: number) {
  return db.reply.findUnique({
    where: { id: replyId },
    select: {
      id: true,
      requirementId: true,
      sellerId: true,
      authorName: true,
      text: true,
      fromSeller: true,
      deleted: true,
      requirement: { select: { tenderId: true } },
    },
  });
}

export async function markAnswered(db: Db, replyId: number, at: Date): Promise<void> {
  await db.reply.updateMany({ where: { id: replyId, answeredAt: null }, data: { answeredAt: at } });
}
