import { checkInRef, lessonRef } from "../../../kernel/refs.js";
import { column, type RecordContext, rowsOf, type SheetSpec } from "./sheet.js";

/** Seller names of a list of ids; an empty list is every seller of the tender at each run. */
function sellersNamed(context: RecordContext, sellerIds: number[], none: string): string {
  if (sellerIds.length === 0) return none;
  return sellerIds.map((id) => context.sellerName(id) ?? `seller ${id}`).join(", ");
}

/** Every check-in scheduled with the sellers. */
export const checkInsSheet: SheetSpec = {
  name: "Check-ins",
  columns: [
    column("Check-in", "text", 9),
    column("Cadence"),
    column("Schedule (cron)"),
    column("Time zone", "text", 18),
    column("Prompt", "text", 50),
    column("Sellers", "text", 30),
    column("Last day", "day"),
    column("Status"),
    column("Next run (UTC)", "moment", 18),
    column("By", "text", 20),
    column("Created (UTC)", "moment", 18),
  ],
  rows: (context) =>
    rowsOf(
      context.pageSize,
      (after, take) =>
        context.db.checkIn.findMany({
          where: { tenderId: context.tender.id, id: { gt: after } },
          select: {
            id: true,
            number: true,
            cadence: true,
            cron: true,
            timezone: true,
            prompt: true,
            sellerIds: true,
            endsOn: true,
            status: true,
            nextRunAt: true,
            createdBy: true,
            createdAt: true,
          },
          orderBy: { id: "asc" },
          take,
        }),
      async (checkIn) => [
        checkInRef(checkIn.number),
        checkIn.cadence,
        checkIn.cron,
        checkIn.timezone,
        checkIn.prompt,
        sellersNamed(context, checkIn.sellerIds, "every seller"),
        checkIn.endsOn,
        checkIn.status,
        checkIn.nextRunAt,
        await context.nameOf(checkIn.createdBy),
        checkIn.createdAt,
      ],
    ),
};

/** Every run of a check-in: sent to which sellers, or skipped and why. */
export const checkInRunsSheet: SheetSpec = {
  name: "Check-in runs",
  columns: [
    column("Run", "number", 8),
    column("Check-in", "text", 9),
    column("Due (UTC)", "moment", 18),
    column("Status"),
    column("Why skipped", "text", 30),
    column("Sent to", "text", 30),
    column("Digest (UTC)", "moment", 18),
  ],
  rows: (context) =>
    rowsOf(
      context.pageSize,
      (after, take) =>
        context.db.checkInOccurrence.findMany({
          where: { checkIn: { tenderId: context.tender.id }, id: { gt: after } },
          select: {
            id: true,
            dueAt: true,
            status: true,
            reason: true,
            sellerIds: true,
            digestAt: true,
            checkIn: { select: { number: true } },
          },
          orderBy: { id: "asc" },
          take,
        }),
      (run) => [
        run.id,
        checkInRef(run.checkIn.number),
        run.dueAt,
        run.status,
        run.reason,
        sellersNamed(context, run.sellerIds, "nobody"),
        run.digestAt,
      ],
    ),
};

/** Every seller's answer to a check-in run. */
export const checkInAnswersSheet: SheetSpec = {
  name: "Check-in answers",
  columns: [
    column("Run", "number", 8),
    column("Check-in", "text", 9),
    column("Seller", "text", 20),
    column("Kind"),
    column("Text", "text", 60),
    column("Lesson", "text", 8),
    column("Author", "text", 20),
    column("Answered (UTC)", "moment", 18),
  ],
  rows: (context) =>
    rowsOf(
      context.pageSize,
      (after, take) =>
        context.db.checkInAnswer.findMany({
          where: { occurrence: { checkIn: { tenderId: context.tender.id } }, id: { gt: after } },
          select: {
            id: true,
            sellerId: true,
            kind: true,
            text: true,
            lessonId: true,
            authorName: true,
            createdAt: true,
            occurrence: { select: { id: true, checkIn: { select: { number: true } } } },
          },
          orderBy: { id: "asc" },
          take,
        }),
      (answer) => [
        answer.occurrence.id,
        checkInRef(answer.occurrence.checkIn.number),
        context.sellerName(answer.sellerId),
        answer.kind,
        answer.text,
        answer.lessonId === null ? null : lessonRef(answer.lessonId),
        answer.authorName,
        answer.createdAt,
      ],
    ),
};
