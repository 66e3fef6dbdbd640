import type { PrismaClient } from "../../src/db/client.js";

/**
 * Stores `count` seller replies in one requirement thread with one statement (a tender record of
 * 100,000 replies in seconds): every tenth a question, every hundredth edited, every thousandth
 * deleted; the texts about 150 characters long.
 */
export async function seedReplies(
  db: PrismaClient,
  thread: { requirementId: number; sellerId: number; channelId: string; threadTs: string },
  count: number,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "Reply" ("requirementId", "sellerId", "channelId", "ts", "threadTs", "userId", "userTeamId",
                         "authorName", "fromSeller", "kind", "text", "edited", "deleted", "createdAt", "updatedAt")
    SELECT ${thread.requirementId}, ${thread.sellerId}, ${thread.channelId}, (1800000000 + n)::text || '.000100',
           ${thread.threadTs}, 'U0SEEDED', 'T0SEEDED', 'Seeded Seller', true,
           (CASE WHEN n % 10 = 0 THEN 'question' ELSE 'comment' END)::"ReplyKind",
           'Seeded reply ' || n || ': ' || repeat('our field teams would use it offline ', 3),
           n % 100 = 0, n % 1000 = 0, now() - make_interval(secs => ${count} - n), now()
    FROM generate_series(1, ${count}) AS n`;
}
