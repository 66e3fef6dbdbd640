import { type Db, Prisma } from "../../db/client.js";

export interface NewLesson {
  tenderId: number;
  workKey?: string | null;
  sellerId: number | null;
  requirementId: number | null;
  authorUserId: string;
  authorTeamId: string;
  authorName: string;
  organisation: string;
  fromSeller: boolean;
  title: string;
  situation: string;
  lesson: string;
  recommendation: string | null;
  impact: string | null;
  tags: string[];
  channelId: string;
  threadTs: string | null;
  sourceChannelId: string | null;
  sourceTs: string | null;
  sourceLink: string | null;
}

export async function insertLesson(db: Db, row: NewLesson): Promise<{ id: number }> {
  return db.lesson.create({ data: { ...row, tagsText: row.tags.join(" ") }, select: { id: true } });
}

const lessonSelect = {
  id: true,
  tenderId: true,
  sellerId: true,
  authorName: true,
  organisation: true,
  fromSeller: true,
  title: true,
  situation: true,
  lesson: true,
  recommendation: true,
  impact: true,
  tags: true,
  channelId: true,
  sourceLink: true,
  createdAt: true,
  tender: { select: { number: true, title: true, teamChannelId: true } },
  requirement: { select: { number: true } },
  applications: {
    orderBy: { createdAt: "asc" },
    select: {
      version: true,
      requirement: { select: { number: true, tender: { select: { number: true } } } },
    },
  },
} as const;

/** A lesson with what its card and the search results show. */
export interface Lesson {
  id: number;
  tenderId: number;
  sellerId: number | null;
  authorName: string;
  organisation: string;
  fromSeller: boolean;
  title: string;
  situation: string;
  lesson: string;
  recommendation: string | null;
  impact: string | null;
  tags: string[];
  channelId: string;
  sourceLink: string | null;
  createdAt: Date;
  tender: { number: number; title: string; teamChannelId: string };
  requirement: { number: number } | null;
  applications: { version: number; requirement: { number: number; tender: { number: number } } }[];
}

export async function findLesson(db: Db, id: number): Promise<Lesson | null> {
  return db.lesson.findUnique({ where: { id }, select: lessonSelect });
}

/** The lessons with these ids, in the order given. */
export async function lessonsByIds(db: Db, ids: number[]): Promise<Lesson[]> {
  if (ids.length === 0) return [];
  const rows = await db.lesson.findMany({ where: { id: { in: ids } }, select: lessonSelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface LessonSearch {
  installationId: number;
  /** A seller sees only the lessons shared in its own channel. */
  sellerId?: number;
  /** Without words to search for: the latest lessons of this tender. */
  tenderId?: number;
  tenderNumber?: number;
  sellerName?: string;
  tag?: string;
  text: string;
  limit: number;
  offset: number;
}

/** `%`, `_` and `\` in a name are meant literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Lesson ids, best match first (ts_rank over the weighted search vector: a title match outranks a
 * match in the text), or newest first without words. Every value is a bound parameter.
 */
export async function searchLessonIds(db: Db, search: LessonSearch): Promise<number[]> {
  const conditions: Prisma.Sql[] = [Prisma.sql`t."installationId" = ${search.installationId}`];
  if (search.sellerId !== undefined) conditions.push(Prisma.sql`l."sellerId" = ${search.sellerId}`);
  if (search.tenderId !== undefined) conditions.push(Prisma.sql`l."tenderId" = ${search.tenderId}`);
  if (search.tenderNumber !== undefined) conditions.push(Prisma.sql`t."number" = ${search.tenderNumber}`);
  if (search.sellerName)
    conditions.push(
      Prisma.sql`(s."name" ILIKE ${likePattern(search.sellerName)} OR (l."fromSeller" AND l."organisation" ILIKE ${likePattern(search.sellerName)}))`,
    );
  if (search.tag) conditions.push(Prisma.sql`${search.tag} = ANY(l."tags")`);
  const where = Prisma.join(conditions, " AND ");
  const rows = search.text
    ? await db.$queryRaw<{ id: number }[]>`
        SELECT l."id"
        FROM "Lesson" l
        JOIN "Tender" t ON t."id" = l."tenderId"
        LEFT JOIN "Seller" s ON s."id" = l."sellerId"
        CROSS JOIN websearch_to_tsquery('english', ${search.text}) q
        WHERE ${where} AND l."search" @@ q
        ORDER BY ts_rank(l."search", q) DESC, l."id" DESC
        LIMIT ${search.limit} OFFSET ${search.offset}`
    : await db.$queryRaw<{ id: number }[]>`
        SELECT l."id"
        FROM "Lesson" l
        JOIN "Tender" t ON t."id" = l."tenderId"
        LEFT JOIN "Seller" s ON s."id" = l."sellerId"
        WHERE ${where}
        ORDER BY l."createdAt" DESC, l."id" DESC
        LIMIT ${search.limit} OFFSET ${search.offset}`;
  return rows.map((row) => Number(row.id));
}

/** Lessons linked to a requirement, newest first. */
export async function lessonIdsOfRequirement(
  db: Db,
  requirementId: number,
  limit: number,
): Promise<number[]> {
  const rows = await db.lesson.findMany({
    where: { requirementId },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** Of the given lessons, those of this workspace, with where a thank-you goes. */
export async function lessonsAmong(db: Db, installationId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db.lesson.findMany({
    where: { id: { in: ids }, tender: { installationId } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      tenderId: true,
      title: true,
      fromSeller: true,
      channelId: true,
      seller: { select: { id: true, channelId: true } },
    },
  });
}

export async function insertApplications(
  db: Db,
  rows: { lessonId: number; requirementId: number; version: number; createdBy: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.lessonApplication.createMany({ data: rows, skipDuplicates: true });
}

/** The lessons applied in each version of a requirement. */
export async function applicationsOf(db: Db, requirementId: number) {
  return db.lessonApplication.findMany({
    where: { requirementId },
    orderBy: [{ version: "asc" }, { lessonId: "asc" }],
    select: { version: true, lesson: { select: { id: true, title: true, organisation: true } } },
  });
}

/** A tender's open requirements with their current title, for the form's requirement menu. */
export async function openRequirementsOf(db: Db, tenderId: number, limit: number) {
  const rows = await db.requirement.findMany({
    where: { tenderId, status: "open" },
    orderBy: { number: "asc" },
    take: limit,
    select: {
      id: true,
      number: true,
      revisions: { orderBy: { version: "desc" }, take: 1, select: { title: true } },
    },
  });
  return rows.map((row) => ({ id: row.id, number: row.number, title: row.revisions[0]?.title ?? "" }));
}

export async function requirementOfTender(db: Db, requirementId: number, tenderId: number) {
  return db.requirement.findFirst({
    where: { id: requirementId, tenderId },
    select: { id: true, number: true, status: true },
  });
}
