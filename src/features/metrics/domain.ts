import { z } from "zod";
import type { MetricDirection } from "../../generated/prisma/enums.js";
import { originCodec, rowId } from "../../slack/modal.js";
import { echo } from "../../slack/text.js";

export type { MetricDirection };

export const NAME_MAX = 80;
export const UNIT_MAX = 24;
export const NOTE_MAX = 1000;
export const WEIGHT_MAX = 10;
/** Beyond this a figure is a typing slip, not a metric. */
const MAGNITUDE_MAX = 1e12;

export const DIRECTION_LABEL: Record<MetricDirection, string> = {
  lower: "lower is better",
  higher: "higher is better",
};

const METRIC_REF = /^M-(\d{1,9})$/i;

/** `M-<n>` as typed, or undefined. */
export function parseMetricRef(word: string | undefined): number | undefined {
  const match = word?.trim().match(METRIC_REF);
  return match?.[1] ? Number(match[1]) : undefined;
}

export function metricRef(number: number): string {
  return `M-${number}`;
}

// Digits with an optional decimal point, thousands grouped by commas or spaces: 12, -3.5, 1,200.5, 1 200.
const NUMBER = /^[+-]?(\d{1,3}([, \u00a0\u202f]\d{3})+|\d+)(\.\d+)?$/;

/** A figure as people type it, or undefined when it is not one (`12,5` is refused: ambiguous). */
export function parseFigure(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(/[, \u00a0\u202f]/g, ""));
  return Number.isFinite(value) && Math.abs(value) <= MAGNITUDE_MAX ? value : undefined;
}

/** A figure field: required, written as a number. */
function figure(label: string) {
  return z
    .string({ error: `Give the ${label}.` })
    .trim()
    .min(1, `Give the ${label}.`)
    .transform((text, ctx) => {
      const value = parseFigure(text);
      if (value === undefined) {
        ctx.addIssue({
          code: "custom",
          message: `“${echo(text)}” is not a number: write the ${label} like 12, 3.5 or 1,200.`,
        });
        return z.NEVER;
      }
      return value;
    });
}

const optionalNote = (label: string) =>
  z
    .string()
    .trim()
    .max(NOTE_MAX, `Keep ${label} within ${NOTE_MAX} characters.`)
    .optional()
    .transform((value) => value || undefined);

export const metricSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Name the metric.")
      .max(NAME_MAX, `Keep the name within ${NAME_MAX} characters.`),
    unit: z
      .string()
      .trim()
      .min(1, "Give the unit it is measured in, e.g. hours, %, EUR per year.")
      .max(UNIT_MAX, `Keep the unit within ${UNIT_MAX} characters.`),
    baseline: figure("baseline"),
    target: figure("target"),
    direction: z.enum(["lower", "higher"], { error: "Pick lower or higher is better." }).optional(),
    weight: z
      .string()
      .trim()
      .optional()
      .transform((text, ctx) => {
        if (!text) return 1;
        const weight = /^\d{1,2}$/.test(text) ? Number(text) : 0;
        if (weight < 1 || weight > WEIGHT_MAX) {
          ctx.addIssue({ code: "custom", message: `The weight is a whole number from 1 to ${WEIGHT_MAX}.` });
          return z.NEVER;
        }
        return weight;
      }),
    measuredHow: optionalNote("how it is measured"),
    whyItMatters: optionalNote("why it matters"),
  })
  .superRefine((metric, ctx) => {
    if (metric.baseline === metric.target) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message: "The target must differ from the baseline.",
      });
      return;
    }
    const better = metric.target < metric.baseline ? "lower" : "higher";
    if (metric.direction && metric.direction !== better) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message: `With ${DIRECTION_LABEL[metric.direction]}, the target must be ${metric.direction === "lower" ? "below" : "above"} the baseline.`,
      });
    }
  })
  .transform((metric) => ({
    ...metric,
    direction: metric.direction ?? (metric.target < metric.baseline ? "lower" : "higher"),
  }));

export type MetricInput = z.output<typeof metricSchema>;

/** `<name> | <unit> | <baseline> | <target> [| lower|higher] [| weight <n>]`, as the schema reads it. */
export function parseMetricArgs(args: string): Record<string, string | undefined> | { problem: string } {
  const [name, unit, baseline, target, ...rest] = args.split("|").map((part) => part.trim());
  const fields: Record<string, string | undefined> = { name, unit, baseline, target };
  for (const part of rest) {
    const weight = part.match(/^weight\s+(\S+)$/i);
    if (/^(lower|higher)$/i.test(part)) fields.direction = part.toLowerCase();
    else if (weight) fields.weight = weight[1];
    else if (part)
      return { problem: `“${echo(part)}” is neither \`lower\`, \`higher\` nor \`weight &lt;n&gt;\`.` };
  }
  return fields;
}

/** What changed between two versions of a metric, in words; a change of baseline, target or unit counts for sellers. */
export function changesOf(
  before: { name: string; unit: string; baseline: number; target: number; direction: string; weight: number },
  after: MetricInput,
): { lines: string[]; forSellers: boolean } {
  const lines: string[] = [];
  const of = (value: number, unit: string) => `${formatFigure(value)} ${unit}`;
  if (before.name !== after.name) lines.push(`name “${before.name}” → “${after.name}”`);
  if (before.unit !== after.unit) lines.push(`unit ${before.unit} → ${after.unit}`);
  if (before.baseline !== after.baseline)
    lines.push(`baseline ${of(before.baseline, before.unit)} → ${of(after.baseline, after.unit)}`);
  if (before.target !== after.target)
    lines.push(`target ${of(before.target, before.unit)} → ${of(after.target, after.unit)}`);
  if (before.direction !== after.direction) lines.push(`now ${DIRECTION_LABEL[after.direction]}`);
  if (before.weight !== after.weight) lines.push(`weight ${before.weight} → ${after.weight}`);
  const forSellers =
    before.unit !== after.unit || before.baseline !== after.baseline || before.target !== after.target;
  return { lines, forSellers };
}

/** A figure for people: up to four significant decimals, thousands grouped. */
export function formatFigure(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 4 });
}

/** What the metric form remembers: the tender, and the metric when it edits one. */
export const metricOrigin = originCodec({
  tenderId: rowId,
  metricId: rowId.optional(),
  /** The seller's suggestion the metric is defined from. */
  suggestionId: rowId.optional(),
});

export const WHY_MAX = 1000;
export const REASON_MAX = 500;

export const suggestionSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the metric.")
    .max(NAME_MAX, `Keep the name within ${NAME_MAX} characters.`),
  unit: z
    .string()
    .trim()
    .min(1, "Give the unit it is measured in, e.g. hours, %, EUR per year.")
    .max(UNIT_MAX, `Keep the unit within ${UNIT_MAX} characters.`),
  why: z
    .string()
    .trim()
    .min(1, "Say why it matters to the buyer.")
    .max(WHY_MAX, `Keep it within ${WHY_MAX} characters.`),
});

export type SuggestionInput = z.output<typeof suggestionSchema>;

export const declineSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "Give the seller a reason: they will read it.")
    .max(REASON_MAX, `Keep the reason within ${REASON_MAX} characters.`),
});

/** What a suggestion's forms remember: the seller channel it was made in, or the suggestion decided on. */
export const suggestionOrigin = originCodec({ channelId: z.string().min(1) });
export const declineOrigin = originCodec({ suggestionId: rowId });
