import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirInUse, EmbeddedDatabase } from "../../src/db/embedded.js";

let dir: string;
const started: EmbeddedDatabase[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tender-room-embedded-"));
});
afterEach(async () => {
  for (const database of started.splice(0)) await database.stop();
  await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<EmbeddedDatabase> {
  const database = await EmbeddedDatabase.start({ dataDir: dir });
  started.push(database);
  return database;
}

async function query(database: EmbeddedDatabase, text: string): Promise<unknown[]> {
  const client = new pg.Client(database.connection);
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe("the embedded database", () => {
  it("speaks PostgreSQL on a socket in a folder only this user can enter, and keeps the data", async () => {
    const database = await start();
    expect((await stat(database.socketDir)).mode & 0o777).toBe(0o700);
    await query(database, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");
    await database.stop();
    started.pop();
    const again = await start();
    expect(await query(again, "SELECT n FROM kept")).toEqual([{ n: 42 }]);
  });

  it("refuses a second start on the same folder, naming the process that has it", async () => {
    await start();
    const second = EmbeddedDatabase.start({ dataDir: dir });
    await expect(second).rejects.toBeInstanceOf(DataDirInUse);
    await expect(second).rejects.toThrow(`process ${process.pid}`);
  });

  it("takes over a folder whose process died without letting it go", async () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    await writeFile(join(dir, "tender-room.pid"), `${gone}\n`);
    const database = await start();
    expect(await query(database, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });

  it("starts its thread again when it died; a connection sees an outage in between", async () => {
    const database = await start();
    await query(database, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)");
    const pool = new pg.Pool({ ...database.connection, max: 1 });
    pool.on("error", () => {});
    try {
      expect((await pool.query("SELECT n FROM kept")).rows).toEqual([{ n: 7 }]);
      // The thread dies as it would on a fault in the database's WebAssembly.
      await (database as unknown as { worker: Worker }).worker.terminate();
      await expect(pool.query("SELECT n FROM kept")).rejects.toThrow();
      const deadline = Date.now() + 10_000;
      let rows: unknown[] | undefined;
      while (!rows && Date.now() < deadline) {
        rows = await pool.query("SELECT n FROM kept").then(
          (result) => result.rows,
          () => undefined,
        );
        if (!rows) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(rows).toEqual([{ n: 7 }]);
    } finally {
      await pool.end();
    }
  });
});
