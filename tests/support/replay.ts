import type { Harness } from "./harness.js";

/**
 * What a crash right after a form's use case leaves behind, then the restart: the latest
 * submission kept but not marked worked, its lease run out, worked again by the new instance.
 * Resolves with the submission's row id once everything has settled.
 */
export async function workLatestFormAgain(h: Harness): Promise<number> {
  const item = await h.db.inboxItem.findFirstOrThrow({ where: { kind: "form" }, orderBy: { id: "desc" } });
  await h.db.inboxItem.update({
    where: { id: item.id },
    data: { status: "pending", leaseUntil: new Date(Date.now() - 1_000) },
  });
  await h.restart();
  await h.settle();
  await h.outboxDrained();
  return item.id;
}
