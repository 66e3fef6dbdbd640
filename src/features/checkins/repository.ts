import { type Db, Prisma } from "../../db/client.js";
import type { CheckInAnswerKind, CheckInCadence, CheckInStatus } from "../../generated/prisma/enums.js";

const checkInSelect = {
  id: true,
  tenderId: true,
  number: true,
  cadence: true,
  cron: true,
  anchorOn: true,
  timezone: true,
  prompt: true,
  sellerIds: true,
  endsOn: true,
  windowHours: true,
  status: true,
  nextRunAt: true,
  createdBy: true,
} as const;

export interface CheckIn {
  id: number;
  tenderId: number;
  number: number;
  cadence: CheckInCadence;
  cron: string;
  anchorOn: Date | null;
  timezone: string;
  prompt: string;
  sellerIds: number[];
  endsOn: Date | null;
  windowHours: number;
  status: CheckInStatus;
  nextRunAt: Date | null;
  createdBy: string;
}

/** Hands out the tender's next check-in number; concurrent callers get distinct numbers. */
export async function takeCheckInNumber(db: Db, tenderId: number): Promise<number> {
  const tender = await db.tender.update({
    where: { id: tenderId },
    data: { checkInSeq: { increment: 1 } },
    select: { checkInSeq: true },
  });
  return tender.checkInSeq;
}

export type NewCheckIn = Omit<CheckIn, "id" | "status">;

export async function insertCheckIn(db: Db, row: NewCheckIn): Promise<CheckIn> {
  return db.checkIn.create({ data: row, select: checkInSelect });
}

export async function findCheckIn(db: Db, tenderId: number, number: number): Promise<CheckIn | null> {
  return db.checkIn.findUnique({ where: { tenderId_number: { tenderId, number } }, select: checkInSelect });
}

export async function checkInsOf(db: Db, tenderId: number): Promise<CheckIn[]> {
  return db.checkIn.findMany({ where: { tenderId }, orderBy: { number: "asc" }, select: checkInSelect });
}

/** The active check-ins of these tenders whose next run comes before `until`, soonest first. */
export async function checkInsDueBefore(db: Db, tenderIds: number[], until: Date) {
  if (tenderIds.length === 0) return [];
  return db.checkIn.findMany({
    where: { tenderId: { in: tenderIds }, status: "active", nextRunAt: { lte: until } },
    select: { tenderId: true, number: true, nextRunAt: true },
    orderBy: [{ nextRunAt: "asc" }, { id: "asc" }],
  });
}

export async function setCheckInState(
  db: Db,
  id: number,
  state: { status: CheckInStatus; nextRunAt: Date | null },
): Promise<void> {
  await db.checkIn.update({ where: { id }, data: state });
}

/** Moves many check-ins on at once: one statement for a whole planned batch. */
export async function setCheckInStates(
  db: Db,
  states: { id: number; status: CheckInStatus; nextRunAt: Date | null }[],
): Promise<void> {
  if (states.length === 0) return;
  const rows = states.map(
    (state) => Prisma.sql`(${state.id}::int, ${state.status}::text, ${state.nextRunAt}::timestamp(3))`,
  );
  await db.$executeRaw`
    UPDATE "CheckIn" AS c
    SET "status" = v."status"::"CheckInStatus", "nextRunAt" = v."nextRunAt", "updatedAt" = now()
    FROM (VALUES ${Prisma.join(rows)}) AS v("id", "status", "nextRunAt")
    WHERE c."id" = v."id"`;
}

/**
 * Locks up to `limit` active check-ins that have a run due at `now`. SKIP LOCKED: an instance
 * planning at the same moment takes others, and never the same run twice.
 */
export async function lockDueCheckIns(db: Db, now: Date, limit: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "CheckIn"
    WHERE "status" = 'active' AND "nextRunAt" <= ${now}
    ORDER BY "nextRunAt", "id"
    LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`;
  return rows.map((row) => Number(row.id));
}

/** The locked check-ins with their tender's stage, channel and sellers. */
export async function checkInsToPlan(db: Db, ids: number[]) {
  return db.checkIn.findMany({
    where: { id: { in: ids } },
    orderBy: { id: "asc" },
    select: {
      ...checkInSelect,
      tender: {
        select: {
          number: true,
          title: true,
          stage: true,
          teamChannelId: true,
          sellers: {
            orderBy: { id: "asc" },
            select: { id: true, channelId: true, status: true, intent: true },
          },
        },
      },
    },
  });
}

export interface NewOccurrence {
  checkInId: number;
  dueAt: Date;
  status: "sent" | "skipped";
  reason?: string;
  sellerIds: number[];
  digestAt?: Date;
}

/** Records runs and returns those recorded now; a run recorded before is left alone. */
export async function insertOccurrences(db: Db, rows: NewOccurrence[]) {
  if (rows.length === 0) return [];
  return db.checkInOccurrence.createManyAndReturn({
    data: rows,
    skipDuplicates: true,
    select: { id: true, checkInId: true, dueAt: true, status: true, digestAt: true },
  });
}

const occurrenceSelect = {
  id: true,
  dueAt: true,
  status: true,
  sellerIds: true,
  digestAt: true,
  checkIn: {
    select: {
      ...checkInSelect,
      tender: {
        select: {
          id: true,
          number: true,
          title: true,
          stage: true,
          timezone: true,
          teamChannelId: true,
          sellers: {
            orderBy: { id: "asc" },
            select: { id: true, name: true, channelId: true, slackTeamId: true },
          },
        },
      },
    },
  },
} as const;

export async function findOccurrence(db: Db, id: number) {
  return db.checkInOccurrence.findUnique({ where: { id }, select: occurrenceSelect });
}

export type Occurrence = NonNullable<Awaited<ReturnType<typeof findOccurrence>>>;

export interface NewAnswer {
  occurrenceId: number;
  sellerId: number;
  kind: CheckInAnswerKind;
  text: string;
  lessonId?: number;
  userId: string;
  userTeamId: string;
  authorName: string;
  ts?: string;
}

export async function insertAnswer(db: Db, row: NewAnswer): Promise<{ id: number }> {
  return db.checkInAnswer.create({ data: row, select: { id: true } });
}

export async function answersOf(db: Db, occurrenceId: number) {
  return db.checkInAnswer.findMany({
    where: { occurrenceId },
    orderBy: { id: "asc" },
    select: {
      id: true,
      sellerId: true,
      kind: true,
      text: true,
      authorName: true,
      createdAt: true,
      lessonId: true,
    },
  });
}

export async function findAnswer(db: Db, id: number) {
  return db.checkInAnswer.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      text: true,
      authorName: true,
      sellerId: true,
      ts: true,
      occurrence: {
        select: { id: true, dueAt: true, checkIn: { select: { id: true, number: true, tenderId: true } } },
      },
    },
  });
}

/** The last occurrence of each check-in, for the list. */
export async function lastOccurrences(db: Db, checkInIds: number[]) {
  if (checkInIds.length === 0) return [];
  return db.checkInOccurrence.findMany({
    where: { checkInId: { in: checkInIds } },
    orderBy: { dueAt: "desc" },
    distinct: ["checkInId"],
    select: {
      checkInId: true,
      dueAt: true,
      status: true,
      reason: true,
      _count: { select: { answers: true } },
    },
  });
}

export async function answerWithTs(db: Db, occurrenceId: number, ts: string) {
  return db.checkInAnswer.findFirst({ where: { occurrenceId, ts }, select: { id: true } });
}
