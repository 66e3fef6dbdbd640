import { type Db, Prisma } from "../../db/client.js";

/**
 * Sellers' questions still unanswered on open requirements of these tenders: the oldest `perTender`
 * of each tender, with how many it has in all.
 */
export async function openQuestionsOf(db: Db, tenderIds: number[], perTender: number) {
  if (tenderIds.length === 0) return [];
  const rows = await db.$queryRaw<OpenQuestion[]>`
    SELECT * FROM (
      SELECT q."id", q."sellerId", q."channelId", q."ts", q."threadTs", q."text", q."mirrorTs", q."createdAt",
             r."tenderId", r."number" AS "requirementNumber", r."teamTs",
             row_number() OVER (PARTITION BY r."tenderId" ORDER BY q."createdAt", q."id") AS "place",
             count(*) OVER (PARTITION BY r."tenderId") AS "ofTender"
      FROM "Requirement" r JOIN "Reply" q ON q."requirementId" = r."id"
      WHERE r."tenderId" IN (${Prisma.join(tenderIds)}) AND r."status" = 'open' AND q."fromSeller"
        AND q."kind" = 'question' AND NOT q."deleted" AND q."answeredAt" IS NULL
    ) AS "unanswered" WHERE "place" <= ${perTender}
    ORDER BY "createdAt", "id"`;
  return rows.map(({ place: _place, ...row }) => ({
    ...row,
    id: Number(row.id),
    sellerId: Number(row.sellerId),
    tenderId: Number(row.tenderId),
    requirementNumber: Number(row.requirementNumber),
    ofTender: Number(row.ofTender),
  }));
}

interface OpenQuestion {
  id: number;
  sellerId: number;
  channelId: string;
  ts: string;
  threadTs: string;
  text: string;
  mirrorTs: string | null;
  createdAt: Date;
  tenderId: number;
  requirementNumber: number;
  /** The requirement's post in the team channel, the thread of the question's mirror. */
  teamTs: string | null;
  place: bigint;
  ofTender: bigint;
}
