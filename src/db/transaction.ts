import type { Db, Prisma, PrismaClient } from "./client.js";

/** What each open transaction runs once it has committed. */
const afterCommit = new WeakMap<Prisma.TransactionClient, (() => void)[]>();

/**
 * Runs `work` in one database transaction; what it asked for with `onCommit` runs after the
 * commit, never for a transaction that rolled back.
 */
export async function transaction<T>(
  db: PrismaClient,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  const callbacks: (() => void)[] = [];
  const result = await db.$transaction(async (tx) => {
    afterCommit.set(tx, callbacks);
    return work(tx);
  });
  for (const callback of callbacks) callback();
  return result;
}

function isTransaction(db: Db): db is Prisma.TransactionClient {
  return !("$transaction" in db);
}

/**
 * Runs `callback` once what `db` wrote is committed: at once outside a transaction, after the
 * commit inside one. A transaction must be opened with `transaction()` for this to know its end.
 */
export function onCommit(db: Db, callback: () => void): void {
  if (!isTransaction(db)) {
    callback();
    return;
  }
  const callbacks = afterCommit.get(db);
  if (!callbacks) throw new Error("onCommit needs a transaction opened with transaction() of src/db");
  callbacks.push(callback);
}
