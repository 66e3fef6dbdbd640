import { endOfKeyDay } from "../tenders/index.js";

/** How long changes to one seller's overview are gathered before it is updated once. */
export const REFRESH_EVERY_MS = 5_000;

/**
 * The slot of time a change at `now` falls in, and when that slot's one update is made: after the
 * slot has ended, with a little more for a transaction that began in it to commit, so every change
 * of the slot is shown.
 */
export function refreshSlot(now: Date, everyMs: number): { slot: number; notBefore: Date } {
  const slot = Math.floor(now.getTime() / everyMs);
  const settle = Math.min(everyMs, 1_000);
  return { slot, notBefore: new Date((slot + 1) * everyMs + settle) };
}

type KeyDates = {
  timezone: string;
  questionsDueOn: Date | null;
  proposalsDueOn: Date | null;
  awardPlannedOn: Date | null;
};

export type KeyDateName = "questions" | "proposals" | "award";

/** The first key date whose day has not ended yet in the tender's zone. */
export function nextKeyDate(tender: KeyDates, now: Date): { name: KeyDateName; day: Date } | undefined {
  const dates: [KeyDateName, Date | null][] = [
    ["questions", tender.questionsDueOn],
    ["proposals", tender.proposalsDueOn],
    ["award", tender.awardPlannedOn],
  ];
  for (const [name, day] of dates) {
    if (day && now < endOfKeyDay(day, tender.timezone)) return { name, day };
  }
  return undefined;
}

/**
 * The address of a message from the permalink of another in the same workspace: Slack's links are
 * `<workspace>/archives/<channel>/p<ts without its dot>`. Undefined when the link reads otherwise.
 */
export function messageLink(
  known: { channelId: string; ts: string; permalink: string },
  message: { channelId: string; ts: string },
): string | undefined {
  const tail = (channelId: string, ts: string) => `/archives/${channelId}/p${ts.replace(".", "")}`;
  const suffix = tail(known.channelId, known.ts);
  if (!known.permalink.startsWith("https://") || !known.permalink.endsWith(suffix)) return undefined;
  return `${known.permalink.slice(0, -suffix.length)}${tail(message.channelId, message.ts)}`;
}
