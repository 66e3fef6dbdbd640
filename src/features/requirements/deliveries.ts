import type { Button } from "@slack/types";
import { z } from "zod";
import type { Deps } from "../../kernel/deps.js";
import {
  type Delivery,
  deliveryKind,
  deliveryState,
  NotYet,
  type Registration,
  requirementDeliveries,
  type Sent,
  sends,
} from "../../outbox/index.js";
import { SECTION_MAX, section } from "../../slack/blocks.js";
import type { InFlight } from "../../slack/in-flight.js";
import { splitText } from "../../slack/text.js";
import { acknowledgeBlock } from "../acknowledgements/index.js";
import { tenderById } from "../tenders/index.js";
import { REQUIREMENT_EVENT_TYPE } from "./ids.js";
import {
  findPost,
  findRequirementById,
  type Requirement,
  savePost,
  setPostShown,
  setTeamTs,
} from "./repository.js";
import { type DeliveryState, sellerRequirementMessage, teamRequirementMessage } from "./views.js";

/** The requirement in the team channel: the thread where the sellers' input is mirrored. */
export const REQUIREMENT_TEAM_COPY = deliveryKind({
  name: "requirement_team",
  key: (requirementId: number) => `requirement:${requirementId}:team`,
});

/** The requirement in a seller's channel: the thread starter the seller answers in. */
export const REQUIREMENT_POST = deliveryKind({
  name: "requirement_post",
  key: (requirementId: number, sellerId: number) => `requirement:${requirementId}:seller:${sellerId}:post`,
});

/** A seller's copy brought up to date after a change (`step`: `v2`, `withdrawn`, ...). */
export const REQUIREMENT_UPDATE = deliveryKind({
  name: "requirement_update",
  key: (requirementId: number, sellerId: number, step: string) =>
    `requirement:${requirementId}:seller:${sellerId}:${step}:update`,
});

/** The note in a seller's thread that says what changed, with "Acknowledge" when the seller is asked to. */
export const REQUIREMENT_NOTE = deliveryKind({
  name: "requirement_note",
  key: (requirementId: number, sellerId: number, step: string) =>
    `requirement:${requirementId}:seller:${sellerId}:${step}:note`,
  payload: z.object({ text: z.string(), noticeId: z.number().int().optional() }),
});

/** How long a message that needs the requirement's thread waits for it before trying again. */
const THREAD_WAIT_MS = 2_000;
/** The team copy's delivery line is refreshed at most this often while a fan-out runs. */
const REFRESH_EVERY_MS = 1_500;

async function requirementOf(deps: Deps, delivery: Delivery): Promise<Requirement> {
  const requirement = delivery.requirementId
    ? await findRequirementById(deps.db, delivery.requirementId)
    : null;
  if (!requirement) throw new Error(`delivery ${delivery.key} has no requirement`);
  return requirement;
}

/** The seller's thread of a requirement; NotYet while its post is on the way, undefined if it never came. */
export async function sellerThreadOf(
  deps: Deps,
  delivery: Pick<Delivery, "key" | "requirementId" | "sellerId">,
) {
  const { requirementId, sellerId } = delivery;
  if (!requirementId || !sellerId) throw new Error(`delivery ${delivery.key} has no seller`);
  const post = await findPost(deps.db, requirementId, sellerId);
  if (post) return post;
  const first = await deliveryState(deps.db, REQUIREMENT_POST.key(requirementId, sellerId));
  if (first?.status === "pending")
    throw new NotYet(THREAD_WAIT_MS, "the requirement is not in this channel yet");
  return undefined;
}

/**
 * The team copy's ts, under which the sellers' input goes. NotYet while that copy is on its way;
 * undefined if it could not be posted at all (the input then goes to the team channel itself).
 */
export async function teamThreadOf(deps: Deps, requirement: { id: number; teamTs: string | null }) {
  if (requirement.teamTs) return requirement.teamTs;
  const copy = await deliveryState(deps.db, REQUIREMENT_TEAM_COPY.key(requirement.id));
  if (copy?.status === "pending")
    throw new NotYet(THREAD_WAIT_MS, "the requirement's team copy is not posted yet");
  return undefined;
}

async function deliveryStates(deps: Deps, requirement: Requirement): Promise<DeliveryState[]> {
  const tender = await tenderById(deps, requirement.tenderId);
  const names = new Map(tender.sellers.map((seller) => [seller.id, seller.name]));
  const posts = await requirementDeliveries(deps.db, REQUIREMENT_POST, requirement.id);
  return posts.map((post) => ({
    sellerName: names.get(post.sellerId ?? -1) ?? "a seller",
    state: post.status,
    error: post.status === "failed" ? post.lastError : null,
  }));
}

/** Brings the team channel's copy up to date: text, version and delivery state per seller. */
export async function refreshTeamCopy(deps: Deps, requirementId: number): Promise<void> {
  const requirement = await findRequirementById(deps.db, requirementId);
  if (!requirement?.teamTs) return;
  const tender = await tenderById(deps, requirement.tenderId);
  const message = teamRequirementMessage(requirement, await deliveryStates(deps, requirement));
  await deps.slack.update(tender.teamChannelId, requirement.teamTs, message);
}

/** Coalesces refreshes of one requirement's team copy while its copies go out. */
class TeamCopyRefresher {
  private readonly waiting = new Set<number>();

  constructor(
    private readonly deps: Deps,
    private readonly inFlight: InFlight,
    private readonly everyMs: number,
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

export interface RequirementDeliveryOptions {
  inFlight: InFlight;
  /** Least time between two updates of a requirement's team copy while its fan-out runs. */
  teamCopyRefreshMs?: number;
  /**
   * The buttons of the features that work in a requirement's thread (questions, suggestions,
   * lessons), for its post in a seller channel; given at composition, as those features build on
   * this one.
   */
  sellerPostButtons: (requirement: Pick<Requirement, "id" | "metrics">) => Button[];
}

export function requirementDeliveryKinds(deps: Deps, options: RequirementDeliveryOptions): Registration[] {
  const refresher = new TeamCopyRefresher(
    deps,
    options.inFlight,
    options.teamCopyRefreshMs ?? REFRESH_EVERY_MS,
  );
  const sellerMessage = (requirement: Requirement) =>
    sellerRequirementMessage(requirement, options.sellerPostButtons(requirement));
  const refreshLater = async (delivery: Delivery) => {
    if (delivery.requirementId) refresher.schedule(delivery.requirementId);
  };
  return [
    sends(REQUIREMENT_TEAM_COPY, {
      async send(delivery, _payload, slack) {
        const requirement = await requirementOf(deps, delivery);
        const states = await deliveryStates(deps, requirement);
        return { ts: await slack.post(delivery.channelId, teamRequirementMessage(requirement, states)) };
      },
      async recordSent(tx, delivery, sent) {
        if (sent.ts && delivery.requirementId) await setTeamTs(tx, delivery.requirementId, sent.ts);
      },
      afterSent: refreshLater,
    }),

    sends(REQUIREMENT_POST, {
      async send(delivery, _payload, slack) {
        const requirement = await requirementOf(deps, delivery);
        if (requirement.status === "withdrawn") return { ts: null };
        const ts = await slack.post(delivery.channelId, {
          ...sellerMessage(requirement),
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
          undefined,
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
      afterSent: refreshLater,
    }),

    sends(REQUIREMENT_UPDATE, {
      async send(delivery, _payload, slack) {
        const post = await sellerThreadOf(deps, delivery);
        if (!post) return { ts: null };
        const requirement = await requirementOf(deps, delivery);
        const withdrawn = requirement.status === "withdrawn";
        if (post.shownVersion === requirement.version && post.shownWithdrawn === withdrawn)
          return { ts: null };
        await slack.update(post.channelId, post.ts, sellerMessage(requirement));
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
    }),

    sends(REQUIREMENT_NOTE, {
      async send(delivery, { text, noticeId }, slack) {
        const post = await sellerThreadOf(deps, delivery);
        if (!post) return { ts: null };
        const blocks =
          noticeId === undefined
            ? undefined
            : [...splitText(text, SECTION_MAX).map(section), acknowledgeBlock(noticeId)];
        return { ts: await slack.post(post.channelId, { text, blocks, threadTs: post.ts }) };
      },
    }),
  ];
}
