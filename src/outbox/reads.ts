import { type Db, Prisma } from "../db/client.js";
import type { DeliveryStatus } from "../generated/prisma/enums.js";
import type { Delivery, DeliveryKind } from "./kinds.js";

/**
 * What features may learn of the outbox: where a message stands, by its key or its kind. Only
 * src/outbox touches the Delivery table; everything else asks here.
 */
export interface DeliveryState {
  key: string;
  sellerId: number | null;
  channelId: string;
  status: DeliveryStatus;
  ts: string | null;
  lastError: string | null;
}

const stateSelect = {
  key: true,
  sellerId: true,
  channelId: true,
  status: true,
  ts: true,
  lastError: true,
} as const;

export async function deliveryState(db: Db, key: string): Promise<DeliveryState | undefined> {
  return (await db.delivery.findUnique({ where: { key }, select: stateSelect })) ?? undefined;
}

export async function deliveryStates(db: Db, keys: string[]): Promise<DeliveryState[]> {
  if (keys.length === 0) return [];
  return db.delivery.findMany({ where: { key: { in: keys } }, select: stateSelect, orderBy: { id: "asc" } });
}

/** The messages of a kind about one requirement, in the order they were queued. */
export async function requirementDeliveries(
  db: Db,
  kind: Pick<DeliveryKind, "name">,
  requirementId: number,
  statuses?: DeliveryStatus[],
): Promise<DeliveryState[]> {
  return db.delivery.findMany({
    where: { requirementId, kind: kind.name, ...(statuses ? { status: { in: statuses } } : {}) },
    select: stateSelect,
    orderBy: { id: "asc" },
  });
}

/** The message of `kind` that was posted as `ts` in `channelId`, with its payload. */
export async function sentMessage<P>(
  db: Db,
  kind: Pick<DeliveryKind<never, P>, "name" | "payloadOf">,
  message: { channelId: string; ts: string },
): Promise<{ sellerId: number | null; payload: P } | undefined> {
  // Asked for every message in a thread: a plain statement.
  const [row] = await db.$queryRaw<Pick<Delivery, "key" | "sellerId" | "payload">[]>`
    SELECT "key", "sellerId", "payload" FROM "Delivery"
    WHERE "channelId" = ${message.channelId} AND "ts" = ${message.ts} AND "kind" = ${kind.name}
    LIMIT 1`;
  return row ? { sellerId: row.sellerId, payload: kind.payloadOf(row) } : undefined;
}

/** Which of these keys are in the outbox already. */
export async function existingKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.delivery.findMany({ where: { key: { in: keys } }, select: { key: true } });
  return new Set(rows.map((row) => row.key));
}

/** A SQL condition for planning queries: no message with the key `key` (an SQL expression) is queued. */
export function notQueued(key: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."key" = ${key})`;
}

/** How many messages wait to be sent, per tender. */
export async function waitingPerTender(db: Db): Promise<Map<number, number>> {
  const rows = await db.delivery.groupBy({
    by: ["tenderId"],
    where: { status: "pending" },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.tenderId, row._count._all]));
}

/** How many messages wait to be sent now or within `withinMs` (a retry soon included). */
export async function pendingSoon(db: Db, withinMs: number, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + withinMs);
  return db.delivery.count({
    where: { status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lte: horizon } }] },
  });
}
