import { requireMember } from "../../kernel/access.js";
import { type Deps, forWork } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { tenderRef } from "../../kernel/refs.js";
import type { Work } from "../../slack/work-scope.js";
import { improvementShare, latestEstimatesOf } from "../estimates/index.js";
import { metricRef, metricsOfTender } from "../metrics/index.js";
import type { Tender } from "../tenders/index.js";
import { bestOn, businessCaseMarkdown, risksOf } from "./case.js";
import { improvementChart } from "./chart.js";
import { type Cell, type ComparedSeller, type Comparison, weightedShare } from "./domain.js";
import { businessCaseSummary, comparisonMessages, NO_METRICS } from "./views.js";

/** The tender's active metrics against each seller's latest estimates, every seller listed. */
async function buildComparison(deps: Pick<Deps, "db">, tender: Tender): Promise<Comparison> {
  const metrics = await metricsOfTender(deps.db, tender.id);
  const sets = new Map((await latestEstimatesOf(deps.db, tender.id)).map((set) => [set.seller.id, set]));
  const sellers: ComparedSeller[] = tender.sellers.map((seller) => {
    const set = sets.get(seller.id);
    const cells = new Map<number, Cell>();
    for (const estimate of set?.estimates ?? []) {
      const metric = metrics.find((candidate) => candidate.id === estimate.metricId);
      if (!metric) continue;
      cells.set(metric.id, {
        value: estimate.value,
        share: improvementShare(metric, estimate.value),
        confidence: estimate.confidence,
        monthsAfterGoLive: estimate.monthsAfterGoLive,
        assumptions: estimate.assumptions,
        evidence: {
          lessonId: estimate.evidenceLessonId,
          reference: estimate.evidenceReference,
          link: estimate.evidenceLink,
        },
        stale: estimate.stale,
      });
    }
    return {
      id: seller.id,
      name: seller.name,
      savedAt: set?.createdAt ?? null,
      version: set?.version ?? null,
      cells,
      weighted: weightedShare(metrics, cells),
    };
  });
  return { metrics, sellers };
}

/**
 * `/tender compare`: metrics × sellers posted in the team channel, in as many messages as Block
 * Kit's limits need, and the same as a chart. Posted for the command's work, so that a retry finds
 * what it already posted.
 */
export async function postComparison(
  deps: Deps,
  tender: Tender,
  userId: string,
  work: Work | undefined,
): Promise<{ messages: number; chart: boolean }> {
  requireMember(tender, userId, "compare the sellers");
  const comparison = await buildComparison(deps, tender);
  if (comparison.metrics.length === 0) throw new TenderError("invalid_input", NO_METRICS(tender.number));
  const slack = forWork(deps, work).slack;
  const messages = comparisonMessages(tender, comparison, new Date());
  for (const message of messages) await slack.post(tender.teamChannelId, message);
  if (comparison.sellers.length === 0) return { messages: messages.length, chart: false };
  const chart = await improvementChart({
    title: `${tenderRef(tender.number)} · ${tender.title}: improvement toward each target`,
    metrics: comparison.metrics.map((metric) => ({ ref: metricRef(metric.number), name: metric.name })),
    sellers: comparison.sellers.map((seller) => seller.name),
    improvement: (ref, name) => {
      const metric = comparison.metrics.find((candidate) => metricRef(candidate.number) === ref);
      const seller = comparison.sellers.find((candidate) => candidate.name === name);
      return (metric && seller?.cells.get(metric.id)?.share) ?? null;
    },
  });
  await slack.uploadFile(tender.teamChannelId, {
    filename: `${tenderRef(tender.number)}-comparison.png`,
    title: `${tenderRef(tender.number)} · key metrics × sellers`,
    content: chart.png,
  });
  return { messages: messages.length, chart: true };
}

/**
 * `/tender business-case`: the buyer's case from the metrics and the sellers' latest estimates, a
 * summary in the team channel and the whole of it as a Markdown file; never in a seller channel.
 */
export async function postBusinessCase(
  deps: Deps,
  tender: Tender,
  userId: string,
  work: Work | undefined,
): Promise<void> {
  requireMember(tender, userId, "assemble the business case");
  const comparison = await buildComparison(deps, tender);
  if (comparison.metrics.length === 0) throw new TenderError("invalid_input", NO_METRICS(tender.number));
  const metrics = await metricsOfTender(deps.db, tender.id);
  const notes = new Map(metrics.map((metric) => [metric.id, metric]));
  const slack = forWork(deps, work).slack;
  const risks = risksOf(comparison);
  const summary = businessCaseSummary(tender, comparison, risks.length, (metric) =>
    bestOn(metric, comparison.sellers),
  );
  await slack.post(tender.teamChannelId, summary);
  await slack.uploadFile(tender.teamChannelId, {
    filename: `${tenderRef(tender.number)}-business-case.md`,
    title: `${tenderRef(tender.number)} · business case`,
    content: businessCaseMarkdown(tender, comparison, notes, new Date()),
  });
}
