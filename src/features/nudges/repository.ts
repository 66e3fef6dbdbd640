import { type Db, Prisma } from "../../db/client.js";
import type { BidIntent, SellerStatus, TenderStage } from "../../generated/prisma/enums.js";
import { notQueued } from "../../outbox/index.js";
import type { NudgeSettings, NudgeSettingsChange } from "./domain.js";
import { KEY_PREFIX } from "./ids.js";

const settingsSelect = {
  nudgesOn: true,
  questionNudgeDays: true,
  silenceNudgeDays: true,
  keyDateNudgeDays: true,
} as const;

export async function settingsOf(db: Db, tenderId: number): Promise<NudgeSettings | null> {
  return db.tender.findUnique({ where: { id: tenderId }, select: settingsSelect });
}

export async function changeSettings(
  db: Db,
  tenderId: number,
  change: NudgeSettingsChange,
): Promise<NudgeSettings> {
  return db.tender.update({ where: { id: tenderId }, data: change, select: settingsSelect });
}

/** An open tender with nudges on, as the planning needs it. */
export interface NudgedTender extends NudgeSettings {
  id: number;
  stage: TenderStage;
  timezone: string;
  teamChannelId: string;
  questionsDueOn: Date | null;
  proposalsDueOn: Date | null;
  awardPlannedOn: Date | null;
}

/** A page of the tenders whose nudges run, in id order after `afterId`. */
export async function nudgedTenders(db: Db, afterId: number, take: number): Promise<NudgedTender[]> {
  return db.tender.findMany({
    where: { id: { gt: afterId }, nudgesOn: true, stage: { notIn: ["awarded", "closed"] } },
    select: {
      id: true,
      stage: true,
      timezone: true,
      teamChannelId: true,
      questionsDueOn: true,
      proposalsDueOn: true,
      awardPlannedOn: true,
      ...settingsSelect,
    },
    orderBy: { id: "asc" },
    take,
  });
}

/** Per tender: what was created at or before `cutoff` has waited long enough. */
export interface Cutoff {
  tenderId: number;
  cutoff: Date;
}

export function cutoffTable(cutoffs: Cutoff[]): Prisma.Sql {
  const rows = cutoffs.map(({ tenderId, cutoff }) => Prisma.sql`(${tenderId}::int, ${cutoff}::timestamp(3))`);
  return Prisma.sql`(VALUES ${Prisma.join(rows)}) AS due("tenderId", "cutoff")`;
}

/**
 * Seller questions without an answer, asked at or before their tender's cutoff, on open
 * requirements, not planned before (oldest first, at most `limit`). Every predicate is served by an
 * index: Requirement by tender, Reply by requirement, Delivery by its unique key; so a tick reads
 * only new work, however many questions were reminded before.
 */
export async function unansweredQuestions(
  db: Db,
  cutoffs: Cutoff[],
  limit: number,
): Promise<{ replyId: number; tenderId: number; requirementId: number; sellerId: number }[]> {
  if (cutoffs.length === 0) return [];
  const rows = await db.$queryRaw<
    { replyId: number; tenderId: number; requirementId: number; sellerId: number }[]
  >`
    SELECT q."id" AS "replyId", r."tenderId", q."requirementId", q."sellerId"
    FROM ${cutoffTable(cutoffs)}
    JOIN "Requirement" r ON r."tenderId" = due."tenderId" AND r."status" = 'open'
    JOIN "Reply" q ON q."requirementId" = r."id"
    WHERE q."fromSeller" AND q."kind" = 'question' AND NOT q."deleted" AND q."answeredAt" IS NULL
      AND q."createdAt" <= due."cutoff"
      AND ${notQueued(Prisma.sql`${KEY_PREFIX.question}::text || q."id"::text`)}
    ORDER BY q."createdAt", q."id"
    LIMIT ${limit}`;
  return rows.map((row) => ({
    replyId: Number(row.replyId),
    tenderId: Number(row.tenderId),
    requirementId: Number(row.requirementId),
    sellerId: Number(row.sellerId),
  }));
}

/**
 * Requirements posted in a seller's channel at or before their tender's cutoff, still open, with no
 * reply from that seller and no nudge planned before (oldest first, at most `limit`); not for a
 * seller that gets nothing new (declined every invitation, or will not bid). Indexed as above;
 * replies are found by their (requirement, seller) index.
 */
export async function silentSellers(
  db: Db,
  cutoffs: Cutoff[],
  limit: number,
): Promise<
  { tenderId: number; requirementId: number; sellerId: number; channelId: string; timezone: string | null }[]
> {
  if (cutoffs.length === 0) return [];
  const rows = await db.$queryRaw<
    {
      tenderId: number;
      requirementId: number;
      sellerId: number;
      channelId: string;
      timezone: string | null;
    }[]
  >`
    SELECT r."tenderId", p."requirementId", p."sellerId", p."channelId", s."timezone"
    FROM ${cutoffTable(cutoffs)}
    JOIN "Requirement" r ON r."tenderId" = due."tenderId" AND r."status" = 'open'
    JOIN "RequirementPost" p ON p."requirementId" = r."id"
    JOIN "Seller" s ON s."id" = p."sellerId" AND s."status" <> 'declined' AND s."intent" <> 'not_bidding'
    WHERE p."createdAt" <= due."cutoff"
      AND NOT EXISTS (
        SELECT 1 FROM "Reply" x
        WHERE x."requirementId" = p."requirementId" AND x."sellerId" = p."sellerId" AND x."fromSeller"
      )
      AND ${notQueued(
        Prisma.sql`${KEY_PREFIX.silence}::text || p."requirementId"::text || ':' || p."sellerId"::text`,
      )}
    ORDER BY p."createdAt", p."id"
    LIMIT ${limit}`;
  return rows.map((row) => ({
    ...row,
    tenderId: Number(row.tenderId),
    requirementId: Number(row.requirementId),
    sellerId: Number(row.sellerId),
  }));
}

/** The seller channels of these tenders that key dates are reminded in: those that get what is new. */
export async function sellersToRemind(
  db: Db,
  tenderIds: number[],
): Promise<{ id: number; tenderId: number; channelId: string; timezone: string | null }[]> {
  if (tenderIds.length === 0) return [];
  return db.seller.findMany({
    where: { tenderId: { in: tenderIds }, status: { not: "declined" }, intent: { not: "not_bidding" } },
    select: { id: true, tenderId: true, channelId: true, timezone: true },
    orderBy: { id: "asc" },
  });
}

export const tenderOfNudgeSelect = {
  id: true,
  number: true,
  title: true,
  stage: true,
  timezone: true,
  teamChannelId: true,
  questionsDueOn: true,
  proposalsDueOn: true,
  awardPlannedOn: true,
  ...settingsSelect,
} as const;

/** A seller question as its reminder shows it, at the time of sending. */
export async function questionToRemind(db: Db, replyId: number) {
  const reply = await db.reply.findUnique({
    where: { id: replyId },
    select: {
      id: true,
      channelId: true,
      ts: true,
      text: true,
      kind: true,
      deleted: true,
      answeredAt: true,
      mirrorTs: true,
      createdAt: true,
      sellerId: true,
      requirement: {
        select: {
          number: true,
          status: true,
          version: true,
          revisions: { select: { title: true }, orderBy: { version: "desc" }, take: 1 },
          tender: {
            select: {
              ...tenderOfNudgeSelect,
              members: { where: { role: "owner" }, select: { userId: true }, orderBy: { createdAt: "asc" } },
            },
          },
        },
      },
    },
  });
  if (!reply) return null;
  const seller = await db.seller.findUnique({ where: { id: reply.sellerId }, select: { name: true } });
  return { ...reply, sellerName: seller?.name ?? "A seller" };
}

/** A requirement's thread in a seller's channel, and whether the seller has replied in it yet. */
export async function silenceToNudge(db: Db, requirementId: number, sellerId: number) {
  const post = await db.requirementPost.findUnique({
    where: { requirementId_sellerId: { requirementId, sellerId } },
    select: {
      channelId: true,
      ts: true,
      seller: { select: { status: true, intent: true } },
      requirement: {
        select: {
          number: true,
          status: true,
          revisions: { select: { title: true }, orderBy: { version: "desc" }, take: 1 },
          tender: { select: tenderOfNudgeSelect },
        },
      },
    },
  });
  if (!post) return null;
  const replied = await db.reply.findFirst({
    where: { requirementId, sellerId, fromSeller: true },
    select: { id: true },
  });
  return { ...post, replied: replied !== null };
}

export async function tenderOfNudge(db: Db, tenderId: number) {
  return db.tender.findUnique({ where: { id: tenderId }, select: tenderOfNudgeSelect });
}

export type TenderOfNudge = NonNullable<Awaited<ReturnType<typeof tenderOfNudge>>>;

/** What decides whether the seller still gets nudges (tenders' `receivesNewPosts`). */
export async function sellerStateOf(
  db: Db,
  sellerId: number,
): Promise<{ status: SellerStatus; intent: BidIntent } | null> {
  return db.seller.findUnique({ where: { id: sellerId }, select: { status: true, intent: true } });
}
