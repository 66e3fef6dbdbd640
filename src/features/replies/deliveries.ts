import { z } from "zod";
import { type DeliveryKind, NotYet } from "../../outbox/dispatcher.js";
import type { Delivery } from "../../outbox/repository.js";
import type { Deps } from "../deps.js";
import { DELIVERY as REQUIREMENT_DELIVERY } from "../requirements/service.js";
import { DELIVERY } from "./ids.js";
import {
  deliveryStatus,
  findMirrorSource,
  type MirrorSource,
  setMirrorTs,
  teamCopyStatus,
} from "./repository.js";
import { mirrorKey } from "./service.js";
import { mirrorMessage } from "./views.js";

/** How long a mirror waits for the message it belongs under before trying again. */
const THREAD_WAIT_MS = 2_000;

const payloadSchema = z.object({ replyId: z.number().int() });

function replyIdOf(delivery: Delivery): number {
  const parsed = payloadSchema.safeParse(delivery.payload);
  if (!parsed.success) throw new Error(`delivery ${delivery.key} names no reply`);
  return parsed.data.replyId;
}

function mirrorOf(deps: Deps, source: MirrorSource, permalink: string | undefined) {
  return mirrorMessage(
    {
      id: source.id,
      kind: source.kind,
      fromSeller: source.fromSeller,
      authorName: source.authorName,
      organisation: source.fromSeller ? source.sellerName : deps.installation.teamName,
      sellerChannelId: source.channelId,
      text: source.text,
      edited: source.edited,
      deleted: source.deleted,
    },
    permalink,
  );
}

/**
 * The team copy's ts, under which mirrors go. While that copy is on its way they wait; if it could
 * not be posted at all, the mirror goes to the team channel itself rather than nowhere.
 */
async function teamThread(deps: Deps, source: MirrorSource): Promise<string | undefined> {
  if (source.requirement.teamTs) return source.requirement.teamTs;
  const status = await teamCopyStatus(deps.db, source.requirementId, REQUIREMENT_DELIVERY.teamCopy);
  if (status === "pending") throw new NotYet(THREAD_WAIT_MS, "the requirement's team copy is not posted yet");
  return undefined;
}

export function replyDeliveryKinds(deps: Deps): Record<string, DeliveryKind> {
  return {
    [DELIVERY.mirror]: {
      async send(delivery) {
        const source = await findMirrorSource(deps.db, replyIdOf(delivery));
        // Deleted before its mirror went out: the team never needs to see it.
        if (!source || source.deleted) return { ts: null };
        const threadTs = await teamThread(deps, source);
        const permalink = await deps.slack.permalink(source.channelId, source.ts);
        const ts = await deps.slack.post(delivery.channelId, {
          ...mirrorOf(deps, source, permalink),
          threadTs,
        });
        return { ts };
      },
      async recordSent(tx, delivery, sent) {
        if (sent.ts) await setMirrorTs(tx, replyIdOf(delivery), sent.ts);
      },
    },

    [DELIVERY.mirrorUpdate]: {
      async send(delivery) {
        const replyId = replyIdOf(delivery);
        const source = await findMirrorSource(deps.db, replyId);
        if (!source) return { ts: null };
        if (!source.mirrorTs) {
          // The mirror itself, once sent, shows the reply as it is by then.
          if ((await deliveryStatus(deps.db, mirrorKey(replyId))) === "pending")
            throw new NotYet(THREAD_WAIT_MS, "the reply's mirror is not posted yet");
          return { ts: null };
        }
        const permalink = source.deleted
          ? undefined
          : await deps.slack.permalink(source.channelId, source.ts);
        await deps.slack.update(delivery.channelId, source.mirrorTs, mirrorOf(deps, source, permalink));
        return { ts: null };
      },
    },
  };
}
