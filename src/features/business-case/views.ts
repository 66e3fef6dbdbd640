import type { KnownBlock } from "@slack/types";
import { lessonRef, tenderRef } from "../../kernel/refs.js";
import { context, SECTION_MAX, section } from "../../slack/blocks.js";
import { escapeText, splitText } from "../../slack/text.js";
import { percent } from "../estimates/index.js";
import { formatFigure, metricRef } from "../metrics/index.js";
import type { Tender } from "../tenders/index.js";
import { type Cell, type ComparedMetric, type ComparedSeller, type Comparison, freshness } from "./domain.js";

/** Blocks per message, under Block Kit's 50. */
const BLOCKS_PER_MESSAGE = 45;

export function NO_METRICS(tenderNumber: number): string {
  return `${tenderRef(tenderNumber)} has no key metrics yet: define them with \`/tender metric add\`, and sellers quantify their impact in them.`;
}

export function comparedReply(teamChannelId: string, messages: number, chart: boolean): string {
  const parts = `${messages === 1 ? "one message" : `${messages} messages`}${chart ? " and a chart" : ""}`;
  return `The comparison is in <#${teamChannelId}>: ${parts}.`;
}

function evidenceText(evidence: Cell["evidence"]): string | undefined {
  if (evidence.lessonId !== null) return lessonRef(evidence.lessonId);
  if (evidence.link) return `<${escapeText(evidence.link)}|a link>`;
  if (evidence.reference) return escapeText(evidence.reference);
  return undefined;
}

/** One seller's line under a metric. */
function cellLine(metric: ComparedMetric, seller: ComparedSeller, now: Date): string {
  const name = `*${escapeText(seller.name)}*`;
  const cell = seller.cells.get(metric.id);
  if (!cell) return `• ${name}: not quantified`;
  const evidence = evidenceText(cell.evidence);
  return [
    `• ${name}: ${formatFigure(cell.value)} ${escapeText(metric.unit)} · ${percent(cell.share)} of the way`,
    `${cell.confidence} confidence`,
    ...(cell.monthsAfterGoLive !== null ? [`${cell.monthsAfterGoLive} months after go-live`] : []),
    evidence ? `evidence ${evidence}` : "no evidence",
    ...(seller.savedAt ? [`saved ${freshness(seller.savedAt, now)}`] : []),
    ...(cell.stale ? ["_needs an update: the metric changed since_"] : []),
  ].join(" · ");
}

function metricHeading(metric: ComparedMetric): string {
  const unit = escapeText(metric.unit);
  return `*${metricRef(metric.number)} · ${escapeText(metric.name)}*: ${formatFigure(metric.baseline)} → ${formatFigure(metric.target)} ${unit}, ${metric.direction} is better · weight ${metric.weight}`;
}

/**
 * Metrics × sellers for the buyer's team: the weighted totals first, then each metric with every
 * seller's estimate; sellers who have not quantified are listed, not hidden. Split into messages
 * within Block Kit's limits.
 */
export function comparisonMessages(
  tender: Pick<Tender, "number" | "title">,
  comparison: Comparison,
  now: Date,
): { text: string; blocks: KnownBlock[] }[] {
  const title = `Key metrics × sellers · ${tenderRef(tender.number)} · ${escapeText(tender.title)}`;
  const ranked = [...comparison.sellers].sort((a, b) => b.weighted - a.weighted);
  const totals = ranked.map((seller) => {
    const quantified = comparison.metrics.filter((metric) => seller.cells.has(metric.id)).length;
    const of = `${quantified} of ${comparison.metrics.length} metrics`;
    return seller.savedAt
      ? `• *${escapeText(seller.name)}*: ${percent(seller.weighted)} weighted (${of}, v${seller.version})`
      : `• *${escapeText(seller.name)}*: has not quantified yet`;
  });
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: title.slice(0, 150) } },
    context(
      "The share is how far a seller's expected value goes from today's baseline toward the target (100% = the target). The weighted total weighs each metric by its weight; a metric a seller has not quantified counts as 0.",
    ),
    ...splitText(`*Weighted toward the targets*\n${totals.join("\n") || "No seller yet."}`, SECTION_MAX).map(
      section,
    ),
  ];
  for (const metric of comparison.metrics) {
    const lines = comparison.sellers.map((seller) => cellLine(metric, seller, now));
    blocks.push(...splitText([metricHeading(metric), ...lines].join("\n"), SECTION_MAX).map(section));
  }
  const messages: { text: string; blocks: KnownBlock[] }[] = [];
  for (let start = 0; start < blocks.length; start += BLOCKS_PER_MESSAGE) {
    const page = messages.length + 1;
    messages.push({ text: `${title} (${page})`, blocks: blocks.slice(start, start + BLOCKS_PER_MESSAGE) });
  }
  return messages;
}

/** The business case's summary in the team channel; the whole case follows as a Markdown file. */
export function businessCaseSummary(
  tender: Pick<Tender, "number" | "title" | "goal">,
  comparison: Comparison,
  risks: number,
  best: (metric: ComparedMetric) => { seller: ComparedSeller; share: number } | undefined,
): { text: string; blocks: KnownBlock[] } {
  const title = `Business case · ${tenderRef(tender.number)} · ${escapeText(tender.title)}`;
  const ranked = [...comparison.sellers]
    .filter((seller) => seller.savedAt)
    .sort((a, b) => b.weighted - a.weighted);
  const metricLines = comparison.metrics.map((metric) => {
    const top = best(metric);
    const offer = top
      ? `best expected: *${escapeText(top.seller.name)}*, ${percent(top.share)} of the way`
      : "not quantified yet";
    return `• *${metricRef(metric.number)} · ${escapeText(metric.name)}*: ${formatFigure(metric.baseline)} → ${formatFigure(metric.target)} ${escapeText(metric.unit)}; ${offer}`;
  });
  const silent = comparison.sellers
    .filter((seller) => !seller.savedAt)
    .map((seller) => escapeText(seller.name));
  const lines = [
    ...(tender.goal ? [`*Goal:* ${escapeText(tender.goal)}`] : []),
    "*Value at stake*",
    ...metricLines,
    `*Weighted toward the targets:* ${ranked.map((seller) => `*${escapeText(seller.name)}* ${percent(seller.weighted)}`).join(", ") || "no seller has quantified yet"}`,
    ...(silent.length ? [`*Not quantified yet:* ${silent.join(", ")}`] : []),
    `*Open risks:* ${risks === 0 ? "none" : `${risks} (low confidence, missing evidence, estimates to update, silent sellers)`}; the file below lists them.`,
  ];
  return {
    text: title,
    blocks: [
      { type: "header", text: { type: "plain_text", text: title.slice(0, 150) } },
      ...splitText(lines.join("\n"), SECTION_MAX).slice(0, 40).map(section),
      context(
        "The whole case, with every seller's assumptions and evidence, is in the Markdown file below: for your own stakeholders, never for the sellers.",
      ),
    ],
  };
}

export function businessCaseReply(teamChannelId: string): string {
  return `The business case is in <#${teamChannelId}>: a summary and the Markdown file to forward.`;
}
