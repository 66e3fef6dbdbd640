import { z } from "zod";
import type { Priority } from "../../generated/prisma/enums.js";

export type { Priority };

export const PRIORITIES: readonly Priority[] = ["must", "should", "could"];
export const PRIORITY_LABEL: Record<Priority, string> = { must: "Must", should: "Should", could: "Could" };

export const TITLE_MAX = 150;
/** Slack's limit for a form's text input. */
export const LONG_TEXT_MAX = 3000;
export const CATEGORY_MAX = 50;

export function requirementRef(number: number): string {
  return `R-${number}`;
}

const REQUIREMENT_REF = /^R-(\d{1,9})$/i;

/** `R-<n>` at the start of the arguments, and the rest. */
export function parseRequirementRef(args: string): { number?: number; rest: string } {
  const [first = ""] = args.trim().split(/\s+/);
  const match = first.match(REQUIREMENT_REF);
  if (!match?.[1]) return { rest: args.trim() };
  return { number: Number(match[1]), rest: args.trim().slice(first.length).trim() };
}

/** `<title> | <details>`: the first `|` separates the title from the details. */
export function parseRequireArgs(args: string): { title: string; details?: string } {
  const bar = args.indexOf("|");
  if (bar === -1) return { title: args.trim() };
  const details = args.slice(bar + 1).trim();
  return { title: args.slice(0, bar).trim(), details: details || undefined };
}

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
});

export type RequirementInput = z.output<typeof requirementSchema>;

/**
 * Splits text into pieces of at most `max` characters, at paragraph, then line, then word
 * boundaries where it can, so that each fits one Block Kit section.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = [window.lastIndexOf("\n\n"), window.lastIndexOf("\n"), window.lastIndexOf(" ")].find(
      (index) => index > max / 2,
    );
    let at = cut ?? max;
    // Never between the halves of an escaped `&amp;`, `&lt;` or `&gt;`.
    const amp = rest.lastIndexOf("&", at - 1);
    if (amp !== -1 && at - amp < 5 && !rest.slice(amp, at).includes(";")) at = amp;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}
