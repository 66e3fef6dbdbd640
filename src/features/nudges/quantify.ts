import { type Db, Prisma } from "../../db/client.js";
import { notQueued } from "../../outbox/index.js";
import { KEY_PREFIX } from "./ids.js";
import { type Cutoff, cutoffTable, tenderOfNudgeSelect } from "./repository.js";

/**
 * The nudges about the sellers' estimates: a seller that has not quantified its impact in the key
 * metrics, and an estimate made against a metric's earlier values. Planned by the queries below,
 * checked again at send time by the reads after them.
 */

/** A seller's channel, where its estimate nudges go. */
export interface SellerToNudge {
  tenderId: number;
  sellerId: number;
  channelId: string;
  timezone: string | null;
}

/**
 * Sellers that get what is new (not declined, not "will not bid") without any estimates, in
 * tenders whose oldest active key metric was created at or before the tender's cutoff, not nudged
 * before (at most `limit`). The metrics come by their (tender, number) index, the sellers by their
 * (tender, slug) one, the estimates by (seller, version) and the outbox by its unique key.
 */
export async function sellersNotQuantified(
  db: Db,
  cutoffs: Cutoff[],
  limit: number,
): Promise<SellerToNudge[]> {
  if (cutoffs.length === 0) return [];
  const rows = await db.$queryRaw<SellerToNudge[]>`
    SELECT s."tenderId", s."id" AS "sellerId", s."channelId", s."timezone"
    FROM ${cutoffTable(cutoffs)}
    JOIN LATERAL (
      SELECT min(m."createdAt") AS "since" FROM "Metric" m
      WHERE m."tenderId" = due."tenderId" AND m."status" = 'active'
    ) oldest ON oldest."since" <= due."cutoff"
    JOIN "Seller" s ON s."tenderId" = due."tenderId" AND s."status" <> 'declined'
      AND s."intent" <> 'not_bidding'
    WHERE NOT EXISTS (SELECT 1 FROM "EstimateSet" x WHERE x."sellerId" = s."id")
      AND ${notQueued(Prisma.sql`${KEY_PREFIX.quantify}::text || s."id"::text`)}
    ORDER BY s."id"
    LIMIT ${limit}`;
  return rows.map((row) => ({ ...row, tenderId: Number(row.tenderId), sellerId: Number(row.sellerId) }));
}

/**
 * Estimates in a seller's latest version made against an earlier version of an active metric that
 * changed at or before its tender's cutoff, not nudged before for that version (oldest change first,
 * at most `limit`). Only metrics past their first version are read, and only the estimates on them
 * (Estimate by metric); a later version of the seller's estimates is found by (seller, version).
 */
export async function staleEstimates(
  db: Db,
  cutoffs: Cutoff[],
  limit: number,
): Promise<(SellerToNudge & { metricId: number; version: number })[]> {
  if (cutoffs.length === 0) return [];
  const rows = await db.$queryRaw<(SellerToNudge & { metricId: number; version: number })[]>`
    SELECT s."tenderId", s."id" AS "sellerId", s."channelId", s."timezone", m."id" AS "metricId", m."version"
    FROM ${cutoffTable(cutoffs)}
    JOIN "Metric" m ON m."tenderId" = due."tenderId" AND m."status" = 'active' AND m."version" > 1
      AND m."updatedAt" <= due."cutoff"
    JOIN "Estimate" e ON e."metricId" = m."id" AND e."metricVersion" < m."version"
    JOIN "EstimateSet" es ON es."id" = e."setId"
    JOIN "Seller" s ON s."id" = es."sellerId" AND s."tenderId" = due."tenderId" AND s."status" <> 'declined'
      AND s."intent" <> 'not_bidding'
    WHERE NOT EXISTS (
        SELECT 1 FROM "EstimateSet" y WHERE y."sellerId" = es."sellerId" AND y."version" > es."version"
      )
      AND ${notQueued(
        Prisma.sql`${KEY_PREFIX.stale}::text || s."id"::text || ':' || m."id"::text || ':v' || m."version"::text`,
      )}
    ORDER BY m."updatedAt", m."id", s."id"
    LIMIT ${limit}`;
  return rows.map((row) => ({
    ...row,
    tenderId: Number(row.tenderId),
    sellerId: Number(row.sellerId),
    metricId: Number(row.metricId),
    version: Number(row.version),
  }));
}

const sellerSelect = {
  status: true,
  intent: true,
  channelId: true,
  tender: { select: tenderOfNudgeSelect },
  estimateSets: {
    orderBy: { version: "desc" },
    take: 1,
    select: { estimates: { select: { metricId: true, metricVersion: true } } },
  },
} as const;

/** A seller when its nudge to quantify is sent: whether it has estimates, and the tender's first active metric. */
export async function sellerToQuantify(db: Db, sellerId: number) {
  const seller = await db.seller.findUnique({ where: { id: sellerId }, select: sellerSelect });
  if (!seller) return null;
  const firstMetric = await db.metric.findFirst({
    where: { tenderId: seller.tender.id, status: "active" },
    orderBy: { number: "asc" },
    select: { id: true },
  });
  return { ...seller, quantified: seller.estimateSets.length > 0, firstMetricId: firstMetric?.id };
}

/** A seller and a metric when the nudge to update its estimate is sent: the metric as it is now, and the seller's latest estimate on it. */
export async function estimateToUpdate(db: Db, sellerId: number, metricId: number) {
  const seller = await db.seller.findUnique({ where: { id: sellerId }, select: sellerSelect });
  const metric = await db.metric.findUnique({
    where: { id: metricId },
    select: {
      tenderId: true,
      number: true,
      name: true,
      unit: true,
      direction: true,
      baseline: true,
      target: true,
      status: true,
      version: true,
    },
  });
  if (!seller || !metric || metric.tenderId !== seller.tender.id) return null;
  const estimate = seller.estimateSets[0]?.estimates.find((candidate) => candidate.metricId === metricId);
  return { ...seller, metric, estimate };
}
