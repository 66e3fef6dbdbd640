import { endOfKeyDay } from "../tenders/index.js";

/** How long changes to what a person's Home shows are gathered before it is published once. */
export const REFRESH_EVERY_MS = 5_000;

/**
 * The slot of time a change at `now` falls in, and when that slot's one publish is made: after the
 * slot has ended, with a little more for a transaction that began in it to commit, so the Home
 * shows every change of the slot.
 */
export function refreshSlot(now: Date, everyMs: number): { slot: number; notBefore: Date } {
  const slot = Math.floor(now.getTime() / everyMs);
  return { slot, notBefore: new Date((slot + 1) * everyMs + Math.min(everyMs, 1_000)) };
}

/** The tenders a Home lists (newest first); more are counted. */
export const TENDERS_SHOWN = 20;
/** Per tender, the oldest unanswered questions shown; more are counted. */
export const QUESTIONS_SHOWN = 3;
/** Check-ins due within this time are listed as needing the buyer. */
export const CHECKIN_HORIZON_MS = 24 * 3_600_000;
/** The sellers a seller's person is shown the overview of (one per tender its organisation is in). */
export const SELLERS_SHOWN = 5;

/** Who looks at a Home: a person of the buyer's workspace, or of a seller's organisation. */
export interface Viewer {
  userId: string;
  teamId: string;
  side: "buyer" | "seller";
}

export type KeyDateName = "questions" | "proposals" | "award";

type KeyDates = {
  timezone: string;
  questionsDueOn: Date | null;
  proposalsDueOn: Date | null;
  awardPlannedOn: Date | null;
};

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
