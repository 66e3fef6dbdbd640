import { z } from "zod";
import type { CheckInAnswerKind, CheckInCadence, CheckInStatus } from "../../generated/prisma/enums.js";
import { parseCheckInRef } from "../../kernel/refs.js";
import { nextRuns, type Schedule } from "./schedule.js";

export type { CheckInAnswerKind, CheckInStatus };

export const PROMPT_MAX = 1_000;
export const ANSWER_MAX = 3_000;
export const DEFAULT_WINDOW_HOURS = 24;
export const DEFAULT_PROMPT =
  "What has changed on your side since we last spoke? Anything we should know, ask or rethink?";

/** A catch-up after a long downtime looks at no more runs than this; older ones are let go. */
const MAX_RUNS_PER_PLAN = 200;

/** What `/tender checkin <args>` asks for. */
export type CheckInCommand =
  | { kind: "form" }
  | { kind: "schedule"; scheduleText: string; prompt?: string }
  | { kind: "change"; change: "cancel" | "pause" | "resume"; number: number | undefined };

/** `<schedule> [| <prompt>]`, `cancel|pause|resume C-<n>`, or nothing (the form). */
export function parseCheckInCommand(args: string): CheckInCommand {
  const text = args.trim();
  if (!text) return { kind: "form" };
  const [first = "", second] = text.split(/\s+/);
  const change = first.toLowerCase();
  if (change === "cancel" || change === "pause" || change === "resume") {
    return { kind: "change", change, number: parseCheckInRef(second) };
  }
  const bar = text.indexOf("|");
  if (bar < 0) return { kind: "schedule", scheduleText: text };
  const prompt = text.slice(bar + 1).trim();
  return { kind: "schedule", scheduleText: text.slice(0, bar).trim(), ...(prompt ? { prompt } : {}) };
}

export const promptSchema = z
  .string()
  .trim()
  .min(1, "Write what the sellers are asked.")
  .max(PROMPT_MAX, `Keep the prompt within ${PROMPT_MAX} characters.`);

export const answerSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, "Write your update.")
    .max(ANSWER_MAX, `Keep it within ${ANSWER_MAX} characters.`),
});

export const meetingSchema = z.object({
  day: z.iso.date("Pick a day for the meeting."),
  time: z.string().regex(/^\d{2}:\d{2}$/, "Pick a time for the meeting."),
  agenda: z
    .string()
    .trim()
    .max(ANSWER_MAX, `Keep the agenda within ${ANSWER_MAX} characters.`)
    .optional()
    .transform((value) => value || undefined),
});

export type MeetingInput = z.output<typeof meetingSchema>;

/** What to do with one run of a check-in that has come due. */
export interface PlannedRun {
  dueAt: Date;
  send: boolean;
  /** Why a run is not sent, in plain words. */
  reason?: string;
}

export interface RunPlan {
  runs: PlannedRun[];
  /** The next run after `now`, or null when the schedule has ended. */
  nextRunAt: Date | null;
  /** More runs were missed than are recorded (a downtime of over MAX_RUNS_PER_PLAN runs). */
  truncated: boolean;
}

export interface PlanInput {
  schedule: Schedule;
  endsOn?: string;
  /** The first run not yet planned. */
  nextRunAt: Date;
  now: Date;
  graceMs: number;
  /** The tender is in a quiet stage (proposal, evaluation): runs are skipped, the schedule goes on. */
  quietStage?: string;
}

export const QUIET_REASON = (stage: string) => `quiet period: the tender is in the ${stage} stage`;
export const MISSED_REASON = "missed by more than the grace period while the app was not running";
export const SUPERSEDED_REASON = "a later run was due as well: after a downtime only the latest is sent";

/** Runs strictly after `after` up to `until` (inclusive), at most `limit` of them. */
function runsBetween(
  schedule: Schedule,
  endsOn: string | undefined,
  after: Date,
  until: Date,
  limit: number,
) {
  const runs: Date[] = [];
  let cursor = after;
  for (;;) {
    const [run] = nextRuns(schedule, cursor, 1, endsOn);
    if (!run || run > until) return { runs, truncated: false };
    if (runs.length === limit) return { runs, truncated: true };
    runs.push(run);
    cursor = run;
  }
}

/**
 * The runs due between `nextRunAt` (itself a run, computed when it was stored) and `now`. After a
 * downtime only the latest run within the grace period is sent; every other one is recorded as
 * skipped, so nobody gets a flood.
 */
export function planDueRuns(input: PlanInput): RunPlan {
  const { schedule, endsOn, now, graceMs, quietStage, nextRunAt } = input;
  const graceStart = new Date(now.getTime() - graceMs);
  const beforeGrace = new Date(graceStart.getTime() - 1);
  const older: Date[] = [];
  const recent: Date[] = [];
  let truncated = false;
  if (nextRunAt <= now) (nextRunAt < graceStart ? older : recent).push(nextRunAt);
  if (nextRunAt < graceStart) {
    const missed = runsBetween(schedule, endsOn, nextRunAt, beforeGrace, MAX_RUNS_PER_PLAN);
    older.push(...missed.runs);
    truncated = missed.truncated;
  }
  const latest = runsBetween(
    schedule,
    endsOn,
    nextRunAt > beforeGrace ? nextRunAt : beforeGrace,
    now,
    MAX_RUNS_PER_PLAN,
  );
  recent.push(...latest.runs);
  truncated ||= latest.truncated;
  const quiet = (dueAt: Date): PlannedRun => ({
    dueAt,
    send: false,
    reason: QUIET_REASON(quietStage ?? ""),
  });
  const runs: PlannedRun[] = [
    ...older.map((dueAt) => (quietStage ? quiet(dueAt) : { dueAt, send: false, reason: MISSED_REASON })),
    ...recent.map((dueAt, index): PlannedRun => {
      if (quietStage) return quiet(dueAt);
      if (index < recent.length - 1) return { dueAt, send: false, reason: SUPERSEDED_REASON };
      return { dueAt, send: true };
    }),
  ];
  const [next] = nextRuns(schedule, now, 1, endsOn);
  return { runs, nextRunAt: next ?? null, truncated };
}

export const ANSWER_LABEL: Record<CheckInAnswerKind, string> = {
  update: "update",
  lesson: "lesson learned",
  meeting: "meeting proposal",
  nothing_new: "nothing new this time",
};

export const STATUS_LABEL: Record<CheckInStatus, string> = {
  active: "active",
  paused: "paused",
  cancelled: "cancelled",
  ended: "ended",
};

/** A stored check-in's schedule, as the schedule math reads it. */
export function scheduleOf(checkIn: {
  cadence: CheckInCadence;
  cron: string;
  timezone: string;
  anchorOn: Date | null;
}): Schedule {
  return {
    cadence: checkIn.cadence,
    cron: checkIn.cron,
    timezone: checkIn.timezone,
    ...(checkIn.anchorOn ? { anchorOn: checkIn.anchorOn.toISOString().slice(0, 10) } : {}),
  };
}
