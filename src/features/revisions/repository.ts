import type { Db } from "../../db/client.js";
import type { RevisionText } from "../requirements/index.js";

/** Moves the version on only if nobody else did since `from`; false when it had changed. */
export async function bumpVersion(db: Db, requirementId: number, from: number): Promise<boolean> {
  const { count } = await db.requirement.updateMany({
    where: { id: requirementId, version: from, status: "open" },
    data: { version: from + 1 },
  });
  return count === 1;
}

export async function insertRevision(
  db: Db,
  row: {
    requirementId: number;
    version: number;
    createdBy: string;
    changeNote: string;
    text: RevisionText;
    replyIds: number[];
  },
): Promise<void> {
  await db.requirementRevision.create({
    data: {
      requirementId: row.requirementId,
      version: row.version,
      createdBy: row.createdBy,
      changeNote: row.changeNote,
      ...row.text,
      influences: { create: row.replyIds.map((replyId) => ({ replyId })) },
    },
  });
}

/** Every version of a requirement with the replies that shaped it. */
export async function revisionsOf(db: Db, requirementId: number) {
  return db.requirementRevision.findMany({
    where: { requirementId },
    orderBy: { version: "asc" },
    select: {
      version: true,
      title: true,
      changeNote: true,
      createdBy: true,
      createdAt: true,
      influences: {
        orderBy: { replyId: "asc" },
        select: { reply: { select: { sellerId: true, authorName: true, text: true } } },
      },
    },
  });
}
