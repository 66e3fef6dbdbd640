import { startTenderRoom } from "./app.js";
import { type Config, ConfigError, loadStart, type SandboxConfig } from "./config.js";
import { createLogger, type Logger } from "./logger.js";
import { startSandbox } from "./sandbox/index.js";
import { StartError } from "./slack/app.js";
import { describeSlackError, slackErrorCode } from "./slack/errors.js";

const STOP_DEADLINE_MS = 10_000;

const CONNECT_SLACK =
  "set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) to connect a real Slack workspace instead";

async function runSandbox(config: SandboxConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const sandbox = await startSandbox({
    config,
    logger,
    startApp: (appConfig: Config, host: string) => startTenderRoom({ config: appConfig, logger, host }),
  });
  process.stdout.write(`Tender Room sandbox: ${sandbox.url} (a local Slack workspace; ${CONNECT_SLACK})\n`);
  return sandbox;
}

async function main(): Promise<void> {
  let start: ReturnType<typeof loadStart>;
  try {
    start = loadStart(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const { config } = start;
  const logger = createLogger({ level: config.LOG_LEVEL });
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));

  let room: { stop(): Promise<void> };
  try {
    room =
      start.mode === "sandbox"
        ? await runSandbox(start.config, logger)
        : await startTenderRoom({ config: start.config, logger });
  } catch (error) {
    const why =
      error instanceof StartError
        ? `Slack refused ${error.setting}: ${describeSlackError(slackErrorCode(error.reason) ?? String(error.reason))}.`
        : (error as { code?: unknown }).code === "EADDRINUSE"
          ? `Port ${config.PORT} is taken by another program: set PORT to a free port.`
          : String(error);
    logger.fatal({ err: error }, "Tender Room could not start");
    process.stderr.write(`Tender Room could not start. ${why}\n`);
    process.exit(1);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    const deadline = setTimeout(() => {
      logger.error("could not stop in time; exiting");
      process.exit(1);
    }, STOP_DEADLINE_MS);
    deadline.unref();
    await room.stop();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

await main();
