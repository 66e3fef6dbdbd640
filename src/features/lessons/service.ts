import type { ModalView } from "@slack/types";
import { recordAudit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import { transaction } from "../../db/transaction.js";
import { isExternal, requireInsider, speaksForSeller } from "../../kernel/access.js";
import { actorOf } from "../../kernel/actor.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { lessonRef, tenderRef } from "../../kernel/refs.js";
import { type Place, placeOf, type Tender, tenderById } from "../tenders/index.js";
import { LESSON_CARD } from "./deliveries.js";
import {
  type LessonInput,
  type LessonOrigin,
  type LessonQuery,
  lessonOrigin,
  PAGE_SIZE,
  type Viewer,
} from "./domain.js";
import {
  insertLesson,
  lessonsByIds,
  openRequirementsOf,
  requirementOfTender,
  searchLessonIds,
} from "./repository.js";
import {
  LESSON_FORM_LOST,
  type LessonPage,
  lessonModal,
  NOT_A_TENDER_CHANNEL,
  REQUIREMENT_NOT_IN_TENDER,
  SELLER_ELSEWHERE,
} from "./views.js";

/** A lesson a seller shared from another feature's message, in answer to it (a check-in's prompt). */
export interface LessonAnswer {
  /** What the button named, e.g. `occurrence:12`; each hook takes only what is its own. */
  answers: string;
  lessonId: number;
  title: string;
  sellerId: number;
  author: { userId: string; teamId: string; name: string };
}

/** Work another feature records in the lesson's own transaction when a lesson answers its message. */
export type LessonAnswerHook = (tx: Db, answer: LessonAnswer) => Promise<void>;

/**
 * A seller shares lessons only in its own channel with the buyer; the buyer's people in the
 * channels of a tender they belong to.
 */
function requireCaptureRights(deps: Deps, place: Place, user: { id: string; teamId?: string }): void {
  if (isExternal(user.teamId, deps.installation.teamId)) {
    if (!place.seller || !speaksForSeller(place.seller, user.teamId, deps.installation.teamId))
      throw new TenderError("forbidden", SELLER_ELSEWHERE);
    return;
  }
  requireInsider(place.tender, user.id, place.channelId);
}

export async function capturePlace(
  deps: Deps,
  channelId: string | undefined,
  user: { id: string; teamId?: string },
): Promise<Place> {
  // The person's organisation from Slack, also when the request names none (message shortcuts).
  const actor = await actorOf(deps, user.id, user.teamId);
  const person = { id: actor.userId, teamId: actor.teamId };
  const place = channelId ? await placeOf(deps, channelId) : null;
  if (!place) {
    const external = isExternal(person.teamId, deps.installation.teamId);
    throw new TenderError(
      external ? "forbidden" : "no_tender_here",
      external ? SELLER_ELSEWHERE : NOT_A_TENDER_CHANNEL,
    );
  }
  requireCaptureRights(deps, place, person);
  return place;
}

export interface LessonFormRequest {
  place: Place;
  threadTs?: string;
  requirementId?: number;
  source?: { channelId: string; ts: string };
  answers?: string;
  responseUrl?: string;
  prefill?: { title: string; lesson: string };
}

/** The lesson form for a place already checked, with the tender's open requirements to link. */
export async function lessonForm(deps: Deps, request: LessonFormRequest): Promise<ModalView> {
  const { place } = request;
  const requirements = await openRequirementsOf(deps.db, place.tender.id, 100);
  const origin: LessonOrigin = {
    tenderId: place.tender.id,
    channelId: place.channelId,
    ...(request.threadTs ? { threadTs: request.threadTs } : {}),
    ...(request.source ? { source: request.source } : {}),
    ...(request.answers ? { answers: request.answers } : {}),
    ...(request.responseUrl ? { responseUrl: request.responseUrl } : {}),
  };
  const where = place.seller ? `your channel with the buyer` : "the team channel";
  return lessonModal(lessonOrigin.encode(origin), {
    headline: `${tenderRef(place.tender.number)} · ${place.tender.title}: shared in ${where}.`,
    requirements,
    ...(request.requirementId !== undefined ? { requirementId: request.requirementId } : {}),
    ...(request.prefill ?? {}),
  });
}

/** `/tender lesson`: the card goes to the command's channel when it is the tender's, else its team channel. */
export async function commandPlace(
  deps: Deps,
  tender: Tender,
  channelId: string,
  userId: string,
): Promise<Place> {
  const here = await placeOf(deps, channelId);
  const place =
    here && here.tender.id === tender.id ? here : { tender, channelId: tender.teamChannelId, seller: null };
  requireCaptureRights(deps, place, { id: userId });
  return place;
}

/**
 * Stores the lesson and queues its card where it was captured and its mirror in the team channel,
 * in one transaction: a lesson is either saved with its cards on their way, or not at all.
 */
export async function saveLesson(
  deps: Deps,
  request: {
    origin: LessonOrigin | undefined;
    userId: string;
    userTeamId?: string;
    input: LessonInput;
    /** The submission being worked; a second attempt at it finds the lesson the first one saved. */
    workKey?: string;
  },
  answerHooks: LessonAnswerHook[],
): Promise<{ id: number; title: string; channelId: string }> {
  const { origin, input } = request;
  if (!origin) throw new TenderError("not_found", LESSON_FORM_LOST);
  const tender = await tenderById(deps, origin.tenderId);
  const here = await placeOf(deps, origin.channelId);
  if (!here || here.tender.id !== tender.id) throw new TenderError("forbidden", NOT_A_TENDER_CHANNEL);
  const author = await deps.slack.user(request.userId);
  const teamId = request.userTeamId ?? author.teamId;
  requireCaptureRights(deps, here, { id: request.userId, teamId });
  const fromSeller = isExternal(teamId, deps.installation.teamId);
  if (input.requirementId !== undefined) {
    const requirement = await requirementOfTender(deps.db, input.requirementId, tender.id);
    if (!requirement) throw new TenderError("invalid_input", REQUIREMENT_NOT_IN_TENDER);
  }
  const sourceLink = origin.source
    ? await deps.slack.permalink(origin.source.channelId, origin.source.ts)
    : undefined;
  const lesson = await transaction(deps.db, async (tx) => {
    const earlier = request.workKey
      ? await tx.lesson.findUnique({ where: { workKey: request.workKey }, select: { id: true } })
      : null;
    if (earlier) return earlier;
    const created = await insertLesson(tx, {
      workKey: request.workKey ?? null,
      tenderId: tender.id,
      sellerId: here.seller?.id ?? null,
      requirementId: input.requirementId ?? null,
      authorUserId: request.userId,
      authorTeamId: teamId || deps.installation.teamId,
      authorName: author.name,
      organisation: fromSeller && here.seller ? here.seller.name : deps.installation.teamName,
      fromSeller,
      title: input.title,
      situation: input.situation,
      lesson: input.lesson,
      recommendation: input.recommendation ?? null,
      impact: input.impact ?? null,
      tags: input.tags,
      channelId: here.channelId,
      threadTs: origin.threadTs ?? null,
      sourceChannelId: origin.source?.channelId ?? null,
      sourceTs: origin.source?.ts ?? null,
      sourceLink: sourceLink ?? null,
    });
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId: request.userId,
      action: "lesson.shared",
      detail: {
        lesson: lessonRef(created.id),
        channel: here.channelId,
        ...(input.requirementId ? { requirementId: input.requirementId } : {}),
      },
    });
    const card = (channelId: string, where: "card" | "mirror", threadTs?: string) =>
      LESSON_CARD.create([created.id, where], {
        tenderId: tender.id,
        channelId,
        payload: { lessonId: created.id, ...(threadTs ? { threadTs } : {}) },
      });
    const cards = [card(here.channelId, "card", origin.threadTs)];
    if (here.channelId !== tender.teamChannelId) cards.push(card(tender.teamChannelId, "mirror"));
    await deps.outbox.enqueue(tx, cards);
    if (origin.answers !== undefined && here.seller && fromSeller) {
      const answer: LessonAnswer = {
        answers: origin.answers,
        lessonId: created.id,
        title: input.title,
        sellerId: here.seller.id,
        author: { userId: request.userId, teamId, name: author.name },
      };
      for (const hook of answerHooks) await hook(tx, answer);
    }
    return created;
  });
  return { id: lesson.id, title: input.title, channelId: here.channelId };
}

/**
 * Who is looking, decided here and not by the button shown: the buyer's people see the workspace's
 * lessons; a seller's people only those shared in the seller channel they are in.
 */
export async function viewerOf(
  deps: Deps,
  userTeamId: string | undefined,
  channelId: string | undefined,
): Promise<Viewer> {
  if (!isExternal(userTeamId, deps.installation.teamId)) return { kind: "buyer" };
  const seller = channelId ? (await placeOf(deps, channelId))?.seller : undefined;
  if (!seller || !speaksForSeller(seller, userTeamId, deps.installation.teamId))
    throw new TenderError("forbidden", SELLER_ELSEWHERE);
  return { kind: "seller", sellerId: seller.id };
}

/** One page of the library: ranked matches, or without words the latest lessons of the channel's tender. */
export async function searchLessons(
  deps: Deps,
  request: { viewer: Viewer; query: LessonQuery; channelId?: string },
): Promise<LessonPage> {
  const { viewer, query } = request;
  const latest = !query.text && query.tenderNumber === undefined;
  const current = latest && request.channelId ? await placeOf(deps, request.channelId) : null;
  const ids = await searchLessonIds(deps.db, {
    installationId: deps.installation.id,
    ...(viewer.kind === "seller" ? { sellerId: viewer.sellerId } : {}),
    ...(current ? { tenderId: current.tender.id } : {}),
    ...(query.tenderNumber !== undefined ? { tenderNumber: query.tenderNumber } : {}),
    ...(query.seller ? { sellerName: query.seller } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    text: query.text,
    limit: PAGE_SIZE + 1,
    offset: (query.page - 1) * PAGE_SIZE,
  });
  const lessons = await lessonsByIds(deps.db, ids.slice(0, PAGE_SIZE));
  return {
    query,
    lessons,
    hasMore: ids.length > PAGE_SIZE,
    ...(current ? { latestOf: { number: current.tender.number, title: current.tender.title } } : {}),
  };
}
