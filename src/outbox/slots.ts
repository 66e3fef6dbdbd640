/**
 * Coalescing: the slot of time a change at `now` falls in, and when that slot's one message (an
 * update of a summary kept current) is sent: after the slot has ended, with a little more for a
 * transaction that began in it to commit, so the message shows every change of the slot. A kind
 * keyed by the slot is queued once however many changes the slot sees.
 */
export function refreshSlot(now: Date, everyMs: number): { slot: number; notBefore: Date } {
  const slot = Math.floor(now.getTime() / everyMs);
  return { slot, notBefore: new Date((slot + 1) * everyMs + Math.min(everyMs, 1_000)) };
}
