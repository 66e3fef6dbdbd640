import { type Db, Prisma } from "../db/client.js";
import type { Delivery, NewDelivery } from "./kinds.js";

export type { Delivery };

/**
 * Adds messages to the outbox; a key already there is left as it is, so enqueueing is idempotent.
 * One statement (Prisma's createMany would wrap its insert in a transaction of its own).
 */
export async function enqueue(db: Db, deliveries: NewDelivery[]): Promise<number> {
  if (deliveries.length === 0) return 0;
  const rows = deliveries.map(
    (delivery) =>
      Prisma.sql`(${delivery.key}, ${delivery.kind}, ${delivery.tenderId}, ${delivery.requirementId ?? null}::int,
        ${delivery.sellerId ?? null}::int, ${delivery.channelId}, ${JSON.stringify(delivery.payload ?? {})}::jsonb,
        ${delivery.notBefore ?? null}::timestamp)`,
  );
  return db.$executeRaw`
    INSERT INTO "Delivery" ("key", "kind", "tenderId", "requirementId", "sellerId", "channelId", "payload", "leaseUntil")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("key") DO NOTHING`;
}

/**
 * Claims up to `limit` due rows for `leaseMs`: another dispatcher (or this one after a crash) sees
 * them again only when the lease has run out. SKIP LOCKED lets dispatchers claim side by side.
 * Channels take turns: every channel's oldest row comes before any channel's second (at most
 * `perChannel` each), so a channel with a long queue, paced at a message a second, never holds up
 * the others.
 */
export async function claimDue(
  db: Db,
  now: Date,
  limit: number,
  leaseMs: number,
  perChannel = limit,
): Promise<Delivery[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claimed = await db.$queryRaw<Delivery[]>`
    UPDATE "Delivery" SET "leaseUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "Delivery"
      WHERE "id" IN (
        SELECT "id" FROM (
          SELECT "id", row_number() OVER (PARTITION BY "channelId" ORDER BY "id") AS "turn"
          FROM "Delivery"
          WHERE "status" = 'pending' AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now})
        ) AS "queued"
        WHERE "turn" <= ${perChannel}
        ORDER BY "turn", "id"
        LIMIT ${limit}
      )
      AND "status" = 'pending' AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now})
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`;
  // RETURNING keeps no order: messages to one channel must go out in the order they were queued.
  return claimed.sort((a, b) => a.id - b.id);
}

/** Gives claimed rows back untouched: due again at once, the claim not counted as an attempt. */
export async function release(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delivery.updateMany({
    where: { id: { in: ids }, status: "pending" },
    data: { leaseUntil: null, attempts: { decrement: 1 } },
  });
}

/** On the path of every message sent: one plain statement, without reading the row back. */
export async function markSent(db: Db, id: number, ts: string | null, now: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "Delivery" SET "status" = 'sent', "ts" = ${ts}, "sentAt" = ${now}, "lastError" = NULL WHERE "id" = ${id}`;
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db.delivery.update({ where: { id }, data: { status: "failed", lastError: error, leaseUntil: null } });
}

export async function retryLater(db: Db, id: number, at: Date, error: string | null): Promise<void> {
  await db.delivery.update({ where: { id }, data: { leaseUntil: at, lastError: error } });
}

/** The next moment a pending row becomes due, to know when to look again. */
export async function nextDueAt(db: Db): Promise<Date | null | undefined> {
  const next = await db.delivery.findFirst({
    where: { status: "pending" },
    orderBy: [{ leaseUntil: { sort: "asc", nulls: "first" } }],
    select: { leaseUntil: true },
  });
  return next === null ? undefined : next.leaseUntil;
}
