import { improvementChart } from "../src/features/business-case/chart.js";
import { OWNER, percentile, type Stage, timeUntil } from "./setup.js";

export interface CaseResult {
  sellers: number;
  metrics: number;
  runs: number;
  compareP50Ms: number;
  compareP99Ms: number;
  /** Messages one comparison takes; Slack posts about one a second per channel. */
  compareMessages: number;
  caseP50Ms: number;
  caseP99Ms: number;
  chartP50Ms: number;
  chartP99Ms: number;
}

/**
 * Gives the stage's latest tender `metrics` key metrics and every seller an estimate on each (stored
 * directly: the figures are about assembling the case), then times `/tender compare` and
 * `/tender business-case` from the command to the last message and file in the team channel, and
 * the chart alone.
 */
export async function assembleCases(stage: Stage, metrics: number, runs: number): Promise<CaseResult> {
  const tender = await stage.db.tender.findFirstOrThrow({ orderBy: { id: "desc" } });
  const sellers = await stage.db.seller.findMany({ where: { tenderId: tender.id } });
  await stage.db.metric.createMany({
    data: Array.from({ length: metrics }, (_, i) => ({
      tenderId: tender.id,
      number: i + 1,
      name: `Bench metric ${i + 1}`,
      unit: "hours",
      direction: "lower" as const,
      baseline: 100 + i,
      target: 50,
      weight: 1 + (i % 5),
      whyItMatters: "Every hour saved is a technician's time back.",
      createdBy: OWNER,
    })),
  });
  const rows = await stage.db.metric.findMany({ where: { tenderId: tender.id } });
  for (const [s, seller] of sellers.entries()) {
    await stage.db.estimateSet.create({
      data: {
        tenderId: tender.id,
        sellerId: seller.id,
        version: 1,
        authorUserId: "U0BENCHSELLER",
        authorTeamId: "T0BENCHSELLER",
        authorName: "Bench Seller",
        estimates: {
          create: rows.map((metric, m) => ({
            metricId: metric.id,
            metricVersion: 1,
            value: metric.target + ((s * 7 + m * 3) % 60),
            confidence: (["low", "medium", "high"] as const)[(s + m) % 3] ?? "medium",
            monthsAfterGoLive: 6,
            assumptions: "Technicians use the app on every visit.",
            evidenceReference: (s + m) % 4 === 0 ? null : "Northwind Utilities",
          })),
        },
      },
    });
  }
  const time = async (text: string) => {
    const files = stage.fake.files().length;
    const started = performance.now();
    await stage.requests.command({ text, userId: OWNER, channelId: tender.teamChannelId });
    await timeUntil(async () => stage.fake.files().length > files);
    return performance.now() - started;
  };
  const compare: number[] = [];
  const cases: number[] = [];
  for (let i = 0; i < runs; i++) compare.push(await time("compare"));
  const before = stage.fake.messages(tender.teamChannelId).length;
  await time("compare");
  const compareMessages = stage.fake.messages(tender.teamChannelId).length - before - 1;
  for (let i = 0; i < runs; i++) cases.push(await time("business-case"));
  const chart: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await improvementChart({
      title: "Bench tender: improvement toward each target",
      metrics: rows.map((metric) => ({ ref: `M-${metric.number}`, name: metric.name })),
      sellers: sellers.map((seller) => seller.name),
      improvement: (_ref, name) => (name.length % 5) / 4,
    });
    chart.push(performance.now() - started);
  }
  await stage.room.settled(60_000);
  return {
    sellers: sellers.length,
    metrics,
    runs,
    compareP50Ms: percentile(compare, 50),
    compareP99Ms: percentile(compare, 99),
    compareMessages,
    caseP50Ms: percentile(cases, 50),
    caseP99Ms: percentile(cases, 99),
    chartP50Ms: percentile(chart, 50),
    chartP99Ms: percentile(chart, 99),
  };
}
