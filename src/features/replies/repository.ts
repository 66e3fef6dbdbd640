import { type Db, Prisma } from "../../db/client.js";
import type { TenderStage } from "../../generated/prisma/enums.js";
import { QUIET_STAGES } from "../tenders/index.js";
import type { ReplyKind } from "./domain.js";

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
  change: { earlierText: string; text: string; markup: string; kind: ReplyKind },
): Promise<number> {
  const edit = await db.replyEdit.create({
    data: { replyId, text: change.earlierText },
    select: { id: true },
  });
  await db.reply.update({
    where: { id: replyId },
    data: { text: change.text, markup: change.markup, kind: change.kind, edited: true },
  });
  return edit.id;
}

/** A seller's question asked after questions closed; an edit keeps it so. */
export async function markLate(db: Db, channelId: string, ts: string): Promise<void> {
  await db.reply.updateMany({ where: { channelId, ts, late: false }, data: { late: true } });
}

/** True when this call marked it (a repeated deletion event changes nothing). */
export async function markDeleted(db: Db, replyId: number): Promise<boolean> {
  const { count } = await db.reply.updateMany({
    where: { id: replyId, deleted: false },
    data: { deleted: true },
  });
  return count === 1;
}

export async function setMirrorTs(db: Db, ref: ReplyRef, mirrorTs: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "Reply" SET "mirrorTs" = ${mirrorTs}, "updatedAt" = ${new Date()} WHERE ${whereReplySql(ref)}`;
}

/** A reply by its id, or by the message it is: `(channel, ts)`. */
export type ReplyRef = { replyId: number } | { channelId: string; ts: string };

const whereReplySql = (ref: ReplyRef, alias = "") => {
  const column = (name: string) => Prisma.raw(alias ? `${alias}."${name}"` : `"${name}"`);
  return "replyId" in ref
    ? Prisma.sql`${column("id")} = ${ref.replyId}`
    : Prisma.sql`${column("channelId")} = ${ref.channelId} AND ${column("ts")} = ${ref.ts}`;
};

/** Everything the mirror of a reply shows and where it goes, in one read. */
export interface MirrorSource {
  id: number;
  requirementId: number;
  sellerId: number;
  channelId: string;
  ts: string;
  authorName: string;
  fromSeller: boolean;
  kind: ReplyKind;
  text: string;
  markup: string | null;
  edited: boolean;
  deleted: boolean;
  mirrorTs: string | null;
  /** Asked after questions closed. */
  late: boolean;
  createdAt: Date;
  /** The requirement's post in the team channel, the thread the mirror goes to. */
  teamTs: string | null;
  sellerName: string;
  /** The tender's questions-due date and zone, for when a late question's questions closed. */
  questionsDueOn: Date | null;
  timezone: string;
}

export async function findMirrorSource(db: Db, ref: ReplyRef): Promise<MirrorSource | null> {
  const rows = await db.$queryRaw<MirrorSource[]>`
    SELECT r."id", r."requirementId", r."sellerId", r."channelId", r."ts", r."authorName", r."fromSeller",
           r."kind"::text AS "kind", r."text", r."markup", r."edited", r."deleted", r."mirrorTs", r."late",
           r."createdAt", q."teamTs", s."name" AS "sellerName", t."questionsDueOn", t."timezone"
    FROM "Reply" r
    JOIN "Requirement" q ON q."id" = r."requirementId"
    JOIN "Seller" s ON s."id" = r."sellerId"
    JOIN "Tender" t ON t."id" = q."tenderId"
    WHERE ${whereReplySql(ref, "r")}`;
  const row = rows[0];
  if (!row) return null;
  return {
    ...row,
    id: Number(row.id),
    requirementId: Number(row.requirementId),
    sellerId: Number(row.sellerId),
  };
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

/** The seller's questions still open in a reply's thread before it (its message's ts). */
const openBefore = (reply: { channelId: string; threadTs: string; ts: string }) =>
  ({
    channelId: reply.channelId,
    threadTs: reply.threadTs,
    ts: { lt: reply.ts },
    fromSeller: true,
    kind: "question",
    answeredAt: null,
  }) as const;

/** The latest question of the seller still open before a reply in its thread, if any. */
export async function openQuestionBefore(db: Db, reply: { channelId: string; threadTs: string; ts: string }) {
  return db.reply.findFirst({
    where: { ...openBefore(reply), deleted: false },
    orderBy: { ts: "desc" },
    select: { id: true, text: true, authorName: true },
  });
}

/** The buyer's reply answered the seller's questions before it in the thread. */
export async function answerQuestionsBefore(
  db: Db,
  reply: { channelId: string; threadTs: string; ts: string },
  at: Date,
): Promise<void> {
  await db.reply.updateMany({ where: openBefore(reply), data: { answeredAt: at } });
}

/** A message in a requirement thread, and who wrote it. */
export interface ThreadMessageRow {
  channelId: string;
  ts: string;
  threadTs: string;
  userId: string;
  userTeamId: string;
  authorName: string;
  fromSeller: boolean;
  kind: ReplyKind;
  text: string;
  markup: string | null;
}

/** The requirement thread a message is in, as storing it finds it. */
export interface StoredIn {
  replyId: number | null;
  requirementId: number;
  requirementNumber: number;
  sellerId: number;
  sellerName: string;
  tenderId: number;
  tenderNumber: number;
  stage: TenderStage;
  teamChannelId: string;
  questionsDueOn: Date | null;
  timezone: string;
}

/**
 * The hot path of the app, in one statement: finds the requirement thread the message is in (its
 * post in a seller channel, with its requirement, seller and tender), stores the message as a reply
 * unless `(channel, ts)` has one already, and when it is the buyer's answer marks the seller
 * questions before it answered; in the quiet stages that waits for the buyer's decision to publish
 * it to all sellers or keep it as an exception. Null when the message is in no requirement thread;
 * `replyId` null when it was stored before.
 */
export async function storeInThread(db: Db, message: ThreadMessageRow, now: Date): Promise<StoredIn | null> {
  const answering =
    message.kind === "answer"
      ? Prisma.sql`, answered AS (
          UPDATE "Reply" SET "answeredAt" = ${now}, "updatedAt" = ${now}
          WHERE "channelId" = ${message.channelId} AND "threadTs" = ${message.threadTs} AND "fromSeller"
            AND "kind" = 'question' AND "answeredAt" IS NULL AND "ts" < ${message.ts}
            AND EXISTS (SELECT 1 FROM stored)
            AND (SELECT "stage" FROM thread) NOT IN (${Prisma.join(QUIET_STAGES)}))`
      : Prisma.empty;
  const rows = await db.$queryRaw<StoredIn[]>`
    WITH thread AS (
      SELECT p."requirementId", p."sellerId", r."number" AS "requirementNumber", s."name" AS "sellerName",
             t."id" AS "tenderId", t."number" AS "tenderNumber", t."stage"::text AS "stage", t."teamChannelId",
             t."questionsDueOn", t."timezone"
      FROM "RequirementPost" p
      JOIN "Requirement" r ON r."id" = p."requirementId"
      JOIN "Seller" s ON s."id" = p."sellerId"
      JOIN "Tender" t ON t."id" = r."tenderId"
      WHERE p."channelId" = ${message.channelId} AND p."ts" = ${message.threadTs}
    ), stored AS (
      INSERT INTO "Reply" ("requirementId", "sellerId", "channelId", "ts", "threadTs", "userId", "userTeamId",
                           "authorName", "fromSeller", "kind", "text", "markup", "updatedAt")
      SELECT "requirementId", "sellerId", ${message.channelId}, ${message.ts}, ${message.threadTs}, ${message.userId},
             ${message.userTeamId}, ${message.authorName}, ${message.fromSeller}, ${message.kind}::"ReplyKind",
             ${message.text}, ${message.markup}, ${now}
      FROM thread
      ON CONFLICT ("channelId", "ts") DO NOTHING
      RETURNING "id"
    )${answering}
    SELECT (SELECT "id" FROM stored) AS "replyId", thread.* FROM thread`;
  const row = rows[0];
  if (!row) return null;
  return {
    ...row,
    replyId: row.replyId === null ? null : Number(row.replyId),
    requirementId: Number(row.requirementId),
    requirementNumber: Number(row.requirementNumber),
    sellerId: Number(row.sellerId),
    tenderId: Number(row.tenderId),
    tenderNumber: Number(row.tenderNumber),
  };
}
