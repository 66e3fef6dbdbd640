import { recordAudit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import { transaction } from "../../db/transaction.js";
import { requireInsider, requireOwner } from "../../kernel/access.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { tenderRef } from "../../kernel/refs.js";
import { activeSellers, isFinalStage, receivesNewPosts, type Tender } from "../tenders/index.js";
import { metricNotices, sellersTold } from "./deliveries.js";
import { changesOf, type MetricInput, metricRef } from "./domain.js";
import {
  findMetricByNumber,
  insertMetric,
  type Metric,
  metricsOfTender,
  requirementsServing,
  retireMetricRow,
  sellerState,
  takeMetricNumber,
  updateMetric,
} from "./repository.js";
import { metricGone, retiredAlready } from "./views.js";

function requireDefinable(tender: Tender, actorUserId: string, doing: string): void {
  requireOwner(tender, actorUserId, doing);
  if (isFinalStage(tender.stage))
    throw new TenderError(
      "invalid_input",
      `${tenderRef(tender.number)} is ${tender.stage}: its key metrics can no longer change.`,
    );
}

/** `M-<n>` of the tender, active or retired; a clear refusal when there is none. */
export async function findMetric(deps: Deps, tender: Tender, number: number | undefined): Promise<Metric> {
  const metric = number === undefined ? null : await findMetricByNumber(deps.db, tender.id, number);
  if (!metric)
    throw new TenderError("not_found", metricGone(number === undefined ? "That" : metricRef(number)));
  return metric;
}

/**
 * Defines M-<n> in a transaction and queues its notices for the team channel and the channel of
 * every seller that gets what is new.
 */
export async function defineMetricIn(
  deps: Pick<Deps, "outbox">,
  tx: Db,
  tender: Tender,
  actorUserId: string,
  input: MetricInput,
  suggestedBySellerId?: number,
): Promise<Metric> {
  requireDefinable(tender, actorUserId, "define key metrics");
  const number = await takeMetricNumber(tx, tender.id);
  const metric = await insertMetric(tx, {
    ...input,
    tenderId: tender.id,
    number,
    createdBy: actorUserId,
    ...(suggestedBySellerId === undefined ? {} : { suggestedBySellerId }),
  });
  await recordAudit(tx, {
    tenderId: tender.id,
    actorUserId,
    action: "metric.defined",
    detail: {
      metric: metricRef(number),
      name: input.name,
      unit: input.unit,
      baseline: input.baseline,
      target: input.target,
    },
  });
  await deps.outbox.enqueue(
    tx,
    metricNotices(metric, "defined", {
      actorUserId,
      changes: [],
      teamChannelId: tender.teamChannelId,
      sellers: activeSellers(tender),
    }),
  );
  return metric;
}

/** Defines M-<n> and tells the team channel and every seller channel, through the outbox. */
export async function defineMetric(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  input: MetricInput,
): Promise<Metric> {
  return transaction(deps.db, (tx) => defineMetricIn(deps, tx, tender, actorUserId, input));
}

/**
 * Writes the new values. A change of unit, baseline or target is a new version, announced to every
 * seller; their estimates against the earlier version then need an update.
 */
export async function editMetric(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  metricId: number,
  input: MetricInput,
): Promise<{ metric: Metric; changes: string[]; sellersTold: number }> {
  requireDefinable(tender, actorUserId, "change key metrics");
  return transaction(deps.db, async (tx) => {
    const before = await tx.metric.findUnique({ where: { id: metricId } });
    if (!before || before.tenderId !== tender.id)
      throw new TenderError("not_found", metricGone("That metric"));
    if (before.status === "retired") throw new TenderError("conflict", retiredAlready(before));
    const { lines, forSellers } = changesOf(before, input);
    if (lines.length === 0) return { metric: before, changes: [], sellersTold: 0 };
    const metric = await updateMetric(tx, metricId, input, forSellers);
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "metric.changed",
      detail: { metric: metricRef(metric.number), changes: lines, version: metric.version },
    });
    const sellers = forSellers ? activeSellers(tender) : [];
    await deps.outbox.enqueue(
      tx,
      metricNotices(metric, "changed", {
        actorUserId,
        changes: lines,
        teamChannelId: tender.teamChannelId,
        sellers,
      }),
    );
    return { metric, changes: lines, sellersTold: sellers.length };
  });
}

export async function retireMetric(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  number: number | undefined,
): Promise<Metric> {
  requireDefinable(tender, actorUserId, "retire key metrics");
  const found = await findMetric(deps, tender, number);
  if (found.status === "retired") throw new TenderError("conflict", retiredAlready(found));
  return transaction(deps.db, async (tx) => {
    const metric = await retireMetricRow(tx, found.id);
    // Every channel that shows the metric learns it is retired, a seller that gets nothing new too.
    const told = await sellersTold(tx, metric, tender.sellers);
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "metric.retired",
      detail: { metric: metricRef(metric.number) },
    });
    await deps.outbox.enqueue(
      tx,
      metricNotices(metric, "retired", {
        actorUserId,
        changes: [],
        teamChannelId: tender.teamChannelId,
        sellers: tender.sellers.filter((seller) => receivesNewPosts(seller) || told.has(seller.id)),
      }),
    );
    return metric;
  });
}

/** `/tender metrics`: for the tender's people and anyone in its team channel. */
export async function listMetrics(deps: Deps, tender: Tender, userId: string, channelId: string) {
  requireInsider(tender, userId, channelId);
  const all = await metricsOfTender(deps.db, tender.id, true);
  const active = all.filter((metric) => metric.status === "active");
  const serving = await requirementsServing(
    deps.db,
    active.map((metric) => metric.id),
  );
  return { active, serving, retired: all.length - active.length };
}

/**
 * A seller invited after metrics were defined, or getting what is new again, receives each active
 * one as it is now (a version its channel has already keeps its key); nothing while it gets nothing new.
 */
export async function queueActiveMetricsFor(
  deps: Pick<Deps, "outbox">,
  db: Db,
  tenderId: number,
  seller: { id: number; channelId: string },
): Promise<number> {
  const state = await sellerState(db, seller.id);
  if (!state || !receivesNewPosts(state)) return 0;
  const metrics = await metricsOfTender(db, tenderId);
  return deps.outbox.enqueue(
    db,
    metrics.flatMap((metric) =>
      metricNotices(metric, "defined", { actorUserId: metric.createdBy, changes: [], sellers: [seller] }),
    ),
  );
}

/**
 * Records which key metrics a requirement serves, by their numbers; a number that is no active
 * metric of the tender is refused, naming it.
 */
export async function linkRequirementToMetrics(
  db: Db,
  tender: { id: number; number: number },
  requirementId: number,
  numbers: number[],
): Promise<void> {
  if (numbers.length === 0) return;
  const metrics = await metricsOfTender(db, tender.id);
  const byNumber = new Map(metrics.map((metric) => [metric.number, metric]));
  const unknown = numbers.filter((number) => !byNumber.has(number));
  if (unknown.length > 0)
    throw new TenderError(
      "invalid_input",
      `${unknown.map(metricRef).join(", ")} ${unknown.length === 1 ? "is no" : "are no"} active key metric of ${tenderRef(tender.number)}. \`/tender metrics\` lists them.`,
    );
  await db.requirementMetric.createMany({
    data: [...new Set(numbers)].map((number) => ({ requirementId, metricId: byNumber.get(number)?.id ?? 0 })),
    skipDuplicates: true,
  });
}
