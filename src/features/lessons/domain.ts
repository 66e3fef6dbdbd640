import { z } from "zod";
import { idValue } from "../../kernel/refs.js";
import { originCodec, rowId } from "../../slack/modal.js";

export const TITLE_MAX = 150;
/** Slack's limit for a form's text input. */
export const TEXT_MAX = 3000;
export const IMPACT_MAX = 1000;
const TAGS_MAX = 10;
const TAG_MAX = 30;
export const TAGS_TEXT_MAX = 500;
const QUERY_MAX = 300;
export const PAGE_SIZE = 5;
const PAGE_MAX = 100;

/** "#Offline Mode" → "offline-mode": tags compare the way people think of them. */
function normaliseTag(tag: string): string {
  return tag.trim().replace(/^#+/, "").toLowerCase().replace(/\s+/g, "-");
}

/** Tags separated by commas or new lines, normalised, without duplicates. */
export function parseTags(text: string): string[] {
  const tags = text.split(/[,\n]/).map(normaliseTag).filter(Boolean);
  return [...new Set(tags)];
}

const required = (max: number, missing: string, label: string) =>
  z.string().trim().min(1, missing).max(max, `Keep the ${label} within ${max} characters.`);

const optional = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${label} within ${max} characters.`)
    .optional()
    .transform((value) => value || undefined);

export const lessonSchema = z.object({
  title: required(TITLE_MAX, "Give the lesson a short title.", "title"),
  situation: required(TEXT_MAX, "Say where it happened; the client may stay anonymous.", "situation"),
  lesson: required(TEXT_MAX, "Say what was learned.", "lesson"),
  recommendation: optional(TEXT_MAX, "recommendation"),
  impact: optional(IMPACT_MAX, "expected impact"),
  requirementId: z.coerce.number().int().positive().optional(),
  tags: z
    .string()
    .max(TAGS_TEXT_MAX, `Keep the tags within ${TAGS_TEXT_MAX} characters.`)
    .optional()
    .transform((text) => parseTags(text ?? ""))
    .pipe(
      z
        .array(z.string().max(TAG_MAX, `Keep each tag within ${TAG_MAX} characters.`))
        .max(TAGS_MAX, `Use at most ${TAGS_MAX} tags.`),
    ),
});

export type LessonInput = z.output<typeof lessonSchema>;

/** A button's value naming what a lesson answers, e.g. `occurrence:12` on a check-in's prompt. */
const ANSWERS = /^[a-z_]{1,30}:\d{1,15}$/;

/** What "Share a lesson learned" is about: its value is empty (the welcome), a requirement's id or what it answers. */
export type LessonAbout = { requirementId?: number; answers?: string };

export const shareLessonValue: z.ZodType<LessonAbout> = z.union([
  z.undefined().transform((): LessonAbout => ({})),
  z.literal("").transform((): LessonAbout => ({})),
  z
    .string()
    .regex(ANSWERS)
    .transform((answers): LessonAbout => ({ answers })),
  idValue.transform((requirementId): LessonAbout => ({ requirementId })),
]);

/** What the lesson form remembers between opening and submitting. */
export const lessonOrigin = originCodec({
  tenderId: rowId,
  /** Where the card goes: the channel it was captured in, or the team channel. */
  channelId: z.string().min(1),
  threadTs: z.string().optional(),
  /** The message it is saved from (message shortcut). */
  source: z.object({ channelId: z.string(), ts: z.string() }).optional(),
  /** What it answers: another feature's message it was shared from (a check-in's prompt). */
  answers: z.string().regex(ANSWERS).optional(),
});

export type LessonOrigin = NonNullable<ReturnType<typeof lessonOrigin.decode>>;

/** Who is looking: the buyer's people see the whole workspace's lessons, a seller only its channel's. */
export type Viewer = { kind: "buyer" } | { kind: "seller"; sellerId: number };

/** `/tender lessons [<words>] [tender:T-3] [seller:<name>] [tag:<tag>] [page:<n>]`. */
export interface LessonQuery {
  /** The words to search for; empty: the latest lessons. */
  text: string;
  tenderNumber?: number;
  seller?: string;
  tag?: string;
  page: number;
}

export type ParsedQuery = { ok: true; query: LessonQuery } | { ok: false; problem: string };

/** `key:value` or `key:"two words"`; any other text is what to search for. */
const FILTER = /(?<![^\s])(tender|seller|tag|page):(?:"([^"]*)"|(\S*))/gi;

const FILTER_EXAMPLES: Record<string, string> = {
  tender: "`tender:T-3`",
  seller: '`seller:Acme` or `seller:"Acme Consulting"`',
  tag: "`tag:offline`",
  page: "`page:2`",
};

export function parseLessonQuery(input: string): ParsedQuery {
  if (input.length > QUERY_MAX)
    return { ok: false, problem: `Keep the search within ${QUERY_MAX} characters.` };
  const query: LessonQuery = { text: "", page: 1 };
  for (const match of input.matchAll(FILTER)) {
    const key = (match[1] ?? "").toLowerCase();
    const value = (match[2] ?? match[3] ?? "").trim();
    if (!value) return { ok: false, problem: `\`${key}:\` needs a value, e.g. ${FILTER_EXAMPLES[key]}.` };
    if (key === "tender") {
      const number = value.match(/^(?:T-)?(\d{1,9})$/i)?.[1];
      if (!number)
        return {
          ok: false,
          problem: `\`tender:\` takes a tender reference, e.g. ${FILTER_EXAMPLES.tender}.`,
        };
      query.tenderNumber = Number(number);
    } else if (key === "seller") {
      query.seller = value;
    } else if (key === "tag") {
      query.tag = normaliseTag(value);
    } else {
      const page = /^\d{1,3}$/.test(value) ? Number(value) : 0;
      if (page < 1 || page > PAGE_MAX)
        return { ok: false, problem: `\`page:\` takes a page number from 1 to ${PAGE_MAX}.` };
      query.page = page;
    }
  }
  query.text = input.replace(FILTER, " ").replace(/\s+/g, " ").trim();
  return { ok: true, query };
}

/** The query as a person would type it again, for a later page. */
export function formatLessonQuery(query: LessonQuery): string {
  const quote = (value: string) => (/\s/.test(value) ? `"${value.replace(/"/g, "")}"` : value);
  const parts = [query.text];
  if (query.tenderNumber !== undefined) parts.push(`tender:T-${query.tenderNumber}`);
  if (query.seller) parts.push(`seller:${quote(query.seller)}`);
  if (query.tag) parts.push(`tag:${quote(query.tag)}`);
  if (query.page > 1) parts.push(`page:${query.page}`);
  return parts.filter(Boolean).join(" ");
}

/** The "Next" button's value: the query with the page it shows. */
export function nextPageValue(query: LessonQuery): string {
  return formatLessonQuery({ ...query, page: query.page + 1 });
}

/** The first line of a message, as a lesson's title. */
export function titleFrom(text: string): string {
  const line = text.trim().split("\n")[0]?.trim() ?? "";
  return line.length <= TITLE_MAX ? line : `${line.slice(0, TITLE_MAX - 1).trimEnd()}…`;
}

/** "Lessons shared here" and "Next" carry the query as people would type it. */
export const lessonQueryValue = z
  .string()
  .optional()
  .transform((value) => parseLessonQuery(value ?? ""));
