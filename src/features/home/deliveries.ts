import { z } from "zod";
import type { Db } from "../../db/client.js";
import type { Deps } from "../../kernel/deps.js";
import {
  type Delivery,
  deliveryKind,
  type Registration,
  refreshSlot,
  sends,
  whenSent,
} from "../../outbox/index.js";
import { BOARD_REFRESH, NOTICE_BOARD } from "../acknowledgements/index.js";
import { CHECKIN_TEAM_NOTICE } from "../checkins/index.js";
import { ESTIMATE_CARD } from "../estimates/index.js";
import { REPLY_MIRROR, REPLY_MIRROR_UPDATE } from "../replies/index.js";
import { REQUIREMENT_TEAM_COPY } from "../requirements/index.js";
import { DATES_NOTICE, STAGE_NOTICE } from "../timeline/index.js";
import { REFRESH_EVERY_MS } from "./domain.js";
import { homesShowingTender } from "./repository.js";
import { refreshHome } from "./service.js";

/**
 * A person's Home published again, once per slot of time however many changes the slot saw: the
 * key names the person and the slot, and it is sent after the slot, rendered from the database then.
 */
const HOME_REFRESH = deliveryKind({
  name: "home_refresh",
  key: (userId: string, slot: number) => `home:${userId}:${slot}`,
  payload: z.object({ userId: z.string() }),
});

/**
 * What a Home shows changes when one of these is sent: a seller's reply or question stored (and a
 * buyer's answer in the thread), a change to acknowledge or an acknowledgement (also a revision,
 * withdrawal or clarification), a requirement posted, an estimate saved, a check-in run, the stage
 * or the key dates moved.
 */
const CHANGES: Parameters<typeof whenSent>[0][] = [
  REPLY_MIRROR,
  REPLY_MIRROR_UPDATE,
  NOTICE_BOARD,
  BOARD_REFRESH,
  REQUIREMENT_TEAM_COPY,
  ESTIMATE_CARD,
  CHECKIN_TEAM_NOTICE,
  STAGE_NOTICE,
  DATES_NOTICE,
];

export interface HomeOptions {
  /** The slot of time changes are gathered in before a Home is published once (tests shorten it). */
  refreshEveryMs?: number;
}

export function homeDeliveries(deps: Deps, options: HomeOptions = {}): Registration[] {
  const everyMs = options.refreshEveryMs ?? REFRESH_EVERY_MS;
  // In the transaction that records the change's message: the Home of everyone it shows the tender to.
  const refresh = async (tx: Db, { tenderId }: Delivery) => {
    const { slot, notBefore } = refreshSlot(new Date(), everyMs);
    const people = await homesShowingTender(tx, tenderId);
    await deps.outbox.enqueue(
      tx,
      people.map((userId) =>
        HOME_REFRESH.create([userId, slot], { tenderId, channelId: userId, payload: { userId }, notBefore }),
      ),
    );
  };
  return [
    sends(HOME_REFRESH, {
      async send(_delivery, { userId }, slack) {
        await refreshHome(deps, slack, userId);
        return { ts: null };
      },
    }),
    ...CHANGES.map((kind) => whenSent(kind, refresh)),
  ];
}
