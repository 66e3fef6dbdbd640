import { lessonRef, requirementRef } from "../../../kernel/refs.js";
import { metricRef } from "../../metrics/index.js";
import { column, rowsOf, type SheetSpec } from "./sheet.js";

/** The buyer's key metrics, retired ones included; only in a tender that has some. */
export const metricsSheet: SheetSpec = {
  name: "Metrics",
  onlyWhenPresent: true,
  columns: [
    column("Metric", "text", 8),
    column("Name", "text", 30),
    column("Unit"),
    column("Better", "text", 8),
    column("Baseline", "number", 10),
    column("Target", "number", 10),
    column("Weight", "number", 8),
    column("Version", "number", 8),
    column("Status"),
    column("Suggested by seller", "text", 20),
    column("How it is measured", "text", 40),
    column("Why it matters", "text", 40),
    column("Requirements served", "text", 20),
    column("By", "text", 20),
    column("Defined (UTC)", "moment", 18),
  ],
  rows: (context) =>
    rowsOf(
      context.pageSize,
      (after, take) =>
        context.db.metric.findMany({
          where: { tenderId: context.tender.id, id: { gt: after } },
          select: {
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
            suggestedBySellerId: true,
            measuredHow: true,
            whyItMatters: true,
            createdBy: true,
            createdAt: true,
            requirements: { select: { requirement: { select: { number: true } } } },
          },
          orderBy: { id: "asc" },
          take,
        }),
      async (metric) => [
        metricRef(metric.number),
        metric.name,
        metric.unit,
        metric.direction,
        metric.baseline,
        metric.target,
        metric.weight,
        metric.version,
        metric.status,
        context.sellerName(metric.suggestedBySellerId),
        metric.measuredHow,
        metric.whyItMatters,
        metric.requirements
          .map((served) => served.requirement.number)
          .sort((a, b) => a - b)
          .map(requirementRef)
          .join(", ") || null,
        await context.nameOf(metric.createdBy),
        metric.createdAt,
      ],
    ),
};

/** Every version of every seller's estimates, one row per metric estimated. */
export const estimatesSheet: SheetSpec = {
  name: "Estimates",
  onlyWhenPresent: true,
  columns: [
    column("Seller", "text", 20),
    column("Estimates version", "number", 10),
    column("Metric", "text", 8),
    column("Made against metric version", "number", 10),
    column("Value", "number", 10),
    column("Unit"),
    column("Confidence", "text", 10),
    column("Months after go-live", "number", 10),
    column("Assumptions", "text", 40),
    column("Evidence", "text", 30),
    column("Saved by", "text", 20),
    column("Saved (UTC)", "moment", 18),
  ],
  rows: (context) =>
    rowsOf(
      context.pageSize,
      (after, take) =>
        context.db.estimate.findMany({
          where: { set: { tenderId: context.tender.id }, id: { gt: after } },
          select: {
            id: true,
            metricVersion: true,
            value: true,
            confidence: true,
            monthsAfterGoLive: true,
            assumptions: true,
            evidenceLessonId: true,
            evidenceReference: true,
            evidenceLink: true,
            metric: { select: { number: true, unit: true } },
            set: { select: { sellerId: true, version: true, authorName: true, createdAt: true } },
          },
          orderBy: { id: "asc" },
          take,
        }),
      (estimate) => [
        context.sellerName(estimate.set.sellerId),
        estimate.set.version,
        metricRef(estimate.metric.number),
        estimate.metricVersion,
        estimate.value,
        estimate.metric.unit,
        estimate.confidence,
        estimate.monthsAfterGoLive,
        estimate.assumptions,
        estimate.evidenceLessonId !== null
          ? lessonRef(estimate.evidenceLessonId)
          : (estimate.evidenceLink ?? estimate.evidenceReference),
        estimate.set.authorName,
        estimate.set.createdAt,
      ],
    ),
};
