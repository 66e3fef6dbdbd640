import { engagementOf } from "../../engagement/index.js";
import type { CellValue } from "../domain.js";
import { column, flatRowsOf, type RecordContext, rowsOf, type SheetSpec } from "./sheet.js";

/** Each change every seller is asked to acknowledge, one row per seller: who acknowledged it and when. */
export const acknowledgementsSheet: SheetSpec = {
  name: "Acknowledgements",
  columns: [
    column("Notice", "text", 30),
    column("Kind"),
    column("Seller", "text", 20),
    column("Status", "text", 12),
    column("Acknowledged by", "text", 20),
    column("Acknowledged (UTC)", "moment", 18),
    column("Asked (UTC)", "moment", 18),
  ],
  rows: (context) =>
    flatRowsOf(
      context.pageSize,
      (after, take) =>
        context.db.notice.findMany({
          where: { tenderId: context.tender.id, id: { gt: after } },
          select: {
            id: true,
            subject: true,
            kind: true,
            receipts: {
              select: { sellerId: true, acknowledgedBy: true, acknowledgedAt: true, createdAt: true },
              orderBy: { sellerId: "asc" },
            },
          },
          orderBy: { id: "asc" },
          take,
        }),
      async (notice) => {
        const rows: CellValue[][] = [];
        for (const receipt of notice.receipts) {
          rows.push([
            notice.subject,
            notice.kind,
            context.sellerName(receipt.sellerId),
            receipt.acknowledgedAt ? "acknowledged" : "pending",
            await context.nameOf(receipt.acknowledgedBy),
            receipt.acknowledgedAt,
            receipt.createdAt,
          ]);
        }
        return rows;
      },
    ),
};

/** How engaged each seller is, as the engagement feature counts it from what is stored. */
export const engagementSheet: SheetSpec = {
  name: "Engagement",
  columns: [
    column("Seller", "text", 20),
    column("Replies", "number", 9),
    column("Questions", "number", 10),
    column("Median hours to a first reply", "number", 12),
    column("Check-ins sent", "number", 10),
    column("Check-ins answered", "number", 10),
    column("Check-in answer rate", "percent", 10),
    column("Lessons shared", "number", 10),
    column("Lessons applied", "number", 10),
    column("Acknowledgements asked", "number", 12),
    column("Acknowledged on time", "number", 12),
  ],
  async *rows(context) {
    const figures = await engagementOf(context.db, context.tender.id);
    yield figures.map((seller) => [
      seller.name,
      seller.replies,
      seller.questions,
      seller.medianFirstReplyHours,
      seller.checkInsAsked,
      seller.checkInsAnswered,
      seller.checkInsAsked === 0 ? null : seller.checkInsAnswered / seller.checkInsAsked,
      seller.lessonsShared,
      seller.lessonsApplied,
      seller.acknowledgementsAsked,
      seller.acknowledgedOnTime,
    ]);
  },
};

/** Who did what, when: every audit event of the tender, oldest first. */
export const auditSheet: SheetSpec = {
  name: "Audit trail",
  columns: [
    column("Event", "number", 8),
    column("When (UTC)", "moment", 18),
    column("Who", "text", 20),
    column("Slack user", "text", 14),
    column("What", "text", 28),
    column("Details", "text", 60),
  ],
  rows: (context) =>
    rowsOf(
      context.pageSize,
      (after, take) =>
        context.db.auditEvent.findMany({
          where: { tenderId: context.tender.id, id: { gt: after } },
          select: { id: true, actorUserId: true, action: true, detail: true, createdAt: true },
          orderBy: { id: "asc" },
          take,
        }),
      async (event) => [
        event.id,
        event.createdAt,
        await context.nameOf(event.actorUserId),
        event.actorUserId,
        event.action,
        JSON.stringify(event.detail),
      ],
    ),
};

/** The newest audit events of the tender, newest first, for the summary. */
export async function latestAuditEvents(db: RecordContext["db"], tenderId: number, take: number) {
  return db.auditEvent.findMany({
    where: { tenderId },
    select: { actorUserId: true, action: true, createdAt: true },
    orderBy: { id: "desc" },
    take,
  });
}
