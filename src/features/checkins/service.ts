import { recordAudit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import { TenderError } from "../../errors.js";
import { enqueue, type NewDelivery } from "../../outbox/repository.js";
import { parseDay } from "../../slack/dates.js";
import type { Deps } from "../deps.js";
import { requireMember } from "../requirements/service.js";
import { isFinalStage, QUIET_STAGES, tenderRef } from "../tenders/domain.js";
import type { Tender } from "../tenders/repository.js";
import { type CheckInAnswerKind, checkInRef, DEFAULT_WINDOW_HOURS, planDueRuns } from "./domain.js";
import { DELIVERY, occurrenceKey } from "./ids.js";
import {
  answerWithTs,
  type CheckIn,
  checkInsOf,
  checkInsToPlan,
  findCheckIn,
  findOccurrence,
  insertAnswer,
  insertCheckIn,
  insertOccurrences,
  lastOccurrences,
  lockDueCheckIns,
  type NewOccurrence,
  nudgeAt,
  type Occurrence,
  setCheckInState,
  setCheckInStates,
  takeCheckInNumber,
} from "./repository.js";
import { nextRuns, type Schedule } from "./schedule.js";
import { answerPost, type CheckInListEntry, NOT_YOUR_CHECKIN, OCCURRENCE_GONE, scheduleOf } from "./views.js";

const HOUR_MS = 3_600_000;
/** Check-ins planned in one transaction; a tick takes batch after batch until none is due. */
const PLAN_BATCH = 100;

export interface NewCheckInInput {
  schedule: Schedule;
  prompt: string;
  sellerIds: number[];
  /** "yyyy-mm-dd" in the schedule's zone. */
  endsOn?: string;
}

/** Schedules a check-in; returns it with its next three runs. */
export async function scheduleCheckIn(
  deps: Deps,
  tender: Tender,
  userId: string,
  input: NewCheckInInput,
  now: Date,
): Promise<{ checkIn: CheckIn; runs: Date[] }> {
  requireMember(tender, userId, "schedule check-ins");
  if (isFinalStage(tender.stage)) {
    throw new TenderError(
      "invalid_input",
      `${tenderRef(tender.number)} is ${tender.stage}: no check-ins any more.`,
    );
  }
  const unknown = input.sellerIds.filter((id) => !tender.sellers.some((seller) => seller.id === id));
  if (unknown.length > 0) throw new TenderError("invalid_input", "Pick sellers of this tender.");
  const runs = nextRuns(input.schedule, now, 3, input.endsOn);
  const [first] = runs;
  if (!first) {
    throw new TenderError(
      "invalid_input",
      input.endsOn
        ? `The last day ${input.endsOn} leaves no run: pick a later day.`
        : "This schedule never runs.",
    );
  }
  const checkIn = await deps.db.$transaction(async (tx) => {
    const number = await takeCheckInNumber(tx, tender.id);
    const created = await insertCheckIn(tx, {
      tenderId: tender.id,
      number,
      cadence: input.schedule.cadence,
      cron: input.schedule.cron,
      anchorOn: input.schedule.anchorOn ? parseDay(input.schedule.anchorOn) : null,
      timezone: input.schedule.timezone,
      prompt: input.prompt,
      sellerIds: input.sellerIds,
      endsOn: input.endsOn ? parseDay(input.endsOn) : null,
      windowHours: DEFAULT_WINDOW_HOURS,
      nextRunAt: first,
      createdBy: userId,
    });
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId: userId,
      action: "checkin.scheduled",
      detail: { checkIn: checkInRef(number), cron: input.schedule.cron, timezone: input.schedule.timezone },
    });
    return created;
  });
  return { checkIn, runs };
}

export async function listCheckIns(deps: Deps, tender: Tender): Promise<CheckInListEntry[]> {
  const checkIns = await checkInsOf(deps.db, tender.id);
  const last = await lastOccurrences(
    deps.db,
    checkIns.map((checkIn) => checkIn.id),
  );
  return checkIns.map((checkIn) => {
    const run = last.find((occurrence) => occurrence.checkInId === checkIn.id);
    return {
      checkIn,
      ...(run
        ? { last: { dueAt: run.dueAt, status: run.status, reason: run.reason, answers: run._count.answers } }
        : {}),
    };
  });
}

export type CheckInChange = "cancel" | "pause" | "resume";

/** Cancels, pauses or resumes; a resumed check-in starts again at its next run, missed ones are not sent. */
export async function changeCheckIn(
  deps: Deps,
  tender: Tender,
  userId: string,
  change: CheckInChange,
  number: number | undefined,
  now: Date,
): Promise<{ checkIn: CheckIn; nextRunAt: Date | null }> {
  requireMember(tender, userId, `${change} check-ins`);
  if (number === undefined)
    throw new TenderError("invalid_input", `Name the check-in, e.g. \`/tender checkin ${change} C-1\`.`);
  const checkIn = await findCheckIn(deps.db, tender.id, number);
  if (!checkIn)
    throw new TenderError("not_found", `${tenderRef(tender.number)} has no check-in ${checkInRef(number)}.`);
  const ref = checkInRef(number);
  if (checkIn.status === "cancelled" || checkIn.status === "ended")
    throw new TenderError(
      "invalid_input",
      `${ref} has ${checkIn.status === "ended" ? "ended" : "been cancelled"}; schedule a new one.`,
    );
  let state: { status: CheckIn["status"]; nextRunAt: Date | null };
  if (change === "cancel") state = { status: "cancelled", nextRunAt: null };
  else if (change === "pause") {
    if (checkIn.status === "paused") throw new TenderError("invalid_input", `${ref} is already paused.`);
    state = { status: "paused", nextRunAt: checkIn.nextRunAt };
  } else {
    if (checkIn.status === "active") throw new TenderError("invalid_input", `${ref} is not paused.`);
    const [next] = nextRuns(scheduleOf(checkIn), now, 1, checkIn.endsOn?.toISOString().slice(0, 10));
    state = next ? { status: "active", nextRunAt: next } : { status: "ended", nextRunAt: null };
  }
  await deps.db.$transaction(async (tx) => {
    await setCheckInState(tx, checkIn.id, state);
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId: userId,
      action: `checkin.${change}`,
      detail: { checkIn: ref },
    });
  });
  return { checkIn: { ...checkIn, ...state }, nextRunAt: state.nextRunAt };
}

type PlannedCheckIn = Awaited<ReturnType<typeof checkInsToPlan>>[number];

function occurrencesOf(checkIn: PlannedCheckIn, now: Date, graceMs: number) {
  const { tender } = checkIn;
  const quietStage = QUIET_STAGES.includes(tender.stage) ? tender.stage : undefined;
  const plan = planDueRuns({
    schedule: scheduleOf(checkIn),
    ...(checkIn.endsOn ? { endsOn: checkIn.endsOn.toISOString().slice(0, 10) } : {}),
    nextRunAt: checkIn.nextRunAt ?? now,
    now,
    graceMs,
    ...(quietStage ? { quietStage } : {}),
  });
  const sellers =
    checkIn.sellerIds.length === 0
      ? tender.sellers
      : tender.sellers.filter((seller) => checkIn.sellerIds.includes(seller.id));
  const rows = plan.runs.map((run): NewOccurrence => {
    if (!run.send)
      return {
        checkInId: checkIn.id,
        dueAt: run.dueAt,
        status: "skipped",
        reason: run.reason,
        sellerIds: [],
      };
    if (sellers.length === 0)
      return {
        checkInId: checkIn.id,
        dueAt: run.dueAt,
        status: "skipped",
        reason: "no seller to ask yet",
        sellerIds: [],
      };
    return {
      checkInId: checkIn.id,
      dueAt: run.dueAt,
      status: "sent",
      sellerIds: sellers.map((seller) => seller.id),
      digestAt: new Date(run.dueAt.getTime() + checkIn.windowHours * HOUR_MS),
    };
  });
  return { rows, plan, sellers };
}

function deliveriesOf(
  checkIn: PlannedCheckIn,
  occurrence: { id: number; dueAt: Date; digestAt: Date },
  sellers: { id: number; channelId: string }[],
): NewDelivery[] {
  const key = occurrenceKey(checkIn.id, occurrence.dueAt);
  const payload = { occurrenceId: occurrence.id };
  return [
    ...sellers.map((seller) => ({
      key: `${key}:seller:${seller.id}`,
      kind: DELIVERY.nudge,
      tenderId: checkIn.tenderId,
      sellerId: seller.id,
      channelId: seller.channelId,
      payload,
    })),
    {
      key: `${key}:team`,
      kind: DELIVERY.team,
      tenderId: checkIn.tenderId,
      channelId: checkIn.tender.teamChannelId,
      payload,
    },
    {
      key: `${key}:digest`,
      kind: DELIVERY.digest,
      tenderId: checkIn.tenderId,
      channelId: checkIn.tender.teamChannelId,
      payload,
      notBefore: occurrence.digestAt,
    },
  ];
}

/**
 * The tick job: turns the runs that came due into occurrences and their messages into the outbox.
 * Each batch is one transaction over locked check-ins, and (check-in, due time) is unique, so several
 * instances ticking together plan every run exactly once; the outbox then sends each message once.
 */
export async function planCheckIns(deps: Deps, now: Date, graceMs: number): Promise<number> {
  let planned = 0;
  for (;;) {
    const batch = await deps.db.$transaction(async (tx) => planBatch(deps, tx, now, graceMs));
    planned += batch.sent;
    if (batch.locked < PLAN_BATCH) break;
  }
  if (planned > 0) deps.outbox.kick();
  return planned;
}

async function planBatch(deps: Deps, tx: Db, now: Date, graceMs: number) {
  const ids = await lockDueCheckIns(tx, now, PLAN_BATCH);
  if (ids.length === 0) return { locked: 0, sent: 0 };
  const checkIns = await checkInsToPlan(tx, ids);
  const occurrences: NewOccurrence[] = [];
  const sellersOf = new Map<number, { id: number; channelId: string }[]>();
  const states: { id: number; status: "active" | "ended"; nextRunAt: Date | null }[] = [];
  for (const checkIn of checkIns) {
    if (isFinalStage(checkIn.tender.stage)) {
      states.push({ id: checkIn.id, status: "ended", nextRunAt: null });
      continue;
    }
    const { rows, plan, sellers } = occurrencesOf(checkIn, now, graceMs);
    if (plan.truncated)
      deps.logger.warn(
        { checkIn: checkIn.id },
        "a long downtime: runs before the grace period were let go unrecorded",
      );
    occurrences.push(...rows);
    sellersOf.set(checkIn.id, sellers);
    states.push({ id: checkIn.id, status: plan.nextRunAt ? "active" : "ended", nextRunAt: plan.nextRunAt });
  }
  await setCheckInStates(tx, states);
  const recorded = await insertOccurrences(tx, occurrences);
  const byId = new Map(checkIns.map((checkIn) => [checkIn.id, checkIn]));
  const sent = recorded.filter((occurrence) => occurrence.status === "sent");
  const deliveries = sent.flatMap((occurrence) => {
    const checkIn = byId.get(occurrence.checkInId);
    const { digestAt } = occurrence;
    if (!checkIn || !digestAt) return [];
    return deliveriesOf(
      checkIn,
      { id: occurrence.id, dueAt: occurrence.dueAt, digestAt },
      sellersOf.get(checkIn.id) ?? [],
    );
  });
  await enqueue(tx, deliveries);
  return { locked: ids.length, sent: sent.length };
}

export interface Answerer {
  userId: string;
  userTeamId: string | undefined;
}

/**
 * Who may answer a check-in: the seller's people in that seller's channel, and only when the
 * check-in went to that seller. Returns the occurrence and the seller.
 */
export async function answerContext(
  deps: Deps,
  occurrenceId: number | undefined,
  channelId: string | undefined,
  user: Answerer,
): Promise<{ occurrence: Occurrence; seller: Occurrence["checkIn"]["tender"]["sellers"][number] }> {
  const occurrence = occurrenceId === undefined ? null : await findOccurrence(deps.db, occurrenceId);
  if (!occurrence) throw new TenderError("not_found", OCCURRENCE_GONE);
  const seller = occurrence.checkIn.tender.sellers.find((s) => s.channelId === channelId);
  const known = seller?.slackTeamId;
  if (
    !seller ||
    !occurrence.sellerIds.includes(seller.id) ||
    // The buyer's people answer in the thread; the buttons speak for the seller.
    user.userTeamId === undefined ||
    user.userTeamId === deps.installation.teamId ||
    (known && known !== user.userTeamId)
  )
    throw new TenderError("forbidden", NOT_YOUR_CHECKIN);
  return { occurrence, seller };
}

export function mirrorDelivery(tenderId: number, teamChannelId: string, answerId: number): NewDelivery {
  return {
    key: `checkin-answer:${answerId}:mirror`,
    kind: DELIVERY.mirror,
    tenderId,
    channelId: teamChannelId,
    payload: { answerId },
  };
}

/**
 * Posts the answer in the nudge's thread, attributed to its author and organisation, stores it and
 * queues its mirror for the team.
 */
export async function answerCheckIn(
  deps: Deps,
  request: {
    occurrenceId: number | undefined;
    channelId: string | undefined;
    threadTs: string | undefined;
    user: Answerer;
    kind: Exclude<CheckInAnswerKind, "lesson">;
    text: string;
  },
): Promise<void> {
  const { occurrence, seller } = await answerContext(
    deps,
    request.occurrenceId,
    request.channelId,
    request.user,
  );
  const author = await deps.slack.user(request.user.userId);
  const ts = await deps.slack.post(seller.channelId, {
    text: answerPost(request.kind, author.name, seller.name, request.text),
    ...(request.threadTs ? { threadTs: request.threadTs } : {}),
  });
  await deps.db.$transaction(async (tx) => {
    const answer = await insertAnswer(tx, {
      occurrenceId: occurrence.id,
      sellerId: seller.id,
      kind: request.kind,
      text: request.text,
      userId: request.user.userId,
      userTeamId: request.user.userTeamId ?? author.teamId,
      authorName: author.name,
      ts,
    });
    await enqueue(tx, [
      mirrorDelivery(occurrence.checkIn.tender.id, occurrence.checkIn.tender.teamChannelId, answer.id),
    ]);
  });
  deps.outbox.kick();
}

/** A lesson shared from a check-in counts as the seller's answer; stored in the lesson's transaction. */
export async function recordLessonAnswer(
  deps: Deps,
  tx: Db,
  request: {
    occurrenceId: number;
    sellerId: number;
    lessonId: number;
    title: string;
    userId: string;
    userTeamId: string;
    authorName: string;
  },
): Promise<void> {
  const occurrence = await findOccurrence(tx, request.occurrenceId);
  if (!occurrence?.sellerIds.includes(request.sellerId)) return;
  const answer = await insertAnswer(tx, {
    occurrenceId: occurrence.id,
    sellerId: request.sellerId,
    kind: "lesson",
    text: request.title,
    lessonId: request.lessonId,
    userId: request.userId,
    userTeamId: request.userTeamId,
    authorName: request.authorName,
  });
  await enqueue(tx, [
    mirrorDelivery(occurrence.checkIn.tender.id, occurrence.checkIn.tender.teamChannelId, answer.id),
  ]);
  deps.logger.debug({ answer: answer.id }, "lesson recorded as a check-in answer");
}

/** Is this message in the thread of a check-in nudge? Cheap: one indexed lookup. */
export async function isCheckInThread(
  deps: Deps,
  message: { channelId: string; threadTs: string },
): Promise<boolean> {
  return (await nudgeAt(deps.db, message.channelId, message.threadTs)) !== null;
}

/**
 * A seller's message typed in a check-in's thread is an update like one shared with the button:
 * stored once (a redelivered event finds it by ts) and mirrored to the team. The buyer's own
 * messages there are conversation, not answers.
 */
export async function captureCheckInReply(
  deps: Deps,
  message: { channelId: string; threadTs: string; ts: string; text: string },
  author: { userId: string; teamId: string; name: string; fromSeller: boolean },
): Promise<void> {
  if (!author.fromSeller || !message.text.trim()) return;
  const nudge = await nudgeAt(deps.db, message.channelId, message.threadTs);
  if (!nudge || (await answerWithTs(deps.db, nudge.occurrenceId, message.ts))) return;
  const occurrence = await findOccurrence(deps.db, nudge.occurrenceId);
  if (!occurrence) return;
  const { tender } = occurrence.checkIn;
  await deps.db.$transaction(async (tx) => {
    const answer = await insertAnswer(tx, {
      occurrenceId: occurrence.id,
      sellerId: nudge.sellerId,
      kind: "update",
      text: message.text,
      userId: author.userId,
      userTeamId: author.teamId,
      authorName: author.name,
      ts: message.ts,
    });
    await enqueue(tx, [mirrorDelivery(tender.id, tender.teamChannelId, answer.id)]);
  });
  deps.outbox.kick();
}
