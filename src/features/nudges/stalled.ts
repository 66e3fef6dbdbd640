import { type Db, Prisma } from "../../db/client.js";
import { zoneOr } from "../../kernel/zones.js";
import { businessDaysBefore } from "./business-time.js";
import { SILENCE_STAGES } from "./domain.js";
import { cutoffTable } from "./repository.js";

/**
 * What stalls in these tenders as the nudges see it, for the buyer's overview: sellers silent on an
 * open requirement for the tender's silence setting (counted in working days, in the stages where
 * their input is sought), and sellers without estimates while the tender has active key metrics.
 * Unlike the planning, what was nudged already is included: it is still stalled.
 */
export interface StalledSellers {
  silent: { tenderId: number; sellerId: number; requirementNumbers: number[] }[];
  notQuantified: { tenderId: number; sellerId: number }[];
}

export async function stalledSellers(db: Db, tenderIds: number[], now: Date): Promise<StalledSellers> {
  if (tenderIds.length === 0) return { silent: [], notQuantified: [] };
  const tenders = await db.tender.findMany({
    where: { id: { in: tenderIds }, stage: { in: [...SILENCE_STAGES] } },
    select: { id: true, timezone: true, silenceNudgeDays: true },
  });
  const cutoffs = tenders.map((tender) => ({
    tenderId: tender.id,
    cutoff: businessDaysBefore(now, tender.silenceNudgeDays, zoneOr(tender.timezone, "UTC")),
  }));
  const silent =
    cutoffs.length === 0
      ? []
      : await db.$queryRaw<{ tenderId: number; sellerId: number; requirementNumbers: number[] }[]>`
    SELECT r."tenderId", p."sellerId", array_agg(r."number" ORDER BY r."number") AS "requirementNumbers"
    FROM ${cutoffTable(cutoffs)}
    JOIN "Requirement" r ON r."tenderId" = due."tenderId" AND r."status" = 'open'
    JOIN "RequirementPost" p ON p."requirementId" = r."id"
    JOIN "Seller" s ON s."id" = p."sellerId" AND s."status" <> 'declined' AND s."intent" <> 'not_bidding'
    WHERE p."createdAt" <= due."cutoff"
      AND NOT EXISTS (
        SELECT 1 FROM "Reply" x
        WHERE x."requirementId" = p."requirementId" AND x."sellerId" = p."sellerId" AND x."fromSeller"
      )
    GROUP BY r."tenderId", p."sellerId"
    ORDER BY r."tenderId", p."sellerId"`;
  const notQuantified = await db.$queryRaw<{ tenderId: number; sellerId: number }[]>`
    SELECT s."tenderId", s."id" AS "sellerId" FROM "Seller" s
    WHERE s."tenderId" IN (${Prisma.join(tenderIds)}) AND s."status" <> 'declined'
      AND s."intent" <> 'not_bidding'
      AND EXISTS (SELECT 1 FROM "Metric" m WHERE m."tenderId" = s."tenderId" AND m."status" = 'active')
      AND NOT EXISTS (SELECT 1 FROM "EstimateSet" x WHERE x."sellerId" = s."id")
    ORDER BY s."tenderId", s."id"`;
  return {
    silent: silent.map((row) => ({
      tenderId: Number(row.tenderId),
      sellerId: Number(row.sellerId),
      requirementNumbers: row.requirementNumbers.map(Number),
    })),
    notQuantified: notQuantified.map((row) => ({
      tenderId: Number(row.tenderId),
      sellerId: Number(row.sellerId),
    })),
  };
}
