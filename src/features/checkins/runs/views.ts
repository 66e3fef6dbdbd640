import type { Button } from "@slack/types";
import { checkInRef, tenderRef } from "../../../kernel/refs.js";
import { actions, button, context, SECTION_MAX, section } from "../../../slack/blocks.js";
import type { OutgoingMessage } from "../../../slack/gateway.js";
import { escapeText, mentionChannel, truncate } from "../../../slack/text.js";
import { shareLessonButton } from "../../lessons/index.js";
import { ANSWER_LABEL, type CheckInAnswerKind } from "../domain.js";
import {
  NOTHING_NEW_BUTTON,
  OCCURRENCE_VALUE_PREFIX,
  PROPOSE_MEETING_BUTTON,
  SHARE_UPDATE_BUTTON,
} from "../ids.js";
import { formatRun } from "../schedule.js";

const SHARE_UPDATE_LABEL = "Share an update";
const PROPOSE_MEETING_LABEL = "Propose a meeting";
const NOTHING_NEW_LABEL = "Nothing new this time";

export interface PromptContent {
  tenderNumber: number;
  tenderTitle: string;
  checkInNumber: number;
  prompt: string;
  occurrenceId: number;
  digestAt: Date;
  timezone: string;
  /** "Quantify your impact", when the tender has key metrics. */
  quantify?: Button;
}

/** The check-in in a seller's channel: the buyer's prompt and the four ways to answer. */
export function promptMessage(content: PromptContent): OutgoingMessage {
  const value = String(content.occurrenceId);
  const prompt = escapeText(content.prompt);
  return {
    text: `Check-in from the buyer: ${truncate(prompt, 200)}`,
    blocks: [
      section(truncate(`*Check-in* · ${escapeText(content.tenderTitle)}\n${prompt}`, SECTION_MAX)),
      actions(
        button(SHARE_UPDATE_BUTTON, SHARE_UPDATE_LABEL, value),
        shareLessonButton({ answers: `${OCCURRENCE_VALUE_PREFIX}${value}` }),
        button(PROPOSE_MEETING_BUTTON, PROPOSE_MEETING_LABEL, value),
        button(NOTHING_NEW_BUTTON, NOTHING_NEW_LABEL, value),
        ...(content.quantify ? [content.quantify] : []),
      ),
      context(
        `${tenderRef(content.tenderNumber)} · ${checkInRef(content.checkInNumber)} · answers until ${formatRun(content.digestAt, content.timezone)} are in the buyer's summary; you can also reply in this thread.`,
      ),
    ],
  };
}

/** In the team channel when a check-in goes out: the thread where the answers arrive. */
export function teamNoticeMessage(
  checkInNumber: number,
  prompt: string,
  channelIds: string[],
): OutgoingMessage {
  const to = channelIds.map(mentionChannel).join(", ");
  return {
    text: truncate(
      `Check-in ${checkInRef(checkInNumber)} sent to ${channelIds.length} seller channel${channelIds.length === 1 ? "" : "s"} (${to}): “${escapeText(prompt)}”\nTheir answers arrive in this thread; a summary follows when the answer window closes.`,
      SECTION_MAX,
    ),
  };
}

export interface DigestLine {
  sellerName: string;
  answers: { kind: CheckInAnswerKind; text: string; authorName: string }[];
}

/** The summary after the answer window: who answered what, who did not. */
export function digestMessage(
  checkInNumber: number,
  dueAt: Date,
  timezone: string,
  lines: DigestLine[],
): OutgoingMessage {
  const answered = lines.filter((line) => line.answers.length > 0);
  const silent = lines.filter((line) => line.answers.length === 0);
  const head = `*Check-in ${checkInRef(checkInNumber)} of ${formatRun(dueAt, timezone)}*: ${answered.length} of ${lines.length} seller${lines.length === 1 ? "" : "s"} answered.`;
  const answerLines = answered.map((line) => {
    const parts = line.answers.map((answer) =>
      answer.kind === "nothing_new"
        ? "nothing new"
        : `${ANSWER_LABEL[answer.kind]}: “${escapeText(truncate(answer.text, 200))}”`,
    );
    return `• *${escapeText(line.sellerName)}*: ${parts.join("; ")}`;
  });
  const silentLine =
    silent.length === 0
      ? []
      : [`No answer from: ${silent.map((line) => escapeText(line.sellerName)).join(", ")}.`];
  // Who stayed silent comes first, so a long summary never cuts it off.
  const text = truncate([head, ...silentLine, ...answerLines].join("\n"), 3900);
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: truncate(text, SECTION_MAX) } }] };
}
