import type { Button, KnownBlock, ModalView, PlainTextOption, SectionBlock } from "@slack/types";
import { requirementRef, tenderRef } from "../../kernel/refs.js";
import {
  actions,
  context,
  dateInput,
  modal,
  multiSelectInput,
  option,
  SECTION_MAX,
  section,
  selectInput,
  textInput,
} from "../../slack/blocks.js";
import { formatDay } from "../../slack/dates.js";
import {
  EPHEMERAL_TEXT_MAX,
  escapeText,
  firstWords,
  fitItems,
  mentionChannel,
  splitText,
  truncate,
} from "../../slack/text.js";
import { activeSellers, type TenderSeller } from "../tenders/index.js";
import {
  CATEGORY_MAX,
  LONG_TEXT_MAX,
  PRIORITIES,
  PRIORITY_LABEL,
  type Priority,
  type RequirementSummary,
  TITLE_MAX,
} from "./domain.js";
import { REQUIREMENT_FORM } from "./ids.js";
import type { Requirement } from "./repository.js";

/** A message stays under Slack's 50 blocks. */
const BODY_BLOCKS_MAX = 40;

export function requirementHeadline(requirement: Pick<Requirement, "number" | "current">): string {
  return `${requirementRef(requirement.number)} · ${requirement.current.title}`;
}

function textSections(label: string, text: string | null): SectionBlock[] {
  if (!text) return [];
  return splitText(`*${label}*\n${escapeText(text)}`, SECTION_MAX).map(section);
}

/** The requirement itself, as both sides read it. */
function body(requirement: Requirement): KnownBlock[] {
  const { current } = requirement;
  const withdrawn = requirement.status === "withdrawn";
  const headline = truncate(requirementHeadline(requirement), 135);
  const fields = [
    { type: "mrkdwn" as const, text: `*Priority*\n${PRIORITY_LABEL[current.priority]}` },
    { type: "mrkdwn" as const, text: `*Version*\n${requirement.version}` },
  ];
  if (current.category) fields.push({ type: "mrkdwn", text: `*Category*\n${escapeText(current.category)}` });
  if (current.inputDueOn)
    fields.push({ type: "mrkdwn", text: `*Input wanted by*\n${formatDay(current.inputDueOn)}` });
  if (requirement.metrics.length > 0) {
    const serves = requirement.metrics.map((metric) => `M-${metric.number} · ${escapeText(metric.name)}`);
    fields.push({ type: "mrkdwn", text: truncate(`*Serves key metrics*\n${serves.join("\n")}`, 1900) });
  }
  const sections = [
    ...textSections("Details", current.details),
    ...textSections("Acceptance criteria", current.acceptanceCriteria),
  ];
  const shown = sections.slice(0, BODY_BLOCKS_MAX);
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: withdrawn ? `${headline} (withdrawn)` : headline } },
    { type: "section", fields },
    ...shown,
  ];
  if (shown.length < sections.length)
    blocks.push(context("The text goes on beyond what one Slack message shows; ask the buyer for the rest."));
  const status = withdrawn
    ? "Withdrawn by the buyer; kept here for the record."
    : requirement.version > 1
      ? `Revised, v${requirement.version}.${current.changeNote ? ` ${truncate(escapeText(current.changeNote), 500)}` : ""}`
      : undefined;
  if (status) blocks.push(context(status));
  return blocks;
}

/**
 * The copy in a seller's channel: the thread starter, with the buttons of the features that work
 * in its thread while it is open.
 */
export function sellerRequirementMessage(
  requirement: Requirement,
  buttons: Button[],
): { text: string; blocks: KnownBlock[] } {
  const blocks = body(requirement);
  if (requirement.status === "open") {
    blocks.push(
      context(
        "Reply in this thread: questions, suggestions and experience from similar projects are all welcome.",
      ),
      actions(...buttons),
    );
  }
  return { text: escapeText(requirementHeadline(requirement)), blocks };
}

export interface DeliveryState {
  sellerName: string;
  state: "pending" | "sent" | "failed";
  error?: string | null;
}

function deliveryLine(states: DeliveryState[]): string {
  if (states.length === 0) return "No seller channel yet: sellers invited later receive it.";
  const sent = states.filter((s) => s.state === "sent").length;
  const parts = states.map(({ sellerName, state, error }) => {
    const name = escapeText(sellerName);
    if (state === "sent") return `${name} ✓`;
    if (state === "failed") return `${name} ✗ ${error ? `(${escapeText(error)})` : ""}`.trimEnd();
    return `${name} …`;
  });
  return truncate(`*Delivered to ${sent} of ${states.length} sellers:* ${parts.join(", ")}`, 2900);
}

/** The copy in the team channel: the thread where every seller's input is mirrored. */
export function teamRequirementMessage(
  requirement: Requirement,
  states: DeliveryState[],
): { text: string; blocks: KnownBlock[] } {
  const blocks = body(requirement);
  blocks.push(
    context(deliveryLine(states)),
    context("Sellers' replies appear in this thread, each with a link to the original."),
  );
  return { text: escapeText(requirementHeadline(requirement)), blocks };
}

export function priorityOption(priority: Priority): PlainTextOption {
  return option(PRIORITY_LABEL[priority], priority);
}

export function requirementModal(
  privateMetadata: string,
  title = "",
  details = "",
  metrics: { number: number; name: string }[] = [],
): ModalView {
  const serves = metrics.length
    ? [
        multiSelectInput(
          REQUIREMENT_FORM.metrics,
          "Key metrics it serves",
          metrics.map((metric) => option(`M-${metric.number} · ${metric.name}`, `M-${metric.number}`)),
          { optional: true, placeholder: "None" },
        ),
      ]
    : [];
  return modal({
    callbackId: REQUIREMENT_FORM.callbackId,
    privateMetadata,
    title: "Post a requirement",
    submit: "Post to sellers",
    blocks: [
      textInput(REQUIREMENT_FORM.title, "Title", { max: TITLE_MAX, initial: title }),
      textInput(REQUIREMENT_FORM.details, "Details", {
        optional: true,
        multiline: true,
        max: LONG_TEXT_MAX,
        initial: details,
        hint: "What is needed and why; sellers reply in the requirement's thread.",
      }),
      textInput(REQUIREMENT_FORM.category, "Category", { optional: true, max: CATEGORY_MAX }),
      selectInput(REQUIREMENT_FORM.priority, "Priority", PRIORITIES.map(priorityOption), {
        initial: priorityOption("should"),
      }),
      textInput(REQUIREMENT_FORM.acceptanceCriteria, "Acceptance criteria", {
        optional: true,
        multiline: true,
        max: LONG_TEXT_MAX,
      }),
      dateInput(REQUIREMENT_FORM.inputDueOn, "Input wanted by", {
        optional: true,
        hint: "The day you would like the sellers' input by.",
      }),
      ...serves,
    ],
  });
}

export const REQUIRE_USAGE = escapeText(
  "Usage: `/tender require <title> | <details>` (without arguments: a form)",
);

/** "1 seller channel", "3 seller channels": how far a requirement or a change of it went. */
export function sellerChannels(count: number): string {
  return count === 1 ? "1 seller channel" : `${count} seller channels`;
}

export function postedReply(
  tender: { teamChannelId: string; sellers: Pick<TenderSeller, "status" | "intent">[] },
  requirement: Requirement,
): string {
  const sellers = activeSellers(tender).length;
  return (
    `${escapeText(requirementHeadline(requirement))} is going out to ${sellerChannels(sellers)}; ` +
    `its delivery state is in ${mentionChannel(tender.teamChannelId)}.`
  );
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

export function withdrawnReply(requirement: Requirement, sellers: number): string {
  const ref = requirementRef(requirement.number);
  return (
    `${escapeText(requirementHeadline(requirement))} is withdrawn: ${sellerChannels(sellers)} see it marked so. ` +
    `\`/tender history ${ref}\` keeps its record.`
  );
}

export function withdrawalNoteText(number: number, reason: string | undefined): string {
  const ref = requirementRef(number);
  const why = reason ? `: ${escapeText(reason)}` : ".";
  return `${ref} was withdrawn by the buyer${why}\nIt stays here for the record.`;
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

/** `/tender requirements`: each requirement with its seller replies and open questions. */
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
