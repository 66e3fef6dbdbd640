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
} as const;

type Setting = keyof typeof HOW_TO_GET;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const schema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: "is missing" })
    .trim()
    .min(1, "is missing")
    .startsWith("xoxb-", "must be a bot token starting with xoxb-"),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith("xapp-", "must be an app-level token starting with xapp-").optional(),
  ),
  SLACK_API_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .transform((url) => (url.endsWith("/") ? url : `${url}/`))
      .optional(),
  ),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(0)
    .max(65535)
    .default(3000),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
  ),
  DATA_DIR: optionalText.transform((value) => value ?? "./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Tender Room cannot start: its settings are incomplete.\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        "Set them in the environment (see README.md, Configuration).",
    );
    this.name = "ConfigError";
  }
}

/** Parses the environment once; every problem is reported at once, with how to fix it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  const issues: { name: string; message: string }[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        name: String(issue.path[0] ?? "environment"),
        message: issue.message === "Invalid input" ? "is malformed" : issue.message,
      }));
  // HTTP mode verifies every request with the signing secret; Socket Mode needs none.
  if (!env.SLACK_APP_TOKEN?.trim() && !env.SLACK_SIGNING_SECRET?.trim()) {
    issues.push({
      name: "SLACK_SIGNING_SECRET",
      message: "is missing (it is needed unless SLACK_APP_TOKEN selects Socket Mode)",
    });
  }
  if (parsed.success && issues.length === 0) return parsed.data;
  throw new ConfigError(
    issues.map(({ name, message }) => {
      const how = HOW_TO_GET[name as Setting];
      return how ? `${name} ${message}: ${how}.` : `${name} ${message}.`;
    }),
  );
}
