import { lessonRef, tenderRef } from "../../kernel/refs.js";
import { percent } from "../estimates/index.js";
import { formatFigure, metricRef } from "../metrics/index.js";
import type { Tender } from "../tenders/index.js";
import type { ComparedMetric, ComparedSeller, Comparison } from "./domain.js";

/** What is still open in the case: estimates to doubt, to back up or to update, and who is silent. */
export interface Risk {
  seller: string;
  metric?: ComparedMetric;
  what: "low confidence" | "no evidence" | "needs an update" | "not quantified";
}

export function risksOf(comparison: Comparison): Risk[] {
  const risks: Risk[] = [];
  for (const seller of comparison.sellers) {
    if (!seller.savedAt) {
      risks.push({ seller: seller.name, what: "not quantified" });
      continue;
    }
    for (const metric of comparison.metrics) {
      const cell = seller.cells.get(metric.id);
      if (!cell) continue;
      if (cell.stale) risks.push({ seller: seller.name, metric, what: "needs an update" });
      if (cell.confidence === "low") risks.push({ seller: seller.name, metric, what: "low confidence" });
      const { lessonId, reference, link } = cell.evidence;
      if (lessonId === null && !reference && !link)
        risks.push({ seller: seller.name, metric, what: "no evidence" });
    }
  }
  return risks;
}

/** The seller expected to go furthest toward a metric's target, if anyone quantified it. */
export function bestOn(metric: ComparedMetric, sellers: ComparedSeller[]) {
  let best: { seller: ComparedSeller; share: number; value: number } | undefined;
  for (const seller of sellers) {
    const cell = seller.cells.get(metric.id);
    if (cell && (!best || cell.share > best.share)) best = { seller, share: cell.share, value: cell.value };
  }
  return best;
}

/** Text as Markdown shows it literally: what a person typed never becomes a heading, link or table cell. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (char) => `\\${char}`).replace(/\s*\n\s*/g, " ");
}

function metricLabel(metric: ComparedMetric): string {
  return `${metricRef(metric.number)} · ${md(metric.name)}`;
}

/** The business case as a Markdown document the buyer forwards to their own stakeholders. */
export function businessCaseMarkdown(
  tender: Pick<Tender, "number" | "title" | "goal">,
  comparison: Comparison,
  notes: Map<number, { whyItMatters: string | null; measuredHow: string | null }>,
  now: Date,
): string {
  const lines: string[] = [
    `# Business case: ${tenderRef(tender.number)} · ${md(tender.title)}`,
    "",
    `_Assembled by Tender Room on ${now.toISOString().slice(0, 10)} from the sellers' latest estimates._`,
    "",
    "## Goal",
    "",
    tender.goal ? md(tender.goal) : "_No goal was written for this tender._",
    "",
    "## Key metrics",
    "",
    "| Metric | Today | Target | Better | Weight | Why it matters | How it is measured |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const metric of comparison.metrics) {
    const note = notes.get(metric.id);
    lines.push(
      `| ${metricLabel(metric)} | ${formatFigure(metric.baseline)} ${md(metric.unit)} | ${formatFigure(metric.target)} ${md(metric.unit)} | ${metric.direction} | ${metric.weight} | ${md(note?.whyItMatters ?? "")} | ${md(note?.measuredHow ?? "")} |`,
    );
  }
  lines.push("", "## Value at stake", "");
  for (const metric of comparison.metrics) {
    const gap = Math.abs(metric.target - metric.baseline);
    const best = bestOn(metric, comparison.sellers);
    const offer = best
      ? `best expected: ${md(best.seller.name)}, ${formatFigure(best.value)} ${md(metric.unit)} (${percent(best.share)} of the way)`
      : "no seller has quantified it yet";
    lines.push(
      `- **${metricLabel(metric)}**: a gap of ${formatFigure(gap)} ${md(metric.unit)} to close; ${offer}.`,
    );
  }
  lines.push(
    "",
    "## Weighted comparison",
    "",
    "| Seller | Weighted toward the targets | Metrics quantified | Version |",
    "|---|---|---|---|",
  );
  for (const seller of [...comparison.sellers].sort((a, b) => b.weighted - a.weighted)) {
    const quantified = comparison.metrics.filter((metric) => seller.cells.has(metric.id)).length;
    lines.push(
      `| ${md(seller.name)} | ${seller.savedAt ? percent(seller.weighted) : "not quantified"} | ${quantified} of ${comparison.metrics.length} | ${seller.version ?? "–"} |`,
    );
  }
  lines.push("", "## What each seller committed to");
  for (const seller of comparison.sellers) {
    lines.push("", `### ${md(seller.name)}`, "");
    if (!seller.savedAt) {
      lines.push("_Has not quantified its impact yet._");
      continue;
    }
    for (const metric of comparison.metrics) {
      const cell = seller.cells.get(metric.id);
      if (!cell) {
        lines.push(`- **${metricLabel(metric)}**: not quantified.`);
        continue;
      }
      const { lessonId, reference, link } = cell.evidence;
      const evidence =
        lessonId !== null
          ? `lesson ${lessonRef(lessonId)}`
          : link
            ? `<${link}>`
            : reference
              ? md(reference)
              : "none";
      lines.push(
        `- **${metricLabel(metric)}**: ${formatFigure(cell.value)} ${md(metric.unit)} (${percent(cell.share)} of the way), ${cell.confidence} confidence${cell.monthsAfterGoLive !== null ? `, ${cell.monthsAfterGoLive} months after go-live` : ""}. Evidence: ${evidence}.${cell.assumptions ? ` Assumptions: ${md(cell.assumptions)}` : ""}${cell.stale ? " _Made before the metric changed: needs an update._" : ""}`,
      );
    }
  }
  const risks = risksOf(comparison);
  lines.push("", "## Open risks", "");
  if (risks.length === 0)
    lines.push("None: every seller quantified every metric with evidence and at least medium confidence.");
  for (const risk of risks)
    lines.push(`- ${md(risk.seller)}${risk.metric ? `, ${metricLabel(risk.metric)}` : ""}: ${risk.what}.`);
  return `${lines.join("\n")}\n`;
}
