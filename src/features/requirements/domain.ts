import { z } from "zod";
import type { Priority } from "../../generated/prisma/enums.js";
import { TEXT_INPUT_MAX } from "../../slack/blocks.js";
import { echo } from "../../slack/text.js";
import { parseMetricRef } from "../metrics/index.js";

export type { Priority };

export const PRIORITIES: readonly Priority[] = ["must", "should", "could"];
export const PRIORITY_LABEL: Record<Priority, string> = { must: "Must", should: "Should", could: "Could" };

export const TITLE_MAX = 150;
export const LONG_TEXT_MAX = TEXT_INPUT_MAX;
export const CATEGORY_MAX = 50;

const METRICS_PART = /\|\s*metrics:([^|]*)$/i;

/**
 * `<title> | <details> [| metrics: M-1, M-2]`: the first `|` separates the title from the details;
 * a last part `metrics:` names the key metrics the requirement serves.
 */
export function parseRequireArgs(args: string): { title: string; details?: string; metrics?: string[] } {
  const named = args.match(METRICS_PART);
  const rest = named ? args.slice(0, named.index).trim() : args;
  const metrics = named ? { metrics: (named[1] ?? "").split(/[\s,]+/).filter(Boolean) } : {};
  const bar = rest.indexOf("|");
  if (bar === -1) return { title: rest.trim(), ...metrics };
  const details = rest.slice(bar + 1).trim();
  return { title: rest.slice(0, bar).trim(), details: details || undefined, ...metrics };
}

/** `M-1`, `M-2`, as typed or chosen in the form, read as metric numbers. */
const metricRefs = z
  .array(z.string())
  .max(20, "Name at most 20 key metrics.")
  .default([])
  .transform((refs, ctx) => {
    const numbers = refs.map((ref) => parseMetricRef(ref));
    const wrong = refs.filter((_, i) => numbers[i] === undefined);
    if (wrong.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `${wrong
          .slice(0, 3)
          .map((ref) => `“${echo(ref)}”`)
          .join(", ")} is not a key metric's reference: write M-1, M-2.`,
      });
      return z.NEVER;
    }
    return [...new Set(numbers as number[])];
  });

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${label} within ${max} characters.`)
    .optional()
    .transform((value) => value || undefined);

export const requirementSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the requirement a title.")
    .max(TITLE_MAX, `Keep the title within ${TITLE_MAX} characters.`),
  details: optionalText(12_000, "details"),
  category: optionalText(CATEGORY_MAX, "category"),
  priority: z.enum(["must", "should", "could"], { error: "Pick Must, Should or Could." }).default("should"),
  acceptanceCriteria: optionalText(LONG_TEXT_MAX, "acceptance criteria"),
  inputDueOn: z.iso.date({ error: "Pick a date." }).optional(),
  metrics: metricRefs,
});

export type RequirementInput = z.output<typeof requirementSchema>;

const REASON_MAX = 500;

export const withdrawReasonSchema = z
  .string()
  .trim()
  .max(REASON_MAX, `Keep the reason within ${REASON_MAX} characters.`)
  .transform((value) => value || undefined);

/** Seller replies counted per seller, and the questions nobody has answered yet. */
export interface RequirementSummary {
  number: number;
  title: string;
  version: number;
  status: "open" | "withdrawn";
  repliesBySeller: { sellerName: string; count: number }[];
  openQuestions: { sellerName: string; authorName: string; text: string }[];
}

export interface SellerReplyRow {
  sellerId: number;
  authorName: string;
  kind: string;
  text: string;
  answeredAt: Date | null;
}

export function summarise(
  requirement: { number: number; version: number; status: "open" | "withdrawn"; title: string },
  replies: SellerReplyRow[],
  sellerNames: Map<number, string>,
): RequirementSummary {
  const nameOf = (sellerId: number) => sellerNames.get(sellerId) ?? "a seller";
  const counts = new Map<number, number>();
  for (const reply of replies) counts.set(reply.sellerId, (counts.get(reply.sellerId) ?? 0) + 1);
  return {
    ...requirement,
    repliesBySeller: [...counts].map(([sellerId, count]) => ({ sellerName: nameOf(sellerId), count })),
    openQuestions: replies
      .filter((reply) => reply.kind === "question" && reply.answeredAt === null)
      .map((reply) => ({
        sellerName: nameOf(reply.sellerId),
        authorName: reply.authorName,
        text: reply.text,
      })),
  };
}
