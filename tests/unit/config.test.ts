import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadStart } from "../../src/config.js";

/** A complete HTTP-mode environment. */
const HTTP_ENV = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "0123456789abcdef" };
/** A complete Socket Mode environment. */
const SOCKET_ENV = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_APP_TOKEN: "xapp-1-A1-2-def" };

function refusal(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected the settings to be refused");
}

/** The problems, each cut to "<NAME> <what is wrong>", without the advice on how to fix it. */
function problems(env: Record<string, string | undefined>): string[] {
  return refusal(env).problems.map((problem) => problem.split(": ")[0] ?? problem);
}

describe("loadConfig", () => {
  it("reads a complete HTTP-mode environment with defaults for the rest", () => {
    expect(loadConfig(HTTP_ENV)).toEqual({
      SLACK_BOT_TOKEN: "xoxb-1-2-abc",
      SLACK_SIGNING_SECRET: "0123456789abcdef",
      PORT: 3000,
      DATA_DIR: "./data",
      LOG_LEVEL: "info",
      SCHEDULER_TICK_SECONDS: 15,
      CHECKIN_GRACE_HOURS: 6,
    });
  });

  it("reads the scheduler's tick and the check-in grace period, and refuses values out of range", () => {
    expect(loadConfig({ ...HTTP_ENV, SCHEDULER_TICK_SECONDS: "1", CHECKIN_GRACE_HOURS: "0" })).toMatchObject({
      SCHEDULER_TICK_SECONDS: 1,
      CHECKIN_GRACE_HOURS: 0,
    });
    expect(problems({ ...HTTP_ENV, SCHEDULER_TICK_SECONDS: "90", CHECKIN_GRACE_HOURS: "-1" })).toEqual([
      "SCHEDULER_TICK_SECONDS must be at most 60 seconds",
      "CHECKIN_GRACE_HOURS must not be negative",
    ]);
    expect(problems({ ...HTTP_ENV, SCHEDULER_TICK_SECONDS: "soon" })).toEqual([
      "SCHEDULER_TICK_SECONDS must be a number of seconds",
    ]);
  });

  it("reports both missing Slack settings at once and says how to get them", () => {
    const error = refusal({});
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ConfigError");
    expect(error.problems).toHaveLength(2);
    const [bot, secret] = error.problems;
    expect(bot).toMatch(/^SLACK_BOT_TOKEN is missing: /);
    expect(bot).toContain("manifest.json");
    expect(bot).toContain("Bot User OAuth Token");
    expect(secret).toMatch(/^SLACK_SIGNING_SECRET is missing/);
    expect(secret).toContain("manifest.json");
    expect(secret).toContain("SLACK_APP_TOKEN");
    expect(error.message).toContain("SLACK_BOT_TOKEN");
    expect(error.message).toContain("SLACK_SIGNING_SECRET");
    expect(error.message).toContain("manifest.json");
    expect(error.message).toContain("README.md");
  });

  it("lists each problem on a line of its own in the message", () => {
    const error = refusal({});
    for (const problem of error.problems) {
      expect(error.message.split("\n")).toContain(`  - ${problem}`);
    }
  });

  it("treats blank Slack settings as missing", () => {
    const found = problems({ SLACK_BOT_TOKEN: "  ", SLACK_SIGNING_SECRET: " ", SLACK_APP_TOKEN: "" });
    expect(found[0]).toBe("SLACK_BOT_TOKEN is missing");
    expect(found).toContain(
      "SLACK_SIGNING_SECRET is missing (it is needed unless SLACK_APP_TOKEN selects Socket Mode)",
    );
    expect(found.filter((problem) => problem.startsWith("SLACK_APP_TOKEN"))).toEqual([]);
    expect(found.filter((problem) => problem.startsWith("SLACK_BOT_TOKEN"))).toHaveLength(1);
  });

  it("treats an empty port or log level as unset", () => {
    expect(loadConfig({ ...HTTP_ENV, PORT: "", LOG_LEVEL: " " })).toMatchObject({
      PORT: 3000,
      LOG_LEVEL: "info",
    });
  });

  it("names the log levels once when the level is wrong", () => {
    const [problem] = refusal({ ...HTTP_ENV, LOG_LEVEL: "loud" }).problems;
    expect(problem).toBe(
      "LOG_LEVEL is not a log level: one of fatal, error, warn, info, debug, trace, silent.",
    );
  });

  it("refuses a user token as the bot token, without repeating the token", () => {
    const error = refusal({ ...HTTP_ENV, SLACK_BOT_TOKEN: "xoxp-1-2-secretvalue" });
    expect(error.problems.map((problem) => problem.split(": ")[0])).toEqual([
      "SLACK_BOT_TOKEN must be a bot token starting with xoxb-",
    ]);
    expect(error.message).not.toContain("secretvalue");
  });

  it("trims the bot token", () => {
    expect(loadConfig({ ...HTTP_ENV, SLACK_BOT_TOKEN: "  xoxb-1-2-abc\n" }).SLACK_BOT_TOKEN).toBe(
      "xoxb-1-2-abc",
    );
  });

  it("needs no signing secret in Socket Mode", () => {
    expect(loadConfig(SOCKET_ENV)).toEqual({
      SLACK_BOT_TOKEN: "xoxb-1-2-abc",
      SLACK_APP_TOKEN: "xapp-1-A1-2-def",
      PORT: 3000,
      DATA_DIR: "./data",
      LOG_LEVEL: "info",
      SCHEDULER_TICK_SECONDS: 15,
      CHECKIN_GRACE_HOURS: 6,
    });
  });

  it("refuses an app token that is not an app-level token", () => {
    expect(problems({ ...SOCKET_ENV, SLACK_APP_TOKEN: "xoxb-1-2-abc" })).toEqual([
      "SLACK_APP_TOKEN must be an app-level token starting with xapp-",
    ]);
    expect(refusal({ ...SOCKET_ENV, SLACK_APP_TOKEN: "xoxb-1-2-abc" }).problems[0]).toContain(
      "connections:write",
    );
  });

  it("refuses a port that is not a number", () => {
    expect(problems({ ...HTTP_ENV, PORT: "abc" })).toEqual(["PORT must be a port number"]);
  });

  it("refuses a fractional port and one out of range", () => {
    expect(problems({ ...HTTP_ENV, PORT: "3000.5" })).toEqual(["PORT must be a whole number"]);
    expect(refusal({ ...HTTP_ENV, PORT: "65536" }).problems).toHaveLength(1);
    expect(refusal({ ...HTTP_ENV, PORT: "-1" }).problems).toHaveLength(1);
  });

  it("reads the port as a number", () => {
    expect(loadConfig({ ...HTTP_ENV, PORT: "8080" }).PORT).toBe(8080);
    expect(loadConfig({ ...HTTP_ENV, PORT: "65535" }).PORT).toBe(65535);
  });

  it("adds a trailing slash to the Slack API URL", () => {
    expect(loadConfig({ ...HTTP_ENV, SLACK_API_URL: "http://127.0.0.1:9000/api" }).SLACK_API_URL).toBe(
      "http://127.0.0.1:9000/api/",
    );
    expect(loadConfig({ ...HTTP_ENV, SLACK_API_URL: "https://slack-gov.com/api/" }).SLACK_API_URL).toBe(
      "https://slack-gov.com/api/",
    );
  });

  it("refuses a Slack API URL that is not an http(s) URL", () => {
    for (const url of ["not a url", "ftp://files.example.com/api", "slack.com/api"]) {
      expect(problems({ ...HTTP_ENV, SLACK_API_URL: url }), url).toEqual([
        "SLACK_API_URL must be an http(s) URL",
      ]);
    }
  });

  it("treats an empty Slack API URL as unset", () => {
    expect(loadConfig({ ...HTTP_ENV, SLACK_API_URL: "" }).SLACK_API_URL).toBeUndefined();
  });

  it("accepts postgres:// and postgresql:// database URLs", () => {
    for (const url of ["postgres://u@db:5432/tender_room", "postgresql://u:p@127.0.0.1/tender_room"]) {
      expect(loadConfig({ ...HTTP_ENV, DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
  });

  it("refuses other database URLs, without repeating them", () => {
    for (const url of ["mysql://u:hunter2@db/tender_room", "file:./dev.db", "db.example.com"]) {
      const error = refusal({ ...HTTP_ENV, DATABASE_URL: url });
      expect(
        error.problems.map((problem) => problem.split(": ")[0]),
        url,
      ).toEqual(["DATABASE_URL must be a postgresql:// URL"]);
      expect(error.message).not.toContain("hunter2");
    }
  });

  it("treats an empty database URL as unset", () => {
    expect(loadConfig({ ...HTTP_ENV, DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    expect(loadConfig({ ...HTTP_ENV, DATABASE_URL: "   " }).DATABASE_URL).toBeUndefined();
  });

  it("keeps the embedded database in ./data unless told otherwise", () => {
    expect(loadConfig(HTTP_ENV).DATA_DIR).toBe("./data");
    expect(loadConfig({ ...HTTP_ENV, DATA_DIR: "" }).DATA_DIR).toBe("./data");
    expect(loadConfig({ ...HTTP_ENV, DATA_DIR: " /var/lib/tender-room " }).DATA_DIR).toBe(
      "/var/lib/tender-room",
    );
  });

  it("accepts the known log levels only", () => {
    for (const level of ["fatal", "error", "warn", "info", "debug", "trace", "silent"]) {
      expect(loadConfig({ ...HTTP_ENV, LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    }
    const error = refusal({ ...HTTP_ENV, LOG_LEVEL: "verbose" });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^LOG_LEVEL /);
    expect(error.problems[0]).toContain("one of fatal, error, warn, info, debug, trace, silent");
  });

  it("reports every problem at once", () => {
    expect(
      problems({
        SLACK_BOT_TOKEN: "xoxp-1",
        SLACK_API_URL: "nope",
        PORT: "abc",
        DATABASE_URL: "mysql://db",
      }),
    ).toEqual([
      "SLACK_BOT_TOKEN must be a bot token starting with xoxb-",
      "SLACK_API_URL must be an http(s) URL",
      "PORT must be a port number",
      "DATABASE_URL must be a postgresql:// URL",
      "SLACK_SIGNING_SECRET is missing (it is needed unless SLACK_APP_TOKEN selects Socket Mode)",
    ]);
  });
});

describe("loadStart", () => {
  it("opens the sandbox when no Slack setting is set, quieter unless LOG_LEVEL says otherwise", () => {
    expect(loadStart({})).toEqual({
      mode: "sandbox",
      config: {
        PORT: 3000,
        DATA_DIR: "./data",
        LOG_LEVEL: "warn",
        SCHEDULER_TICK_SECONDS: 15,
        CHECKIN_GRACE_HOURS: 6,
      },
    });
    expect(loadStart({ LOG_LEVEL: "debug", PORT: "0" })).toMatchObject({
      mode: "sandbox",
      config: { LOG_LEVEL: "debug", PORT: 0 },
    });
  });

  it("runs against Slack with complete Slack settings, and names what is missing with only some", () => {
    expect(loadStart(HTTP_ENV)).toMatchObject({ mode: "slack", config: HTTP_ENV });
    expect(() => loadStart({ SLACK_BOT_TOKEN: "xoxb-1-2-abc" })).toThrow(/SLACK_SIGNING_SECRET is missing/);
    expect(() => loadStart({ SLACK_SIGNING_SECRET: "secret" })).toThrow(/SLACK_BOT_TOKEN is missing/);
  });

  it("never opens the sandbox by itself in production", () => {
    expect(() => loadStart({ NODE_ENV: "production" })).toThrow(/SLACK_BOT_TOKEN is missing/);
  });

  it("opens the sandbox with SANDBOX=1 whatever else is set, and refuses other values of SANDBOX", () => {
    const forced = loadStart({ ...HTTP_ENV, SANDBOX: "1", DATABASE_URL: "postgresql://u@127.0.0.1/db" });
    expect(forced).toMatchObject({
      mode: "sandbox",
      config: { DATABASE_URL: "postgresql://u@127.0.0.1/db" },
    });
    expect(forced.config).not.toHaveProperty("SLACK_BOT_TOKEN");
    expect(loadStart({ ...HTTP_ENV, SANDBOX: "0" }).mode).toBe("slack");
    expect(() => loadStart({ SANDBOX: "yes" })).toThrow(/SANDBOX must be 1 or 0/);
    expect(() => loadStart({ SANDBOX: "1", PORT: "http" })).toThrow(/PORT must be a port number/);
  });
});
