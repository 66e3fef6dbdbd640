import { recordAudit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import { transaction } from "../../db/transaction.js";
import { requireOwner } from "../../kernel/access.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { tenderRef } from "../../kernel/refs.js";
import { zoneOr } from "../../kernel/zones.js";
import { parseDay } from "../../slack/dates.js";
import { askAcknowledgement } from "../acknowledgements/index.js";
import { queueIntentPrompts } from "../intents/index.js";
import {
  activeSellers,
  isFinalStage,
  questionsClosedOn,
  refreshCard,
  type Tender,
  type TenderStage,
  tenderById,
} from "../tenders/index.js";
import { datesNotices, stageNotices } from "./deliveries.js";
import {
  changesOf,
  type DateChange,
  datesProblems,
  type KeyDays,
  keyDaysOf,
  NOTHING_CHANGED,
  stageChangeProblem,
  todayIn,
} from "./domain.js";
import { latestChangeId, moveDates, moveStage } from "./repository.js";
import { datesAlreadySaved, datesChangedMeanwhile, datesFinal, datesSubject } from "./views.js";

/**
 * Asks the active sellers to acknowledge a change, in its transaction; the change's audit event
 * names it, so the same change never asks twice and each change asks once.
 */
async function askSellers(
  deps: Deps,
  tx: Db,
  tender: Tender,
  actorUserId: string,
  change: { action: string; kind: "stage" | "dates"; subject: string },
) {
  const changeId = await latestChangeId(tx, tender.id, change.action);
  const sellers = activeSellers(tender);
  // Without a seller to tell there is nothing to acknowledge.
  const noticeId =
    sellers.length === 0
      ? undefined
      : await askAcknowledgement(deps, tx, {
          tenderId: tender.id,
          teamChannelId: tender.teamChannelId,
          key: `${change.kind}:${tender.id}:${changeId}`,
          kind: change.kind,
          subject: change.subject,
          createdBy: actorUserId,
          sellerIds: sellers.map((seller) => seller.id),
        });
  return {
    tenderId: tender.id,
    changeId,
    teamChannelId: tender.teamChannelId,
    sellers,
    noticeId,
  };
}

/**
 * `/tender stage <stage>`: moves the stage (owners), announced through the outbox in the team
 * channel and every active seller channel, each seller asked to acknowledge. Entering requirements
 * asks each seller whether it intends to bid.
 */
export async function changeStage(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  to: TenderStage,
): Promise<{ tender: Tender; sellersTold: number }> {
  requireOwner(tender, actorUserId, "change its stage");
  const problem = stageChangeProblem(tender.stage, to);
  if (problem) throw new TenderError("invalid_input", problem);
  const from = tender.stage;
  const updated: Tender = { ...tender, stage: to };
  const sellersTold = await transaction(deps.db, async (tx) => {
    if (!(await moveStage(tx, tender.id, from, to))) return undefined;
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "tender.stage_changed",
      detail: { from, to },
    });
    const audience = await askSellers(deps, tx, updated, actorUserId, {
      action: "tender.stage_changed",
      kind: "stage",
      subject: `Stage moved to ${to}`,
    });
    await deps.outbox.enqueue(tx, stageNotices(audience, { from, to, actorUserId }));
    if (to === "requirements") await queueIntentPrompts(deps, tx, updated);
    return audience.sellers.length;
  });
  if (sellersTold === undefined) {
    throw new TenderError(
      "conflict",
      `${tenderRef(tender.number)} changed stage meanwhile; check \`/tender status\`.`,
    );
  }
  await refreshCard(deps, tender.id);
  return { tender: updated, sellersTold };
}

/** Key dates are for the tender's owners, until it is awarded or closed. */
export function requireDatesChangeable(tender: Tender, actorUserId: string): void {
  requireOwner(tender, actorUserId, "move its key dates");
  if (isFinalStage(tender.stage)) throw new TenderError("invalid_input", datesFinal(tender));
}

/** The day it is in the tender's zone, for the rule that no date moves into the past. */
export function todayOf(tender: Pick<Tender, "timezone">, now = new Date()): string {
  return todayIn(zoneOr(tender.timezone, "UTC"), now);
}

export type DatesSaved = { tender: Tender } & (
  | { saved: true; changes: DateChange[]; sellersTold: number }
  | { saved: false; answer: string }
);

/**
 * Moves, sets or clears key dates (owners): saved only while the tender still has the dates the
 * change was made from, so a form worked twice or opened before another change moves nothing. The
 * team channel and every active seller channel are told, the sellers asked to acknowledge; the
 * nudges follow the stored dates by themselves.
 */
export async function changeDates(
  deps: Deps,
  tenderId: number,
  actorUserId: string,
  change: { opened: KeyDays; wanted: KeyDays; note?: string | undefined },
  now = new Date(),
): Promise<DatesSaved> {
  const tender = await tenderById(deps, tenderId);
  requireDatesChangeable(tender, actorUserId);
  const changes = changesOf(change.opened, change.wanted);
  if (changes.length === 0) throw new TenderError("invalid_input", NOTHING_CHANGED);
  const stored = keyDaysOf(tender);
  if (changesOf(stored, change.wanted).length === 0) {
    // This change, saved before (the form worked again): nothing more, but the card is current.
    await refreshCard(deps, tender.id);
    return { tender, saved: false, answer: datesAlreadySaved(tender) };
  }
  if (changesOf(stored, change.opened).length > 0)
    throw new TenderError("conflict", datesChangedMeanwhile(tender));
  const problems = Object.values(datesProblems(change.opened, change.wanted, todayOf(tender, now)));
  if (problems.length > 0) throw new TenderError("invalid_input", problems.join(" "));

  const wanted = change.wanted.questionsDueOn;
  const reopened =
    questionsClosedOn(tender, now) !== undefined &&
    wanted !== null &&
    questionsClosedOn({ timezone: tender.timezone, questionsDueOn: parseDay(wanted) }, now) === undefined;
  const sellersTold = await transaction(deps.db, async (tx) => {
    if (!(await moveDates(tx, tender.id, change.opened, change.wanted))) return undefined;
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "tender.dates_changed",
      detail: { changes, ...(change.note ? { note: change.note } : {}) },
    });
    const audience = await askSellers(deps, tx, tender, actorUserId, {
      action: "tender.dates_changed",
      kind: "dates",
      subject: datesSubject(changes),
    });
    await deps.outbox.enqueue(
      tx,
      datesNotices(audience, {
        changes,
        note: change.note,
        reopenedUntil: reopened && wanted ? wanted : undefined,
        actorUserId,
      }),
    );
    return audience.sellers.length;
  });
  // Another change got in between the read and the guarded update.
  if (sellersTold === undefined) throw new TenderError("conflict", datesChangedMeanwhile(tender));
  await refreshCard(deps, tender.id);
  return { tender, saved: true, changes, sellersTold };
}
