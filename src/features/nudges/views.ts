import type { KnownBlock } from "@slack/types";
import { requirementRef, tenderRef } from "../../kernel/refs.js";
import { actions, section } from "../../slack/blocks.js";
import { formatDay } from "../../slack/dates.js";
import { escapeText, mentionUser, slackTime, truncate } from "../../slack/text.js";
import { quantifyButton } from "../estimates/index.js";
import { type Metric, metricHeadline, metricRange } from "../metrics/index.js";
import { WORK_ENDS_AT, WORK_STARTS_AT } from "./business-time.js";
import {
  DAYS_MAX,
  DAYS_MIN,
  type KeyDateKind,
  keyDateOf,
  type NudgeSettings,
  type NudgeSettingsChange,
} from "./domain.js";

/** How much of a question a reminder quotes. */
const QUOTE_MAX = 300;

export const QUESTION_LINK_LABEL = "View the question";

function headline(tender: { number: number; title: string }): string {
  return escapeText(`${tenderRef(tender.number)} · ${tender.title}`);
}

function requirementName(requirement: { number: number; title?: string }): string {
  const ref = requirementRef(requirement.number);
  return requirement.title ? `${ref} · ${escapeText(requirement.title)}` : ref;
}

/** Each line of (escaped) text as a mrkdwn quote. */
function quote(text: string): string {
  return text
    .split("\n")
    .map((line) => `>${line}`)
    .join("\n");
}

function clarifyHint(requirementNumber: number, quiet: boolean): string {
  const clarify = escapeText(`\`/tender clarify ${requirementRef(requirementNumber)} <answer>\``);
  return quiet
    ? `In the quiet period, answer all sellers alike with ${clarify}.`
    : `Answer in the seller's thread, or all sellers alike with ${clarify}.`;
}

export interface QuestionReminder {
  ownerIds: string[];
  sellerName: string;
  requirement: { number: number; title?: string };
  text: string;
  askedAt: Date;
  link?: string;
  quiet: boolean;
}

/** To the owners in the team channel: a seller question still waiting for an answer. */
export function questionReminder(reminder: QuestionReminder): { text: string; blocks: KnownBlock[] } {
  const owners = reminder.ownerIds.map(mentionUser).join(" ");
  const seller = escapeText(reminder.sellerName);
  const asked = truncate(escapeText(reminder.text), QUOTE_MAX);
  const lead = `${owners} *${seller}* is waiting for an answer on *${requirementName(reminder.requirement)}*, asked ${slackTime(reminder.askedAt)}:`;
  const notes = [clarifyHint(reminder.requirement.number, reminder.quiet)];
  if (reminder.link) notes.unshift(`<${reminder.link}|${QUESTION_LINK_LABEL}>`);
  return {
    text: `${owners} ${seller} is waiting for an answer on ${requirementRef(reminder.requirement.number)}: ${asked}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `${lead}\n${quote(asked)}` } },
      { type: "context", elements: [{ type: "mrkdwn", text: notes.join(" · ") }] },
    ],
  };
}

/** In a seller's thread, gently: the buyer would like to hear from them. */
export function silenceNudge(requirement: { number: number; title?: string }): string {
  return (
    `Any thoughts on *${requirementName(requirement)}*? The buyer would value your experience: ` +
    "ask a question, suggest a change or share a lesson learned, here in the thread or with the buttons on the requirement."
  );
}

export const QUANTIFY_NUDGE =
  "The buyer weighs every offer in its key metrics. Say what yours would do to them, each in its own unit: " +
  "it takes a few minutes, and you can update it any time.";

/** In a seller's channel, once: it has not quantified its impact yet; the button opens its estimates form. */
export function quantifyNudge(firstMetricId: number): { text: string; blocks: KnownBlock[] } {
  return {
    text: QUANTIFY_NUDGE,
    blocks: [section(QUANTIFY_NUDGE), actions(quantifyButton(firstMetricId))],
  };
}

/** In a seller's channel, once per version of the metric: its estimate was made against earlier values. */
export function staleEstimateNudge(
  metric: { id: number } & Pick<Metric, "number" | "name" | "unit" | "baseline" | "target" | "direction">,
): { text: string; blocks: KnownBlock[] } {
  const text = `*${metricHeadline(metric)}* changed (now ${metricRange(metric)}); your estimate was made against the earlier values: please update it.`;
  return { text, blocks: [section(text), actions(quantifyButton(metric.id))] };
}

function whenAhead(daysAhead: number): string {
  if (daysAhead <= 0) return "today";
  if (daysAhead === 1) return "tomorrow";
  return `in ${daysAhead} days`;
}

export interface KeyDateReminder {
  tender: { number: number; title: string };
  which: KeyDateKind;
  /** "yyyy-mm-dd" */
  day: string;
  daysAhead: number;
}

function dayText(day: string): string {
  return formatDay(new Date(`${day}T00:00:00.000Z`));
}

/** In the team channel. */
export function keyDateTeamReminder(reminder: KeyDateReminder): string {
  const label = keyDateOf(reminder.which)?.label ?? reminder.which;
  return `:calendar: ${headline(reminder.tender)}: *${label}* ${whenAhead(reminder.daysAhead)}, ${dayText(reminder.day)}.`;
}

const SELLER_DATE_TEXT: Record<KeyDateKind, string> = {
  questions: "Questions for {tender} are due {when}, {day}. Ask yours in the requirement threads here.",
  proposals: "Proposals for {tender} are due {when}, {day}.",
  award: "The award of {tender} is planned {when}, {day}.",
};

/** In a seller's channel: no buyer names. */
export function keyDateSellerReminder(reminder: KeyDateReminder): string {
  const text = SELLER_DATE_TEXT[reminder.which]
    .replace("{tender}", `*${headline(reminder.tender)}*`)
    .replace("{when}", whenAhead(reminder.daysAhead))
    .replace("{day}", dayText(reminder.day));
  return `:calendar: ${text}`;
}

/** `/tender nudges`: what nudges the tender gets and how to change them. */
export function nudgeSettingsText(
  tender: { number: number; title: string; stage: string },
  settings: NudgeSettings,
): string {
  const state = settings.nudgesOn ? "on" : "off";
  const lines = [
    `*Automatic nudges of ${headline(tender)}: ${state}*`,
    `• A seller question without an answer for *${settings.questionNudgeDays}* business days: a reminder to the owners in the team channel (\`questions\`)`,
    `• A requirement without a reply from a seller for *${settings.silenceNudgeDays}* business days: a gentle nudge in that seller's thread, in the courting and requirements stages (\`silence\`)`,
    `• After the same days, in those stages, a nudge in a seller's channel when it has not quantified its impact in the key metrics, and when a metric changed and its estimate needs an update (\`silence\`)`,
    `• A key date *${settings.keyDateNudgeDays}* days ahead: a reminder in the team channel, and for questions and proposals due in every seller channel (\`dates\`)`,
    `Each nudge goes out once, Monday to Friday ${WORK_STARTS_AT}:00–${WORK_ENDS_AT}:00 in its reader's time zone.`,
  ];
  if (tender.stage === "awarded" || tender.stage === "closed")
    lines.push(`${tenderRef(tender.number)} is ${tender.stage}: it gets no more nudges.`);
  lines.push(
    escapeText(
      `Owners change them: \`/tender nudges on|off\`, \`/tender nudges questions|silence|dates <days>\` (${DAYS_MIN} to ${DAYS_MAX}).`,
    ),
  );
  return lines.join("\n");
}

/** The first line of the answer to a change. */
export function settingsChangedText(tenderNumber: number, change: NudgeSettingsChange): string {
  const ref = tenderRef(tenderNumber);
  if (change.nudgesOn !== undefined)
    return `Automatic nudges of ${ref} are now *${change.nudgesOn ? "on" : "off"}*.`;
  if (change.questionNudgeDays !== undefined)
    return `Unanswered seller questions of ${ref} are now reminded after *${change.questionNudgeDays}* business days.`;
  if (change.silenceNudgeDays !== undefined)
    return `Silent sellers of ${ref} are now nudged after *${change.silenceNudgeDays}* business days.`;
  if (change.keyDateNudgeDays !== undefined)
    return `Key dates of ${ref} are now reminded *${change.keyDateNudgeDays}* days ahead.`;
  return `The nudges of ${ref} are unchanged.`;
}
