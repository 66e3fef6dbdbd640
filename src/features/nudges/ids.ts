/**
 * Ids of the nudges feature: its outbox kinds and the keys that make each nudge go out at most
 * once (the outbox skips a key it already holds, whichever instance planned it first).
 */
export const DELIVERY = {
  /** A seller question waiting for an answer: a reminder to the owners in the team channel. */
  question: "nudge_question",
  /** A requirement a seller has not replied to: a gentle nudge in that seller's thread. */
  silence: "nudge_silence",
  /** A key date coming up: a reminder in the team channel, and in the seller channels it concerns. */
  dateTeam: "nudge_date_team",
  dateSeller: "nudge_date_seller",
} as const;

/** Key prefixes; the planning queries match on them to skip what was planned before. */
export const KEY_PREFIX = {
  question: "nudge:question:",
  silence: "nudge:silence:",
  date: "nudge:date:",
} as const;

export function questionKey(replyId: number): string {
  return `${KEY_PREFIX.question}${replyId}`;
}

export function silenceKey(requirementId: number, sellerId: number): string {
  return `${KEY_PREFIX.silence}${requirementId}:${sellerId}`;
}

/** Per day: a changed date gets a key, and so a reminder, of its own. */
export function dateKey(tenderId: number, which: string, day: string, sellerId?: number): string {
  const key = `${KEY_PREFIX.date}${tenderId}:${which}:${day}`;
  return sellerId === undefined ? key : `${key}:seller:${sellerId}`;
}
