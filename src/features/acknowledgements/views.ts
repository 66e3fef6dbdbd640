import type { ActionsBlock, ContextBlock, KnownBlock } from "@slack/types";
import { actions, button, context, SECTION_MAX, section } from "../../slack/blocks.js";
import { escapeText, mentionUser, slackTime, splitText, truncate } from "../../slack/text.js";
import { isPending, type Receipt } from "./domain.js";
import { ACKNOWLEDGE_BUTTON, acknowledgeBlockId, REMIND_BUTTON } from "./ids.js";

/** How much of a seller's name the board shows. */
const NAME_MAX = 80;
/** How much of a notice's subject a line shows. */
const SUBJECT_MAX = 200;

function subjectOf(notice: { subject: string }): string {
  return escapeText(truncate(notice.subject, SUBJECT_MAX));
}

/** "Acknowledge" on a change in a seller channel; its block names the notice. */
export function acknowledgeBlock(noticeId: number): ActionsBlock {
  return {
    ...actions(button(ACKNOWLEDGE_BUTTON, "Acknowledge", String(noticeId), "primary")),
    block_id: acknowledgeBlockId(noticeId),
  };
}

function acknowledgedBy(receipt: { acknowledgedBy: string | null; acknowledgedAt: Date | null }): string {
  const who = receipt.acknowledgedBy ? mentionUser(receipt.acknowledgedBy) : "the seller";
  return receipt.acknowledgedAt ? `${who} (${slackTime(receipt.acknowledgedAt)})` : who;
}

/** What takes the button's place on the seller's copy once acknowledged. */
export function acknowledgedLine(receipt: { acknowledgedBy: string | null; acknowledgedAt: Date | null }) {
  return context(`:white_check_mark: Acknowledged by ${acknowledgedBy(receipt)}`);
}

/** The seller's copy as Slack showed it, its "Acknowledge" replaced; undefined when it has none of this notice. */
export function acknowledgedCopy(
  blocks: KnownBlock[],
  noticeId: number,
  line: ContextBlock,
): KnownBlock[] | undefined {
  const at = blocks.findIndex((block) => block.block_id === acknowledgeBlockId(noticeId));
  if (at === -1) return undefined;
  return blocks.map((block, index) => (index === at ? line : block));
}

export interface BoardNotice {
  id: number;
  subject: string;
  remindedAt: Date | null;
  receipts: (Receipt & { seller: { name: string } })[];
}

/** The board in the team channel: per seller, acknowledged by whom and when, or pending. */
export function boardMessage(notice: BoardNotice): { text: string; blocks: KnownBlock[] } {
  const done = notice.receipts.filter((receipt) => !isPending(receipt)).length;
  const total = notice.receipts.length;
  const head = `*Acknowledgements · ${subjectOf(notice)}*\n${done} of ${total} ${total === 1 ? "seller" : "sellers"} acknowledged.`;
  const lines = notice.receipts.map((receipt) => {
    const name = escapeText(truncate(receipt.seller.name, NAME_MAX));
    return isPending(receipt)
      ? `• *${name}*: pending`
      : `• *${name}*: acknowledged by ${acknowledgedBy(receipt)}`;
  });
  const blocks: KnownBlock[] = [section(head), ...splitText(lines.join("\n"), SECTION_MAX).map(section)];
  if (notice.remindedAt) blocks.push(context(`Pending sellers reminded ${slackTime(notice.remindedAt)}.`));
  if (done < total) blocks.push(actions(button(REMIND_BUTTON, "Remind pending sellers", String(notice.id))));
  return { text: `Acknowledgements of ${subjectOf(notice)}: ${done} of ${total}`, blocks };
}

/** To a seller still pending: the change named again, with its "Acknowledge". */
export function reminderMessage(notice: { id: number; subject: string; createdAt: Date }) {
  const text = `*Reminder:* the buyer asks you to acknowledge *${subjectOf(notice)}*, posted ${slackTime(notice.createdAt)}. Please read it and press *Acknowledge*.`;
  return { text, blocks: [section(text), acknowledgeBlock(notice.id)] };
}

export const NOTICE_GONE =
  "Tender Room no longer knows this change, so nothing was done. Please use the buttons on the latest message.";

export const BUYER_ACKNOWLEDGES =
  "Acknowledging is the seller's to give: its people press *Acknowledge* in their channel. The team channel shows who has.";

export const NOT_A_SELLER_CHANNEL =
  "Changes are acknowledged in a seller's own channel, with the button on the change.";

export const OTHER_TENDER = "This button belongs to another tender, so nothing was acknowledged.";

export const NOT_YOUR_CHANNEL = "This channel belongs to another seller: acknowledge changes in your own.";

export function acknowledgedAnswer(notice: { subject: string }): string {
  return `Thank you: *${subjectOf(notice)}* is acknowledged. The buyer's team can see it.`;
}

export function alreadyAcknowledged(notice: { subject: string }, receipt: Receipt): string {
  return `*${subjectOf(notice)}* was already acknowledged by ${acknowledgedBy(receipt)}; nothing more to do.`;
}

export const NOBODY_PENDING = "Every seller has acknowledged this change: there is nobody to remind.";

export function remindedAnswer(sellers: number): string {
  return `Reminded ${sellers === 1 ? "1 pending seller" : `${sellers} pending sellers`} in their channels.`;
}

export function remindTooSoon(remindedAt: Date, next: Date): string {
  return `Pending sellers were reminded ${slackTime(remindedAt)}; the next reminder is possible from ${slackTime(next)}.`;
}

/** How many pending changes a seller's line in `/tender status` names. */
const PENDING_SHOWN = 5;

/** A seller's line in `/tender status`. */
export function pendingNote(subjects: string[]): string {
  const shown = subjects.slice(0, PENDING_SHOWN).map((subject) => escapeText(truncate(subject, SUBJECT_MAX)));
  const more = subjects.length > PENDING_SHOWN ? ` and ${subjects.length - PENDING_SHOWN} more` : "";
  return `Acknowledgements pending: ${shown.join(", ")}${more}`;
}
