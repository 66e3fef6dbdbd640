import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { EmbeddedDatabase } from "../../src/db/embedded.js";
import { adminUrl, databaseUrl, testDatabaseKind } from "./database-kind.js";

export interface TestDatabase {
  database: Database;
  /** On PostgreSQL: the database's URL, for more app instances on the same data. */
  url?: string;
  /** How a session of the test's own reaches the database (on either kind). */
  connection: pg.ClientConfig;
  /** Empties every table but the installation, as if the app had just been installed. */
  reset(): Promise<void>;
  /** Makes the database unreachable for the app, as an outage would. */
  goDown(): Promise<void>;
  /** Ends the outage: the app's next queries reach the database again. */
  goUp(): Promise<void>;
  close(): Promise<void>;
}

const TABLES = [
  '"AuditEvent"',
  '"NoticeReceipt"',
  '"Notice"',
  '"QuietAnswer"',
  '"Estimate"',
  '"EstimateSet"',
  '"MetricSuggestion"',
  '"RequirementMetric"',
  '"Metric"',
  '"CheckInAnswer"',
  '"CheckInOccurrence"',
  '"CheckIn"',
  '"Delivery"',
  '"LessonApplication"',
  '"Lesson"',
  '"Clarification"',
  '"RevisionInfluence"',
  '"ReplyEdit"',
  '"Reply"',
  '"RequirementPost"',
  '"RequirementRevision"',
  '"Requirement"',
  '"SellerInvite"',
  '"Seller"',
  '"TenderMember"',
  '"Tender"',
  '"InboxItem"',
  '"HomeView"',
];

/** A database of the test file's own, cloned from the run's migrated template. */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind() === "postgres") {
    const name = `tender_room_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("postgresTemplate")}"`);
    const database = await openDatabase({ databaseUrl: databaseUrl(name) });
    return {
      database,
      url: databaseUrl(name),
      connection: { connectionString: databaseUrl(name) },
      reset: () => truncate(database),
      async goDown() {
        await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [
          name,
        ]);
      },
      async goUp() {
        await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      },
      async close() {
        await database.close().catch(() => undefined);
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), "tender-room-test-"));
  await cp(inject("pgliteTemplateDir"), dir, { recursive: true });
  const embedded = await EmbeddedDatabase.start({ dataDir: dir });
  const database = await openDatabase({ embedded });
  return {
    database,
    connection: embedded.connection,
    reset: () => truncate(database),
    goDown: () => embedded.stop(),
    goUp: () => embedded.restart(),
    async close() {
      await database.close();
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function truncate(database: Database): Promise<void> {
  await database.prisma.$executeRawUnsafe(`TRUNCATE ${TABLES.join(", ")} RESTART IDENTITY CASCADE`);
  await database.prisma.installation.updateMany({ data: { tenderSeq: 0 } });
}
