import type { Db } from "../../db/client.js";
import type { QuietAnswerStatus } from "../../generated/prisma/enums.js";

const quietAnswerSelect = {
  id: true,
  tenderId: true,
  requirementId: true,
  sellerId: true,
  status: true,
  reason: true,
  decidedBy: true,
  decidedAt: true,
  clarificationId: true,
  createdAt: true,
  seller: { select: { name: true, channelId: true } },
  reply: {
    select: {
      id: true,
      userId: true,
      authorName: true,
      text: true,
      channelId: true,
      threadTs: true,
      ts: true,
      deleted: true,
      requirement: { select: { number: true } },
    },
  },
} as const;

/** A buyer's private answer in the quiet period, with its message, seller and requirement. */
export type QuietAnswer = NonNullable<Awaited<ReturnType<typeof findQuietAnswer>>>;

/** Records the private answer once: a message worked again finds the row it made. */
export async function recordQuietAnswer(
  db: Db,
  row: { tenderId: number; replyId: number; sellerId: number; requirementId: number },
): Promise<void> {
  await db.quietAnswer.createMany({ data: [row], skipDuplicates: true });
}

export async function findQuietAnswer(db: Db, id: number) {
  return db.quietAnswer.findUnique({ where: { id }, select: quietAnswerSelect });
}

export async function findQuietAnswerOfReply(db: Db, replyId: number): Promise<QuietAnswer | null> {
  return db.quietAnswer.findUnique({ where: { replyId }, select: quietAnswerSelect });
}

/** Decides a private answer still awaiting its decision; false when it was decided already. */
export async function decideQuietAnswer(
  db: Db,
  id: number,
  decision: {
    status: Exclude<QuietAnswerStatus, "pending">;
    decidedBy: string;
    reason?: string;
    clarificationId?: number;
  },
): Promise<boolean> {
  const { count } = await db.quietAnswer.updateMany({
    where: { id, status: "pending" },
    data: { ...decision, decidedAt: new Date() },
  });
  return count === 1;
}

/** The private answers of a tender awaiting a decision, oldest first. */
export async function pendingQuietAnswers(db: Db, tenderId: number, limit: number) {
  return db.quietAnswer.findMany({
    where: { tenderId, status: "pending" },
    orderBy: { id: "asc" },
    take: limit,
    select: quietAnswerSelect,
  });
}

export async function countPendingQuietAnswers(db: Db, tenderId: number): Promise<number> {
  return db.quietAnswer.count({ where: { tenderId, status: "pending" } });
}

/** Whether private answers may be kept as exceptions; false when it already was so. */
export async function setQuietExceptions(db: Db, tenderId: number, allowed: boolean): Promise<boolean> {
  const { count } = await db.tender.updateMany({
    where: { id: tenderId, quietExceptions: !allowed },
    data: { quietExceptions: allowed },
  });
  return count === 1;
}
