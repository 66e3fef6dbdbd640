import type { KnownBlock } from "@slack/types";
import { z } from "zod";
import type { Deps } from "../../kernel/deps.js";
import {
  deliveryKind,
  deliveryState,
  type NewDelivery,
  NotYet,
  type Registration,
  sends,
} from "../../outbox/index.js";
import { isPending } from "./domain.js";
import { findNotice, findReceipt } from "./repository.js";
import { acknowledgedCopy, acknowledgedLine, boardMessage, reminderMessage } from "./views.js";

const aboutNotice = z.object({ noticeId: z.number().int() });

/** The notice's board in the team channel: acknowledged or pending, per seller. */
export const NOTICE_BOARD = deliveryKind({
  name: "notice_board",
  key: (noticeId: number) => `notice:${noticeId}:board`,
  payload: aboutNotice,
});

/** The board brought up to date after a change (`change`: an acknowledgement, a reminder, ...). */
export const BOARD_REFRESH = deliveryKind({
  name: "notice_board_refresh",
  key: (noticeId: number, change: string) => `notice:${noticeId}:board:${change}`,
  payload: aboutNotice,
});

/** The seller's message the button was pressed on, its button replaced by who acknowledged and when. */
export const ACKNOWLEDGED_COPY = deliveryKind({
  name: "notice_acknowledged_copy",
  key: (noticeId: number, sellerId: number) => `notice:${noticeId}:seller:${sellerId}:acknowledged`,
  payload: aboutNotice.extend({
    ts: z.string(),
    text: z.string(),
    blocks: z.array(z.record(z.string(), z.unknown())),
  }),
});

/** The owners' reminder to a seller still pending, with the same "Acknowledge". */
const REMINDER = deliveryKind({
  name: "notice_reminder",
  key: (noticeId: number, sellerId: number, at: Date) =>
    `notice:${noticeId}:seller:${sellerId}:reminder:${at.getTime()}`,
  payload: aboutNotice,
});

type Team = { tenderId: number; teamChannelId: string };

export function boardPost(noticeId: number, team: Team): NewDelivery {
  return NOTICE_BOARD.create([noticeId], {
    tenderId: team.tenderId,
    channelId: team.teamChannelId,
    payload: { noticeId },
  });
}

export function boardRefresh(noticeId: number, team: Team, change: string): NewDelivery {
  return BOARD_REFRESH.create([noticeId, change], {
    tenderId: team.tenderId,
    channelId: team.teamChannelId,
    payload: { noticeId },
  });
}

export function acknowledgedCopyUpdate(
  noticeId: number,
  tenderId: number,
  seller: { id: number; channelId: string },
  message: { ts: string; text: string; blocks: KnownBlock[] },
): NewDelivery {
  return ACKNOWLEDGED_COPY.create([noticeId, seller.id], {
    tenderId,
    sellerId: seller.id,
    channelId: seller.channelId,
    payload: {
      noticeId,
      ts: message.ts,
      text: message.text,
      blocks: message.blocks as unknown as Record<string, unknown>[],
    },
  });
}

export function reminder(
  noticeId: number,
  tenderId: number,
  seller: { id: number; channelId: string },
  at: Date,
): NewDelivery {
  return REMINDER.create([noticeId, seller.id, at], {
    tenderId,
    sellerId: seller.id,
    channelId: seller.channelId,
    payload: { noticeId },
  });
}

/** How long a board update waits for the board still on its way. */
const BOARD_WAIT_MS = 2_000;

export function acknowledgementDeliveries(deps: Deps): Registration[] {
  return [
    sends(NOTICE_BOARD, {
      async send(delivery, { noticeId }, slack) {
        const notice = await findNotice(deps.db, noticeId);
        if (!notice) return { ts: null };
        return { ts: await slack.post(delivery.channelId, boardMessage(notice)) };
      },
    }),
    sends(BOARD_REFRESH, {
      async send(_delivery, { noticeId }, slack) {
        const board = await deliveryState(deps.db, NOTICE_BOARD.key(noticeId));
        if (board?.status === "pending")
          throw new NotYet(BOARD_WAIT_MS, "the notice's board is not posted yet");
        const notice = await findNotice(deps.db, noticeId);
        if (board?.ts && notice) await slack.update(board.channelId, board.ts, boardMessage(notice));
        return { ts: null };
      },
    }),
    sends(ACKNOWLEDGED_COPY, {
      async send(delivery, payload, slack) {
        if (delivery.sellerId === null) return { ts: null };
        const receipt = await findReceipt(deps.db, payload.noticeId, delivery.sellerId);
        if (!receipt || isPending(receipt)) return { ts: null };
        const blocks = acknowledgedCopy(
          payload.blocks as unknown as KnownBlock[],
          payload.noticeId,
          acknowledgedLine(receipt),
        );
        if (blocks) await slack.update(delivery.channelId, payload.ts, { text: payload.text, blocks });
        return { ts: null };
      },
    }),
    sends(REMINDER, {
      async send(delivery, { noticeId }, slack) {
        if (delivery.sellerId === null) return { ts: null };
        const notice = await findNotice(deps.db, noticeId);
        const receipt = notice?.receipts.find((found) => found.sellerId === delivery.sellerId);
        // Acknowledged meanwhile: nothing to remind of.
        if (!notice || !receipt || !isPending(receipt)) return { ts: null };
        return { ts: await slack.post(delivery.channelId, reminderMessage(notice)) };
      },
    }),
  ];
}
