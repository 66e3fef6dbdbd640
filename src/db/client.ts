import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { Logger } from "../logger.js";
import { EmbeddedDatabase } from "./embedded.js";
import type { SqlRunner } from "./migrate.js";

export { Prisma, PrismaClient };

/** What a repository needs: the client or a transaction of it. */
export type Db = PrismaClient | Prisma.TransactionClient;

export interface Database {
  readonly kind: "embedded" | "postgres";
  readonly prisma: PrismaClient;
  /** Plain SQL with multi-statement support, for the migrator. */
  readonly sql: SqlRunner;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { databaseUrl: string }
  /** The embedded database in this folder, started for the app and stopped with it. */
  | { dataDir: string; logger?: Logger }
  /** An embedded database started by the caller, who also stops it (tests share one per file). */
  | { embedded: EmbeddedDatabase };

/** Both databases are PostgreSQL on the wire: one driver, one adapter, one SQL dialect. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ("databaseUrl" in target) {
    return openPool("postgres", { connectionString: target.databaseUrl, max: 10 }, async () => {});
  }
  if ("embedded" in target) return openPool("embedded", embeddedPool(target.embedded), async () => {});
  const embedded = await EmbeddedDatabase.start({ dataDir: target.dataDir, logger: target.logger });
  return openPool("embedded", embeddedPool(embedded), () => embedded.stop());
}

/**
 * One connection: the embedded database runs one statement at a time in one session, and its
 * server interleaves the messages of concurrent connections' statements, which the extended query
 * protocol does not survive. Waiting for the connection is the database's queue, so it may wait
 * longer than for a pool's free connection.
 */
const embeddedPool = (embedded: EmbeddedDatabase): pg.PoolConfig => ({
  ...embedded.connection,
  max: 1,
  connectionTimeoutMillis: 30_000,
});

async function openPool(
  kind: Database["kind"],
  config: pg.PoolConfig,
  afterClose: () => Promise<void>,
): Promise<Database> {
  const pool = new pg.Pool({ connectionTimeoutMillis: 5_000, ...config });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind,
    prisma,
    sql: {
      withSession: async (work) => {
        const client = await pool.connect();
        try {
          return await work({
            exec: async (text) => {
              await client.query(text);
            },
            query: async (text, params) => (await client.query(text, params)).rows,
          });
        } finally {
          client.release();
        }
      },
    },
    ping: () => ping(prisma),
    async close() {
      await prisma.$disconnect();
      await pool.end();
      await afterClose();
    },
  };
}

async function ping(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
