import { recordAudit } from "../../../db/audit.js";
import { transaction } from "../../../db/transaction.js";
import { requireMember } from "../../../kernel/access.js";
import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { checkInRef, tenderRef } from "../../../kernel/refs.js";
import { parseDay } from "../../../slack/dates.js";
import { isFinalStage, type Tender } from "../../tenders/index.js";
import { DEFAULT_WINDOW_HOURS, scheduleOf } from "../domain.js";
import {
  type CheckIn,
  checkInsOf,
  findCheckIn,
  insertCheckIn,
  lastOccurrences,
  setCheckInState,
  takeCheckInNumber,
} from "../repository.js";
import { nextRuns, type Schedule } from "../schedule.js";
import type { CheckInListEntry } from "./views.js";

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
  const checkIn = await transaction(deps.db, async (tx) => {
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
  await transaction(deps.db, async (tx) => {
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
