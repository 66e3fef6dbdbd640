import { lessonRef, requirementRef } from "../../../kernel/refs.js";
import type { CellValue } from "../domain.js";
import { column, flatRowsOf, type RecordContext, rowsOf, type SheetSpec } from "./sheet.js";

const readLessons = (context: RecordContext) => (after: number, take: number) =>
  context.db.lesson.findMany({
    where: { tenderId: context.tender.id, id: { gt: after } },
    select: {
      id: true,
      sellerId: true,
      authorName: true,
      organisation: true,
      title: true,
      situation: true,
      lesson: true,
      recommendation: true,
      impact: true,
      tags: true,
      createdAt: true,
      requirement: { select: { number: true } },
      applications: {
        select: {
          version: true,
          createdBy: true,
          createdAt: true,
          requirement: { select: { number: true } },
        },
        orderBy: [{ requirementId: "asc" }, { version: "asc" }],
      },
    },
    orderBy: { id: "asc" },
    take,
  });

/** Every lesson learned shared in the tender, from either side. */
export const lessonsSheet: SheetSpec = {
  name: "Lessons",
  columns: [
    column("Lesson", "text", 8),
    column("Title", "text", 40),
    column("Shared by", "text", 20),
    column("Organisation", "text", 20),
    column("Shared in", "text", 20),
    column("Requirement", "text", 12),
    column("Situation", "text", 50),
    column("What was learned", "text", 50),
    column("Recommendation", "text", 40),
    column("Expected impact", "text", 30),
    column("Tags", "text", 20),
    column("Shared (UTC)", "moment", 18),
  ],
  rows: (context) =>
    rowsOf(context.pageSize, readLessons(context), (lesson) => [
      lessonRef(lesson.id),
      lesson.title,
      lesson.authorName,
      lesson.organisation,
      lesson.sellerId === null ? "the buyer's team" : context.sellerName(lesson.sellerId),
      lesson.requirement ? requirementRef(lesson.requirement.number) : null,
      lesson.situation,
      lesson.lesson,
      lesson.recommendation,
      lesson.impact,
      lesson.tags.join(", ") || null,
      lesson.createdAt,
    ]),
};

/** Where each lesson improved a requirement: the version it was applied in. */
export const applicationsSheet: SheetSpec = {
  name: "Lesson applications",
  columns: [
    column("Lesson", "text", 8),
    column("Requirement", "text", 12),
    column("Version", "number", 8),
    column("Applied by", "text", 20),
    column("Applied (UTC)", "moment", 18),
  ],
  rows: (context) =>
    flatRowsOf(context.pageSize, readLessons(context), async (lesson) => {
      const rows: CellValue[][] = [];
      for (const use of lesson.applications) {
        rows.push([
          lessonRef(lesson.id),
          requirementRef(use.requirement.number),
          use.version,
          await context.nameOf(use.createdBy),
          use.createdAt,
        ]);
      }
      return rows;
    }),
};
