import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { Prisma, PrismaClient } from "../generated/prisma/client.js";
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
  | { dataDir: string }
  /** An embedded database opened by the caller, which also closes it (tests share one per worker). */
  | { pglite: PGlite };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ("databaseUrl" in target) return openPostgres(target.databaseUrl);
  const ownsInstance = !("pglite" in target);
  const pglite = "pglite" in target ? target.pglite : await PGlite.create({ dataDir: target.dataDir });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "embedded",
    prisma,
    // PGlite is a single session already.
    sql: {
      withSession: (work) =>
        work({
          exec: async (text) => {
            await pglite.exec(text);
          },
          query: async (text, params) => (await pglite.query<Record<string, unknown>>(text, params)).rows,
        }),
    },
    ping: () => ping(prisma),
    async close() {
      await prisma.$disconnect();
      if (ownsInstance) await pglite.close();
    },
  };
}

async function openPostgres(databaseUrl: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
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
