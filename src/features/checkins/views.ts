import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { DateTime } from "luxon";
import { textInput } from "../../slack/blocks.js";
import type { OutgoingMessage } from "../../slack/gateway.js";
import { escapeText, mentionChannel, truncate } from "../../slack/text.js";
import { shareLessonButton } from "../lessons/views.js";
import { tenderRef } from "../tenders/domain.js";
import {
  ANSWER_LABEL,
  ANSWER_MAX,
  type CheckInAnswerKind,
  checkInRef,
  DEFAULT_PROMPT,
  PROMPT_MAX,
  STATUS_LABEL,
} from "./domain.js";
import {
  CHECKIN_FORM,
  MEETING_FORM,
  NOTHING_NEW_BUTTON,
  OCCURRENCE_VALUE_PREFIX,
  PROPOSE_MEETING_BUTTON,
  SHARE_UPDATE_BUTTON,
  UPDATE_FORM,
} from "./ids.js";
import type { CheckIn } from "./repository.js";
import { describeSchedule, formatRun, type Schedule, WEEKDAYS } from "./schedule.js";

const SECTION_MAX = 2900;
const OPTIONS_MAX = 100;

export const SHARE_UPDATE_LABEL = "Share an update";
export const PROPOSE_MEETING_LABEL = "Propose a meeting";
export const NOTHING_NEW_LABEL = "Nothing new this time";

export const CHECKIN_FORM_LOST = "The form lost track of its tender. Run `/tender checkin` again.";
export const OCCURRENCE_GONE = "This check-in no longer exists.";
export const NOT_YOUR_CHECKIN =
  "These buttons are for the seller's people in this channel, to answer the buyer's check-in.";
export const ANSWER_SAVED = "Thank you: your answer is shared with the buyer.";
export const NO_CHECKINS = "No check-in yet. `/tender checkin every monday 10:00` schedules one.";

export const cadenceLabels = {
  weekly: "Every week",
  biweekly: "Every 2 weeks",
  daily: "Every day",
  weekdays: "Every weekday (Mon–Fri)",
  cron: "Cron expression",
} as const;

const option = (text: string, value: string): PlainTextOption => ({
  text: { type: "plain_text", text: truncate(text, 75) },
  value,
});

export interface CheckInFormOptions {
  tenderTitle: string;
  tenderNumber: number;
  sellers: { id: number; name: string }[];
  timezone: string;
}

/** The check-in form: cadence, day, time, zone, sellers, prompt and end date. */
export function checkInModal(privateMetadata: string, options: CheckInFormOptions): ModalView {
  const cadenceOptions = Object.entries(cadenceLabels).map(([value, text]) => option(text, value));
  const dayOptions = WEEKDAYS.map((day) => option(day.charAt(0).toUpperCase() + day.slice(1), day));
  const sellerOptions = options.sellers.slice(0, OPTIONS_MAX).map((s) => option(s.name, String(s.id)));
  const sellersBlock: KnownBlock[] =
    sellerOptions.length === 0
      ? []
      : [
          {
            type: "input",
            block_id: CHECKIN_FORM.sellers.block,
            optional: true,
            label: { type: "plain_text", text: "Sellers" },
            hint: { type: "plain_text", text: "Leave empty for every seller, also those invited later." },
            element: {
              type: "multi_static_select",
              action_id: CHECKIN_FORM.sellers.action,
              placeholder: { type: "plain_text", text: "Every seller" },
              options: sellerOptions,
            },
          },
        ];
  return {
    type: "modal",
    callback_id: CHECKIN_FORM.callbackId,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Schedule a check-in" },
    submit: { type: "plain_text", text: "Schedule" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "context",
        elements: [
          {
            type: "plain_text",
            text: truncate(`${tenderRef(options.tenderNumber)} · ${options.tenderTitle}`, 2000),
          },
        ],
      },
      {
        type: "input",
        block_id: CHECKIN_FORM.cadence.block,
        label: { type: "plain_text", text: "How often" },
        element: {
          type: "static_select",
          action_id: CHECKIN_FORM.cadence.action,
          options: cadenceOptions,
          initial_option: cadenceOptions[0],
        },
      },
      {
        type: "input",
        block_id: CHECKIN_FORM.day.block,
        optional: true,
        label: { type: "plain_text", text: "Day of the week" },
        hint: { type: "plain_text", text: "For every week and every 2 weeks." },
        element: {
          type: "static_select",
          action_id: CHECKIN_FORM.day.action,
          options: dayOptions,
          initial_option: dayOptions[0],
        },
      },
      {
        type: "input",
        block_id: CHECKIN_FORM.time.block,
        optional: true,
        label: { type: "plain_text", text: "Time" },
        element: { type: "timepicker", action_id: CHECKIN_FORM.time.action, initial_time: "10:00" },
      },
      textInput(CHECKIN_FORM.cron, "Cron expression", {
        optional: true,
        max: 100,
        hint: "Only for the cron choice: 5 fields (minute hour day month weekday), at most hourly, e.g. 0 9 * * 1-5.",
      }),
      textInput(CHECKIN_FORM.timezone, "Time zone", {
        max: 64,
        initial: options.timezone,
        hint: "An IANA name such as Europe/Berlin or America/New_York; the time is kept across daylight saving changes.",
      }),
      ...sellersBlock,
      textInput(CHECKIN_FORM.prompt, "What the sellers are asked", {
        multiline: true,
        max: PROMPT_MAX,
        initial: DEFAULT_PROMPT,
      }),
      {
        type: "input",
        block_id: CHECKIN_FORM.endsOn.block,
        optional: true,
        label: { type: "plain_text", text: "Last day" },
        element: { type: "datepicker", action_id: CHECKIN_FORM.endsOn.action },
      },
    ],
  };
}

function sellersInWords(
  checkIn: Pick<CheckIn, "sellerIds">,
  sellers: { id: number; name: string }[],
): string {
  if (checkIn.sellerIds.length === 0) return "every seller";
  const names = checkIn.sellerIds.map((id) => sellers.find((s) => s.id === id)?.name ?? `seller ${id}`);
  return escapeText(names.join(", "));
}

export function scheduleOf(checkIn: CheckIn): Schedule {
  return {
    cadence: checkIn.cadence,
    cron: checkIn.cron,
    timezone: checkIn.timezone,
    ...(checkIn.anchorOn ? { anchorOn: checkIn.anchorOn.toISOString().slice(0, 10) } : {}),
  };
}

/** The answer to whoever scheduled it: what, to whom, and the next three runs in their own zone. */
export function scheduledText(
  checkIn: CheckIn,
  sellers: { id: number; name: string }[],
  runs: Date[],
  readerZone: string,
): string {
  const lines = [
    `Check-in ${checkInRef(checkIn.number)} scheduled: ${describeSchedule(scheduleOf(checkIn))}, to ${sellersInWords(checkIn, sellers)}.`,
    runs.length === 0
      ? "It has no run left before its last day."
      : `Next runs (your time, ${readerZone}):\n${runs.map((run) => `• ${formatRun(run, readerZone)}`).join("\n")}`,
    `Sellers are asked: “${escapeText(truncate(checkIn.prompt, 500))}”`,
    `\`/tender checkin pause ${checkInRef(checkIn.number)}\`, \`resume\` or \`cancel\` change it; \`/tender checkins\` lists them.`,
  ];
  return lines.join("\n");
}

export interface CheckInListEntry {
  checkIn: CheckIn;
  last?: { dueAt: Date; status: string; reason: string | null; answers: number };
}

export function checkInListText(
  tenderNumber: number,
  entries: CheckInListEntry[],
  sellers: { id: number; name: string }[],
  readerZone: string,
): string {
  if (entries.length === 0) return NO_CHECKINS;
  const lines = entries.map(({ checkIn, last }) => {
    const next =
      checkIn.status === "active" && checkIn.nextRunAt
        ? `next ${formatRun(checkIn.nextRunAt, readerZone)}`
        : STATUS_LABEL[checkIn.status];
    const lastRun = last
      ? ` · last ${formatRun(last.dueAt, readerZone)} ${last.status === "sent" ? `(${last.answers} answer${last.answers === 1 ? "" : "s"})` : `(skipped: ${last.reason ?? ""})`}`
      : "";
    return `• *${checkInRef(checkIn.number)}* ${describeSchedule(scheduleOf(checkIn))} to ${sellersInWords(checkIn, sellers)} · ${next}${lastRun}`;
  });
  return [`Check-ins of ${tenderRef(tenderNumber)} (times in ${readerZone}):`, ...lines].join("\n");
}

export interface NudgeContent {
  tenderNumber: number;
  tenderTitle: string;
  checkInNumber: number;
  prompt: string;
  occurrenceId: number;
  digestAt: Date;
  timezone: string;
}

/** The check-in in a seller's channel: the buyer's prompt and the four ways to answer. */
export function nudgeMessage(content: NudgeContent): OutgoingMessage {
  const value = String(content.occurrenceId);
  const button = (actionId: string, text: string) => ({
    type: "button" as const,
    action_id: actionId,
    text: { type: "plain_text" as const, text },
    value,
  });
  const prompt = escapeText(content.prompt);
  return {
    text: `Check-in from the buyer: ${truncate(prompt, 200)}`,
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: truncate(`*Check-in* · ${escapeText(content.tenderTitle)}\n${prompt}`, SECTION_MAX),
        },
      },
      {
        type: "actions",
        elements: [
          button(SHARE_UPDATE_BUTTON, SHARE_UPDATE_LABEL),
          { ...shareLessonButton(), value: `${OCCURRENCE_VALUE_PREFIX}${value}` },
          button(PROPOSE_MEETING_BUTTON, PROPOSE_MEETING_LABEL),
          button(NOTHING_NEW_BUTTON, NOTHING_NEW_LABEL),
        ],
      },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `${tenderRef(content.tenderNumber)} · ${checkInRef(content.checkInNumber)} · answers until ${formatRun(content.digestAt, content.timezone)} are in the buyer's summary; you can also reply in this thread.`,
          },
        ],
      },
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

export function updateModal(privateMetadata: string, prompt: string): ModalView {
  return {
    type: "modal",
    callback_id: UPDATE_FORM.callbackId,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Share an update" },
    submit: { type: "plain_text", text: "Share" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      { type: "context", elements: [{ type: "plain_text", text: truncate(prompt, 2000) }] },
      textInput(UPDATE_FORM.text, "Your update", { multiline: true, max: ANSWER_MAX }),
    ],
  };
}

export function meetingModal(privateMetadata: string, timezone: string): ModalView {
  return {
    type: "modal",
    callback_id: MEETING_FORM.callbackId,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Propose a meeting" },
    submit: { type: "plain_text", text: "Propose" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: MEETING_FORM.day.block,
        label: { type: "plain_text", text: "Day" },
        element: { type: "datepicker", action_id: MEETING_FORM.day.action },
      },
      {
        type: "input",
        block_id: MEETING_FORM.time.block,
        label: { type: "plain_text", text: `Time (${timezone})` },
        element: { type: "timepicker", action_id: MEETING_FORM.time.action },
      },
      textInput(MEETING_FORM.agenda, "What to talk about", {
        multiline: true,
        optional: true,
        max: ANSWER_MAX,
      }),
    ],
  };
}

/** The answer to `/tender checkin cancel|pause|resume C-<n>`. */
export function changedText(checkIn: CheckIn, nextRunAt: Date | null, readerZone: string): string {
  const ref = checkInRef(checkIn.number);
  switch (checkIn.status) {
    case "cancelled":
      return `${ref} is cancelled; nothing more goes out. Its answers so far are kept.`;
    case "paused":
      return `${ref} is paused; \`/tender checkin resume ${ref}\` starts it again.`;
    case "ended":
      return `${ref} has no run left before its last day.`;
    case "active":
      return `${ref} runs again: next ${nextRunAt ? formatRun(nextRunAt, readerZone) : "never"} (runs missed while paused are not sent).`;
  }
}

/** A meeting proposal in words, in the proposer's zone. */
export function meetingText(
  meeting: { day: string; time: string; agenda?: string | undefined },
  zone: string,
): string {
  const when = formatRun(DateTime.fromISO(`${meeting.day}T${meeting.time}`, { zone }).toJSDate(), zone);
  return meeting.agenda ? `${when} (${zone}) to talk about: ${meeting.agenda}` : `${when} (${zone})`;
}
