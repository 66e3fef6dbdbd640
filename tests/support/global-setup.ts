import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/client.js";
import { migrate, readMigrations } from "../../src/db/migrate.js";
import { adminUrl, databaseUrl, testDatabaseKind } from "./database-kind.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** An initialised, migrated embedded data dir that each test file copies. */
    pgliteTemplateDir: string;
    /** A migrated PostgreSQL database that each test file clones. */
    postgresTemplate: string;
  }
}

/**
 * Prepares one migrated database for the whole run, so test files clone it instead of running
 * initdb and the migrations each time.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (testDatabaseKind() === "postgres") {
    const template = `tender_room_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${template}"`);
    const database = await openDatabase({ databaseUrl: databaseUrl(template) });
    await migrate(database.sql, await readMigrations());
    await database.close();
    project.provide("postgresTemplate", template);
    project.provide("pgliteTemplateDir", "");
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = await mkdtemp(join(tmpdir(), "tender-room-template-"));
  const dataDir = join(dir, "data");
  const database = await openDatabase({ dataDir });
  await migrate(database.sql, await readMigrations());
  await database.close();
  project.provide("pgliteTemplateDir", dataDir);
  project.provide("postgresTemplate", "");
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
