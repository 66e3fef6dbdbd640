/**
 * The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) on the data
 * folder, served over the PostgreSQL wire protocol on a Unix socket, so that the app's thread only
 * speaks the protocol and never waits on a query's work.
 */
import { rm } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedWorkerInput {
  dataDir: string;
  socketPath: string;
  maxConnections: number;
  /** PostgreSQL settings, one `name = value` each. */
  settings: string[];
}

export type EmbeddedWorkerMessage = { ready: true } | { failed: string } | { stopped: true };

async function serve(input: EmbeddedWorkerInput, port: NonNullable<typeof parentPort>): Promise<void> {
  const db = await PGlite.create({ dataDir: input.dataDir, postgresqlconf: input.settings });
  // A socket file left by a thread that died is in the way; nothing listens on it any more.
  await rm(input.socketPath, { force: true });
  const server = new PGLiteSocketServer({ db, path: input.socketPath, maxConnections: input.maxConnections });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  port.once("message", async () => {
    await server.stop();
    await db.close();
    port.postMessage({ stopped: true } satisfies EmbeddedWorkerMessage);
    port.close();
  });
  port.postMessage({ ready: true } satisfies EmbeddedWorkerMessage);
}

const port = parentPort;
if (port) {
  serve(workerData as EmbeddedWorkerInput, port).catch((error: unknown) => {
    port.postMessage({
      failed: error instanceof Error ? error.message : String(error),
    } satisfies EmbeddedWorkerMessage);
    port.close();
  });
}
