import { z } from "zod";
import { TEXT_INPUT_MAX } from "../../slack/blocks.js";
import { originCodec, rowId } from "../../slack/modal.js";
import { parseRequireArgs } from "../requirements/index.js";

const question = z
  .string()
  .trim()
  .max(TEXT_INPUT_MAX, `Keep the question within ${TEXT_INPUT_MAX} characters.`);
const answer = z
  .string()
  .trim()
  .min(1, "Give the answer every seller will read.")
  .max(TEXT_INPUT_MAX, `Keep the answer within ${TEXT_INPUT_MAX} characters.`);

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

/** What the "Answer all sellers" form remembers: the seller's question it answers. */
export const answerOrigin = originCodec({ replyId: rowId });

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
