import type { ViewOutput } from "@slack/bolt";
import { z } from "zod";
import type { Confidence } from "../../generated/prisma/enums.js";
import type { FormRead } from "../../kernel/handlers.js";
import { originCodec, rowId, selectedValue, textValue } from "../../slack/modal.js";
import { echo } from "../../slack/text.js";
import { parseFigure } from "../metrics/index.js";
import { ESTIMATE_PARTS, type EstimatePart, estimateField } from "./ids.js";

export type { Confidence };

/** Metrics per form: six blocks each keep a page within Slack's 100 blocks per form. */
const PAGE_SIZE = 12;
export const ASSUMPTIONS_MAX = 1000;
const REFERENCE_MAX = 200;
const LINK_MAX = 500;
/** The evidence field holds a link at most. */
export const EVIDENCE_MAX = LINK_MAX;
export const MONTHS_MAX = 120;
/** A value as typed: a figure, however people group its digits. */
export const VALUE_MAX = 24;

export const CONFIDENCES: readonly Confidence[] = ["low", "medium", "high"];

/** What backs an estimate: a lesson the seller shared in its channel, a link, or a reference customer. */
export type Evidence = { lessonId: number } | { link: string } | { reference: string };

/** One metric's estimate as the form gives it. */
export interface EstimateInput {
  metricId: number;
  value: number;
  confidence: Confidence;
  months?: number;
  assumptions?: string;
  evidence?: Evidence;
}

export const NOTHING_GIVEN = "Give the value you expect for at least one metric of this form.";
export const VALUE_MISSING = "Give the value you expect, or clear this metric's other fields.";
export const CONFIDENCE_MISSING = "Pick how confident you are in this value.";
export const MONTHS_WRONG = `Give the months after go-live as a whole number from 0 to ${MONTHS_MAX}.`;
export const HTTPS_ONLY = "Give the link with https://, or the reference customer's name.";

export function notYourLesson(ref: string): string {
  return `${echo(ref)} is not a lesson your team shared in this channel. Share it with “Share a lesson learned” first.`;
}

const LESSON = /^L-(\d+)$/i;
/** Characters that would end or disguise a link in Slack's markup. */
const LINK_BREAKERS = /[\s<>|"`]/;

/** The evidence field: `L-<n>`, an https link, or a reference customer's name; or the problem with it. */
function parseEvidence(text: string): Evidence | { problem: string } {
  const lesson = text.match(LESSON);
  if (lesson) {
    const id = rowId.safeParse(Number(lesson[1]));
    return id.success ? { lessonId: id.data } : { problem: notYourLesson(text) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    if (!/^https:\/\//i.test(text)) return { problem: HTTPS_ONLY };
    if (text.length > LINK_MAX) return { problem: `Keep the link within ${LINK_MAX} characters.` };
    const url = URL.canParse(text) ? new URL(text) : undefined;
    if (!url?.hostname.includes(".") || LINK_BREAKERS.test(text))
      return { problem: `“${echo(text)}” is not a link a browser opens.` };
    return { link: text };
  }
  if (text.length > REFERENCE_MAX)
    return { problem: `Keep the reference customer's name within ${REFERENCE_MAX} characters.` };
  return { reference: text };
}

/** An optional text field: trimmed, and undefined when empty. */
const optionalText = z
  .string()
  .optional()
  .transform((text) => text?.replace(/\s+/g, " ").trim() || undefined);

const estimateSchema = z
  .object({
    value: optionalText.transform((text, ctx) => {
      if (text === undefined) return undefined;
      const value = parseFigure(text);
      if (value === undefined)
        ctx.addIssue({
          code: "custom",
          message: `“${echo(text)}” is not a number: write the value like 12, 3.5 or 1,200.`,
        });
      return value;
    }),
    confidence: z.enum(["low", "medium", "high"], { error: "Pick low, medium or high." }).optional(),
    months: optionalText.transform((text, ctx) => {
      if (text === undefined) return undefined;
      const months = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
      if (!(months <= MONTHS_MAX)) ctx.addIssue({ code: "custom", message: MONTHS_WRONG });
      return months;
    }),
    assumptions: z
      .string()
      .trim()
      .max(ASSUMPTIONS_MAX, `Keep the assumptions within ${ASSUMPTIONS_MAX} characters.`)
      .optional()
      .transform((text) => text || undefined),
    evidence: optionalText.transform((text, ctx): Evidence | undefined => {
      if (text === undefined) return undefined;
      const evidence = parseEvidence(text);
      if ("problem" in evidence) {
        ctx.addIssue({ code: "custom", message: evidence.problem });
        return undefined;
      }
      return evidence;
    }),
  })
  // Checked also when another field is wrong, so that every field's problem shows at once.
  .refine(
    (fields) =>
      fields.value !== undefined || !(fields.months !== undefined || fields.assumptions || fields.evidence),
    {
      path: ["value"],
      message: VALUE_MISSING,
      when: () => true,
    },
  )
  .refine((fields) => fields.value === undefined || Boolean(fields.confidence), {
    path: ["confidence"],
    message: CONFIDENCE_MISSING,
    when: () => true,
  });

/**
 * The form's groups, read by the schema, for the metrics its memory names: each error on the field
 * that caused it. A metric left without a value gets no estimate.
 */
export function readEstimates(view: ViewOutput, metricIds: number[]): FormRead<EstimateInput[]> {
  const errors: Record<string, string> = {};
  const estimates: EstimateInput[] = [];
  for (const metricId of new Set(metricIds)) {
    const field = (part: EstimatePart) => estimateField(metricId, part);
    const read = estimateSchema.safeParse({
      value: textValue(view, field("value")),
      confidence: selectedValue(view, field("confidence")),
      months: textValue(view, field("months")),
      assumptions: textValue(view, field("assumptions")),
      evidence: textValue(view, field("evidence")),
    });
    if (!read.success) {
      for (const issue of read.error.issues) {
        const part = String(issue.path[0] ?? "value") as EstimatePart;
        errors[field(part in ESTIMATE_PARTS ? part : "value").block] ??= issue.message;
      }
      continue;
    }
    const { value, confidence, months, assumptions, evidence } = read.data;
    if (value === undefined || !confidence) continue;
    estimates.push({
      metricId,
      value,
      confidence,
      ...(months !== undefined ? { months } : {}),
      ...(assumptions ? { assumptions } : {}),
      ...(evidence ? { evidence } : {}),
    });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const [first] = metricIds;
  if (estimates.length === 0 && first !== undefined)
    return { ok: false, errors: { [estimateField(first, "value").block]: NOTHING_GIVEN } };
  return { ok: true, input: estimates };
}

/** What the form remembers: the seller channel it was opened in and the metrics of its page. */
export const estimateOrigin = originCodec({
  channelId: z.string().min(1).max(40),
  metricIds: z.array(rowId).min(1).max(PAGE_SIZE),
});

export type EstimateOrigin = NonNullable<ReturnType<typeof estimateOrigin.decode>>;

/** The page of `PAGE_SIZE` metrics holding the one asked for (the first page when it is not there). */
export function pageHolding<M extends { id: number }>(
  metrics: M[],
  metricId: number | undefined,
): { metrics: M[]; first: number; total: number } {
  const at = Math.max(
    0,
    metrics.findIndex((metric) => metric.id === metricId),
  );
  const start = Math.floor(at / PAGE_SIZE) * PAGE_SIZE;
  return { metrics: metrics.slice(start, start + PAGE_SIZE), first: start + 1, total: metrics.length };
}

/**
 * How far an expected value goes from the metric's baseline to its target: 0 at the baseline, 1 at
 * the target, above 1 beyond it, below 0 when worse than today.
 */
export function improvementShare(metric: { baseline: number; target: number }, value: number): number {
  return (value - metric.baseline) / (metric.target - metric.baseline);
}

/** An estimate made against an earlier unit, baseline or target of its metric needs an update. */
export function isStale(estimate: { metricVersion: number }, metric: { version: number }): boolean {
  return estimate.metricVersion < metric.version;
}
