import type { Db } from "../../db/client.js";

/** The person opened their Home: kept, so that it is published again when what it shows changes. */
export async function recordOpened(db: Db, viewer: { userId: string; teamId: string }, at: Date) {
  await db.homeView.upsert({
    where: { userId: viewer.userId },
    create: { userId: viewer.userId, teamId: viewer.teamId, openedAt: at },
    update: { teamId: viewer.teamId, openedAt: at },
  });
}

export async function markPublished(db: Db, userId: string, at: Date): Promise<void> {
  await db.homeView.updateMany({ where: { userId }, data: { publishedAt: at } });
}

export async function findHomeView(db: Db, userId: string) {
  return db.homeView.findUnique({ where: { userId }, select: { userId: true, teamId: true } });
}

/**
 * Whose Home shows a tender: its people and the people of its sellers' organisations, of those who
 * opened their Home. One statement, as it runs when each message about the tender is sent.
 */
export async function homesShowingTender(db: Db, tenderId: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ userId: string }[]>`
    SELECT h."userId" FROM "HomeView" h
    WHERE h."userId" IN (SELECT m."userId" FROM "TenderMember" m WHERE m."tenderId" = ${tenderId})
       OR h."teamId" IN (
         SELECT s."slackTeamId" FROM "Seller" s WHERE s."tenderId" = ${tenderId} AND s."slackTeamId" IS NOT NULL
       )
    ORDER BY h."userId"`;
  return rows.map((row) => row.userId);
}
