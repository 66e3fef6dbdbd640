import { z } from "zod";
import type { Deps } from "../../kernel/deps.js";
import { deliveryKind, type Hold, type Registration, sends, waitingPerTender } from "../../outbox/index.js";
import { findTenderById } from "./repository.js";
import { heldNotice } from "./views.js";

/** In a tender's team channel once Slack takes the app's token again: what waited meanwhile. */
const TENDER_HELD_NOTICE = deliveryKind({
  name: "tender_held_notice",
  key: (tenderId: number, since: Date) => `tender:${tenderId}:held:${since.toISOString()}`,
  payload: z.object({
    reason: z.string(),
    since: z.iso.datetime(),
    until: z.iso.datetime(),
    waiting: z.number(),
  }),
});

export function tenderDeliveries(): Registration[] {
  return [
    sends(TENDER_HELD_NOTICE, {
      async send(delivery, notice, slack) {
        const text = heldNotice({ ...notice, since: new Date(notice.since), until: new Date(notice.until) });
        return { ts: await slack.post(delivery.channelId, { text }) };
      },
    }),
  ];
}

/** Tells the owners of every tender with messages that waited while Slack refused the app's token. */
export function announceHeld(deps: Deps) {
  return async (hold: Hold & { until: Date }): Promise<void> => {
    const waiting = await waitingPerTender(deps.db);
    const notices = [];
    for (const [tenderId, count] of waiting) {
      const tender = await findTenderById(deps.db, tenderId);
      if (!tender) continue;
      notices.push(
        TENDER_HELD_NOTICE.create([tender.id, hold.since], {
          tenderId: tender.id,
          channelId: tender.teamChannelId,
          payload: {
            reason: hold.reason,
            since: hold.since.toISOString(),
            until: hold.until.toISOString(),
            waiting: count,
          },
        }),
      );
    }
    await deps.outbox.enqueue(deps.db, notices);
  };
}
