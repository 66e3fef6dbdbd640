import type { Db } from "../../db/client.js";

const eventSelect = { id: true, actorUserId: true, action: true, detail: true, createdAt: true } as const;

/** One page of a tender's events, the latest first (by its (tender, time) index). */
export async function auditEvents(
  db: Db,
  tenderId: number,
  page: { since: Date | undefined; skip: number; take: number },
) {
  const where = { tenderId, ...(page.since ? { createdAt: { gte: page.since } } : {}) };
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      select: eventSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, events };
}

export type AuditEventRow = Awaited<ReturnType<typeof auditEvents>>["events"][number];
