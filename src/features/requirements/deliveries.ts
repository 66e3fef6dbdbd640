import type { Db } from "../../db/client.js";
import { type DeliveryKind, NotYet, type Sent } from "../../outbox/dispatcher.js";
import type { Delivery } from "../../outbox/repository.js";
import type { InFlight } from "../../slack/in-flight.js";
import type { Deps } from "../deps.js";
import { REQUIREMENT_EVENT_TYPE } from "./ids.js";
import {
  findPost,
  findRequirementById,
  type Requirement,
  savePost,
  setPostShown,
  setTeamTs,
} from "./repository.js";
import { DELIVERY, sellerPostKey } from "./service.js";
import { type DeliveryState, sellerRequirementMessage, teamRequirementMessage } from "./views.js";

/** How long a message that needs the requirement's thread waits for it before trying again. */
const THREAD_WAIT_MS = 2_000;
/** The team copy's delivery line is refreshed at most this often while a fan-out runs. */
export const REFRESH_EVERY_MS = 1_500;

async function requirementOf(deps: Deps, delivery: Delivery): Promise<Requirement> {
  const requirement = delivery.requirementId
    ? await findRequirementById(deps.db, delivery.requirementId)
    : null;
  if (!requirement) throw new Error(`delivery ${delivery.key} has no requirement`);
  return requirement;
}

export async function deliveryStates(db: Db, requirementId: number): Promise<DeliveryState[]> {
  const rows = await db.delivery.findMany({
    where: { requirementId, kind: DELIVERY.sellerPost },
    select: { sellerId: true, status: true, lastError: true },
    orderBy: { id: "asc" },
  });
  const sellers = await db.seller.findMany({
    where: { id: { in: rows.flatMap((row) => (row.sellerId ? [row.sellerId] : [])) } },
    select: { id: true, name: true },
  });
  const names = new Map(sellers.map((seller) => [seller.id, seller.name]));
  return rows.map((row) => ({
    sellerName: names.get(row.sellerId ?? -1) ?? "a seller",
    state: row.status,
    error: row.status === "failed" ? row.lastError : null,
  }));
}

/** Brings the team channel's copy up to date: text, version and delivery state per seller. */
export async function refreshTeamCopy(deps: Deps, requirementId: number): Promise<void> {
  const requirement = await findRequirementById(deps.db, requirementId);
  if (!requirement?.teamTs) return;
  const tender = await deps.db.tender.findUnique({
    where: { id: requirement.tenderId },
    select: { teamChannelId: true },
  });
  if (!tender) return;
  const message = teamRequirementMessage(requirement, await deliveryStates(deps.db, requirementId));
  await deps.slack.update(tender.teamChannelId, requirement.teamTs, message);
}

/** Coalesces refreshes of one requirement's team copy while its copies go out. */
export class TeamCopyRefresher {
  private readonly waiting = new Set<number>();

  constructor(
    private readonly deps: Deps,
    private readonly inFlight: InFlight,
    private readonly everyMs = REFRESH_EVERY_MS,
  ) {}

  schedule(requirementId: number): void {
    if (this.waiting.has(requirementId)) return;
    this.waiting.add(requirementId);
    const run = new Promise<void>((resolve) => setTimeout(resolve, this.everyMs)).then(async () => {
      this.waiting.delete(requirementId);
      await refreshTeamCopy(this.deps, requirementId).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, requirementId }, "team copy not refreshed");
      });
    });
    void this.inFlight.track(run);
  }
}

/** The seller's thread for this requirement, or NotYet while its post is still on the way. */
export async function sellerThread(deps: Deps, delivery: Delivery) {
  if (!delivery.requirementId || !delivery.sellerId)
    throw new Error(`delivery ${delivery.key} has no seller`);
  const post = await findPost(deps.db, delivery.requirementId, delivery.sellerId);
  if (post) return post;
  const first = await deps.db.delivery.findUnique({
    where: { key: sellerPostKey(delivery.requirementId, delivery.sellerId) },
    select: { status: true },
  });
  if (first?.status === "pending")
    throw new NotYet(THREAD_WAIT_MS, "the requirement is not in this channel yet");
  return undefined;
}

export function requirementDeliveryKinds(
  deps: Deps,
  refresher: TeamCopyRefresher,
): Record<string, DeliveryKind> {
  return {
    [DELIVERY.teamCopy]: {
      async send(delivery) {
        const requirement = await requirementOf(deps, delivery);
        const states = await deliveryStates(deps.db, requirement.id);
        const ts = await deps.slack.post(delivery.channelId, teamRequirementMessage(requirement, states));
        return { ts };
      },
      async recordSent(tx, delivery, sent) {
        if (sent.ts && delivery.requirementId) await setTeamTs(tx, delivery.requirementId, sent.ts);
      },
      async afterSent(delivery) {
        if (delivery.requirementId) refresher.schedule(delivery.requirementId);
      },
    },

    [DELIVERY.sellerPost]: {
      async send(delivery) {
        const requirement = await requirementOf(deps, delivery);
        if (requirement.status === "withdrawn") return { ts: null };
        const ts = await deps.slack.post(delivery.channelId, {
          ...sellerRequirementMessage(requirement),
          metadata: {
            event_type: REQUIREMENT_EVENT_TYPE,
            event_payload: { requirement_id: requirement.id, version: requirement.version },
          },
        });
        return { ts, version: requirement.version };
      },
      async findEarlier(delivery): Promise<Sent | undefined> {
        const found = await deps.slack.findPosted(
          delivery.channelId,
          delivery.createdAt,
          (metadata) =>
            metadata.event_type === REQUIREMENT_EVENT_TYPE &&
            metadata.event_payload?.requirement_id === delivery.requirementId,
        );
        return found && { ts: found.ts, version: Number(found.payload.version) };
      },
      async recordSent(tx, delivery, sent) {
        if (!sent.ts || !delivery.requirementId || !delivery.sellerId) return;
        await savePost(tx, {
          requirementId: delivery.requirementId,
          sellerId: delivery.sellerId,
          channelId: delivery.channelId,
          ts: sent.ts,
          shownVersion: sent.version ?? 1,
        });
      },
      async afterSent(delivery) {
        if (delivery.requirementId) refresher.schedule(delivery.requirementId);
      },
    },

    [DELIVERY.sellerUpdate]: {
      async send(delivery) {
        const post = await sellerThread(deps, delivery);
        if (!post) return { ts: null };
        const requirement = await requirementOf(deps, delivery);
        const withdrawn = requirement.status === "withdrawn";
        if (post.shownVersion === requirement.version && post.shownWithdrawn === withdrawn)
          return { ts: null };
        await deps.slack.update(post.channelId, post.ts, sellerRequirementMessage(requirement));
        return { ts: null, version: requirement.version };
      },
      async recordSent(tx, delivery, sent) {
        if (sent.version === undefined || !delivery.requirementId || !delivery.sellerId) return;
        const requirement = await findRequirementById(tx, delivery.requirementId);
        await setPostShown(tx, delivery.requirementId, delivery.sellerId, {
          version: sent.version,
          withdrawn: requirement?.status === "withdrawn",
        });
      },
    },

    [DELIVERY.sellerNote]: {
      async send(delivery) {
        const post = await sellerThread(deps, delivery);
        if (!post) return { ts: null };
        const text = String((delivery.payload as { text?: unknown }).text ?? "");
        return { ts: await deps.slack.post(post.channelId, { text, threadTs: post.ts }) };
      },
    },
  };
}
