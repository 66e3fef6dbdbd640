import type { Db } from "../../db/client.js";
import { ACKNOWLEDGED_ON_TIME_DAYS, type SellerEngagement } from "./domain.js";

type Row = { [K in keyof SellerEngagement]: SellerEngagement[K] | bigint | string };

/**
 * Every figure of every seller of the tender, counted from the stored rows in one statement: each
 * part reads only the tender's own rows by their indexes (requirements by tender, replies by
 * requirement and seller, check-in runs by check-in, notices by tender), grouped per seller.
 */
export async function sellerEngagement(db: Db, tenderId: number): Promise<SellerEngagement[]> {
  const rows = await db.$queryRaw<Row[]>`
    WITH said AS (
      SELECT r."sellerId", count(*)::int AS "replies",
        (count(*) FILTER (WHERE r."kind" = 'question'))::int AS "questions"
      FROM "Requirement" q
      JOIN "Reply" r ON r."requirementId" = q."id" AND r."fromSeller" AND NOT r."deleted"
      WHERE q."tenderId" = ${tenderId}
      GROUP BY r."sellerId"
    ), first_reply AS (
      SELECT p."sellerId",
        GREATEST(0, EXTRACT(EPOCH FROM (min(r."createdAt") - p."createdAt")))::float8 / 3600 AS "hours"
      FROM "Requirement" q
      JOIN "RequirementPost" p ON p."requirementId" = q."id"
      JOIN "Reply" r ON r."requirementId" = p."requirementId" AND r."sellerId" = p."sellerId"
        AND r."fromSeller" AND NOT r."deleted"
      WHERE q."tenderId" = ${tenderId}
      GROUP BY p."id", p."sellerId", p."createdAt"
    ), reply_time AS (
      SELECT "sellerId", percentile_cont(0.5) WITHIN GROUP (ORDER BY "hours") AS "median"
      FROM first_reply GROUP BY "sellerId"
    ), runs AS (
      SELECT asked."sellerId", count(*)::int AS "asked",
        (count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM "CheckInAnswer" a WHERE a."occurrenceId" = o."id" AND a."sellerId" = asked."sellerId"
        )))::int AS "answered"
      FROM "CheckIn" c
      JOIN "CheckInOccurrence" o ON o."checkInId" = c."id" AND o."status" = 'sent'
      CROSS JOIN LATERAL unnest(o."sellerIds") AS asked("sellerId")
      WHERE c."tenderId" = ${tenderId}
      GROUP BY asked."sellerId"
    ), shared AS (
      SELECT l."sellerId", count(*)::int AS "shared",
        (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "LessonApplication" x WHERE x."lessonId" = l."id")))::int
          AS "applied"
      FROM "Lesson" l
      WHERE l."tenderId" = ${tenderId} AND l."sellerId" IS NOT NULL
      GROUP BY l."sellerId"
    ), acknowledged AS (
      SELECT t."sellerId", count(*)::int AS "asked",
        (count(*) FILTER (
          WHERE t."acknowledgedAt" <= t."createdAt" + make_interval(days => ${ACKNOWLEDGED_ON_TIME_DAYS}::int)
        ))::int AS "onTime"
      FROM "Notice" n
      JOIN "NoticeReceipt" t ON t."noticeId" = n."id"
      WHERE n."tenderId" = ${tenderId}
      GROUP BY t."sellerId"
    )
    SELECT s."id" AS "sellerId", s."name",
      COALESCE(said."replies", 0) AS "replies",
      COALESCE(said."questions", 0) AS "questions",
      reply_time."median" AS "medianFirstReplyHours",
      COALESCE(runs."asked", 0) AS "checkInsAsked",
      COALESCE(runs."answered", 0) AS "checkInsAnswered",
      COALESCE(shared."shared", 0) AS "lessonsShared",
      COALESCE(shared."applied", 0) AS "lessonsApplied",
      COALESCE(acknowledged."asked", 0) AS "acknowledgementsAsked",
      COALESCE(acknowledged."onTime", 0) AS "acknowledgedOnTime"
    FROM "Seller" s
    LEFT JOIN said ON said."sellerId" = s."id"
    LEFT JOIN reply_time ON reply_time."sellerId" = s."id"
    LEFT JOIN runs ON runs."sellerId" = s."id"
    LEFT JOIN shared ON shared."sellerId" = s."id"
    LEFT JOIN acknowledged ON acknowledged."sellerId" = s."id"
    WHERE s."tenderId" = ${tenderId}
    ORDER BY s."id"`;
  return rows.map((row) => ({
    sellerId: Number(row.sellerId),
    name: String(row.name),
    replies: Number(row.replies),
    questions: Number(row.questions),
    medianFirstReplyHours:
      row.medianFirstReplyHours === null ? null : Math.round(Number(row.medianFirstReplyHours) * 10) / 10,
    checkInsAsked: Number(row.checkInsAsked),
    checkInsAnswered: Number(row.checkInsAnswered),
    lessonsShared: Number(row.lessonsShared),
    lessonsApplied: Number(row.lessonsApplied),
    acknowledgementsAsked: Number(row.acknowledgementsAsked),
    acknowledgedOnTime: Number(row.acknowledgedOnTime),
  }));
}
