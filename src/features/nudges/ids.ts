/**
 * The keys that make each nudge go out at most once (the outbox skips a key it already holds,
 * whichever instance planned it first). The planning queries build the same keys in SQL from the
 * prefixes, to leave out what was planned before; the outbox kinds (deliveries.ts) build them here.
 */
/** Key prefixes; the planning queries match on them to skip what was planned before. */
export const KEY_PREFIX = {
  question: "nudge:question:",
  silence: "nudge:silence:",
  date: "nudge:date:",
  quantify: "nudge:quantify:",
  stale: "nudge:stale:",
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

export function quantifyKey(sellerId: number): string {
  return `${KEY_PREFIX.quantify}${sellerId}`;
}

/** Per version of the metric: a metric changed again gets a nudge of its own. */
export function staleKey(sellerId: number, metricId: number, version: number): string {
  return `${KEY_PREFIX.stale}${sellerId}:${metricId}:v${version}`;
}
