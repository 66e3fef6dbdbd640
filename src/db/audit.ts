import type { Db, Prisma } from "./client.js";

export interface AuditEntry {
  tenderId?: number;
  actorUserId: string;
  action: string;
  detail?: Prisma.InputJsonObject;
}

/** Who did what, when: written in the same transaction as the change it describes. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      tenderId: entry.tenderId,
      actorUserId: entry.actorUserId,
      action: entry.action,
      detail: entry.detail ?? {},
    },
  });
}
