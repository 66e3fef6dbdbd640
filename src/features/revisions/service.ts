import { recordAudit } from "../../db/audit.js";
import { transaction } from "../../db/transaction.js";
import { requireMember } from "../../kernel/access.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { requirementRef } from "../../kernel/refs.js";
import { parseDay } from "../../slack/dates.js";
import { askAcknowledgement } from "../acknowledgements/index.js";
import { clarificationsOfRequirement } from "../clarifications/index.js";
import { applyLessons, type LessonChoice, lessonChoicesFor, lessonsAppliedIn } from "../lessons/index.js";
import { sellerRepliesAmong, sellerRepliesOf } from "../replies/index.js";
import {
  findRequirement,
  queueChangeForSellers,
  type Requirement,
  refreshTeam,
  requireChangeable,
  requirementById,
  sellerNames,
} from "../requirements/index.js";
import { activeSellers, type Tender } from "../tenders/index.js";
import type { RevisionInput, RevisionOrigin } from "./domain.js";
import { bumpVersion, insertRevision, revisionsOf } from "./repository.js";
import {
  type InfluenceChoice,
  type RequirementHistory,
  revisedMeanwhileText,
  revisionNoteText,
} from "./views.js";

/** How many seller replies the revision form offers to credit, newest first. */
const INFLUENCES_OFFERED = 100;

/** What the revision form needs: the requirement, checked, and the seller replies it may credit. */
export async function prepareRevision(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  number: number | undefined,
): Promise<{ requirement: Requirement; replies: InfluenceChoice[]; lessons: LessonChoice[] }> {
  requireMember(tender, actorUserId, "revise requirements");
  const requirement = await findRequirement(deps, tender, number);
  requireChangeable(tender, requirement, "revised");
  const names = sellerNames(tender);
  const replies = await sellerRepliesOf(deps.db, requirement.id, INFLUENCES_OFFERED);
  const lessons = await lessonChoicesFor(deps, { id: requirement.id, title: requirement.current.title });
  return {
    requirement,
    replies: replies.map((reply) => ({ ...reply, sellerName: names.get(reply.sellerId) ?? "a seller" })),
    lessons,
  };
}

/**
 * Makes version n+1 in one transaction (revision, credited replies, version, audit, and for every
 * seller with a copy: the copy's update and a note of what changed), then starts sending.
 */
export async function reviseRequirement(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  origin: Pick<RevisionOrigin, "requirementId" | "version" | "keepDetails">,
  input: RevisionInput,
): Promise<{ requirement: Requirement; sellers: number }> {
  requireMember(tender, actorUserId, "revise requirements");
  const before = await requirementById(deps.db, origin.requirementId);
  if (!before || before.tenderId !== tender.id)
    throw new TenderError("not_found", "This requirement no longer exists.");
  requireChangeable(tender, before, "revised");
  if (before.version !== origin.version)
    throw new TenderError("conflict", revisedMeanwhileText(before.number));
  const version = origin.version + 1;
  const sellers = await transaction(deps.db, async (tx) => {
    if (!(await bumpVersion(tx, before.id, origin.version)))
      throw new TenderError("conflict", revisedMeanwhileText(before.number));
    const credited = await sellerRepliesAmong(tx, before.id, input.influencedBy);
    await insertRevision(tx, {
      requirementId: before.id,
      version,
      createdBy: actorUserId,
      changeNote: input.changeNote,
      replyIds: credited.map((reply) => reply.id),
      text: {
        title: input.title,
        details: origin.keepDetails ? before.current.details : (input.details ?? null),
        category: input.category ?? null,
        priority: input.priority,
        acceptanceCriteria: input.acceptanceCriteria ?? null,
        inputDueOn: input.inputDueOn ? parseDay(input.inputDueOn) : null,
      },
    });
    const lessons = await applyLessons(deps, tx, {
      installationId: tender.installationId,
      tenderNumber: tender.number,
      requirementId: before.id,
      requirementNumber: before.number,
      version,
      lessonIds: input.lessons,
      actorUserId,
    });
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "requirement.revised",
      detail: {
        requirement: requirementRef(before.number),
        version,
        changeNote: input.changeNote,
        influencedBy: credited.map((reply) => reply.id),
        lessons,
      },
    });
    const thanked = new Set(credited.map((reply) => reply.sellerId));
    return queueChangeForSellers(deps, tx, {
      tenderId: tender.id,
      requirementId: before.id,
      step: `v${version}`,
      noteFor: (seller) => revisionNoteText(before.number, version, input.changeNote, thanked.has(seller.id)),
      noted: activeSellers(tender).map((seller) => seller.id),
      acknowledge: (sellerIds) =>
        askAcknowledgement(deps, tx, {
          tenderId: tender.id,
          teamChannelId: tender.teamChannelId,
          key: `revision:${before.id}:v${version}`,
          kind: "revision",
          subject: `${requirementRef(before.number)} revised to v${version}`,
          requirementId: before.id,
          createdBy: actorUserId,
          sellerIds,
        }),
    });
  });
  await refreshTeam(deps, before.id);
  const requirement = await requirementById(deps.db, before.id);
  if (!requirement) throw new TenderError("not_found", "This requirement no longer exists.");
  return { requirement, sellers };
}

/** `/tender history R-<n>`: every version with the replies that shaped it, and the clarifications. */
export async function requirementHistory(
  deps: Deps,
  tender: Tender,
  number: number | undefined,
): Promise<RequirementHistory> {
  const requirement = await findRequirement(deps, tender, number);
  const revisions = await revisionsOf(deps.db, requirement.id);
  const applied = await lessonsAppliedIn(deps.db, requirement.id);
  const names = sellerNames(tender);
  return {
    number: requirement.number,
    title: requirement.current.title,
    version: requirement.version,
    status: requirement.status,
    versions: revisions.map(({ influences, ...revision }) => ({
      ...revision,
      influences: influences.map(({ reply }) => ({
        authorName: reply.authorName,
        sellerName: names.get(reply.sellerId) ?? "a seller",
        text: reply.text,
      })),
      lessons: applied
        .filter((lesson) => lesson.version === revision.version)
        .map(({ id, title, organisation }) => ({ id, title, organisation })),
    })),
    clarifications: await clarificationsOfRequirement(deps, requirement.id),
  };
}
