import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Logger } from "../logger.js";
import type { EmbeddedWorkerInput, EmbeddedWorkerMessage } from "./embedded-worker.js";

/** The port in the socket's name; PostgreSQL clients find a Unix socket as `<dir>/.s.PGSQL.<port>`. */
const SOCKET_PORT = 5432;
/** Opening a new data folder (initdb) takes a few seconds; this is far beyond it. */
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const RESTART_FIRST_MS = 500;
const RESTART_MAX_MS = 30_000;
const LOCK_FILE = "tender-room.pid";

/**
 * PostgreSQL settings for the embedded database. PostgreSQL's default 128 MB of shared buffers is
 * resident in the app's memory from the start; the data a tender room works on fits in far less,
 * and the operating system caches the files behind it.
 */
const SETTINGS = ["shared_buffers = 16MB"];

export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another Tender Room (process ${pid}) uses the database folder ${dataDir}. Stop it first, or set ` +
        `DATA_DIR to another folder. If no such process runs, delete ${join(dataDir, LOCK_FILE)}.`,
    );
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The data folders this process has open. */
const heldHere = new Set<string>();

/**
 * Two databases on one data folder would corrupt it: the folder names the process that has it, and
 * a process that died (even by kill -9) leaves it free.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  if (heldHere.has(dataDir)) throw new DataDirInUse(dataDir, process.pid);
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  const holder = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
  if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
    throw new DataDirInUse(dataDir, holder);
  }
  heldHere.add(dataDir);
  await writeFile(file, `${process.pid}\n`);
  return async () => {
    heldHere.delete(dataDir);
    await rm(file, { force: true });
  };
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  /** Connections the database serves at once (its work runs one statement at a time). */
  maxConnections?: number;
  logger?: Logger;
}

/**
 * The embedded database, running on a thread of its own and served on a private Unix socket. When
 * the thread dies it is started again; the app's connections see an outage in between.
 */
export class EmbeddedDatabase {
  private worker: Worker | undefined;
  private stopping = false;
  private restartDelayMs = RESTART_FIRST_MS;
  private restartTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly input: EmbeddedWorkerInput,
    /** The folder of the socket, which is what PostgreSQL clients take as `host`. */
    readonly socketDir: string,
    private unlock: () => Promise<void>,
    private readonly logger: Logger | undefined,
  ) {}

  static async start(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
    const dataDir = resolve(options.dataDir);
    const unlock = await lockDataDir(dataDir);
    // A private folder (0700) keeps the socket, which asks no password, to this user.
    const socketDir = await mkdtemp(join(tmpdir(), "tender-room-db-"));
    const input: EmbeddedWorkerInput = {
      dataDir,
      socketPath: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
      maxConnections: options.maxConnections ?? 16,
      settings: SETTINGS,
    };
    const database = new EmbeddedDatabase(input, socketDir, unlock, options.logger);
    try {
      // Creating a database (initdb) takes hundreds of megabytes that a thread of its own gives back.
      if (!existsSync(join(dataDir, "PG_VERSION"))) {
        await database.run();
        await database.stopThread();
      }
      await database.run();
    } catch (error) {
      await rm(socketDir, { recursive: true, force: true });
      await unlock();
      throw error;
    }
    return database;
  }

  /** What a `pg` client needs to connect. */
  get connection(): { host: string; port: number; user: string; database: string } {
    return { host: this.socketDir, port: SOCKET_PORT, user: "postgres", database: "postgres" };
  }

  /** Stops the thread; the data folder is left consistent and free for the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.stopThread();
    await rm(this.socketDir, { recursive: true, force: true });
    await this.unlock();
  }

  private async stopThread(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await stopWorker(worker);
  }

  /** Starts the database again after `stop`, on the same socket (an outage ends). */
  async restart(): Promise<void> {
    if (this.worker) return;
    this.stopping = false;
    await mkdir(this.socketDir, { recursive: true, mode: 0o700 });
    this.unlock = await lockDataDir(this.input.dataDir);
    await this.run();
  }

  private async run(): Promise<void> {
    const worker = startWorker(this.input);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`the embedded database did not open within ${START_TIMEOUT_MS / 1000} s`));
      }, START_TIMEOUT_MS);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("exit", onExit);
        worker.off("error", onError);
        if (error) reject(error);
        else resolve();
      };
      const onMessage = (message: EmbeddedWorkerMessage) => {
        if ("ready" in message) settle();
        if ("failed" in message) {
          void worker.terminate();
          settle(
            new Error(`the embedded database in ${this.input.dataDir} could not open: ${message.failed}`),
          );
        }
      };
      const onError = (error: Error) => settle(error);
      const onExit = (code: number) => settle(new Error(`the embedded database stopped on start (${code})`));
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
    });
    this.worker = worker;
    this.restartDelayMs = RESTART_FIRST_MS;
    worker.on("error", (error) => this.logger?.error({ err: error }, "the embedded database failed"));
    worker.once("exit", (code) => {
      if (this.stopping || this.worker !== worker) return;
      this.worker = undefined;
      this.logger?.error({ code }, "the embedded database stopped; starting it again");
      this.scheduleRestart();
    });
  }

  private scheduleRestart(): void {
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(delay * 2, RESTART_MAX_MS);
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      this.run().catch((error: unknown) => {
        this.logger?.error({ err: error }, "the embedded database could not start again");
        this.scheduleRestart();
      });
    }, delay);
  }
}

/**
 * Runs from the compiled `.js` in production. From source (tests, tsx) the thread registers the
 * TypeScript loader itself first: Node 20 does not hand a worker the loader of its parent.
 */
/** The thread's work is in WebAssembly memory; its JavaScript needs little room for new objects. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

function startWorker(input: EmbeddedWorkerInput): Worker {
  if (!import.meta.url.endsWith(".ts")) {
    return new Worker(new URL("./embedded-worker.js", import.meta.url), {
      workerData: input,
      resourceLimits: WORKER_LIMITS,
    });
  }
  const loader = tsxLoaderUrl();
  const entry = new URL("./embedded-worker.ts", import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(loader)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
    workerData: input,
    resourceLimits: WORKER_LIMITS,
  });
}

/** tsx's ESM registration, as its package exports it to `import`. */
function tsxLoaderUrl(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const { exports } = JSON.parse(readFileSync(manifest, "utf8")) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = exports["./esm/api"]?.import.default;
  if (!api) throw new Error("tsx does not export its ESM API");
  return new URL(api, pathToFileURL(manifest)).href;
}

async function stopWorker(worker: Worker): Promise<void> {
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const stopped = new Promise<void>((resolve) =>
    worker.on("message", (message: EmbeddedWorkerMessage) => {
      if ("stopped" in message) resolve();
    }),
  );
  worker.postMessage("stop");
  const timeout = new Promise<"timeout">((resolve) =>
    setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS).unref(),
  );
  if ((await Promise.race([stopped.then(() => exited), exited, timeout])) === "timeout")
    await worker.terminate();
}
