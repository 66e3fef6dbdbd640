import { recordAudit } from "../../db/audit.js";
import { transaction } from "../../db/transaction.js";
import { requireOwner, speaksForSeller } from "../../kernel/access.js";
import { actorOf } from "../../kernel/actor.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { isFinalStage, placeOf, type Tender, tenderById } from "../tenders/index.js";
import { type MetricInput, metricRef, type SuggestionInput } from "./domain.js";
import { findSuggestion, type Metric, type Suggestion } from "./repository.js";
import { defineMetricIn } from "./service.js";
import { suggestionNotes } from "./suggestion-deliveries.js";
import {
  NOT_A_SELLER_CHANNEL,
  NOT_YOUR_CHANNEL,
  SUGGESTION_DECIDED,
  SUGGESTION_GONE,
  SUGGESTIONS_CLOSED,
} from "./suggestion-views.js";

/** The seller channel a suggestion is made in, for that seller's own people only. */
export async function suggestionPlace(
  deps: Deps,
  channelId: string | undefined,
  user: { id: string; teamId: string | undefined },
) {
  const place = channelId ? await placeOf(deps, channelId) : null;
  if (!place?.seller) throw new TenderError("forbidden", NOT_A_SELLER_CHANNEL);
  const actor = await actorOf(deps, user.id, user.teamId);
  if (!speaksForSeller(place.seller, actor.teamId, deps.installation.teamId))
    throw new TenderError("forbidden", NOT_YOUR_CHANNEL);
  if (isFinalStage(place.tender.stage)) throw new TenderError("invalid_input", SUGGESTIONS_CLOSED);
  return { seller: { ...place.seller, channelId: place.channelId }, tender: place.tender };
}

/** Records a seller's suggestion; the owners get a card to accept or decline it, the seller a receipt. */
export async function suggestMetric(
  deps: Deps,
  channelId: string | undefined,
  user: { id: string; teamId: string | undefined },
  input: SuggestionInput,
  workKey?: string,
): Promise<void> {
  const { seller, tender } = await suggestionPlace(deps, channelId, user);
  await transaction(deps.db, async (tx) => {
    // Worked again after a crash, the submission finds the suggestion it made.
    if (workKey && (await tx.metricSuggestion.findUnique({ where: { workKey }, select: { id: true } })))
      return;
    const suggestion = await tx.metricSuggestion.create({
      data: {
        tenderId: tender.id,
        sellerId: seller.id,
        authorUserId: user.id,
        workKey: workKey ?? null,
        ...input,
      },
    });
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId: user.id,
      action: "metric.suggested",
      detail: { suggestion: suggestion.id, seller: seller.name, name: input.name },
    });
    await deps.outbox.enqueue(tx, suggestionNotes(suggestion.id, "made", tender, seller));
  });
}

/** A suggestion still open, for one of its tender's owners to decide. */
export async function suggestionToDecide(
  deps: Deps,
  userId: string,
  suggestionId: number | undefined,
): Promise<{ suggestion: Suggestion; tender: Tender }> {
  const suggestion = suggestionId === undefined ? null : await findSuggestion(deps.db, suggestionId);
  if (!suggestion) throw new TenderError("not_found", SUGGESTION_GONE);
  const tender = await tenderById(deps, suggestion.tenderId);
  requireOwner(tender, userId, "decide on sellers' suggestions");
  if (suggestion.status !== "open") throw new TenderError("conflict", SUGGESTION_DECIDED(suggestion));
  return { suggestion, tender };
}

/** Defines the metric the suggestion became, credited to its seller, and tells the seller. */
export async function acceptSuggestion(
  deps: Deps,
  userId: string,
  suggestionId: number,
  input: MetricInput,
): Promise<{ metric: Metric; tender: Tender; suggestion: Suggestion }> {
  const { suggestion, tender } = await suggestionToDecide(deps, userId, suggestionId);
  const metric = await transaction(deps.db, async (tx) => {
    const decided = await tx.metricSuggestion.updateMany({
      where: { id: suggestion.id, status: "open" },
      data: { status: "accepted", decidedBy: userId, decidedAt: new Date() },
    });
    if (decided.count === 0) throw new TenderError("conflict", SUGGESTION_DECIDED(suggestion));
    const created = await defineMetricIn(deps, tx, tender, userId, input, suggestion.sellerId);
    await tx.metricSuggestion.update({ where: { id: suggestion.id }, data: { metricId: created.id } });
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId: userId,
      action: "metric.suggestion_accepted",
      detail: {
        suggestion: suggestion.id,
        seller: suggestion.seller.name,
        metric: metricRef(created.number),
      },
    });
    await deps.outbox.enqueue(tx, suggestionNotes(suggestion.id, "accepted", tender, suggestion.seller));
    return created;
  });
  return { metric, tender, suggestion };
}

/** Declines the suggestion with a reason the seller reads. */
export async function declineSuggestion(
  deps: Deps,
  userId: string,
  suggestionId: number,
  reason: string,
): Promise<Suggestion> {
  const { suggestion, tender } = await suggestionToDecide(deps, userId, suggestionId);
  await transaction(deps.db, async (tx) => {
    const decided = await tx.metricSuggestion.updateMany({
      where: { id: suggestion.id, status: "open" },
      data: { status: "declined", decidedBy: userId, decidedAt: new Date(), declineReason: reason },
    });
    if (decided.count === 0) throw new TenderError("conflict", SUGGESTION_DECIDED(suggestion));
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId: userId,
      action: "metric.suggestion_declined",
      detail: { suggestion: suggestion.id, seller: suggestion.seller.name, reason },
    });
    await deps.outbox.enqueue(tx, suggestionNotes(suggestion.id, "declined", tender, suggestion.seller));
  });
  return suggestion;
}
