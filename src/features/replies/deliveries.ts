import { z } from "zod";
import type { Deps } from "../../kernel/deps.js";
import { deliveryKind, deliveryState, NotYet, type Registration, sends } from "../../outbox/index.js";
import { teamThreadOf } from "../requirements/index.js";
import { questionsClosedOn } from "../tenders/index.js";
import { findMirrorSource, type MirrorSource, setMirrorTs } from "./repository.js";
import { mirrorMessage } from "./views.js";

const replyPayload = z.object({ replyId: z.number().int() });

/**
 * A reply's copy in the requirement's thread in the team channel. Named by the message it copies,
 * so it is queued again, harmlessly, when the event that stored the reply is worked again.
 */
export const REPLY_MIRROR = deliveryKind({
  name: "reply_mirror",
  key: (channelId: string, ts: string) => `reply:${channelId}:${ts}:mirror`,
  // Mirrors queued before they were named by their message carry the reply's id.
  payload: z.union([z.object({ channelId: z.string(), ts: z.string() }), replyPayload]),
});

/** The mirror brought up to date after the reply changed (`edit:<id>` or `deleted`). */
export const REPLY_MIRROR_UPDATE = deliveryKind({
  name: "reply_mirror_update",
  key: (replyId: number, change: string) => `reply:${replyId}:${change}`,
  payload: replyPayload,
});

/** How long a mirror update waits for the mirror before trying again. */
const MIRROR_WAIT_MS = 2_000;

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
      markup: source.markup,
      edited: source.edited,
      deleted: source.deleted,
      // The date questions closed on, unless the owners have moved it past the question since.
      ...(source.late ? { late: { closedOn: questionsClosedOn(source, source.createdAt) } } : {}),
    },
    permalink,
  );
}

export function replyDeliveries(deps: Deps): Registration[] {
  return [
    sends(REPLY_MIRROR, {
      async send(delivery, reply, slack) {
        const source = await findMirrorSource(deps.db, reply);
        // Deleted before its mirror went out: the team never needs to see it.
        if (!source || source.deleted) return { ts: null };
        const threadTs = await teamThreadOf(deps, {
          id: source.requirementId,
          teamTs: source.teamTs,
        });
        const permalink = await slack.permalink(source.channelId, source.ts);
        const ts = await slack.post(delivery.channelId, {
          ...mirrorOf(deps, source, permalink),
          threadTs,
        });
        return { ts };
      },
      async recordSent(tx, delivery, sent) {
        if (sent.ts) await setMirrorTs(tx, REPLY_MIRROR.payloadOf(delivery), sent.ts);
      },
    }),

    sends(REPLY_MIRROR_UPDATE, {
      async send(delivery, { replyId }, slack) {
        const source = await findMirrorSource(deps.db, { replyId });
        if (!source) return { ts: null };
        if (!source.mirrorTs) {
          // The mirror itself, once sent, shows the reply as it is by then.
          const mirror = await deliveryState(deps.db, REPLY_MIRROR.key(source.channelId, source.ts));
          if (mirror?.status === "pending")
            throw new NotYet(MIRROR_WAIT_MS, "the reply's mirror is not posted yet");
          return { ts: null };
        }
        const permalink = source.deleted ? undefined : await slack.permalink(source.channelId, source.ts);
        await slack.update(delivery.channelId, source.mirrorTs, mirrorOf(deps, source, permalink));
        return { ts: null };
      },
    }),
  ];
}
