import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export interface SqlSession {
  /** Runs one or more statements without parameters. */
  exec(text: string): Promise<void>;
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

/** Hands out one connection for the duration of `work` (a transaction needs a single session). */
export interface SqlRunner {
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
}

const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/** Any fixed number: every instance of the app takes the same lock before migrating. */
const MIGRATION_LOCK_KEY = 72_220_911;

// The table Prisma keeps, so that `prisma migrate status|deploy` agree with what we applied.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(`${dir}/${name}/migration.sql`, "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/**
 * Applies the pending migrations in order, in one transaction, under an advisory lock so that
 * instances starting together migrate once. Returns the names it applied.
 */
export async function migrate(runner: SqlRunner, migrations: Migration[]): Promise<string[]> {
  return runner.withSession(async (session) => {
    await session.exec("BEGIN");
    try {
      await session.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
      await session.exec(CREATE_MIGRATIONS_TABLE);
      const rows = await session.query(
        `SELECT migration_name, checksum FROM "_prisma_migrations"
         WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const applied = new Map(rows.map((row) => [String(row.migration_name), String(row.checksum)]));
      const done: string[] = [];
      for (const migration of migrations) {
        const checksum = applied.get(migration.name);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) {
            throw new Error(
              `Migration ${migration.name} was changed after it was applied; add a new migration instead.`,
            );
          }
          continue;
        }
        const startedAt = new Date();
        await session.exec(migration.sql);
        await session.query(
          `INSERT INTO "_prisma_migrations"
             (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        done.push(migration.name);
      }
      await session.exec("COMMIT");
      return done;
    } catch (error) {
      await session.exec("ROLLBACK");
      throw error;
    }
  });
}
