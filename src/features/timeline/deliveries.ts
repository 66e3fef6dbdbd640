import { z } from "zod";
import type { Deps } from "../../kernel/deps.js";
import { deliveryKind, type NewDelivery, type Registration, sends } from "../../outbox/index.js";
import { acknowledgeBlock } from "../acknowledgements/index.js";
import type { TenderStage } from "../tenders/index.js";
import { type DateChange, dateChangeSchema, stageSchema } from "./domain.js";
import { headlineOf } from "./repository.js";
import {
  type DatesNotice,
  sellerDatesNotice,
  sellerStageAnnouncement,
  stageAnnouncement,
  teamDatesNotice,
} from "./views.js";

/**
 * A change of the timeline (a stage moved, key dates changed), told in one channel: the team's
 * (`team`) or a seller's (`seller:<id>`). The change is named by its audit event, so moving
 * requirements → courting → requirements announces twice, and a change worked again once.
 */
export const STAGE_NOTICE = deliveryKind({
  name: "stage_notice",
  key: (tenderId: number, changeId: number, where: string) => `stage:${tenderId}:${changeId}:${where}`,
  payload: z.object({
    from: stageSchema,
    to: stageSchema,
    actorUserId: z.string(),
    noticeId: z.number().int().optional(),
  }),
});

export const DATES_NOTICE = deliveryKind({
  name: "dates_notice",
  key: (tenderId: number, changeId: number, where: string) => `dates:${tenderId}:${changeId}:${where}`,
  payload: z.object({
    changes: z.array(dateChangeSchema),
    note: z.string().optional(),
    reopenedUntil: z.iso.date().optional(),
    actorUserId: z.string(),
    noticeId: z.number().int().optional(),
  }),
});

/** Who is told of one change: the team channel, and the sellers asked to acknowledge it. */
export interface Audience {
  tenderId: number;
  changeId: number;
  teamChannelId: string;
  sellers: { id: number; channelId: string }[];
  /** The notice the sellers acknowledge. */
  noticeId: number | undefined;
}

function fanOut<P extends object>(
  create: (
    args: [number, number, string],
    fields: { tenderId: number; channelId: string; sellerId?: number; payload: P },
  ) => NewDelivery,
  audience: Audience,
  payload: P,
): NewDelivery[] {
  const { tenderId, changeId, noticeId } = audience;
  return [
    create([tenderId, changeId, "team"], { tenderId, channelId: audience.teamChannelId, payload }),
    ...audience.sellers.map((seller) =>
      create([tenderId, changeId, `seller:${seller.id}`], {
        tenderId,
        sellerId: seller.id,
        channelId: seller.channelId,
        payload: { ...payload, ...(noticeId === undefined ? {} : { noticeId }) },
      }),
    ),
  ];
}

export function stageNotices(
  audience: Audience,
  change: { from: TenderStage; to: TenderStage; actorUserId: string },
): NewDelivery[] {
  return fanOut((args, fields) => STAGE_NOTICE.create(args, fields), audience, change);
}

export function datesNotices(
  audience: Audience,
  change: {
    changes: DateChange[];
    note?: string | undefined;
    reopenedUntil?: string | undefined;
    actorUserId: string;
  },
): NewDelivery[] {
  const payload = {
    changes: change.changes,
    actorUserId: change.actorUserId,
    ...(change.note ? { note: change.note } : {}),
    ...(change.reopenedUntil ? { reopenedUntil: change.reopenedUntil } : {}),
  };
  return fanOut((args, fields) => DATES_NOTICE.create(args, fields), audience, payload);
}

const ackBlocks = (noticeId: number | undefined) =>
  noticeId === undefined ? [] : [acknowledgeBlock(noticeId)];

export function timelineDeliveries(deps: Deps): Registration[] {
  return [
    sends(STAGE_NOTICE, {
      async send(delivery, { from, to, actorUserId, noticeId }, slack) {
        const tender = await headlineOf(deps.db, delivery.tenderId);
        if (!tender) return { ts: null };
        const message =
          delivery.sellerId === null
            ? { text: stageAnnouncement(tender, from, to, actorUserId) }
            : sellerStageAnnouncement(tender, to, ackBlocks(noticeId));
        return { ts: await slack.post(delivery.channelId, message) };
      },
    }),
    sends(DATES_NOTICE, {
      async send(delivery, payload, slack) {
        const tender = await headlineOf(deps.db, delivery.tenderId);
        if (!tender) return { ts: null };
        const notice: DatesNotice = payload;
        const message =
          delivery.sellerId === null
            ? { text: teamDatesNotice(tender, notice, payload.actorUserId) }
            : sellerDatesNotice(tender, notice, ackBlocks(payload.noticeId));
        return { ts: await slack.post(delivery.channelId, message) };
      },
    }),
  ];
}
