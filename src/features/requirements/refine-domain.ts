import { z } from "zod";
import { LONG_TEXT_MAX, parseRequireArgs, requirementSchema } from "./domain.js";

export const CHANGE_NOTE_MAX = 1000;
export const REASON_MAX = 500;
/** Slack's limits for a multi-select: at most 100 options, each shown in at most 75 characters. */
export const INFLUENCE_OPTIONS_MAX = 100;
export const OPTION_TEXT_MAX = 75;

export const revisionSchema = requirementSchema.extend({
  changeNote: z
    .string()
    .trim()
    .min(1, "Say what changed, and why: every seller reads it in its thread.")
    .max(CHANGE_NOTE_MAX, `Keep the note within ${CHANGE_NOTE_MAX} characters.`),
  influencedBy: z
    .array(z.coerce.number().int().positive())
    .max(INFLUENCE_OPTIONS_MAX, `Pick at most ${INFLUENCE_OPTIONS_MAX} replies.`)
    .default([]),
  lessons: z
    .array(z.coerce.number().int().positive())
    .max(INFLUENCE_OPTIONS_MAX, `Pick at most ${INFLUENCE_OPTIONS_MAX} lessons.`)
    .default([]),
});

export type RevisionInput = z.output<typeof revisionSchema>;

const question = z
  .string()
  .trim()
  .max(LONG_TEXT_MAX, `Keep the question within ${LONG_TEXT_MAX} characters.`);
const answer = z
  .string()
  .trim()
  .min(1, "Give the answer every seller will read.")
  .max(LONG_TEXT_MAX, `Keep the answer within ${LONG_TEXT_MAX} characters.`);

/** The "Answer all sellers" form: both parts are published, so both are needed. */
export const clarificationSchema = z.object({
  question: question.min(1, "Give the question as every seller should read it."),
  answer,
});

/** `/tender clarify R-<n> [<question> |] <answer>`: the question is optional there. */
export const commandClarificationSchema = z.object({
  question: question.optional().transform((value) => value || undefined),
  answer,
});

export type ClarificationInput = z.output<typeof commandClarificationSchema>;

/** Splits the text after `R-<n>` like `/tender require` does: the part before the first `|` is the question. */
export function parseClarifyArgs(rest: string): { question?: string; answer: string } {
  if (!rest.includes("|")) return { answer: rest.trim() };
  const { title, details } = parseRequireArgs(rest);
  return { question: title || undefined, answer: details ?? "" };
}

export const withdrawReasonSchema = z
  .string()
  .trim()
  .max(REASON_MAX, `Keep the reason within ${REASON_MAX} characters.`)
  .transform((value) => value || undefined);

/** What the revision form remembers between opening and submitting. */
const revisionOriginSchema = z.object({
  tenderId: z.number().int(),
  requirementId: z.number().int(),
  /** The version the form was filled from; a submission on top of a newer one is refused. */
  version: z.number().int(),
  /** Details too long for a form field stay as they are. */
  keepDetails: z.boolean().optional(),
  responseUrl: z.url().optional(),
});

export type RevisionOrigin = z.infer<typeof revisionOriginSchema>;

const answerOriginSchema = z.object({
  replyId: z.number().int(),
  responseUrl: z.url().optional(),
});

export type AnswerOrigin = z.infer<typeof answerOriginSchema>;

function decode<T>(schema: z.ZodType<T>, text: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const encodeRevisionOrigin = (origin: RevisionOrigin): string => JSON.stringify(origin);
export const decodeRevisionOrigin = (text: string) => decode(revisionOriginSchema, text);
export const encodeAnswerOrigin = (origin: AnswerOrigin): string => JSON.stringify(origin);
export const decodeAnswerOrigin = (text: string) => decode(answerOriginSchema, text);

/** The start of a text on one line, cut at a word where it can, e.g. for a list or a menu option. */
export function firstWords(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const window = line.slice(0, max - 1);
  const space = window.lastIndexOf(" ");
  const cut = space > max / 2 ? window.slice(0, space) : window.replace(/[\uD800-\uDBFF]$/, "");
  return `${cut.replace(/[\s.,;:!?-]+$/, "")}…`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Matches `name` as a whole word (letters and digits around it do not count as a match). */
function wordPattern(name: string, ignoreCase: boolean): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, ignoreCase ? "giu" : "gu");
}

const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);

/**
 * A seller's question made fit for every seller: mentions, the seller's name and its author's name
 * replaced. Full names match in any case; single name parts only as capitalised words, so that a
 * seller called "Seller 1" does not swallow the word "seller".
 */
export function anonymise(text: string, who: { sellerName: string; authorName: string }): string {
  const replacements: { pattern: RegExp; by: string }[] = [];
  const add = (name: string, by: string, ignoreCase: boolean) => {
    if (name.trim().length >= 2) replacements.push({ pattern: wordPattern(name.trim(), ignoreCase), by });
  };
  add(who.sellerName, "[seller]", true);
  add(who.authorName, "[name]", true);
  const [sellerFirst = ""] = who.sellerName.trim().split(/\s+/);
  if (sellerFirst.length >= 3 && isCapitalised(sellerFirst)) add(sellerFirst, "[seller]", false);
  for (const part of who.authorName.trim().split(/\s+/)) {
    if (part.length >= 3 && isCapitalised(part)) add(part, "[name]", false);
  }
  let result = text.replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, "[name]");
  for (const { pattern, by } of replacements) result = result.replace(pattern, by);
  return result;
}

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
