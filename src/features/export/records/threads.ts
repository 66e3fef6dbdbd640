import type { Db } from "../../../db/client.js";
import { lessonRef, requirementRef } from "../../../kernel/refs.js";
import type { CellValue } from "../domain.js";
import { column, pages, type RecordContext, rowsOf, type SheetSpec } from "./sheet.js";

function requirementOf(context: RecordContext, requirementId: number): string | null {
  const number = context.requirements.get(requirementId);
  return number === undefined ? null : requirementRef(number);
}

/** Every version of every requirement, with what changed and what influenced it. */
export const requirementsSheet: SheetSpec = {
  name: "Requirements",
  columns: [
    column("Requirement", "text", 12),
    column("Version", "number", 8),
    column("Current version", "flag", 10),
    column("Status now"),
    column("Title", "text", 40),
    column("Details", "text", 60),
    column("Category"),
    column("Priority", "text", 10),
    column("Acceptance criteria", "text", 40),
    column("Input due", "day"),
    column("Change note", "text", 40),
    column("Influenced by replies", "text", 20),
    column("Lessons applied", "text", 16),
    column("By", "text", 20),
    column("Created (UTC)", "moment", 18),
  ],
  async *rows(context) {
    const { db, tender } = context;
    const read = (after: number, take: number) =>
      db.requirementRevision.findMany({
        where: { requirement: { tenderId: tender.id }, id: { gt: after } },
        select: {
          id: true,
          version: true,
          title: true,
          details: true,
          category: true,
          priority: true,
          acceptanceCriteria: true,
          inputDueOn: true,
          changeNote: true,
          createdBy: true,
          createdAt: true,
          requirement: { select: { id: true, number: true, status: true, version: true } },
          influences: { select: { replyId: true }, orderBy: { replyId: "asc" } },
        },
        orderBy: { id: "asc" },
        take,
      });
    for await (const page of pages(context.pageSize, read)) {
      const applied = await db.lessonApplication.findMany({
        where: { requirementId: { in: [...new Set(page.map((revision) => revision.requirement.id))] } },
        select: { lessonId: true, requirementId: true, version: true },
        orderBy: { lessonId: "asc" },
      });
      const rows: CellValue[][] = [];
      for (const revision of page) {
        const { requirement } = revision;
        const lessons = applied.filter(
          (use) => use.requirementId === requirement.id && use.version === revision.version,
        );
        rows.push([
          requirementRef(requirement.number),
          revision.version,
          revision.version === requirement.version,
          requirement.status,
          revision.title,
          revision.details,
          revision.category,
          revision.priority,
          revision.acceptanceCriteria,
          revision.inputDueOn,
          revision.changeNote,
          revision.influences.map((influence) => influence.replyId).join(", ") || null,
          lessons.map((use) => lessonRef(use.lessonId)).join(", ") || null,
          await context.nameOf(revision.createdBy),
          revision.createdAt,
        ]);
      }
      yield rows;
    }
  },
};

/** Every message in a requirement thread, the buyer's and the sellers', deleted ones marked. */
/**
 * One page of the tender's replies after id `after`, by its requirement ids rather than a join: the
 * longest read of the export (the benchmark's floor reads the same pages).
 */
export function repliesPage(db: Db, requirementIds: number[], after: number, take: number) {
  return db.reply.findMany({
    where: { requirementId: { in: requirementIds }, id: { gt: after } },
    select: {
      id: true,
      sellerId: true,
      authorName: true,
      fromSeller: true,
      kind: true,
      text: true,
      late: true,
      edited: true,
      deleted: true,
      answeredAt: true,
      createdAt: true,
      requirementId: true,
    },
    orderBy: { id: "asc" },
    take,
  });
}

export const repliesSheet: SheetSpec = {
  name: "Replies",
  columns: [
    column("Reply", "number", 8),
    column("Requirement", "text", 12),
    column("Seller's thread", "text", 20),
    column("Author", "text", 20),
    column("Organisation", "text", 20),
    column("Kind", "text", 11),
    column("Text", "text", 60),
    column("Late", "flag", 7),
    column("Edited", "flag", 7),
    column("Deleted", "flag", 7),
    column("Answered (UTC)", "moment", 18),
    column("Created (UTC)", "moment", 18),
  ],
  rows: (context: RecordContext) =>
    rowsOf(
      context.pageSize,
      (after, take) => repliesPage(context.db, [...context.requirements.keys()], after, take),
      (reply) => [
        reply.id,
        requirementOf(context, reply.requirementId),
        context.sellerName(reply.sellerId),
        reply.authorName,
        reply.fromSeller ? context.sellerName(reply.sellerId) : context.buyer,
        reply.kind,
        reply.text,
        reply.late,
        reply.edited,
        reply.deleted,
        reply.answeredAt,
        reply.createdAt,
      ],
    ),
};

/** The text each reply had before an edit. */
export const replyEditsSheet: SheetSpec = {
  name: "Reply edits",
  columns: [
    column("Reply", "number", 8),
    column("Requirement", "text", 12),
    column("Seller's thread", "text", 20),
    column("Text before the edit", "text", 60),
    column("Edited (UTC)", "moment", 18),
  ],
  rows: (context) =>
    rowsOf(
      context.pageSize,
      (after, take) =>
        context.db.replyEdit.findMany({
          where: { reply: { requirementId: { in: [...context.requirements.keys()] } }, id: { gt: after } },
          select: {
            id: true,
            replyId: true,
            text: true,
            editedAt: true,
            reply: { select: { sellerId: true, requirementId: true } },
          },
          orderBy: { id: "asc" },
          take,
        }),
      (edit) => [
        edit.replyId,
        requirementOf(context, edit.reply.requirementId),
        context.sellerName(edit.reply.sellerId),
        edit.text,
        edit.editedAt,
      ],
    ),
};

/** Every answer published to all sellers, the asker not named. */
export const clarificationsSheet: SheetSpec = {
  name: "Clarifications",
  columns: [
    column("Clarification", "number", 8),
    column("Requirement", "text", 12),
    column("Question", "text", 50),
    column("Answer", "text", 50),
    column("Answers reply", "number", 10),
    column("By", "text", 20),
    column("Published (UTC)", "moment", 18),
  ],
  rows: (context) =>
    rowsOf(
      context.pageSize,
      (after, take) =>
        context.db.clarification.findMany({
          where: { requirement: { tenderId: context.tender.id }, id: { gt: after } },
          select: {
            id: true,
            question: true,
            answer: true,
            replyId: true,
            createdBy: true,
            createdAt: true,
            requirement: { select: { number: true } },
          },
          orderBy: { id: "asc" },
          take,
        }),
      async (clarification) => [
        clarification.id,
        requirementRef(clarification.requirement.number),
        clarification.question,
        clarification.answer,
        clarification.replyId,
        await context.nameOf(clarification.createdBy),
        clarification.createdAt,
      ],
    ),
};
