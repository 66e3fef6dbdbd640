import type { ModalView } from "@slack/types";
import { DateTime } from "luxon";
import { context, dateInput, modal, SECTION_MAX, textInput, timeInput } from "../../../slack/blocks.js";
import { escapeText, truncate } from "../../../slack/text.js";
import { ANSWER_LABEL, ANSWER_MAX, type CheckInAnswerKind } from "../domain.js";
import { MEETING_FORM, UPDATE_FORM } from "../ids.js";
import { formatRun } from "../schedule.js";

export const OCCURRENCE_GONE = "This check-in no longer exists.";
export const NOT_YOUR_CHECKIN =
  "These buttons are for the seller's people in this channel, to answer the buyer's check-in.";
export const ANSWER_SAVED = "Thank you: your answer is shared with the buyer.";

/** An answer in the seller's thread, attributed to its author and organisation. */
export function answerPost(
  kind: CheckInAnswerKind,
  author: string,
  organisation: string,
  text: string,
): string {
  const who = `*${escapeText(author)}* (${escapeText(organisation)})`;
  if (kind === "nothing_new") return `${who}: nothing new this time.`;
  const what = { update: "an update", meeting: "a meeting proposal", lesson: "a lesson learned" }[kind];
  return truncate(`${who} shared ${what}:\n${escapeText(text)}`, SECTION_MAX);
}

export function answerMirror(
  sellerName: string,
  kind: CheckInAnswerKind,
  author: string,
  text: string,
  link: string | undefined,
): string {
  const source = link ? ` (<${link}|in their channel>)` : "";
  const head = `*${escapeText(sellerName)}* · ${escapeText(author)} · ${ANSWER_LABEL[kind]}${source}`;
  return kind === "nothing_new" ? head : truncate(`${head}\n${escapeText(text)}`, SECTION_MAX);
}

export function updateModal(privateMetadata: string, prompt: string): ModalView {
  return modal({
    callbackId: UPDATE_FORM.callbackId,
    privateMetadata,
    title: "Share an update",
    submit: "Share",
    blocks: [
      context(truncate(prompt, 2000), "plain_text"),
      textInput(UPDATE_FORM.text, "Your update", { multiline: true, max: ANSWER_MAX }),
    ],
  });
}

export function meetingModal(privateMetadata: string, timezone: string): ModalView {
  return modal({
    callbackId: MEETING_FORM.callbackId,
    privateMetadata,
    title: "Propose a meeting",
    submit: "Propose",
    blocks: [
      dateInput(MEETING_FORM.day, "Day"),
      timeInput(MEETING_FORM.time, `Time (${timezone})`),
      textInput(MEETING_FORM.agenda, "What to talk about", {
        multiline: true,
        optional: true,
        max: ANSWER_MAX,
      }),
    ],
  });
}

/** A meeting proposal in words, in the proposer's zone. */
export function meetingText(
  meeting: { day: string; time: string; agenda?: string | undefined },
  zone: string,
): string {
  const when = formatRun(DateTime.fromISO(`${meeting.day}T${meeting.time}`, { zone }).toJSDate(), zone);
  return meeting.agenda ? `${when} (${zone}) to talk about: ${meeting.agenda}` : `${when} (${zone})`;
}
