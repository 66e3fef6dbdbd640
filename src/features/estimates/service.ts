import type { ModalView } from "@slack/types";
import { recordAudit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import { transaction } from "../../db/transaction.js";
import { speaksForSeller } from "../../kernel/access.js";
import { actorOf } from "../../kernel/actor.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { lessonRef } from "../../kernel/refs.js";
import { metricRef, metricsOfTender } from "../metrics/index.js";
import { isFinalStage, placeOf, type Tender } from "../tenders/index.js";
import { ESTIMATE_CARD } from "./deliveries.js";
import {
  type EstimateInput,
  type EstimateOrigin,
  estimateOrigin,
  isStale,
  NOTHING_GIVEN,
  notYourLesson,
  pageHolding,
} from "./domain.js";
import { estimateField } from "./ids.js";
import {
  type EstimateRow,
  type EstimateSet,
  insertSet,
  latestSetOf,
  latestSetsOfTender,
  lessonsOfSeller,
} from "./repository.js";
import {
  BUYER_QUANTIFIES_NOT,
  ESTIMATE_FORM_LOST,
  estimateModal,
  FORM_OUT_OF_DATE,
  NO_METRICS_YET,
  SELLER_ELSEWHERE,
  tenderOver,
} from "./views.js";

interface SellerHere {
  tender: Tender;
  seller: { id: number; name: string };
  channelId: string;
  person: { userId: string; teamId: string };
}

/**
 * The seller whose channel this is, when the person is one of its own people: decided from the
 * channel and the person's organisation as Slack knows it, never from a button or a form's memory.
 */
async function sellerHere(
  deps: Deps,
  channelId: string | undefined,
  user: { id: string; teamId: string | undefined },
): Promise<SellerHere> {
  const actor = await actorOf(deps, user.id, user.teamId);
  if (actor.side === "buyer") throw new TenderError("forbidden", BUYER_QUANTIFIES_NOT);
  const place = channelId ? await placeOf(deps, channelId) : null;
  const seller = place?.seller;
  if (!place || !seller || !speaksForSeller(seller, actor.teamId, deps.installation.teamId))
    throw new TenderError("forbidden", SELLER_ELSEWHERE);
  if (isFinalStage(place.tender.stage)) throw new TenderError("invalid_input", tenderOver(place.tender));
  return {
    tender: place.tender,
    seller,
    channelId: place.channelId,
    person: { userId: actor.userId, teamId: actor.teamId },
  };
}

/** The form at the page of the tender's active metrics that holds `metricId`, filled from the seller's latest estimates. */
export async function estimateForm(
  deps: Deps,
  request: {
    channelId: string | undefined;
    user: { id: string; teamId: string | undefined };
    metricId: number;
    responseUrl?: string;
  },
): Promise<ModalView> {
  const here = await sellerHere(deps, request.channelId, request.user);
  const metrics = await metricsOfTender(deps.db, here.tender.id);
  if (metrics.length === 0) throw new TenderError("not_found", NO_METRICS_YET);
  const page = pageHolding(metrics, request.metricId);
  const latest = await latestSetOf(deps.db, here.seller.id);
  const origin = estimateOrigin.encode({
    channelId: here.channelId,
    metricIds: page.metrics.map((metric) => metric.id),
    ...(request.responseUrl ? { responseUrl: request.responseUrl } : {}),
  });
  return estimateModal(origin, {
    tender: here.tender,
    ...page,
    previous: new Map((latest?.estimates ?? []).map((estimate) => [estimate.metricId, estimate])),
  });
}

/** Each lesson given as evidence must be one the channel's seller shared there: an error per field that names another. */
export async function lessonProblems(
  deps: Deps,
  channelId: string,
  estimates: EstimateInput[],
): Promise<Record<string, string>> {
  const cited = estimates.flatMap((estimate) =>
    estimate.evidence && "lessonId" in estimate.evidence
      ? [{ metricId: estimate.metricId, lessonId: estimate.evidence.lessonId }]
      : [],
  );
  if (cited.length === 0) return {};
  const seller = (await placeOf(deps, channelId))?.seller;
  const own = new Set(
    seller
      ? await lessonsOfSeller(
          deps.db,
          seller.id,
          cited.map((cite) => cite.lessonId),
        )
      : [],
  );
  const errors: Record<string, string> = {};
  for (const cite of cited)
    if (!own.has(cite.lessonId))
      errors[estimateField(cite.metricId, "evidence").block] = notYourLesson(lessonRef(cite.lessonId));
  return errors;
}

function rowOf(estimate: EstimateInput, metricVersion: number): EstimateRow {
  const evidence = estimate.evidence;
  return {
    metricId: estimate.metricId,
    metricVersion,
    value: estimate.value,
    confidence: estimate.confidence,
    monthsAfterGoLive: estimate.months ?? null,
    assumptions: estimate.assumptions ?? null,
    evidenceLessonId: evidence && "lessonId" in evidence ? evidence.lessonId : null,
    evidenceLink: evidence && "link" in evidence ? evidence.link : null,
    evidenceReference: evidence && "reference" in evidence ? evidence.reference : null,
  };
}

/**
 * Saves the form's estimates as the seller's next version: the page's metrics as given (each made
 * against the metric's current version), the other active metrics' estimates carried over from the
 * previous version, so each version is complete. The card and its team copy go through the outbox
 * in the same transaction.
 */
export async function saveEstimates(
  deps: Deps,
  submission: {
    origin: EstimateOrigin | undefined;
    user: { id: string; teamId: string | undefined };
    estimates: EstimateInput[];
    /** The submission being worked; a second attempt at it finds the version the first one saved. */
    workKey?: string;
  },
): Promise<{ version: number; count: number; channelId: string }> {
  const { origin, estimates } = submission;
  if (!origin) throw new TenderError("not_found", ESTIMATE_FORM_LOST);
  const here = await sellerHere(deps, origin.channelId, submission.user);
  const metrics = new Map((await metricsOfTender(deps.db, here.tender.id, true)).map((m) => [m.id, m]));
  // A memory naming metrics of another tender is not this channel's form: nothing is saved.
  const onPage = new Set(origin.metricIds);
  if (origin.metricIds.some((id) => !metrics.has(id)) || estimates.some((e) => !onPage.has(e.metricId)))
    throw new TenderError("invalid_input", FORM_OUT_OF_DATE);
  const problems = await lessonProblems(deps, here.channelId, estimates);
  if (Object.keys(problems).length > 0)
    throw new TenderError("invalid_input", `Nothing was saved: ${Object.values(problems).join(" ")}`);
  const author = await deps.slack.user(here.person.userId);
  const active = (metricId: number) => metrics.get(metricId)?.status === "active";
  return transaction(deps.db, async (tx) => {
    const earlier = submission.workKey
      ? await tx.estimateSet.findUnique({
          where: { workKey: submission.workKey },
          select: { version: true, _count: { select: { estimates: true } } },
        })
      : null;
    if (earlier)
      return { version: earlier.version, count: earlier._count.estimates, channelId: here.channelId };
    const latest = await latestSetOf(tx, here.seller.id);
    const given = estimates
      .filter((estimate) => active(estimate.metricId))
      .map((estimate) => rowOf(estimate, metrics.get(estimate.metricId)?.version ?? 1));
    const carried = (latest?.estimates ?? []).filter(
      (estimate) => !onPage.has(estimate.metricId) && active(estimate.metricId),
    );
    const number = (row: EstimateRow) => metrics.get(row.metricId)?.number ?? 0;
    const rows = [...given, ...carried].sort((a, b) => number(a) - number(b));
    if (rows.length === 0) throw new TenderError("invalid_input", NOTHING_GIVEN);
    const version = (latest?.version ?? 0) + 1;
    const set = await insertSet(
      tx,
      {
        tenderId: here.tender.id,
        sellerId: here.seller.id,
        version,
        authorUserId: here.person.userId,
        authorTeamId: here.person.teamId,
        authorName: author.name,
        workKey: submission.workKey ?? null,
      },
      rows,
    );
    await recordAudit(tx, {
      tenderId: here.tender.id,
      actorUserId: here.person.userId,
      action: "estimates.saved",
      detail: {
        seller: here.seller.name,
        version,
        metrics: rows.map((row) => metricRef(number(row))),
        carriedOver: carried.length,
      },
    });
    const payload = { setId: set.id };
    await deps.outbox.enqueue(tx, [
      ESTIMATE_CARD.create([set.id, "card"], {
        tenderId: here.tender.id,
        sellerId: here.seller.id,
        channelId: here.channelId,
        payload,
      }),
      ESTIMATE_CARD.create([set.id, "mirror"], {
        tenderId: here.tender.id,
        channelId: here.tender.teamChannelId,
        payload,
      }),
    ]);
    return { version, count: rows.length, channelId: here.channelId };
  });
}

/** A seller's latest estimates, each with its metric as it is now and whether it needs an update. */
export interface SellerEstimates extends Omit<EstimateSet, "estimates"> {
  estimates: (EstimateSet["estimates"][number] & { stale: boolean })[];
}

/** Each seller's latest version of its estimates, for comparing the sellers. */
export async function latestEstimatesOf(db: Db, tenderId: number): Promise<SellerEstimates[]> {
  const sets = await latestSetsOfTender(db, tenderId);
  return sets.map((set) => ({
    ...set,
    estimates: set.estimates.map((estimate) => ({ ...estimate, stale: isStale(estimate, estimate.metric) })),
  }));
}
