import { recordAudit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import { TenderError } from "../../errors.js";
import { enqueue, type NewDelivery } from "../../outbox/repository.js";
import { parseDay } from "../../slack/dates.js";
import { mentionUser } from "../../slack/text.js";
import type { Deps } from "../deps.js";
import { isFinalStage, tenderRef } from "../tenders/domain.js";
import type { Tender } from "../tenders/repository.js";
import { type RequirementInput, requirementRef } from "./domain.js";
import {
  findRequirementByNumber,
  insertRequirement,
  openRequirementIds,
  type Requirement,
  takeRequirementNumber,
} from "./repository.js";

/** Outbox kinds of this feature (see deliveries.ts). */
export const DELIVERY = {
  teamCopy: "requirement_team",
  sellerPost: "requirement_post",
  sellerUpdate: "requirement_update",
  sellerNote: "requirement_note",
} as const;

export function sellerPostKey(requirementId: number, sellerId: number): string {
  return `requirement:${requirementId}:seller:${sellerId}:post`;
}

/** Requirements are written by the tender's people: its owners and members. */
export function requireMember(tender: Tender, userId: string, doing: string): void {
  if (tender.members.some((member) => member.userId === userId)) return;
  throw new TenderError(
    "forbidden",
    `Only the people of ${tenderRef(tender.number)} can ${doing}. Ask one of its owners (${tender.members
      .filter((member) => member.role === "owner")
      .map((member) => mentionUser(member.userId))
      .join(", ")}).`,
  );
}

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

/** Creates R-<n> version 1 and queues its copies: the team channel's and one per seller channel. */
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
  const requirement = await deps.db.$transaction(async (tx) => {
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
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "requirement.posted",
      detail: { requirement: requirementRef(number), title: input.title },
    });
    await enqueue(tx, [
      {
        key: `requirement:${created.id}:team`,
        kind: DELIVERY.teamCopy,
        tenderId: tender.id,
        requirementId: created.id,
        channelId: tender.teamChannelId,
      },
      ...tender.sellers.map((seller) => sellerPost(tender.id, created.id, seller)),
    ]);
    return created;
  });
  deps.outbox.kick();
  return requirement;
}

function sellerPost(
  tenderId: number,
  requirementId: number,
  seller: { id: number; channelId: string },
): NewDelivery {
  return {
    key: sellerPostKey(requirementId, seller.id),
    kind: DELIVERY.sellerPost,
    tenderId,
    requirementId,
    sellerId: seller.id,
    channelId: seller.channelId,
  };
}

/** A seller invited after requirements were posted receives the open ones. */
export async function queueOpenRequirementsFor(
  db: Db,
  tenderId: number,
  seller: { id: number; channelId: string },
): Promise<number> {
  const ids = await openRequirementIds(db, tenderId);
  return enqueue(
    db,
    ids.map((requirementId) => sellerPost(tenderId, requirementId, seller)),
  );
}
