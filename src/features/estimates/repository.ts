import type { Db } from "../../db/client.js";
import type { Confidence, MetricDirection, MetricStatus } from "../../generated/prisma/enums.js";

const estimateSelect = {
  metricId: true,
  metricVersion: true,
  value: true,
  confidence: true,
  monthsAfterGoLive: true,
  assumptions: true,
  evidenceLessonId: true,
  evidenceReference: true,
  evidenceLink: true,
} as const;

/** One metric's estimate in a version of a seller's estimates. */
export interface EstimateRow {
  metricId: number;
  /** The metric's version (unit, baseline, target) it was made against. */
  metricVersion: number;
  value: number;
  confidence: Confidence;
  monthsAfterGoLive: number | null;
  assumptions: string | null;
  evidenceLessonId: number | null;
  evidenceReference: string | null;
  evidenceLink: string | null;
}

const metricSelect = {
  id: true,
  number: true,
  name: true,
  unit: true,
  direction: true,
  baseline: true,
  target: true,
  weight: true,
  version: true,
  status: true,
} as const;

/** The metric an estimate is about, as it is now. */
export interface EstimatedMetric {
  id: number;
  number: number;
  name: string;
  unit: string;
  direction: MetricDirection;
  baseline: number;
  target: number;
  weight: number;
  version: number;
  status: MetricStatus;
}

/** The seller's latest version of its estimates, or null before the first. */
export async function latestSetOf(
  db: Db,
  sellerId: number,
): Promise<{ id: number; version: number; estimates: EstimateRow[] } | null> {
  return db.estimateSet.findFirst({
    where: { sellerId },
    orderBy: { version: "desc" },
    select: { id: true, version: true, estimates: { select: estimateSelect } },
  });
}

export async function insertSet(
  db: Db,
  set: {
    tenderId: number;
    sellerId: number;
    version: number;
    authorUserId: string;
    authorTeamId: string;
    authorName: string;
    workKey: string | null;
  },
  estimates: EstimateRow[],
): Promise<{ id: number }> {
  return db.estimateSet.create({
    data: { ...set, estimates: { create: estimates } },
    select: { id: true },
  });
}

/** Of these lesson ids, those the seller's own people shared in its channel. */
export async function lessonsOfSeller(db: Db, sellerId: number, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.lesson.findMany({
    where: { id: { in: ids }, sellerId, fromSeller: true },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

const setSelect = {
  id: true,
  tenderId: true,
  version: true,
  authorUserId: true,
  authorName: true,
  createdAt: true,
  seller: { select: { id: true, name: true } },
  estimates: {
    select: { ...estimateSelect, metric: { select: metricSelect } },
    orderBy: { metric: { number: "asc" } },
  },
} as const;

/** A version of a seller's estimates, each with its metric as it is now. */
export interface EstimateSet {
  id: number;
  tenderId: number;
  version: number;
  authorUserId: string;
  authorName: string;
  createdAt: Date;
  seller: { id: number; name: string };
  estimates: (EstimateRow & { metric: EstimatedMetric })[];
}

export async function findSet(db: Db, id: number): Promise<EstimateSet | null> {
  return db.estimateSet.findUnique({ where: { id }, select: setSelect });
}

/** Each seller's latest version of its estimates, in the order the sellers were invited. */
export async function latestSetsOfTender(db: Db, tenderId: number): Promise<EstimateSet[]> {
  const sellers = await db.seller.findMany({
    where: { tenderId },
    orderBy: { id: "asc" },
    select: { estimateSets: { orderBy: { version: "desc" }, take: 1, select: setSelect } },
  });
  return sellers.flatMap((seller) => seller.estimateSets);
}
