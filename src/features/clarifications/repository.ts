import type { Db } from "../../db/client.js";

export async function insertClarification(
  db: Db,
  row: { requirementId: number; question: string; answer: string; replyId?: number; createdBy: string },
): Promise<{ id: number }> {
  return db.clarification.create({ data: row, select: { id: true } });
}

export async function findClarification(db: Db, id: number) {
  return db.clarification.findUnique({
    where: { id },
    select: {
      id: true,
      requirementId: true,
      question: true,
      answer: true,
      requirement: { select: { number: true } },
    },
  });
}

export async function clarificationIdsOf(db: Db, requirementId: number): Promise<number[]> {
  const rows = await db.clarification.findMany({
    where: { requirementId },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.id);
}

/** The clarifications of the tender's requirements whose thread the seller has, oldest first. */
export async function clarificationsInThreadsOf(db: Db, tenderId: number, sellerId: number) {
  return db.clarification.findMany({
    where: { requirement: { tenderId, posts: { some: { sellerId } } } },
    select: { id: true, requirementId: true },
    orderBy: { id: "asc" },
  });
}

/** A requirement's clarifications, oldest first, for its history. */
export async function clarificationsOf(db: Db, requirementId: number) {
  return db.clarification.findMany({
    where: { requirementId },
    orderBy: { id: "asc" },
    select: { question: true, answer: true, createdBy: true, createdAt: true },
  });
}
