import type { Db } from "../../db/client.js";
import type { TenderStage } from "../../generated/prisma/enums.js";
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

/** A requirement thread in a seller channel, with what capturing its messages needs. */
export interface Thread {
  requirementId: number;
  requirementNumber: number;
  requirementOpen: boolean;
  sellerId: number;
  sellerName: string;
  channelId: string;
  ts: string;
  tenderId: number;
  tenderNumber: number;
  stage: TenderStage;
  teamChannelId: string;
}

const threadSelect = {
  requirementId: true,
  sellerId: true,
  channelId: true,
  ts: true,
  seller: { select: { name: true } },
  requirement: {
    select: {
      number: true,
      status: true,
      tender: { select: { id: true, number: true, stage: true, teamChannelId: true } },
    },
  },
} as const;

type ThreadRow = {
  requirementId: number;
  sellerId: number;
  channelId: string;
  ts: string;
  seller: { name: string };
  requirement: {
    number: number;
    status: string;
    tender: { id: number; number: number; stage: TenderStage; teamChannelId: string };
  };
};

function toThread(row: ThreadRow | null): Thread | null {
  if (!row) return null;
  const { tender } = row.requirement;
  return {
    requirementId: row.requirementId,
    requirementNumber: row.requirement.number,
    requirementOpen: row.requirement.status === "open",
    sellerId: row.sellerId,
    sellerName: row.seller.name,
    channelId: row.channelId,
    ts: row.ts,
    tenderId: tender.id,
    tenderNumber: tender.number,
    stage: tender.stage,
    teamChannelId: tender.teamChannelId,
  };
}

export async function findThread(db: Db, requirementId: number, sellerId: number): Promise<Thread | null> {
  return toThread(
    await db.requirementPost.findUnique({
      where: { requirementId_sellerId: { requirementId, sellerId } },
      select: threadSelect,
    }),
  );
}

/** The requirement's thread in this channel, if the requirement was posted there. */
export async function findThreadInChannel(
  db: Db,
  requirementId: number,
  channelId: string,
): Promise<Thread | null> {
  return toThread(
    await db.requirementPost.findFirst({ where: { requirementId, channelId }, select: threadSelect }),
  );
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

export async function deliveryStatus(db: Db, key: string) {
  const row = await db.delivery.findUnique({ where: { key }, select: { status: true } });
  return row?.status;
}

/** The state of the delivery of the requirement's copy in the team channel (the mirrors' thread). */
export async function teamCopyStatus(db: Db, requirementId: number, kind: string) {
  const row = await db.delivery.findFirst({
    where: { requirementId, kind },
    select: { status: true },
    orderBy: { id: "asc" },
  });
  return row?.status;
}
