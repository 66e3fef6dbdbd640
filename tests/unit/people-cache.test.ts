import { LogLevel, type Logger as SlackLogger, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { type FakeSlack, startFakeSlack } from "../../src/sandbox/slack/index.js";
import { SlackGateway } from "../../src/slack/gateway.js";
import { ChannelPacer } from "../../src/slack/pacer.js";
import { ExpiringCache } from "../../src/slack/people-cache.js";

describe("a cache that forgets", () => {
  it("gives back what it was told until the time runs out", () => {
    const cache = new ExpiringCache<string>(1_000, 10);
    cache.set("U1", "Sam", 0);
    expect(cache.get("U1", 999)).toBe("Sam");
    expect(cache.get("U1", 1_000)).toBeUndefined();
    // Once expired it is gone, not revived by an earlier clock.
    expect(cache.get("U1", 0)).toBeUndefined();
  });

  it("forgets the least recently used entry first when full", () => {
    const cache = new ExpiringCache<string>(60_000, 2);
    cache.set("U1", "Sam", 0);
    cache.set("U2", "Sue", 0);
    expect(cache.get("U1", 1)).toBe("Sam");
    cache.set("U3", "Pat", 2);
    expect(cache.get("U2", 3)).toBeUndefined();
    expect(cache.get("U1", 3)).toBe("Sam");
    expect(cache.get("U3", 3)).toBe("Pat");
  });

  it("remembers nothing with no time to keep it", () => {
    const cache = new ExpiringCache<string>(0, 10);
    cache.set("U1", "Sam", 0);
    expect(cache.get("U1", 0)).toBeUndefined();
  });
});

const quiet: SlackLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

describe("who a person is", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    fake.addUser({ id: "U_SAM", teamId: "T_SELLER", realName: "Sam Seller", tz: "Europe/Oslo" });
  });

  const gateway = (peopleCacheMs?: number) =>
    new SlackGateway(
      new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: quiet }),
      createLogger({ level: "silent" }),
      new ChannelPacer(0),
      peopleCacheMs,
    );

  it("asks Slack once while it remembers the person", async () => {
    const slack = gateway();
    const first = await slack.user("U_SAM");
    const again = await slack.user("U_SAM");
    expect(again).toEqual(first);
    expect(first).toMatchObject({ teamId: "T_SELLER", name: "Sam Seller", timezone: "Europe/Oslo" });
    expect(fake.calls("users.info")).toHaveLength(1);
  });

  it("asks every time when told to remember nothing, and does not remember a failure", async () => {
    const slack = gateway(0);
    await slack.user("U_SAM");
    await slack.user("U_SAM");
    expect(fake.calls("users.info")).toHaveLength(2);

    const remembering = gateway();
    await expect(remembering.user("U_NOBODY")).rejects.toThrow(/user_not_found/);
    fake.addUser({ id: "U_NOBODY", realName: "Now Known" });
    await expect(remembering.user("U_NOBODY")).resolves.toMatchObject({ name: "Now Known" });
  });
});
