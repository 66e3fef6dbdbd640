import type { Db } from "../../db/client.js";
import type { Metric } from "../../generated/prisma/client.js";
import type { MetricInput } from "./domain.js";

export type { Metric };

export async function takeMetricNumber(db: Db, tenderId: number): Promise<number> {
  const tender = await db.tender.update({
    where: { id: tenderId },
    data: { metricSeq: { increment: 1 } },
    select: { metricSeq: true },
  });
  return tender.metricSeq;
}

export async function insertMetric(
  db: Db,
  metric: MetricInput & { tenderId: number; number: number; createdBy: string; suggestedBySellerId?: number },
): Promise<Metric> {
  return db.metric.create({
    data: {
      tenderId: metric.tenderId,
      number: metric.number,
      name: metric.name,
      unit: metric.unit,
      direction: metric.direction,
      baseline: metric.baseline,
      target: metric.target,
      weight: metric.weight,
      measuredHow: metric.measuredHow ?? null,
      whyItMatters: metric.whyItMatters ?? null,
      createdBy: metric.createdBy,
      suggestedBySellerId: metric.suggestedBySellerId ?? null,
    },
  });
}

/** Writes the new values; `newVersion` when the baseline, target or unit changed. */
export async function updateMetric(
  db: Db,
  id: number,
  input: MetricInput,
  newVersion: boolean,
): Promise<Metric> {
  return db.metric.update({
    where: { id },
    data: {
      name: input.name,
      unit: input.unit,
      direction: input.direction,
      baseline: input.baseline,
      target: input.target,
      weight: input.weight,
      measuredHow: input.measuredHow ?? null,
      whyItMatters: input.whyItMatters ?? null,
      ...(newVersion ? { version: { increment: 1 } } : {}),
    },
  });
}

export async function retireMetricRow(db: Db, id: number): Promise<Metric> {
  return db.metric.update({ where: { id }, data: { status: "retired" } });
}

export async function findMetricByNumber(db: Db, tenderId: number, number: number): Promise<Metric | null> {
  return db.metric.findUnique({ where: { tenderId_number: { tenderId, number } } });
}

export async function findMetricById(db: Db, id: number): Promise<Metric | null> {
  return db.metric.findUnique({ where: { id } });
}

/** What decides whether a seller gets what is new (tenders' `receivesNewPosts`), as it is now. */
export async function sellerState(db: Db, sellerId: number) {
  return db.seller.findUnique({ where: { id: sellerId }, select: { status: true, intent: true } });
}

/** A tender's metrics in the order they were defined; retired ones only when asked. */
export async function metricsOfTender(db: Db, tenderId: number, withRetired = false): Promise<Metric[]> {
  return db.metric.findMany({
    where: { tenderId, ...(withRetired ? {} : { status: "active" }) },
    orderBy: { number: "asc" },
  });
}

/** The requirements that name each metric, by metric id: `R-<n>` numbers of open requirements. */
export async function requirementsServing(db: Db, metricIds: number[]): Promise<Map<number, number[]>> {
  const links = await db.requirementMetric.findMany({
    where: { metricId: { in: metricIds }, requirement: { status: "open" } },
    select: { metricId: true, requirement: { select: { number: true } } },
    orderBy: { requirement: { number: "asc" } },
  });
  const serving = new Map<number, number[]>();
  for (const link of links)
    serving.set(link.metricId, [...(serving.get(link.metricId) ?? []), link.requirement.number]);
  return serving;
}

/** The name of the seller a metric was suggested by, for the buyer's eyes only. */
export async function suggestingSellerName(db: Db, metric: Pick<Metric, "suggestedBySellerId">) {
  if (metric.suggestedBySellerId === null) return undefined;
  const seller = await db.seller.findUnique({
    where: { id: metric.suggestedBySellerId },
    select: { name: true },
  });
  return seller?.name;
}

export async function findSuggestion(db: Db, id: number) {
  return db.metricSuggestion.findUnique({
    where: { id },
    include: { seller: { select: { id: true, name: true, channelId: true } }, metric: true },
  });
}

export type Suggestion = NonNullable<Awaited<ReturnType<typeof findSuggestion>>>;
