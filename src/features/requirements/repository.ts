import type { Db } from "../../db/client.js";
import type { Priority, RequirementStatus } from "../../generated/prisma/enums.js";

const revisionSelect = {
  version: true,
  title: true,
  details: true,
  category: true,
  priority: true,
  acceptanceCriteria: true,
  inputDueOn: true,
  changeNote: true,
  createdBy: true,
  createdAt: true,
} as const;

export interface Revision {
  version: number;
  title: string;
  details: string | null;
  category: string | null;
  priority: Priority;
  acceptanceCriteria: string | null;
  inputDueOn: Date | null;
  changeNote: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface Requirement {
  id: number;
  tenderId: number;
  number: number;
  version: number;
  status: RequirementStatus;
  teamTs: string | null;
  /** The text of the current version. */
  current: Revision;
}

const requirementSelect = {
  id: true,
  tenderId: true,
  number: true,
  version: true,
  status: true,
  teamTs: true,
  revisions: { select: revisionSelect, orderBy: { version: "desc" }, take: 1 },
} as const;

type Row = {
  id: number;
  tenderId: number;
  number: number;
  version: number;
  status: RequirementStatus;
  teamTs: string | null;
  revisions: Revision[];
};

function withCurrent(row: Row | null): Requirement | null {
  if (!row) return null;
  const { revisions, ...requirement } = row;
  const current = revisions[0];
  if (!current) throw new Error(`requirement ${row.id} has no revision`);
  return { ...requirement, current };
}

export async function takeRequirementNumber(db: Db, tenderId: number): Promise<number> {
  const tender = await db.tender.update({
    where: { id: tenderId },
    data: { requirementSeq: { increment: 1 } },
    select: { requirementSeq: true },
  });
  return tender.requirementSeq;
}

export type RevisionText = Omit<Revision, "version" | "createdAt" | "changeNote" | "createdBy">;

export async function insertRequirement(
  db: Db,
  row: { tenderId: number; number: number; createdBy: string; text: RevisionText },
): Promise<Requirement> {
  const created = await db.requirement.create({
    data: {
      tenderId: row.tenderId,
      number: row.number,
      createdBy: row.createdBy,
      revisions: { create: { version: 1, createdBy: row.createdBy, ...row.text } },
    },
    select: requirementSelect,
  });
  return withCurrent(created) as Requirement;
}

export async function findRequirementById(db: Db, id: number): Promise<Requirement | null> {
  return withCurrent(await db.requirement.findUnique({ where: { id }, select: requirementSelect }));
}

export async function findRequirementByNumber(
  db: Db,
  tenderId: number,
  number: number,
): Promise<Requirement | null> {
  return withCurrent(
    await db.requirement.findUnique({
      where: { tenderId_number: { tenderId, number } },
      select: requirementSelect,
    }),
  );
}

export async function openRequirementIds(db: Db, tenderId: number): Promise<number[]> {
  const rows = await db.requirement.findMany({
    where: { tenderId, status: "open" },
    select: { id: true },
    orderBy: { number: "asc" },
  });
  return rows.map((row) => row.id);
}

export async function setTeamTs(db: Db, requirementId: number, teamTs: string): Promise<void> {
  await db.requirement.update({ where: { id: requirementId }, data: { teamTs } });
}

export async function savePost(
  db: Db,
  post: { requirementId: number; sellerId: number; channelId: string; ts: string; shownVersion: number },
): Promise<void> {
  const { requirementId, sellerId, ...rest } = post;
  await db.requirementPost.upsert({
    where: { requirementId_sellerId: { requirementId, sellerId } },
    create: post,
    update: rest,
  });
}

export async function findPost(db: Db, requirementId: number, sellerId: number) {
  return db.requirementPost.findUnique({
    where: { requirementId_sellerId: { requirementId, sellerId } },
    select: { channelId: true, ts: true, shownVersion: true, shownWithdrawn: true },
  });
}

export async function setPostShown(
  db: Db,
  requirementId: number,
  sellerId: number,
  shown: { version: number; withdrawn: boolean },
): Promise<void> {
  await db.requirementPost.update({
    where: { requirementId_sellerId: { requirementId, sellerId } },
    data: { shownVersion: shown.version, shownWithdrawn: shown.withdrawn },
  });
}

/** The requirement thread a message in a seller channel belongs to. */
export async function findPostByThread(db: Db, channelId: string, threadTs: string) {
  return db.requirementPost.findUnique({
    where: { channelId_ts: { channelId, ts: threadTs } },
    select: { requirementId: true, sellerId: true, channelId: true, ts: true },
  });
}

export async function listRequirements(db: Db, tenderId: number) {
  return db.requirement.findMany({
    where: { tenderId },
    orderBy: { number: "asc" },
    select: {
      ...requirementSelect,
      replies: {
        where: { deleted: false },
        select: { sellerId: true, fromSeller: true, kind: true, answeredAt: true, ts: true, channelId: true },
      },
    },
  });
}

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

/** False when the requirement was already withdrawn. */
export async function markWithdrawn(db: Db, requirementId: number): Promise<boolean> {
  const { count } = await db.requirement.updateMany({
    where: { id: requirementId, status: "open" },
    data: { status: "withdrawn" },
  });
  return count === 1;
}

/**
 * Sellers whose channel has the requirement or is about to: one statement, so a post recorded
 * meanwhile is seen either as pending or as sent, never missed.
 */
export async function sellersWithCopies(db: Db, requirementId: number, postKind: string) {
  const rows = await db.delivery.findMany({
    where: { requirementId, kind: postKind, status: { in: ["pending", "sent"] } },
    select: { sellerId: true, channelId: true },
    orderBy: { id: "asc" },
  });
  return rows.flatMap((row) =>
    row.sellerId === null ? [] : [{ id: row.sellerId, channelId: row.channelId }],
  );
}

export async function insertClarification(
  db: Db,
  row: { requirementId: number; question: string; answer: string; replyId?: number; createdBy: string },
): Promise<{ id: number }> {
  return db.clarification.create({ data: row, select: { id: true } });
}

export async function findClarification(db: Db, id: number) {
  return db.clarification.findUnique({
    where: { id },
    select: { id: true, requirementId: true, question: true, answer: true },
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

/** Every requirement of a tender with its live seller replies, for `/tender requirements`. */
export async function requirementsWithSellerReplies(db: Db, tenderId: number) {
  const rows = await db.requirement.findMany({
    where: { tenderId },
    orderBy: { number: "asc" },
    select: {
      ...requirementSelect,
      replies: {
        where: { deleted: false, fromSeller: true },
        orderBy: { id: "asc" },
        select: { sellerId: true, authorName: true, kind: true, text: true, answeredAt: true },
      },
    },
  });
  return rows.map(({ replies, ...row }) => ({ ...(withCurrent(row) as Requirement), replies }));
}

/** Every version of a requirement with the replies that shaped it, and its clarifications. */
export async function findHistory(db: Db, requirementId: number) {
  return db.requirement.findUnique({
    where: { id: requirementId },
    select: {
      revisions: {
        orderBy: { version: "asc" },
        select: {
          ...revisionSelect,
          influences: {
            orderBy: { replyId: "asc" },
            select: { reply: { select: { sellerId: true, authorName: true, text: true } } },
          },
        },
      },
      clarifications: {
        orderBy: { id: "asc" },
        select: { question: true, answer: true, createdBy: true, createdAt: true },
      },
    },
  });
}
