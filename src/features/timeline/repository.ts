import type { Db } from "../../db/client.js";
import type { TenderStage } from "../../generated/prisma/enums.js";
import { parseDay } from "../../slack/dates.js";
import type { KeyDays } from "./domain.js";

/** Moves the stage only if nobody moved it meanwhile; false when the tender had changed. */
export async function moveStage(
  db: Db,
  tenderId: number,
  from: TenderStage,
  to: TenderStage,
): Promise<boolean> {
  const { count } = await db.tender.updateMany({ where: { id: tenderId, stage: from }, data: { stage: to } });
  return count === 1;
}

function asDates(days: KeyDays) {
  const date = (day: string | null) => (day === null ? null : parseDay(day));
  return {
    questionsDueOn: date(days.questionsDueOn),
    proposalsDueOn: date(days.proposalsDueOn),
    awardPlannedOn: date(days.awardPlannedOn),
  };
}

/**
 * Sets the key dates only while the tender still has the dates the change was made from and is not
 * awarded or closed; false otherwise (changed meanwhile, or this change was saved already).
 */
export async function moveDates(db: Db, tenderId: number, from: KeyDays, to: KeyDays): Promise<boolean> {
  const { count } = await db.tender.updateMany({
    where: { id: tenderId, stage: { notIn: ["awarded", "closed"] }, ...asDates(from) },
    data: asDates(to),
  });
  return count === 1;
}

/**
 * The id of the tender's latest audit event of `action`: in the transaction that wrote it (the
 * guarded update above holds the tender's row), the change itself, which names what it announces.
 */
export async function latestChangeId(db: Db, tenderId: number, action: string): Promise<number> {
  const event = await db.auditEvent.findFirstOrThrow({
    where: { tenderId, action },
    select: { id: true },
    orderBy: { id: "desc" },
  });
  return event.id;
}

/** How the announcements name the tender, at the time they are sent. */
export async function headlineOf(db: Db, tenderId: number) {
  return db.tender.findUnique({ where: { id: tenderId }, select: { number: true, title: true } });
}
