import type { ActionsBlock, Button, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { lessonRef, requirementRef, tenderRef } from "../../kernel/refs.js";
import {
  actions,
  button,
  context,
  modal,
  OPTION_TEXT_MAX,
  OPTIONS_MAX,
  option,
  SECTION_MAX,
  section,
  selectInput,
  textInput,
} from "../../slack/blocks.js";
import { formatDay } from "../../slack/dates.js";
import { escapeText, firstWords, mentionChannel, truncate } from "../../slack/text.js";
import { IMPACT_MAX, type LessonQuery, nextPageValue, TAGS_TEXT_MAX, TEXT_MAX, TITLE_MAX } from "./domain.js";
import { BROWSE_LESSONS_BUTTON, LESSON_FORM, NEXT_LESSONS_BUTTON, SHARE_LESSON_BUTTON } from "./ids.js";
import type { Lesson } from "./repository.js";

const SHARE_LESSON_LABEL = "Share a lesson learned";
const BROWSE_LESSONS_LABEL = "Lessons shared here";
const NEXT_LESSONS_LABEL = "Next";

export const LESSON_FORM_LOST =
  "The form lost track of its tender. Open it again from the button or the command.";
export const NOT_A_TENDER_CHANNEL =
  "This channel belongs to no tender. Save lessons from messages in a tender's team channel or seller channels.";
export const SELLER_ELSEWHERE =
  "Lessons are shared from your own channel with the buyer. Use the buttons on the app's messages there.";
export const REQUIREMENT_NOT_IN_TENDER = "Pick a requirement of this tender.";
const NO_LESSONS_HERE = "No lesson yet. Share one with the “Share a lesson learned” button.";

/**
 * The button that puts a lesson into the library: on the seller welcome, on each requirement post
 * (the lesson is linked to it) and on check-in prompts (the lesson answers it).
 */
export function shareLessonButton(
  about: { requirementId: number } | { answers: string } | undefined,
): Button {
  const value = about === undefined ? "" : "answers" in about ? about.answers : String(about.requirementId);
  return button(SHARE_LESSON_BUTTON, SHARE_LESSON_LABEL, value);
}

export function lessonButtons(): ActionsBlock {
  return actions(shareLessonButton(undefined), button(BROWSE_LESSONS_BUTTON, BROWSE_LESSONS_LABEL, ""));
}

export interface RequirementChoice {
  id: number;
  number: number;
  title: string;
}

function requirementOption(requirement: RequirementChoice): PlainTextOption {
  const ref = requirementRef(requirement.number);
  return option(
    `${ref} · ${firstWords(requirement.title, OPTION_TEXT_MAX - ref.length - 3)}`,
    String(requirement.id),
  );
}

export interface LessonFormOptions {
  headline: string;
  requirements: RequirementChoice[];
  requirementId?: number;
  /** Prefill from a saved message. */
  title?: string;
  lesson?: string;
}

/** Title, situation, what was learned, recommendation, impact, requirement and tags. */
export function lessonModal(privateMetadata: string, options: LessonFormOptions): ModalView {
  const choices = options.requirements.slice(0, OPTIONS_MAX).map(requirementOption);
  const preselected = choices.find((choice) => choice.value === String(options.requirementId));
  const requirementBlock: KnownBlock[] =
    choices.length === 0
      ? []
      : [
          selectInput(LESSON_FORM.requirementId, "Related requirement", choices, {
            optional: true,
            placeholder: "Pick a requirement",
            ...(preselected ? { initial: preselected } : {}),
          }),
        ];
  return modal({
    callbackId: LESSON_FORM.callbackId,
    privateMetadata,
    title: "Lesson learned",
    submit: "Share",
    blocks: [
      context(truncate(options.headline, 2000), "plain_text"),
      textInput(LESSON_FORM.title, "Title", { max: TITLE_MAX, initial: options.title }),
      textInput(LESSON_FORM.situation, "Situation", {
        multiline: true,
        max: TEXT_MAX,
        hint: "Where it happened: the kind of project and client. The client may stay anonymous.",
      }),
      textInput(LESSON_FORM.lesson, "What was learned", {
        multiline: true,
        max: TEXT_MAX,
        initial: options.lesson,
      }),
      textInput(LESSON_FORM.recommendation, "Recommendation for this tender", {
        optional: true,
        multiline: true,
        max: TEXT_MAX,
      }),
      textInput(LESSON_FORM.impact, "Expected impact", {
        optional: true,
        multiline: true,
        max: IMPACT_MAX,
        hint: "In the buyer's key metrics where you can: cost, time, quality, risk.",
      }),
      ...requirementBlock,
      textInput(LESSON_FORM.tags, "Tags", {
        optional: true,
        max: TAGS_TEXT_MAX,
        hint: "Separated by commas, e.g. offline, field service",
      }),
    ],
  });
}

function appliedText(lesson: Lesson): string | undefined {
  if (lesson.applications.length === 0) return undefined;
  const uses = lesson.applications.map((use) => `${requirementRef(use.requirement.number)} v${use.version}`);
  return `applied in ${uses.join(", ")}`;
}

function metaLine(lesson: Lesson): string {
  const parts = [
    `${lessonRef(lesson.id)} · ${escapeText(lesson.authorName)} (${escapeText(lesson.organisation)})`,
    tenderRef(lesson.tender.number),
  ];
  if (lesson.requirement) parts.push(requirementRef(lesson.requirement.number));
  parts.push(formatDay(lesson.createdAt));
  if (lesson.tags.length > 0) parts.push(lesson.tags.map((tag) => `#${escapeText(tag)}`).join(" "));
  const applied = appliedText(lesson);
  if (applied) parts.push(`*${applied}*`);
  if (lesson.sourceLink) parts.push(`<${lesson.sourceLink}|source>`);
  return truncate(parts.join(" · "), SECTION_MAX);
}

function field(label: string, text: string | null, max: number): string | undefined {
  return text ? `*${label}*\n${truncate(escapeText(text), max)}` : undefined;
}

/** The lesson as posted where it was captured and mirrored to the team channel. */
export function lessonCard(lesson: Lesson): { text: string; blocks: KnownBlock[] } {
  const parts = [
    field("Situation", lesson.situation, 900),
    field("What was learned", lesson.lesson, 900),
    field("Recommendation", lesson.recommendation, 700),
    field("Expected impact", lesson.impact, 300),
  ].filter((part): part is string => part !== undefined);
  const title = `Lesson learned: ${lesson.title}`;
  return {
    text: escapeText(truncate(title, 300)),
    blocks: [
      { type: "header", text: { type: "plain_text", text: truncate(title, 150) } },
      ...parts.map(section),
      context(metaLine(lesson)),
    ],
  };
}

export interface LessonPage {
  query: LessonQuery;
  lessons: Lesson[];
  hasMore: boolean;
  /** The tender whose latest lessons are shown, when nothing was searched for. */
  latestOf?: { number: number; title: string };
}

function resultItem(lesson: Lesson): string {
  const head = `*${escapeText(firstWords(lesson.title, 120))}*`;
  const body = escapeText(firstWords(lesson.recommendation ?? lesson.lesson, 300));
  return `${head}\n${body}\n${metaLine(lesson)}`;
}

function resultsHeading(page: LessonPage): string {
  const { query } = page;
  const what = query.text
    ? `Lessons matching “${escapeText(firstWords(query.text, 100))}”`
    : "Latest lessons";
  const scope = page.latestOf && !query.text ? ` of ${tenderRef(page.latestOf.number)}` : "";
  const filters = [
    query.tenderNumber !== undefined ? `tender ${tenderRef(query.tenderNumber)}` : undefined,
    query.seller ? `seller “${escapeText(query.seller)}”` : undefined,
    query.tag ? `tag #${escapeText(query.tag)}` : undefined,
  ].filter(Boolean);
  return `${what}${scope}${filters.length ? ` (${filters.join(", ")})` : ""} · page ${query.page}`;
}

/** A page of results, with a "Next" button when there is more. */
export function lessonResults(page: LessonPage): { text: string; blocks: KnownBlock[] } {
  const heading = resultsHeading(page);
  if (page.lessons.length === 0) {
    const none = page.query.page > 1 ? "No more lessons." : NO_LESSONS_HERE;
    return {
      text: `${heading}\n${none}`,
      blocks: [section(`*${heading}*\n${none}`)],
    };
  }
  const blocks: KnownBlock[] = [section(`*${heading}*`)];
  for (const lesson of page.lessons) {
    blocks.push({ type: "divider" }, section(truncate(resultItem(lesson), SECTION_MAX)));
  }
  if (page.hasMore)
    blocks.push(actions(button(NEXT_LESSONS_BUTTON, NEXT_LESSONS_LABEL, nextPageValue(page.query))));
  const titles = page.lessons.map((lesson) => `• ${escapeText(firstWords(lesson.title, 100))}`);
  return { text: truncate([heading, ...titles].join("\n"), 3000), blocks };
}

export function lessonSavedReply(lesson: { id: number; title: string }, channelId: string): string {
  return `${lessonRef(lesson.id)} “${escapeText(firstWords(lesson.title, 100))}” is shared in ${mentionChannel(channelId)}. Thank you!`;
}

/** The thank-you note a seller's channel gets when its lesson shaped a requirement. */
export function thanksText(
  lesson: { id: number; title: string },
  requirementNumber: number,
  version: number,
): string {
  return (
    `:pray: Your lesson ${lessonRef(lesson.id)} “${escapeText(firstWords(lesson.title, 100))}” ` +
    `improved ${requirementRef(requirementNumber)} (now v${version}). Thank you for sharing your experience!`
  );
}

/** "L-4 · title (organisation)" within Slack's 75 characters for a menu option. */
export function lessonOptionText(lesson: { id: number; title: string; organisation: string }): string {
  const ref = lessonRef(lesson.id);
  const who = truncate(lesson.organisation, 25);
  return `${ref} · ${firstWords(lesson.title, OPTION_TEXT_MAX - ref.length - who.length - 6)} (${who})`;
}
