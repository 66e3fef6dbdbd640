import { startTenderRoom } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { StartError } from "./slack/app.js";
import { describeSlackError, slackErrorCode } from "./slack/errors.js";

const STOP_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));

  let room: Awaited<ReturnType<typeof startTenderRoom>>;
  try {
    room = await startTenderRoom({ config, logger });
  } catch (error) {
    const why =
      error instanceof StartError
        ? `Slack refused ${error.setting}: ${describeSlackError(slackErrorCode(error.reason) ?? String(error.reason))}.`
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
