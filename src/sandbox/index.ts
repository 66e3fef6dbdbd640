/**
 * The local sandbox: the real app, a local Slack that answers like Slack, and a page that plays
 * the workspace, all on 127.0.0.1. The app is started by the caller (the composition root) with the
 * settings made up here, so it runs exactly as it would against Slack.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Config, SandboxConfig } from "../config.js";
import type { Logger } from "../logger.js";
import { loadDemoTender } from "./demo.js";
import { startSandboxServer } from "./server/index.js";
import { type FakeSlack, startFakeSlack } from "./slack/index.js";
import { SlackRequests } from "./slack/requests.js";
import { BUYER, seedWorkspace } from "./workspace.js";

/** What the sandbox needs of the running app. */
export interface SandboxedApp {
  port: number;
  caughtUp(timeoutMs?: number): Promise<boolean>;
  stop(): Promise<void>;
}

export interface SandboxOptions {
  config: SandboxConfig;
  logger: Logger;
  /** Starts the app with these settings, listening on `host` only. */
  startApp: (config: Config, host: string) => Promise<SandboxedApp>;
  /** How often the workspace is written to disk when it changed; default 2 s. */
  saveEveryMs?: number;
}

export interface Sandbox {
  /** The page's address, e.g. http://127.0.0.1:3000/ */
  url: string;
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";

/** Where the sandbox keeps its own database and workspace, apart from a real workspace's. */
function sandboxDataDir(dataDir: string): string {
  return join(dataDir, "sandbox");
}

async function restoredSlack(file: string, logger: Logger): Promise<FakeSlack> {
  const slack = await startFakeSlack({
    botToken: `xoxb-sandbox-${randomBytes(12).toString("hex")}`,
    teamId: BUYER.teamId,
    teamName: BUYER.name,
  });
  const saved = await readFile(file, "utf8").catch(() => undefined);
  if (saved !== undefined) {
    try {
      slack.restoreWorkspace(saved);
    } catch (error) {
      logger.warn({ err: error, file }, "the saved sandbox workspace could not be read; starting a new one");
    }
  }
  seedWorkspace(slack);
  return slack;
}

/** Writes the workspace when it changed, through a temporary file so a crash never leaves half of it. */
function keepWorkspace(slack: FakeSlack, file: string, everyMs: number, logger: Logger) {
  let written = "";
  let writing = Promise.resolve();
  const save = () => {
    writing = writing.then(async () => {
      const text = slack.saveWorkspace();
      if (text === written) return;
      await writeFile(`${file}.tmp`, text);
      await rename(`${file}.tmp`, file);
      written = text;
    });
    writing = writing.catch((error: unknown) =>
      logger.warn({ err: error, file }, "could not save the workspace"),
    );
    return writing;
  };
  const timer = setInterval(() => void save(), everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await save();
    },
  };
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { config, logger } = options;
  const folder = sandboxDataDir(config.DATA_DIR);
  await mkdir(folder, { recursive: true });
  const workspaceFile = join(folder, "workspace.json");
  const slack = await restoredSlack(workspaceFile, logger);
  const signingSecret = randomBytes(24).toString("hex");
  let app: SandboxedApp | undefined;
  try {
    app = await options.startApp(
      {
        ...config,
        DATA_DIR: join(folder, "database"),
        PORT: 0,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_APP_TOKEN: undefined,
        SLACK_API_URL: slack.apiUrl,
      },
      HOST,
    );
    const running = app;
    const requests = new SlackRequests({
      url: `http://${HOST}:${running.port}/slack/events`,
      signingSecret,
      teamId: BUYER.teamId,
      fake: slack,
    });
    const server = await startSandboxServer({
      slack,
      requests,
      app: running,
      port: config.PORT,
      logger,
      demo: async (actor, as) => {
        await loadDemoTender(actor, as);
      },
    });
    const keeper = keepWorkspace(slack, workspaceFile, options.saveEveryMs ?? 2_000, logger);
    return {
      url: server.url,
      async stop() {
        await server.close();
        await running.stop();
        await keeper.stop();
        await slack.close();
      },
    };
  } catch (error) {
    await app?.stop();
    await slack.close();
    throw error;
  }
}
