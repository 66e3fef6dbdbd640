import { z } from "zod";

/** Where each setting comes from, shown when it is missing or malformed. */
const HOW_TO_GET = {
  SLACK_BOT_TOKEN:
    "create the Slack app from manifest.json (api.slack.com/apps → Create New App → From a manifest), " +
    "install it to your workspace, then copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions",
  SLACK_SIGNING_SECRET:
    "copy the Signing Secret from Basic Information → App Credentials of the app created from manifest.json " +
    "(or set SLACK_APP_TOKEN to use Socket Mode instead of a public URL)",
  SLACK_APP_TOKEN:
    "in Basic Information → App-Level Tokens, generate a token (xapp-…) with the connections:write scope, " +
    "and turn on Socket Mode in the app settings",
  SLACK_API_URL: "leave it unset to talk to Slack; set it only for GovSlack, a proxy or a test Slack API",
  PORT: "a TCP port number, e.g. 3000",
  DATABASE_URL:
    "a PostgreSQL URL such as postgresql://user@127.0.0.1:5432/tender_room, or leave it unset for the embedded database",
  DATA_DIR: "a folder for the embedded database, default ./data",
  LOG_LEVEL: "one of fatal, error, warn, info, debug, trace, silent",
  SCHEDULER_TICK_SECONDS: "a whole number of seconds from 1 to 60, default 15",
  CHECKIN_GRACE_HOURS: "a whole number of hours from 0 to 168, default 6",
  SANDBOX:
    "1 to open the local sandbox even with Slack or database settings, 0 or unset to decide by the Slack settings",
  NODE_ENV: "production refuses to open the sandbox when the Slack settings are missing",
} as const;

type Setting = keyof typeof HOW_TO_GET;

const schema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: "is missing" })
    .startsWith("xoxb-", "must be a bot token starting with xoxb-"),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith("xapp-", "must be an app-level token starting with xapp-")
    .optional(),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .transform((url) => (url.endsWith("/") ? url : `${url}/`))
    .optional(),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(0, "must be a port number")
    .max(65535, "must be a port number")
    .default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().default("./data"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "is not a log level" })
    .default("info"),
  SCHEDULER_TICK_SECONDS: z.coerce
    .number({ error: "must be a number of seconds" })
    .int("must be a whole number of seconds")
    .min(1, "must be at least 1 second")
    .max(60, "must be at most 60 seconds")
    .default(15),
  CHECKIN_GRACE_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .int("must be a whole number of hours")
    .min(0, "must not be negative")
    .max(168, "must be at most 168 hours (a week)")
    .default(6),
});

export type Config = z.infer<typeof schema>;

/** The Slack settings; with none of them set (and not in production) `npm start` opens the sandbox. */
const SLACK_SETTINGS = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"] as const;

/** Everything but the Slack settings, which the sandbox makes up for its local Slack. */
export type SandboxConfig = Omit<Config, (typeof SLACK_SETTINGS)[number] | "SLACK_API_URL">;

/** How `npm start` runs: against Slack, or as the local sandbox. */
export type Start = { mode: "slack"; config: Config } | { mode: "sandbox"; config: SandboxConfig };

const sandboxSchema = schema.omit({
  SLACK_BOT_TOKEN: true,
  SLACK_SIGNING_SECRET: true,
  SLACK_APP_TOKEN: true,
  SLACK_API_URL: true,
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Tender Room cannot start: its settings are incomplete.\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        "Set them in the environment (see README.md, Configuration).",
    );
    this.name = "ConfigError";
  }
}

// An empty variable counts as unset, as in most shells' `VAR=` lines.
function settingsIn(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(HOW_TO_GET).map((name) => [name, env[name]?.trim() || undefined]));
}

function problemsOf(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const message = issue.message === "Invalid input" ? "is malformed" : issue.message;
    const how = HOW_TO_GET[name as Setting];
    return how ? `${name} ${message}: ${how}.` : `${name} ${message}.`;
  });
}

/**
 * Decides how to run: `SANDBOX=1`, or no Slack setting at all outside production, opens the local
 * sandbox; otherwise the Slack settings must be complete (loadConfig names what is missing).
 */
export function loadStart(env: Record<string, string | undefined>): Start {
  const given = settingsIn(env);
  const sandbox = given.SANDBOX;
  if (sandbox !== undefined && !["1", "0", "true", "false"].includes(sandbox)) {
    throw new ConfigError([`SANDBOX must be 1 or 0: ${HOW_TO_GET.SANDBOX}.`]);
  }
  const noSlack = SLACK_SETTINGS.every((name) => given[name] === undefined);
  const wanted =
    sandbox === "1" ||
    sandbox === "true" ||
    (sandbox === undefined && noSlack && given.NODE_ENV !== "production");
  if (!wanted) return { mode: "slack", config: loadConfig(env) };
  const parsed = sandboxSchema.safeParse(given);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error.issues));
  // The sandbox prints its address alone; the app's own log lines are for who asks for them.
  const quiet = given.LOG_LEVEL === undefined ? { LOG_LEVEL: "warn" as const } : {};
  return { mode: "sandbox", config: { ...parsed.data, ...quiet } };
}

/** Parses the environment once; every problem is reported at once, with how to fix it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const given = settingsIn(env);
  const parsed = schema.safeParse(given);
  const problems = parsed.success ? [] : problemsOf(parsed.error.issues);
  // HTTP mode verifies every request with the signing secret; Socket Mode needs none.
  if (!given.SLACK_APP_TOKEN && !given.SLACK_SIGNING_SECRET) {
    problems.push(
      `SLACK_SIGNING_SECRET is missing (it is needed unless SLACK_APP_TOKEN selects Socket Mode): ${HOW_TO_GET.SLACK_SIGNING_SECRET}.`,
    );
  }
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new ConfigError(problems);
}
