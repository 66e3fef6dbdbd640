import { describe, expect, it } from "vitest";
import { createLogger, scrubTokens } from "../../src/logger.js";
import { echo, escapeText, liveMarkup, mentionChannel, mentionUser, truncate } from "../../src/slack/text.js";

const BOT_TOKEN = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
const USER_TOKEN = "xoxp-123456789012-123456789012-1234567890123-0123456789abcdef0123456789abcdef";
const APP_TOKEN = "xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef";
const TOKEN_TAILS = [BOT_TOKEN, USER_TOKEN, APP_TOKEN].map((token) => token.slice(5));

function memoryLogger(level = "trace") {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    destination: {
      write: (line: string) => {
        lines.push(line);
        return true;
      },
    },
  });
  return { logger, lines };
}

function expectNoToken(text: string): void {
  for (const tail of TOKEN_TAILS) expect(text).not.toContain(tail);
  expect(text).not.toMatch(/(xox[abposr]|xapp)-(?!\[redacted\])/);
}

describe("escapeText", () => {
  it("turns broadcasts, mentions and links into plain text", () => {
    expect(escapeText("<!channel> <!here> <@U123> <#C123> <https://evil.example|your bank>")).toBe(
      "&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;#C123&gt; &lt;https://evil.example|your bank&gt;",
    );
  });

  it("escapes ampersands first, so existing entities stay visible as typed", () => {
    expect(escapeText("R&D &lt;b&gt;")).toBe("R&amp;D &amp;lt;b&amp;gt;");
  });

  it("leaves no raw angle bracket behind", () => {
    const escaped = escapeText("a <<b>> c <!subteam^S1> >");
    expect(escaped).not.toMatch(/[<>]/);
  });

  it("leaves other text alone", () => {
    expect(escapeText("Plain *bold* _it_ `code` | “quotes” ü 😀")).toBe(
      "Plain *bold* _it_ `code` | “quotes” ü 😀",
    );
  });
});

describe("mentions", () => {
  it("stay Slack syntax, unlike escaped text", () => {
    expect(mentionUser("U123")).toBe("<@U123>");
    expect(mentionChannel("C123")).toBe("<#C123>");
  });
});

describe("liveMarkup", () => {
  it("turns only broadcast mentions into text", () => {
    expect(
      liveMarkup(
        "<!channel> <!here|here> <!everyone> <@U1> <#C1|x> <!subteam^S1|@ops> <https://a.example|a> :tada: &lt;!channel&gt;",
      ),
    ).toBe(
      "@channel @here @everyone <@U1> <#C1|x> <!subteam^S1|@ops> <https://a.example|a> :tada: &lt;!channel&gt;",
    );
  });
});

describe("echo", () => {
  it("repeats at most 80 characters, escaped", () => {
    expect(echo("<!channel>")).toBe("&lt;!channel&gt;");
    expect(echo("x".repeat(1_000)).length).toBeLessThanOrEqual(80);
  });
});

describe("truncate", () => {
  it("leaves text within the limit unchanged", () => {
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("abc", 10)).toBe("abc");
    expect(truncate("", 1)).toBe("");
  });

  it("cuts longer text to exactly the limit, marking the cut", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("x".repeat(5000), 3000)).toHaveLength(3000);
    expect(truncate("x".repeat(5000), 3000).endsWith("…")).toBe(true);
  });
});

describe("scrubTokens", () => {
  it("removes refresh tokens too", () => {
    expect(scrubTokens("refresh xoxe-1-My0xLTI3-abc123")).toBe("refresh xoxe-[redacted]");
  });

  it("removes bot, user and app-level tokens", () => {
    expect(scrubTokens(`bot ${BOT_TOKEN} user ${USER_TOKEN} app ${APP_TOKEN}.`)).toBe(
      "bot xoxb-[redacted] user xoxp-[redacted] app xapp-[redacted].",
    );
  });

  it("removes tokens inside headers, JSON and query strings", () => {
    expect(scrubTokens(`Authorization: Bearer ${BOT_TOKEN}`)).toBe("Authorization: Bearer xoxb-[redacted]");
    expect(scrubTokens(JSON.stringify({ token: USER_TOKEN }))).toBe('{"token":"xoxp-[redacted]"}');
    expect(scrubTokens(`https://slack.com/api/auth.test?token=${BOT_TOKEN}&x=1`)).toBe(
      "https://slack.com/api/auth.test?token=xoxb-[redacted]&x=1",
    );
  });

  it("removes every occurrence", () => {
    expect(scrubTokens(`${BOT_TOKEN} ${BOT_TOKEN}`)).toBe("xoxb-[redacted] xoxb-[redacted]");
  });

  it("leaves text without tokens alone", () => {
    const text = "Tender T-3 moved to proposal by <@U123>; xoxb alone is a word.";
    expect(scrubTokens(text)).toBe(text);
  });
});

describe("createLogger", () => {
  it("writes JSON lines naming the app", () => {
    const { logger, lines } = memoryLogger("info");
    logger.info({ tender: 3 }, "stage moved");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ app: "tender-room", tender: 3, msg: "stage moved" });
  });

  it("respects the level", () => {
    const { logger, lines } = memoryLogger("warn");
    logger.info("not shown");
    logger.warn("shown");
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(["shown"]);
  });

  it("never writes a token logged as a plain string", () => {
    const { logger, lines } = memoryLogger();
    logger.info(`calling Slack with ${BOT_TOKEN}`);
    logger.debug("%s and %s", USER_TOKEN, APP_TOKEN);
    expect(lines).toHaveLength(2);
    expectNoToken(lines.join(""));
    expect(JSON.parse(lines[0] ?? "").msg).toBe("calling Slack with xoxb-[redacted]");
  });

  it("never writes a token logged inside an object", () => {
    const { logger, lines } = memoryLogger();
    logger.info(
      {
        token: BOT_TOKEN,
        request: { headers: { authorization: `Bearer ${USER_TOKEN}` }, body: [APP_TOKEN] },
      },
      "request",
    );
    expect(lines).toHaveLength(1);
    expectNoToken(lines.join(""));
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      token: "xoxb-[redacted]",
      request: { headers: { authorization: "Bearer xoxp-[redacted]" }, body: ["xapp-[redacted]"] },
    });
  });

  it("never writes a token carried by an error, its message or its stack", () => {
    const { logger, lines } = memoryLogger();
    const error = Object.assign(new Error(`invalid_auth for ${BOT_TOKEN}`), { data: { token: USER_TOKEN } });
    logger.error({ err: error }, "Slack refused");
    logger.error(new Error(`app token ${APP_TOKEN} rejected`));
    expect(lines).toHaveLength(2);
    expectNoToken(lines.join(""));
    const first = JSON.parse(lines[0] ?? "");
    expect(first.err.message).toBe("invalid_auth for xoxb-[redacted]");
    expect(first.err.stack).toContain("invalid_auth for xoxb-[redacted]");
  });

  it("never writes a token in a child logger's bindings", () => {
    const { logger, lines } = memoryLogger();
    logger.child({ token: BOT_TOKEN }).info("child");
    expectNoToken(lines.join(""));
    expect(lines).toHaveLength(1);
  });
});

describe("truncate on escaped text", () => {
  it("never leaves half an emoji, entity or mention", () => {
    expect(truncate("ab😀cd", 4)).toBe("ab…");
    expect(truncate("ab &lt;!channel&gt;", 6)).toBe("ab …");
    expect(truncate("see <#C0123456789> now", 10)).toBe("see …");
    expect(truncate("short", 10)).toBe("short");
  });
});
