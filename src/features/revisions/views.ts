import type { KnownBlock, ModalView } from "@slack/types";
import { requirementRef } from "../../kernel/refs.js";
import {
  context,
  dateInput,
  modal,
  multiSelectInput,
  OPTION_TEXT_MAX,
  option,
  selectInput,
  textInput,
} from "../../slack/blocks.js";
import { formatDay } from "../../slack/dates.js";
import {
  EPHEMERAL_TEXT_MAX,
  escapeText,
  firstWords,
  fitItems,
  mentionUser,
  truncate,
} from "../../slack/text.js";
import { type LessonChoice, lessonOptionText } from "../lessons/index.js";
import {
  CATEGORY_MAX,
  LONG_TEXT_MAX,
  PRIORITIES,
  priorityOption,
  type Requirement,
  requirementHeadline,
  sellerChannels,
  TITLE_MAX,
} from "../requirements/index.js";
import { CHANGE_NOTE_MAX } from "./domain.js";
import { REVISION_FORM } from "./ids.js";

export function revisedMeanwhileText(number: number): string {
  const ref = requirementRef(number);
  return `${ref} changed while your form was open, so nothing was saved. Run \`/tender revise ${ref}\` again to start from its current text.`;
}

export function revisedReply(requirement: Requirement, sellers: number): string {
  const headline = escapeText(requirementHeadline(requirement));
  if (sellers === 0)
    return `${headline} is now v${requirement.version}. No seller channel has it yet; sellers invited later receive this version.`;
  return `${headline} is now v${requirement.version}: ${sellerChannels(sellers)} get the new version and a note of what changed in the thread.`;
}

/** The thread note each seller reads when a requirement changes. */
export function revisionNoteText(
  number: number,
  version: number,
  changeNote: string,
  thanked: boolean,
): string {
  const note = `${requirementRef(number)} revised to v${version}: ${escapeText(changeNote)}`;
  return thanked ? `${note}\n_Changed thanks to your input._` : note;
}

export interface InfluenceChoice {
  id: number;
  authorName: string;
  sellerName: string;
  text: string;
}

/** "Author (seller): first words…" within Slack's 75 characters for an option. */
export function influenceOptionText(reply: InfluenceChoice): string {
  const who = truncate(`${reply.authorName} (${reply.sellerName})`, 40);
  return `${who}: ${firstWords(reply.text, OPTION_TEXT_MAX - who.length - 2) || "…"}`;
}

/** The current text to edit, what changed, and the seller replies and lessons that led to it. */
export function revisionModal(
  privateMetadata: string,
  requirement: Requirement,
  replies: InfluenceChoice[],
  keepDetails: boolean,
  lessons: LessonChoice[] = [],
): ModalView {
  const { current } = requirement;
  const details: KnownBlock = keepDetails
    ? context(
        "The details are longer than a form can hold; they stay as they are in this version.",
        "plain_text",
      )
    : textInput(REVISION_FORM.details, "Details", {
        optional: true,
        multiline: true,
        max: LONG_TEXT_MAX,
        initial: current.details,
      });
  const influences: KnownBlock =
    replies.length === 0
      ? context("No seller has replied to this requirement yet.", "plain_text")
      : multiSelectInput(
          REVISION_FORM.influencedBy,
          "Seller input that led to this change",
          replies.map((reply) => option(influenceOptionText(reply), String(reply.id))),
          {
            optional: true,
            hint: "Each seller whose reply you pick is thanked in its thread.",
            placeholder: "Pick replies",
          },
        );
  const lessonBlocks: KnownBlock[] =
    lessons.length === 0
      ? []
      : [
          multiSelectInput(
            REVISION_FORM.lessons,
            "Lessons learned that influenced it",
            lessons.map((lesson) => option(lessonOptionText(lesson), String(lesson.id))),
            {
              optional: true,
              hint: "Lessons linked to this requirement, then the best matches on its title. Each seller whose lesson you pick is thanked.",
              placeholder: "Pick lessons",
            },
          ),
        ];
  return modal({
    callbackId: REVISION_FORM.callbackId,
    privateMetadata,
    title: `Revise ${requirementRef(requirement.number)}`,
    submit: `Publish v${requirement.version + 1}`,
    blocks: [
      textInput(REVISION_FORM.title, "Title", { max: TITLE_MAX, initial: current.title }),
      details,
      textInput(REVISION_FORM.category, "Category", {
        optional: true,
        max: CATEGORY_MAX,
        initial: current.category,
      }),
      selectInput(REVISION_FORM.priority, "Priority", PRIORITIES.map(priorityOption), {
        initial: priorityOption(current.priority),
      }),
      textInput(REVISION_FORM.acceptanceCriteria, "Acceptance criteria", {
        optional: true,
        multiline: true,
        max: LONG_TEXT_MAX,
        initial: current.acceptanceCriteria,
      }),
      dateInput(REVISION_FORM.inputDueOn, "Input wanted by", {
        optional: true,
        ...(current.inputDueOn ? { initial: current.inputDueOn.toISOString().slice(0, 10) } : {}),
      }),
      textInput(REVISION_FORM.changeNote, "What changed", {
        multiline: true,
        max: CHANGE_NOTE_MAX,
        hint: "Every seller reads this note in the requirement's thread.",
      }),
      influences,
      ...lessonBlocks,
    ],
  });
}

export interface HistoryVersion {
  version: number;
  title: string;
  changeNote: string | null;
  createdBy: string;
  createdAt: Date;
  influences: { authorName: string; sellerName: string; text: string }[];
  lessons?: { id: number; title: string; organisation: string }[];
}

export interface RequirementHistory {
  number: number;
  title: string;
  version: number;
  status: "open" | "withdrawn";
  versions: HistoryVersion[];
  clarifications: { question: string; answer: string; createdBy: string; createdAt: Date }[];
}

const INFLUENCES_SHOWN = 5;

function versionItem(entry: HistoryVersion, previous: HistoryVersion | undefined): string {
  const what = entry.version === 1 ? "posted" : escapeText(firstWords(entry.changeNote ?? "no note", 300));
  const retitled =
    previous && previous.title !== entry.title
      ? ` (title now “${escapeText(firstWords(entry.title, 80))}”)`
      : "";
  const lines = [
    `• *v${entry.version}* · ${formatDay(entry.createdAt)} · ${mentionUser(entry.createdBy)} · ${what}${retitled}`,
  ];
  for (const reply of entry.influences.slice(0, INFLUENCES_SHOWN)) {
    const who = escapeText(`${reply.authorName} (${reply.sellerName})`);
    lines.push(truncate(`      ↳ thanks to ${who}: “${escapeText(firstWords(reply.text, 100))}”`, 300));
  }
  const unshown = entry.influences.length - INFLUENCES_SHOWN;
  if (unshown > 0) lines.push(`      ↳ and ${unshown} more ${unshown === 1 ? "reply" : "replies"}`);
  for (const lesson of (entry.lessons ?? []).slice(0, INFLUENCES_SHOWN)) {
    const title = escapeText(firstWords(lesson.title, 100));
    lines.push(
      truncate(`      ↳ lesson L-${lesson.id} (${escapeText(lesson.organisation)}): “${title}”`, 300),
    );
  }
  return lines.join("\n");
}

function clarificationItem(clarification: RequirementHistory["clarifications"][number]): string {
  const question = clarification.question
    ? `Q: “${escapeText(firstWords(clarification.question, 150))}” `
    : "";
  return (
    `• ${formatDay(clarification.createdAt)} · ${mentionUser(clarification.createdBy)} · ` +
    `${question}A: ${escapeText(firstWords(clarification.answer, 300))}`
  );
}

/** Newest first, so what is cut when the history is long is its oldest part. */
export function historyText(history: RequirementHistory): string {
  const headline = escapeText(`${requirementRef(history.number)} · ${firstWords(history.title, 80)}`);
  const head = `*History of ${headline}*: now v${history.version}${history.status === "withdrawn" ? ", withdrawn" : ""}`;
  const older = (left: number) => `…and ${left} older ${left === 1 ? "entry" : "entries"} not shown.`;
  const versions = history.versions.map((entry, i) => versionItem(entry, history.versions[i - 1])).reverse();
  if (history.clarifications.length === 0)
    return `${fitItems(head, versions, EPHEMERAL_TEXT_MAX - 40, older)}\n*Clarifications*: none yet`;
  // Both parts keep room: many versions must not push every clarification out, nor the reverse.
  const clarificationHead = `*Clarifications*: ${history.clarifications.length}`;
  const clarificationItems = history.clarifications.map(clarificationItem).reverse();
  const clarificationsLength = [clarificationHead, ...clarificationItems].join("\n").length;
  const versionBudget = Math.max(
    Math.floor(EPHEMERAL_TEXT_MAX * 0.6),
    EPHEMERAL_TEXT_MAX - clarificationsLength - 1,
  );
  const shownVersions = fitItems(head, versions, versionBudget, older);
  const clarifications = fitItems(
    clarificationHead,
    clarificationItems,
    EPHEMERAL_TEXT_MAX - shownVersions.length - 1,
    older,
  );
  return `${shownVersions}\n${clarifications}`;
}
