import type { KnownBlock, ModalView } from "@slack/types";
import { tenderRef } from "../../kernel/refs.js";
import { dateInput, modal, section, textInput } from "../../slack/blocks.js";
import { formatDay, parseDay } from "../../slack/dates.js";
import { escapeText, mentionUser, truncate } from "../../slack/text.js";
import { STAGE_MEANING, type TenderStage, tenderHeadline } from "../tenders/index.js";
import { type DateChange, KEY_DATES, type KeyDays, NOTE_MAX } from "./domain.js";
import { DATES_FORM } from "./ids.js";

type Headed = { number: number; title: string };

/** A message: its text, and blocks below it (e.g. the Acknowledge button). */
export interface Announcement {
  text: string;
  blocks: KnownBlock[];
}

function withBlocks(text: string, extra: KnownBlock[]): Announcement {
  return { text, blocks: [section(truncate(text, 2900)), ...extra] };
}

export function stageAnnouncement(tender: Headed, from: TenderStage, to: TenderStage, actorUserId: string) {
  return (
    `${mentionUser(actorUserId)} moved ${escapeText(tenderHeadline(tender))} from *${from}* to *${to}*.\n` +
    STAGE_MEANING[to]
  );
}

/** What sellers read: no buyer-internal names. */
export function sellerStageAnnouncement(tender: Headed, to: TenderStage, extra: KnownBlock[]): Announcement {
  return withBlocks(
    `${escapeText(tenderHeadline(tender))} is now in the *${to}* stage.\n${STAGE_MEANING[to]}`,
    extra,
  );
}

export function stageMovedReply(tender: Headed, to: TenderStage, sellersTold: number): string {
  const told =
    sellersTold === 0
      ? ""
      : ` Announced in the team channel and ${sellersTold === 1 ? "1 seller channel" : `${sellersTold} seller channels`}, each asked to acknowledge.`;
  return `${tenderRef(tender.number)} is now in the *${to}* stage.${told}`;
}

export function datesModal(origin: string, tender: Headed, opened: KeyDays): ModalView {
  const initial = (day: string | null) => (day ? { initial: day } : {});
  return modal({
    callbackId: DATES_FORM.callbackId,
    privateMetadata: origin,
    title: `Key dates of ${tenderRef(tender.number)}`,
    submit: "Save dates",
    blocks: [
      dateInput(DATES_FORM.questionsDueOn, "Questions close", {
        optional: true,
        hint: "Last day for sellers' questions; a later day reopens them.",
        ...initial(opened.questionsDueOn),
      }),
      dateInput(DATES_FORM.proposalsDueOn, "Proposals due", {
        optional: true,
        hint: "Day the proposals are due.",
        ...initial(opened.proposalsDueOn),
      }),
      dateInput(DATES_FORM.awardPlannedOn, "Award planned", {
        optional: true,
        hint: "Day you plan to award the tender.",
        ...initial(opened.awardPlannedOn),
      }),
      textInput(DATES_FORM.note, "Note to the sellers", {
        optional: true,
        multiline: true,
        max: NOTE_MAX,
        hint: "Every seller channel reads it with the new dates, e.g. why they moved.",
      }),
    ],
  });
}

function dayText(day: string | null): string {
  return day ? formatDay(parseDay(day)) : "not set";
}

/** One line per changed date: from → to. */
function changeLines(changes: DateChange[]): string[] {
  return changes.map(({ field, from, to }) => {
    const label = KEY_DATES.find((date) => date.field === field)?.label ?? field;
    return `• *${label}* ${dayText(from)} → ${to ? dayText(to) : "no longer set"}`;
  });
}

function noteLines(note: string | undefined): string[] {
  if (!note) return [];
  const quoted = truncate(escapeText(note), NOTE_MAX + 100)
    .split("\n")
    .map((line) => `>${line}`);
  return ["Note from the buyer:", ...quoted];
}

function reopenedLine(reopenedUntil: string | undefined): string[] {
  return reopenedUntil ? [`Questions are open again until ${dayText(reopenedUntil)}.`] : [];
}

export interface DatesNotice {
  changes: DateChange[];
  note?: string | undefined;
  /** The new questions date, when moving it reopened questions. */
  reopenedUntil?: string | undefined;
}

export function teamDatesNotice(tender: Headed, notice: DatesNotice, actorUserId: string): string {
  return [
    `${mentionUser(actorUserId)} changed the key dates of ${escapeText(tenderHeadline(tender))}:`,
    ...changeLines(notice.changes),
    ...reopenedLine(notice.reopenedUntil),
    ...noteLines(notice.note),
  ].join("\n");
}

/** What sellers read: the dates and the note, no buyer-internal names. */
export function sellerDatesNotice(tender: Headed, notice: DatesNotice, extra: KnownBlock[]): Announcement {
  const text = [
    `The key dates of ${escapeText(tenderHeadline(tender))} have changed:`,
    ...changeLines(notice.changes),
    ...reopenedLine(notice.reopenedUntil),
    ...noteLines(notice.note),
  ].join("\n");
  return withBlocks(text, extra);
}

/** The subject sellers acknowledge, e.g. "Key dates moved: questions close, proposals due". */
export function datesSubject(changes: DateChange[]): string {
  const labels = changes.map(
    ({ field }) => KEY_DATES.find((date) => date.field === field)?.label.toLowerCase() ?? field,
  );
  return `Key dates moved: ${labels.join(", ")}`;
}

export function datesSavedReply(tender: Headed, changes: DateChange[], sellersTold: number): string {
  const told =
    sellersTold === 0
      ? "The team channel is told."
      : `The team channel and ${sellersTold === 1 ? "1 seller channel are" : `${sellersTold} seller channels are`} told; sellers are asked to acknowledge.`;
  return [`Key dates of ${tenderRef(tender.number)} saved. ${told}`, ...changeLines(changes)].join("\n");
}

export function datesAlreadySaved(tender: Headed): string {
  return `The key dates of ${tenderRef(tender.number)} are already as this form sets them; nothing changed.`;
}

export function datesChangedMeanwhile(tender: Headed): string {
  return (
    `The key dates of ${tenderRef(tender.number)} changed after this form was opened, so nothing was saved. ` +
    "Run `/tender dates` again to see them."
  );
}

export function datesFinal(tender: Headed & { stage: TenderStage }): string {
  return `${tenderRef(tender.number)} is ${tender.stage}: its key dates can no longer change.`;
}

export const DATES_FORM_LOST =
  "This form no longer knows which tender it is about, so nothing was saved. Run `/tender dates` again.";
