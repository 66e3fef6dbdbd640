import type { KnownBlock, ModalView, SectionBlock } from "@slack/types";
import { textInput } from "../../slack/blocks.js";
import { formatDay } from "../../slack/dates.js";
import { escapeText, truncate } from "../../slack/text.js";
import { shareLessonButton } from "../lessons/views.js";
import {
  CATEGORY_MAX,
  LONG_TEXT_MAX,
  PRIORITIES,
  PRIORITY_LABEL,
  requirementRef,
  splitText,
  TITLE_MAX,
} from "./domain.js";
import { REQUIREMENT_FORM, SELLER_BUTTONS, SELLER_INPUT_FORM } from "./ids.js";
import type { Requirement } from "./repository.js";

/** Section text stays under Slack's 3,000 characters; a message under its 50 blocks. */
const SECTION_MAX = 2900;
const BODY_BLOCKS_MAX = 40;

export function requirementHeadline(requirement: Pick<Requirement, "number" | "current">): string {
  return `${requirementRef(requirement.number)} · ${requirement.current.title}`;
}

function textSections(label: string, text: string | null): SectionBlock[] {
  if (!text) return [];
  return splitText(`*${label}*\n${escapeText(text)}`, SECTION_MAX).map((piece) => ({
    type: "section",
    text: { type: "mrkdwn", text: piece },
  }));
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
  if (shown.length < sections.length) {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "The text goes on beyond what one Slack message shows; ask the buyer for the rest.",
        },
      ],
    });
  }
  const status = withdrawn
    ? "Withdrawn by the buyer; kept here for the record."
    : requirement.version > 1
      ? `Revised, v${requirement.version}.${current.changeNote ? ` ${truncate(escapeText(current.changeNote), 500)}` : ""}`
      : undefined;
  if (status) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: status }] });
  return blocks;
}

/** The copy in a seller's channel: the thread starter with the seller's buttons. */
export function sellerRequirementMessage(requirement: Requirement): { text: string; blocks: KnownBlock[] } {
  const blocks = body(requirement);
  if (requirement.status === "open") {
    blocks.push(
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: "Reply in this thread: questions, suggestions and experience from similar projects are all welcome.",
          },
        ],
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: SELLER_BUTTONS.askQuestion,
            text: { type: "plain_text", text: "Ask a question" },
            value: String(requirement.id),
          },
          {
            type: "button",
            action_id: SELLER_BUTTONS.suggestChange,
            text: { type: "plain_text", text: "Suggest a change" },
            value: String(requirement.id),
          },
          shareLessonButton(requirement.id),
        ],
      },
    );
  }
  return { text: escapeText(requirementHeadline(requirement)), blocks };
}

export interface DeliveryState {
  sellerName: string;
  state: "pending" | "sent" | "failed";
  error?: string | null;
}

export function deliveryLine(states: DeliveryState[]): string {
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
    { type: "context", elements: [{ type: "mrkdwn", text: deliveryLine(states) }] },
    {
      type: "context",
      elements: [
        { type: "mrkdwn", text: "Sellers' replies appear in this thread, each with a link to the original." },
      ],
    },
  );
  return { text: escapeText(requirementHeadline(requirement)), blocks };
}

export function requirementModal(privateMetadata: string, title = "", details = ""): ModalView {
  const should = { text: { type: "plain_text" as const, text: "Should" }, value: "should" };
  return {
    type: "modal",
    callback_id: REQUIREMENT_FORM.callbackId,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Post a requirement" },
    submit: { type: "plain_text", text: "Post to sellers" },
    close: { type: "plain_text", text: "Cancel" },
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
      {
        type: "input",
        block_id: REQUIREMENT_FORM.priority.block,
        label: { type: "plain_text", text: "Priority" },
        element: {
          type: "static_select",
          action_id: REQUIREMENT_FORM.priority.action,
          initial_option: should,
          options: PRIORITIES.map((priority) => ({
            text: { type: "plain_text", text: PRIORITY_LABEL[priority] },
            value: priority,
          })),
        },
      },
      textInput(REQUIREMENT_FORM.acceptanceCriteria, "Acceptance criteria", {
        optional: true,
        multiline: true,
        max: LONG_TEXT_MAX,
      }),
      {
        type: "input",
        block_id: REQUIREMENT_FORM.inputDueOn.block,
        optional: true,
        label: { type: "plain_text", text: "Input wanted by" },
        hint: { type: "plain_text", text: "The day you would like the sellers' input by." },
        element: { type: "datepicker", action_id: REQUIREMENT_FORM.inputDueOn.action },
      },
    ],
  };
}

export type SellerInputKind = "question" | "suggestion";

/** "Ask a question" / "Suggest a change": what the seller writes goes into the requirement's thread. */
export function sellerInputModal(
  privateMetadata: string,
  kind: SellerInputKind,
  headline: string,
): ModalView {
  const question = kind === "question";
  return {
    type: "modal",
    callback_id: SELLER_INPUT_FORM.callbackId,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: question ? "Ask a question" : "Suggest a change" },
    submit: { type: "plain_text", text: question ? "Ask" : "Suggest" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      { type: "context", elements: [{ type: "plain_text", text: truncate(headline, 2000) }] },
      {
        type: "input",
        block_id: SELLER_INPUT_FORM.text.block,
        label: { type: "plain_text", text: question ? "Your question" : "The change you suggest, and why" },
        element: {
          type: "plain_text_input",
          action_id: SELLER_INPUT_FORM.text.action,
          multiline: true,
          max_length: LONG_TEXT_MAX,
        },
      },
    ],
  };
}
