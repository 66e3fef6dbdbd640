import { recordAudit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import { transaction } from "../../db/transaction.js";
import { requireMember } from "../../kernel/access.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { requirementRef, tenderRef } from "../../kernel/refs.js";
import { type NewDelivery, requirementDeliveries } from "../../outbox/index.js";
import { parseDay } from "../../slack/dates.js";
import { askAcknowledgement } from "../acknowledgements/index.js";
import { linkRequirementToMetrics } from "../metrics/index.js";
import { activeSellers, isFinalStage, receivesNewPosts, type Tender } from "../tenders/index.js";
import {
  REQUIREMENT_NOTE,
  REQUIREMENT_POST,
  REQUIREMENT_TEAM_COPY,
  REQUIREMENT_UPDATE,
  refreshTeamCopy,
} from "./deliveries.js";
import { type RequirementInput, type RequirementSummary, summarise } from "./domain.js";
import {
  findRequirementByNumber,
  insertRequirement,
  markWithdrawn,
  openRequirementIds,
  type Requirement,
  requirementsWithSellerReplies,
  sellerState,
  takeRequirementNumber,
} from "./repository.js";
import { alreadyWithdrawnText, finalStageText, withdrawalNoteText, withdrawnText } from "./views.js";

type SellerChannel = { id: number; channelId: string };

export async function findRequirement(
  deps: Deps,
  tender: Tender,
  number: number | undefined,
): Promise<Requirement> {
  if (number === undefined) {
    throw new TenderError(
      "invalid_input",
      "Name the requirement, e.g. `R-2`. `/tender requirements` lists them.",
    );
  }
  const requirement = await findRequirementByNumber(deps.db, tender.id, number);
  if (!requirement) {
    throw new TenderError(
      "not_found",
      `${tenderRef(tender.number)} has no requirement ${requirementRef(number)}.`,
    );
  }
  return requirement;
}

/** Revising, withdrawing and clarifying need an open requirement in a tender still running. */
export function requireChangeable(
  tender: Tender,
  requirement: Requirement,
  doing: "revised" | "clarified",
): void {
  if (isFinalStage(tender.stage))
    throw new TenderError("invalid_input", finalStageText(tender.number, tender.stage));
  if (requirement.status === "withdrawn")
    throw new TenderError("conflict", withdrawnText(requirement.number, doing));
}

export function sellerNames(tender: Tender): Map<number, string> {
  return new Map(tender.sellers.map((seller) => [seller.id, seller.name]));
}

function sellerPost(tenderId: number, requirementId: number, seller: SellerChannel): NewDelivery {
  return REQUIREMENT_POST.create([requirementId, seller.id], {
    tenderId,
    requirementId,
    sellerId: seller.id,
    channelId: seller.channelId,
  });
}

/**
 * Creates R-<n> version 1 and queues its copies: the team channel's and one per channel of a seller
 * that gets what is new (not one that declined every invitation or will not bid).
 */
export async function postRequirement(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  input: RequirementInput,
): Promise<Requirement> {
  requireMember(tender, actorUserId, "post requirements");
  if (isFinalStage(tender.stage)) {
    throw new TenderError(
      "invalid_input",
      `${tenderRef(tender.number)} is ${tender.stage}: it takes no new requirements.`,
    );
  }
  return transaction(deps.db, async (tx) => {
    const number = await takeRequirementNumber(tx, tender.id);
    const created = await insertRequirement(tx, {
      tenderId: tender.id,
      number,
      createdBy: actorUserId,
      text: {
        title: input.title,
        details: input.details ?? null,
        category: input.category ?? null,
        priority: input.priority,
        acceptanceCriteria: input.acceptanceCriteria ?? null,
        inputDueOn: input.inputDueOn ? parseDay(input.inputDueOn) : null,
      },
    });
    await linkRequirementToMetrics(tx, tender, created.id, input.metrics);
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "requirement.posted",
      detail: {
        requirement: requirementRef(number),
        title: input.title,
        ...(input.metrics.length ? { metrics: input.metrics.map((n) => `M-${n}`) } : {}),
      },
    });
    await deps.outbox.enqueue(tx, [
      REQUIREMENT_TEAM_COPY.create([created.id], {
        tenderId: tender.id,
        requirementId: created.id,
        channelId: tender.teamChannelId,
      }),
      ...activeSellers(tender).map((seller) => sellerPost(tender.id, created.id, seller)),
    ]);
    return created;
  });
}

/**
 * A seller invited after requirements were posted, or getting what is new again, receives the open
 * ones it has not had (a post queued before keeps its key); nothing while it gets nothing new.
 */
export async function queueOpenRequirementsFor(
  deps: Deps,
  db: Db,
  tenderId: number,
  seller: SellerChannel,
): Promise<number> {
  const state = await sellerState(db, seller.id);
  if (!state || !receivesNewPosts(state)) return 0;
  const ids = await openRequirementIds(db, tenderId);
  return deps.outbox.enqueue(
    db,
    ids.map((requirementId) => sellerPost(tenderId, requirementId, seller)),
  );
}

/**
 * Sellers whose channel has the requirement or is about to: one statement, so a post recorded
 * meanwhile is seen either as pending or as sent, never missed.
 */
export async function sellersWithCopies(db: Db, requirementId: number): Promise<SellerChannel[]> {
  const posts = await requirementDeliveries(db, REQUIREMENT_POST, requirementId, ["pending", "sent"]);
  return posts.flatMap((post) =>
    post.sellerId === null ? [] : [{ id: post.sellerId, channelId: post.channelId }],
  );
}

/**
 * After a change (`step`: `v2`, `withdrawn`): every seller copy of the requirement brought up to
 * date, and a note in each seller's thread of what changed. In the change's transaction.
 */
export async function queueChangeForSellers(
  deps: Deps,
  tx: Db,
  change: {
    tenderId: number;
    requirementId: number;
    step: string;
    noteFor: (seller: SellerChannel) => string;
    /** Who reads the note: the sellers that get what is new (`activeSellers`). */
    noted: number[];
    /** Asks them to acknowledge the change; the notice's id puts "Acknowledge" on each note. */
    acknowledge: (sellerIds: number[]) => Promise<number>;
  },
): Promise<number> {
  const { tenderId, requirementId, step } = change;
  const sellers = await sellersWithCopies(tx, requirementId);
  const noted = new Set(
    sellers.filter((seller) => change.noted.includes(seller.id)).map((seller) => seller.id),
  );
  const noticeId = noted.size > 0 ? await change.acknowledge([...noted]) : undefined;
  await deps.outbox.enqueue(
    tx,
    sellers.flatMap((seller) => {
      const where = { tenderId, requirementId, sellerId: seller.id, channelId: seller.channelId };
      const text = change.noteFor(seller);
      return [
        REQUIREMENT_UPDATE.create([requirementId, seller.id, step], where),
        ...(noted.has(seller.id)
          ? [
              REQUIREMENT_NOTE.create([requirementId, seller.id, step], {
                ...where,
                payload: noticeId === undefined ? { text } : { text, noticeId },
              }),
            ]
          : []),
      ];
    }),
  );
  return sellers.length;
}

/** Refreshes the team copy now; a failure is logged, the seller copies are on their way regardless. */
export async function refreshTeam(deps: Deps, requirementId: number): Promise<void> {
  await refreshTeamCopy(deps, requirementId).catch((error: unknown) => {
    deps.logger.warn({ err: error, requirementId }, "team copy not refreshed");
  });
}

/** Marks the requirement withdrawn (its history stays) and tells every seller that has it. */
export async function withdrawRequirement(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  number: number | undefined,
  reason: string | undefined,
): Promise<{ requirement: Requirement; sellers: number }> {
  requireMember(tender, actorUserId, "withdraw requirements");
  const requirement = await findRequirement(deps, tender, number);
  if (isFinalStage(tender.stage))
    throw new TenderError("invalid_input", finalStageText(tender.number, tender.stage));
  const conflict = new TenderError("conflict", alreadyWithdrawnText(requirement.number));
  if (requirement.status === "withdrawn") throw conflict;
  const sellers = await transaction(deps.db, async (tx) => {
    if (!(await markWithdrawn(tx, requirement.id))) throw conflict;
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "requirement.withdrawn",
      detail: { requirement: requirementRef(requirement.number), ...(reason ? { reason } : {}) },
    });
    return queueChangeForSellers(deps, tx, {
      tenderId: tender.id,
      requirementId: requirement.id,
      step: "withdrawn",
      noteFor: () => withdrawalNoteText(requirement.number, reason),
      noted: activeSellers(tender).map((seller) => seller.id),
      acknowledge: (sellerIds) =>
        askAcknowledgement(deps, tx, {
          tenderId: tender.id,
          teamChannelId: tender.teamChannelId,
          key: `withdrawal:${requirement.id}`,
          kind: "withdrawal",
          subject: `${requirementRef(requirement.number)} withdrawn`,
          requirementId: requirement.id,
          createdBy: actorUserId,
          sellerIds,
        }),
    });
  });
  await refreshTeam(deps, requirement.id);
  return { requirement: { ...requirement, status: "withdrawn" }, sellers };
}

/** `/tender requirements`: each requirement with its seller replies and open questions. */
export async function summariseRequirements(deps: Deps, tender: Tender): Promise<RequirementSummary[]> {
  const names = sellerNames(tender);
  const rows = await requirementsWithSellerReplies(deps.db, tender.id);
  return rows.map((row) =>
    summarise(
      { number: row.number, version: row.version, status: row.status, title: row.current.title },
      row.replies,
      names,
    ),
  );
}
