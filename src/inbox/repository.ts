import { type Db, Prisma } from "../db/client.js";
import type { InboxItem } from "../generated/prisma/client.js";

export type { InboxItem };

export interface NewItem {
  key: string;
  kind: string;
  lane: string;
  body: Prisma.InputJsonObject;
}

/**
 * Keeps an item: one statement. With `leaseMs` the item is this instance's to work at once;
 * without, it waits for a claim. Null when the key was kept before.
 */
export async function keep(db: Db, item: NewItem, leaseMs: number | undefined): Promise<number | null> {
  const leaseUntil = leaseMs === undefined ? null : new Date(Date.now() + leaseMs);
  const rows = await db.$queryRaw<{ id: number }[]>`
    INSERT INTO "InboxItem" ("key", "kind", "lane", "body", "leaseUntil", "attempts")
    VALUES (${item.key}, ${item.kind}, ${item.lane}, ${JSON.stringify(item.body)}::jsonb, ${leaseUntil},
            ${leaseMs === undefined ? 0 : 1})
    ON CONFLICT ("key") DO NOTHING
    RETURNING "id"`;
  return rows[0] ? Number(rows[0].id) : null;
}

/**
 * Slack delivered again what is kept already. When that item failed its last attempt and waits for
 * a retry, it is this instance's to work now; otherwise (done, or being worked) nothing is to do.
 */
export async function reclaimWaiting(db: Db, key: string, leaseMs: number): Promise<InboxItem | null> {
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await db.$queryRaw<InboxItem[]>`
    UPDATE "InboxItem" SET "leaseUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
    WHERE "key" = ${key} AND "status" = 'pending'
      AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now} OR "lastError" IS NOT NULL)
    RETURNING *`;
  return rows[0] ?? null;
}

/**
 * Claims up to `limit` items due at `now` for `leaseMs`. Interactions come before events (a person
 * waits for them), and lanes take turns: each lane's oldest item before any lane's second, at most
 * `perLane` of one lane, so one busy channel never holds up the others.
 */
export async function claimDue(
  db: Db,
  now: Date,
  limit: number,
  leaseMs: number,
  perLane: number,
): Promise<InboxItem[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claimed = await db.$queryRaw<InboxItem[]>`
    UPDATE "InboxItem" SET "leaseUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "InboxItem"
      WHERE "id" IN (
        SELECT "id" FROM (
          SELECT "id", "kind", row_number() OVER (PARTITION BY "lane" ORDER BY "id") AS "turn"
          FROM "InboxItem"
          WHERE "status" = 'pending' AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now})
        ) AS "queued"
        WHERE "turn" <= ${perLane}
        ORDER BY ("kind" = 'event'), "turn", "id"
        LIMIT ${limit}
      )
      AND "status" = 'pending' AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now})
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`;
  // RETURNING keeps no order: items of one lane are worked in the order they came.
  return claimed.sort((a, b) => a.id - b.id);
}

export async function markDone(db: Db, id: number): Promise<void> {
  await db.$executeRaw`
    UPDATE "InboxItem" SET "status" = 'done', "doneAt" = ${new Date()}, "leaseUntil" = NULL, "lastError" = NULL
    WHERE "id" = ${id}`;
}

export async function retryLater(db: Db, id: number, at: Date, error: string): Promise<void> {
  await db.$executeRaw`UPDATE "InboxItem" SET "leaseUntil" = ${at}, "lastError" = ${error} WHERE "id" = ${id}`;
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "InboxItem" SET "status" = 'failed', "leaseUntil" = NULL, "lastError" = ${error} WHERE "id" = ${id}`;
}

/** Gives items back untouched, e.g. when stopping before working them. */
export async function release(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.$executeRaw`
    UPDATE "InboxItem" SET "leaseUntil" = NULL, "attempts" = "attempts" - 1
    WHERE "id" IN (${Prisma.join(ids)}) AND "status" = 'pending'`;
}

/** Slack redelivers for at most a few hours; older worked items only take space. */
export async function forgetWorked(db: Db, before: Date): Promise<number> {
  return db.$executeRaw`DELETE FROM "InboxItem" WHERE "status" = 'done' AND "receivedAt" < ${before}`;
}
