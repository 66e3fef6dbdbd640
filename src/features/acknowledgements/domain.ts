/** Owners remind the sellers still pending on a notice at most once in this long. */
export const REMIND_EVERY_MS = 24 * 3_600_000;

/** When the pending sellers of a notice may be reminded again; undefined: now. */
export function nextReminderAt(remindedAt: Date | null, now: Date): Date | undefined {
  if (!remindedAt) return undefined;
  const next = new Date(remindedAt.getTime() + REMIND_EVERY_MS);
  return next > now ? next : undefined;
}

/** One seller's acknowledgement of a notice, as the board and the answers show it. */
export interface Receipt {
  sellerId: number;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
}

export function isPending(receipt: Receipt): boolean {
  return receipt.acknowledgedAt === null;
}
