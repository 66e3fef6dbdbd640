import type { Confidence } from "../../generated/prisma/enums.js";

/** A key metric as the comparison shows it. */
export interface ComparedMetric {
  id: number;
  number: number;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  direction: "lower" | "higher";
  weight: number;
}

/** One seller's latest estimate on one metric. */
export interface Cell {
  value: number;
  /** How far the value goes from the baseline toward the target: 0 = baseline, 1 = target. */
  share: number;
  confidence: Confidence;
  monthsAfterGoLive: number | null;
  assumptions: string | null;
  evidence: { lessonId: number | null; reference: string | null; link: string | null };
  /** Made before the metric's unit, baseline or target changed. */
  stale: boolean;
}

export interface ComparedSeller {
  id: number;
  name: string;
  /** When its latest estimates were saved, or null: it has not quantified. */
  savedAt: Date | null;
  version: number | null;
  cells: Map<number, Cell>;
  /** Weighted share of the way to the targets over every metric; a metric not quantified counts 0. */
  weighted: number;
}

export interface Comparison {
  metrics: ComparedMetric[];
  sellers: ComparedSeller[];
}

/** The weighted share of a seller over every metric: Σ weight × share / Σ weight, 0 where not quantified. */
export function weightedShare(metrics: ComparedMetric[], cells: Map<number, Cell>): number {
  const weights = metrics.reduce((sum, metric) => sum + metric.weight, 0);
  if (weights === 0) return 0;
  const reached = metrics.reduce(
    (sum, metric) => sum + metric.weight * (cells.get(metric.id)?.share ?? 0),
    0,
  );
  return reached / weights;
}

/** `today`, `yesterday`, `5 days ago`: how fresh an estimate is. */
export function freshness(savedAt: Date, now: Date): string {
  const days = Math.floor((now.getTime() - savedAt.getTime()) / 86_400_000);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}
