import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_TOKEN, type Harness, PEOPLE, startHarness } from "../support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const base = () => `http://127.0.0.1:${h.room.port}`;

function commandBody(text: string): string {
  return new URLSearchParams({
    command: "/tender",
    text,
    user_id: PEOPLE.owner,
    channel_id: "C0GENERAL",
    team_id: "T0BUYER",
    response_url: h.fake.responseUrl(),
    trigger_id: "trigger-1",
  }).toString();
}

describe("the HTTP receiver", () => {
  it("answers GET /healthz while the database is up", async () => {
    const response = await fetch(`${base()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ok: true,
      db: "up",
      inbox: { kept: expect.any(Number), worked: expect.any(Number), keeping: 0, working: 0 },
    });
  });

  it("rejects a request with a wrong signature and does nothing", async () => {
    const response = await h.requests.send(commandBody("new Pumps"), "application/x-www-form-urlencoded", {
      signature: "v0=0000000000000000000000000000000000000000000000000000000000000000",
    });
    expect(response.status).toBe(401);
    await h.settle();
    expect(h.fake.calls("conversations.create")).toEqual([]);
  });

  it("rejects a correctly signed but stale request (replay)", async () => {
    const response = await h.requests.send(commandBody("new Pumps"), "application/x-www-form-urlencoded", {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(response.status).toBe(401);
    await h.settle();
    expect(await h.db.tender.count()).toBe(0);
  });

  it("rejects a correctly signed request dated more than five minutes ahead, and takes one a little ahead", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const ahead of [6 * 60, 365 * 24 * 60 * 60, 10 * 365 * 24 * 60 * 60]) {
      const response = await h.requests.send(commandBody("new Pumps"), "application/x-www-form-urlencoded", {
        timestamp: now + ahead,
      });
      expect(response.status).toBe(401);
    }
    await h.settle();
    expect(await h.db.tender.count()).toBe(0);
    const slightlyAhead = await h.requests.send(commandBody("help"), "application/x-www-form-urlencoded", {
      timestamp: now + 60,
    });
    expect(slightlyAhead.status).toBe(200);
  });

  it("rejects an unsigned request", async () => {
    const response = await h.requests.send(commandBody("help"), "application/x-www-form-urlencoded", {
      unsigned: true,
    });
    expect(response.status).toBe(401);
  });

  it("answers Slack's URL verification", async () => {
    const response = await h.requests.urlVerification("challenge-123");
    expect(response.status).toBe(200);
    expect(response.body).toContain("challenge-123");
  });

  it("never writes a token into its logs, even at debug level", async () => {
    await h.command("new Logged tender");
    h.fake.failNext("chat.postMessage", "invalid_auth");
    await h.command("new Another tender");
    const logs = h.logs.join("");
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toMatch(/xoxb-1111/);
  });
});

describe("when the database is gone", () => {
  it("reports 503 on /healthz and tells the person instead of crashing", async () => {
    const other = await startHarness();
    try {
      await other.testDatabase.goDown();
      const health = await fetch(`http://127.0.0.1:${other.room.port}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, db: "down" });
      const { replies } = await other.command("status T-1");
      expect(replies).toEqual([
        "Something went wrong on Tender Room's side and it could not finish. It has been logged; please try again.",
      ]);
    } finally {
      await other.close();
    }
  });
});
