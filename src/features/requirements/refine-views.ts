import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { textInput } from "../../slack/blocks.js";
import { formatDay } from "../../slack/dates.js";
import { escapeText, mentionUser, truncate } from "../../slack/text.js";
import type { LessonChoice } from "../lessons/reuse.js";
import { lessonOptionText } from "../lessons/views.js";
import { tenderRef } from "../tenders/domain.js";
import {
  CATEGORY_MAX,
  LONG_TEXT_MAX,
  PRIORITIES,
  PRIORITY_LABEL,
  requirementRef,
  TITLE_MAX,
} from "./domain.js";
import { ANSWER_ALL_FORM, REVISION_FORM } from "./ids.js";
import {
  CHANGE_NOTE_MAX,
  firstWords,
  INFLUENCE_OPTIONS_MAX,
  OPTION_TEXT_MAX,
  type RequirementSummary,
} from "./refine-domain.js";
import type { Requirement } from "./repository.js";
import { requirementHeadline } from "./views.js";

/** Ephemeral answers stay within what Slack shows of a message without cutting it. */
export const EPHEMERAL_TEXT_MAX = 3900;

export const CLARIFY_USAGE = escapeText(
  "Usage: `/tender clarify R-<n> [<question> |] <answer>` publishes the answer in every seller's thread of the requirement; nobody is named.",
);

export const SELLER_ANSWER_REFUSED =
  "This button is for the buyer's team. Your questions reach them through the requirement's thread, and answers meant for every seller appear there as clarifications.";

export const REPLY_GONE = "That message is no longer there, so there is nothing to answer.";

export const NOT_A_SELLER_REPLY = "Only a seller's message can be answered for all sellers.";

function sellerChannels(count: number): string {
  return count === 1 ? "1 seller channel" : `${count} seller channels`;
}

export function finalStageText(tenderNumber: number, stage: string): string {
  return `${tenderRef(tenderNumber)} is ${stage}: its requirements can no longer change.`;
}

export function withdrawnText(number: number, doing: "revised" | "clarified"): string {
  const ref = requirementRef(number);
  return `${ref} is withdrawn: it can no longer be ${doing}. \`/tender history ${ref}\` shows its record.`;
}

export function alreadyWithdrawnText(number: number): string {
  return `${requirementRef(number)} is already withdrawn.`;
}

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

export function withdrawnReply(requirement: Requirement, sellers: number): string {
  const ref = requirementRef(requirement.number);
  return (
    `${escapeText(requirementHeadline(requirement))} is withdrawn: ${sellerChannels(sellers)} see it marked so. ` +
    `\`/tender history ${ref}\` keeps its record.`
  );
}

export function clarifiedReply(number: number, sellers: number): string {
  return (
    `The clarification on ${requirementRef(number)} is going out to ${sellerChannels(sellers)}, nobody named. ` +
    "Sellers invited later receive it with the requirement."
  );
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

export function withdrawalNoteText(number: number, reason: string | undefined): string {
  const ref = requirementRef(number);
  const why = reason ? `: ${escapeText(reason)}` : ".";
  return `${ref} was withdrawn by the buyer${why}\nIt stays here for the record.`;
}

/** A clarification as every seller reads it in the requirement's thread. */
export function clarificationText(
  number: number,
  clarification: { question: string; answer: string },
): string {
  const head = `*Clarification on ${requirementRef(number)}*, shared with every seller:`;
  const answer = escapeText(clarification.answer);
  if (!clarification.question) return `${head}\n${answer}`;
  return `${head}\n*Q:* ${escapeText(clarification.question)}\n*A:* ${answer}`;
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

function priorityOption(priority: (typeof PRIORITIES)[number]): PlainTextOption {
  return { text: { type: "plain_text", text: PRIORITY_LABEL[priority] }, value: priority };
}

/** The current text to edit, what changed, and the seller replies that led to it. */
export function revisionModal(
  privateMetadata: string,
  requirement: Requirement,
  replies: InfluenceChoice[],
  keepDetails: boolean,
  lessons: LessonChoice[] = [],
): ModalView {
  const { current } = requirement;
  const details: KnownBlock = keepDetails
    ? {
        type: "context",
        elements: [
          {
            type: "plain_text",
            text: "The details are longer than a form can hold; they stay as they are in this version.",
          },
        ],
      }
    : textInput(REVISION_FORM.details, "Details", {
        optional: true,
        multiline: true,
        max: LONG_TEXT_MAX,
        initial: current.details,
      });
  const influences: KnownBlock =
    replies.length === 0
      ? {
          type: "context",
          elements: [{ type: "plain_text", text: "No seller has replied to this requirement yet." }],
        }
      : {
          type: "input",
          block_id: REVISION_FORM.influencedBy.block,
          optional: true,
          label: { type: "plain_text", text: "Seller input that led to this change" },
          hint: { type: "plain_text", text: "Each seller whose reply you pick is thanked in its thread." },
          element: {
            type: "multi_static_select",
            action_id: REVISION_FORM.influencedBy.action,
            placeholder: { type: "plain_text", text: "Pick replies" },
            options: replies.slice(0, INFLUENCE_OPTIONS_MAX).map((reply) => ({
              text: { type: "plain_text", text: influenceOptionText(reply) },
              value: String(reply.id),
            })),
          },
        };
  const lessonBlocks: KnownBlock[] =
    lessons.length === 0
      ? []
      : [
          {
            type: "input",
            block_id: REVISION_FORM.lessons.block,
            optional: true,
            label: { type: "plain_text", text: "Lessons learned that influenced it" },
            hint: {
              type: "plain_text",
              text: "Lessons linked to this requirement, then the best matches on its title. Each seller whose lesson you pick is thanked.",
            },
            element: {
              type: "multi_static_select",
              action_id: REVISION_FORM.lessons.action,
              placeholder: { type: "plain_text", text: "Pick lessons" },
              options: lessons.slice(0, INFLUENCE_OPTIONS_MAX).map((lesson) => ({
                text: { type: "plain_text", text: lessonOptionText(lesson) },
                value: String(lesson.id),
              })),
            },
          },
        ];
  return {
    type: "modal",
    callback_id: REVISION_FORM.callbackId,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: `Revise ${requirementRef(requirement.number)}` },
    submit: { type: "plain_text", text: `Publish v${requirement.version + 1}` },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      textInput(REVISION_FORM.title, "Title", { max: TITLE_MAX, initial: current.title }),
      details,
      textInput(REVISION_FORM.category, "Category", {
        optional: true,
        max: CATEGORY_MAX,
        initial: current.category,
      }),
      {
        type: "input",
        block_id: REVISION_FORM.priority.block,
        label: { type: "plain_text", text: "Priority" },
        element: {
          type: "static_select",
          action_id: REVISION_FORM.priority.action,
          initial_option: priorityOption(current.priority),
          options: PRIORITIES.map(priorityOption),
        },
      },
      textInput(REVISION_FORM.acceptanceCriteria, "Acceptance criteria", {
        optional: true,
        multiline: true,
        max: LONG_TEXT_MAX,
        initial: current.acceptanceCriteria,
      }),
      {
        type: "input",
        block_id: REVISION_FORM.inputDueOn.block,
        optional: true,
        label: { type: "plain_text", text: "Input wanted by" },
        element: {
          type: "datepicker",
          action_id: REVISION_FORM.inputDueOn.action,
          ...(current.inputDueOn ? { initial_date: current.inputDueOn.toISOString().slice(0, 10) } : {}),
        },
      },
      textInput(REVISION_FORM.changeNote, "What changed", {
        multiline: true,
        max: CHANGE_NOTE_MAX,
        hint: "Every seller reads this note in the requirement's thread.",
      }),
      influences,
      ...lessonBlocks,
    ],
  };
}

/** "Answer all sellers": the question as every seller will read it, and the answer. */
export function answerAllModal(privateMetadata: string, headline: string, question: string): ModalView {
  return {
    type: "modal",
    callback_id: ANSWER_ALL_FORM.callbackId,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Answer all sellers" },
    submit: { type: "plain_text", text: "Publish" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "context",
        elements: [
          {
            type: "plain_text",
            text: truncate(
              `${headline}: published in every seller's thread as a clarification, nobody named.`,
              2000,
            ),
          },
        ],
      },
      textInput(ANSWER_ALL_FORM.question, "Question", {
        multiline: true,
        max: LONG_TEXT_MAX,
        initial: question.slice(0, LONG_TEXT_MAX),
        hint: "Names are taken out; check that nothing else gives the asker away.",
      }),
      textInput(ANSWER_ALL_FORM.answer, "Answer", { multiline: true, max: LONG_TEXT_MAX }),
    ],
  };
}

/** Joins `head` and as many items as fit in `max` characters, then says how many were left out. */
export function fitItems(head: string, items: string[], max: number, more: (left: number) => string): string {
  const all = [head, ...items].join("\n");
  if (all.length <= max) return all;
  const budget = max - more(items.length).length - 1;
  let text = head;
  let shown = 0;
  for (const item of items) {
    if (text.length + 1 + item.length > budget) break;
    text += `\n${item}`;
    shown++;
  }
  return `${text}\n${more(items.length - shown)}`;
}

const QUESTIONS_SHOWN = 3;

function summaryItem(summary: RequirementSummary): string {
  const headline = escapeText(`${requirementRef(summary.number)} · ${firstWords(summary.title, 80)}`);
  const replies =
    summary.repliesBySeller.length === 0
      ? "no seller reply yet"
      : `replies: ${summary.repliesBySeller.map((r) => `${escapeText(r.sellerName)} ${r.count}`).join(", ")}`;
  const lines = [truncate(`• *${headline}* · v${summary.version} · ${summary.status} · ${replies}`, 500)];
  for (const question of summary.openQuestions.slice(0, QUESTIONS_SHOWN)) {
    const who = escapeText(`${question.sellerName} · ${question.authorName}`);
    lines.push(truncate(`      ❓ ${who}: “${escapeText(firstWords(question.text, 120))}”`, 300));
  }
  const unshown = summary.openQuestions.length - QUESTIONS_SHOWN;
  if (unshown > 0) lines.push(`      …and ${unshown} more open ${unshown === 1 ? "question" : "questions"}`);
  return lines.join("\n");
}

export function requirementsListText(
  tender: { number: number; title: string },
  summaries: RequirementSummary[],
): string {
  const tenderName = escapeText(`${tenderRef(tender.number)} · ${firstWords(tender.title, 80)}`);
  if (summaries.length === 0)
    return `*${tenderName}* has no requirement yet. ${escapeText("`/tender require <title> | <details>` posts one.")}`;
  const withdrawn = summaries.filter((s) => s.status === "withdrawn").length;
  const open = summaries.reduce((sum, s) => sum + s.openQuestions.length, 0);
  const head =
    `*Requirements of ${tenderName}*: ${summaries.length}` +
    (withdrawn > 0 ? ` (${withdrawn} withdrawn)` : "") +
    ` · ${open} open seller ${open === 1 ? "question" : "questions"}`;
  return fitItems(head, summaries.map(summaryItem), EPHEMERAL_TEXT_MAX, (left) =>
    escapeText(
      `…and ${left} more ${left === 1 ? "requirement" : "requirements"}; \`/tender history R-<n>\` shows any of them.`,
    ),
  );
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
