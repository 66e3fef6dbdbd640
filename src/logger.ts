import type { Writable } from "node:stream";
import { LogLevel, type Logger as SlackLogger } from "@slack/logger";
import { type Logger, pino } from "pino";

export type { Logger };

/** Slack tokens of every kind; they must never reach a log line. */
const TOKEN = /\b(xox[abposre]|xapp)-[A-Za-z0-9-]+/g;

export function scrubTokens(text: string): string {
  return text.replace(TOKEN, "$1-[redacted]");
}

export interface LoggerOptions {
  level: string;
  /** Where log lines go; standard output by default. */
  destination?: Pick<Writable, "write">;
}

export function createLogger({ level, destination = process.stdout }: LoggerOptions): Logger {
  // Scrubbing the serialised line catches tokens wherever they hide: messages, errors, request dumps.
  const scrubbed = { write: (line: string) => destination.write(scrubTokens(line)) };
  return pino({ level, base: { app: "tender-room" } }, scrubbed);
}

const SLACK_LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/** Bolt and the Web API client log through the app's logger. */
export function slackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: "slack" });
  const text = (parts: unknown[]) =>
    parts.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" ");
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    info: (...msg: unknown[]) => child.info(text(msg)),
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    setLevel: () => {},
    getLevel: () => SLACK_LEVELS[logger.level] ?? LogLevel.INFO,
    setName: () => {},
  };
}
