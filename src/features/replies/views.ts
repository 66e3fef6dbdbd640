import type { Button, KnownBlock, ModalView } from "@slack/types";
import { requirementRef, tenderRef } from "../../kernel/refs.js";
import {
  actions,
  button,
  context,
  modal,
  SECTION_MAX,
  section,
  TEXT_INPUT_MAX,
  textInput,
} from "../../slack/blocks.js";
import { formatDay } from "../../slack/dates.js";
import { escapeText, liveMarkup, mentionChannel, splitText, truncate } from "../../slack/text.js";
import type { ReplyKind, SellerInputKind } from "./domain.js";
import { ANSWER_ALL_BUTTON, SELLER_BUTTONS, SELLER_INPUT_FORM } from "./ids.js";

/** A long reply is mirrored up to a readable length; its notification shorter still. */
const SECTIONS_MAX = 12;
const NOTIFICATION_MAX = 300;

export const EDITED_MARKER = "(edited)";
export const DELETED_MARKER = "(deleted by its author)";
export const ORIGINAL_LINK_LABEL = "View the original";
const ANSWER_ALL_LABEL = "Answer all sellers";

const KIND_LABEL: Record<ReplyKind, string> = {
  question: "Question",
  suggestion: "Suggested change",
  comment: "Comment",
  answer: "Answer",
};

export const REQUIREMENT_GONE = "This requirement no longer exists.";
/** A person of another organisation pressing a seller's button in a channel not of their seller. */
export const NOT_YOUR_SELLER =
  "Only the people of this channel's seller, and the tender's team, can write here in its threads.";

export const NOT_IN_REQUIREMENT_CHANNEL =
  "This button belongs to a requirement that is not posted in this channel. Use the buttons on the requirement in your own channel with the buyer.";
export const SELLER_INPUT_LOST =
  "The form lost track of its requirement. Press the button on the requirement again.";

/** "Ask a question" after the questions-due date; the form submitted then gets it on its field. */
export function questionsClosedText(tenderNumber: number, closedOn: Date): string {
  return `Questions on ${tenderRef(tenderNumber)} closed on ${formatDay(closedOn)}. The buyer may reopen them by moving the date.`;
}

/** How a seller's question asked after questions closed is marked in its mirror. */
function lateNote(closedOn: Date | undefined): string {
  return closedOn
    ? `late: asked after questions closed on ${formatDay(closedOn)}`
    : "late: asked after questions closed";
}

export function requirementWithdrawnText(number: number): string {
  return `${requirementRef(number)} was withdrawn by the buyer; it takes no more questions or suggestions.`;
}

/** A reply as its mirror in the team channel shows it. */
export interface MirroredReply {
  id: number;
  kind: ReplyKind;
  fromSeller: boolean;
  authorName: string;
  /** The seller's name for a seller, the buyer's workspace for the buyer's people. */
  organisation: string;
  sellerChannelId: string;
  text: string;
  /** Slack's markup of a message written in Slack (null for one typed into a form). */
  markup: string | null;
  edited: boolean;
  deleted: boolean;
  /** A question asked after questions closed, and when they had closed (unless the date moved since). */
  late?: { closedOn: Date | undefined };
}

/** "*Author* (organisation) in #seller-channel: text", with a link to the original when there is one. */
export function mirrorMessage(
  reply: MirroredReply,
  permalink?: string,
): { text: string; blocks: KnownBlock[] } {
  const who = `*${escapeText(reply.authorName)}* (${escapeText(reply.organisation)}) in ${mentionChannel(reply.sellerChannelId)}:`;
  // What the seller wrote in Slack keeps its links and mentions; a form's text is escaped.
  const written = reply.markup === null ? escapeText(reply.text) : liveMarkup(reply.markup);
  const said = reply.deleted ? `_${DELETED_MARKER}_` : written;
  const pieces = splitText(`${who} ${said}`, SECTION_MAX);
  const shown = pieces.slice(0, SECTIONS_MAX);
  const blocks: KnownBlock[] = shown.map(section);
  const notes = [
    reply.late ? `${KIND_LABEL[reply.kind]} (${lateNote(reply.late.closedOn)})` : KIND_LABEL[reply.kind],
  ];
  if (shown.length < pieces.length) notes.push("the text goes on in the original");
  if (reply.edited && !reply.deleted) notes.push(EDITED_MARKER);
  if (permalink && !reply.deleted) notes.push(`<${permalink}|${ORIGINAL_LINK_LABEL}>`);
  blocks.push(context(notes.join(" · ")));
  if (reply.kind === "question" && reply.fromSeller && !reply.deleted)
    blocks.push(actions(button(ANSWER_ALL_BUTTON, ANSWER_ALL_LABEL, String(reply.id))));
  const marker = reply.edited && !reply.deleted ? ` ${EDITED_MARKER}` : "";
  return { text: truncate(`${who} ${said}${marker}`, NOTIFICATION_MAX), blocks };
}

/** The buttons this feature puts on a requirement's post in a seller channel. */
export function sellerPostButtons(requirementId: number): Button[] {
  return [
    button(SELLER_BUTTONS.askQuestion, "Ask a question", String(requirementId)),
    button(SELLER_BUTTONS.suggestChange, "Suggest a change", String(requirementId)),
  ];
}

/** "Ask a question" / "Suggest a change": what the seller writes goes into the requirement's thread. */
export function sellerInputModal(
  privateMetadata: string,
  kind: SellerInputKind,
  headline: string,
): ModalView {
  const question = kind === "question";
  return modal({
    callbackId: SELLER_INPUT_FORM.callbackId,
    privateMetadata,
    title: question ? "Ask a question" : "Suggest a change",
    submit: question ? "Ask" : "Suggest",
    blocks: [
      context(truncate(headline, 2000), "plain_text"),
      textInput(SELLER_INPUT_FORM.text, question ? "Your question" : "The change you suggest, and why", {
        multiline: true,
        max: TEXT_INPUT_MAX,
      }),
    ],
  });
}

/** What the app posts in the seller's thread for the person who used the form. */
export function sellerInputPost(
  kind: SellerInputKind,
  authorName: string,
  organisation: string,
  text: string,
): string {
  const verb = kind === "question" ? "asks" : "suggests a change";
  return `*${escapeText(authorName)}* (${escapeText(organisation)}) ${verb}:\n${escapeText(text)}`;
}
