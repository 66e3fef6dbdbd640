import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REQUIREMENT_FORM } from "../../src/features/requirements/ids.js";
import { FORM_NOT_KEPT } from "../../src/kernel/handlers.js";
import { type Harness, PEOPLE, startHarness } from "../support/harness.js";

/**
 * Nothing Slack was told 200 for is lost: what it sends is kept before it is answered, and worked
 * from the inbox; what could not be kept gets an error, so that Slack sends it again.
 */
let h: Harness;
beforeAll(async () => {
  // Small, so that a burst meets the limit of what the app takes in at once.
  h = await startHarness({}, { inbox: { maxKeeping: 4, maxWorking: 4 } });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
});

/** R-1 posted to one seller: the thread a seller's replies go to. */
async function thread() {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  await h.command("invite Acme people@acme.example", { channelId: tender.teamChannelId });
  await h.command("require Offline mode", { channelId: tender.teamChannelId });
  await h.outboxDrained();
  const post = await h.db.requirementPost.findFirstOrThrow();
  return { tender, post };
}

function sellerReply(post: { channelId: string; ts: string }, text: string) {
  const ts = h.fake.addMessage(post.channelId, { user: PEOPLE.seller, text, threadTs: post.ts });
  return {
    ts,
    event: {
      type: "message",
      channel: post.channelId,
      channel_type: "group",
      user: PEOPLE.seller,
      user_team: "T0SELLER",
      text,
      ts,
      thread_ts: post.ts,
    },
  };
}

describe("the inbox", () => {
  it("stores every reply of a burst Slack was told 200 for, redeliveries included, once", async () => {
    const { post } = await thread();
    const replies = Array.from({ length: 60 }, (_, i) => ({
      ...sellerReply(post, `Reply ${i}`),
      eventId: `Ev0BURST${i}`,
    }));
    const delivered = new Set<string>();
    const health = async () =>
      (await (await fetch(`http://127.0.0.1:${h.room.port}/healthz`)).json()) as {
        inbox: Record<string, number>;
      };
    const before = (await health()).inbox;
    let refused = 0;
    let again = 0;
    // Slack delivers; what was not answered 200 it delivers again, until it is. Some 200s are
    // delivered twice as well, as Slack does when an answer is slow.
    for (let round = 0; delivered.size < replies.length && round < 20; round++) {
      const answers = await Promise.all(
        replies
          .filter((reply) => !delivered.has(reply.eventId) || (round === 1 && reply.eventId.endsWith("7")))
          .map(async (reply) => ({
            reply,
            status: (
              await h.requests.event(reply.event, {
                eventId: reply.eventId,
                ...(round > 0 ? { retryNum: round } : {}),
              })
            ).status,
          })),
      );
      for (const { reply, status } of answers) {
        if (status === 200 && delivered.has(reply.eventId)) again++;
        if (status === 200) delivered.add(reply.eventId);
        else {
          expect(status).toBe(503);
          refused++;
        }
      }
    }
    await h.settle();
    // /healthz counts what this instance took in, refused and worked.
    const after = (await health()).inbox;
    expect({
      kept: (after.kept ?? 0) - (before.kept ?? 0),
      redelivered: (after.redelivered ?? 0) - (before.redelivered ?? 0),
      refused: (after.refused ?? 0) - (before.refused ?? 0),
      worked: (after.worked ?? 0) - (before.worked ?? 0),
      failed: (after.failed ?? 0) - (before.failed ?? 0),
    }).toEqual({ kept: replies.length, redelivered: again, refused, worked: replies.length, failed: 0 });
    expect(after).toMatchObject({ keeping: 0, working: 0 });
    const stored = await h.db.reply.findMany({ select: { ts: true } });
    expect(stored.map((reply) => reply.ts).sort()).toEqual(replies.map((reply) => reply.ts).sort());
    await h.outboxDrained();
    expect(await h.db.delivery.count({ where: { kind: "reply_mirror", status: "sent" } })).toBe(
      replies.length,
    );
  });

  it("works after a restart what an instance kept and could not work before it died", async () => {
    const { post } = await thread();
    const { ts, event } = sellerReply(post, "Kept, then the instance died");
    // What a crashed instance leaves: the item kept, its lease run out, nothing worked.
    await h.db.inboxItem.create({
      data: {
        key: "Ev0CRASHED",
        kind: "event",
        lane: post.channelId,
        body: { type: "event_callback", event_id: "Ev0CRASHED", team_id: "T0BUYER", event },
        attempts: 1,
        leaseUntil: new Date(Date.now() - 1_000),
      },
    });
    await h.restart();
    await h.settle();
    expect(await h.db.reply.count({ where: { ts } })).toBe(1);
    expect(await h.db.inboxItem.findUniqueOrThrow({ where: { key: "Ev0CRASHED" } })).toMatchObject({
      status: "done",
    });
  });

  it("does a command once, however often the same signed request arrives", async () => {
    await h.command("new Field service platform");
    const tender = await h.db.tender.findFirstOrThrow();
    const request = {
      text: "require Offline mode",
      userId: PEOPLE.owner,
      channelId: tender.teamChannelId,
      responseUrl: h.fake.responseUrl(),
      triggerId: "trigger-replayed",
    };
    for (let i = 0; i < 3; i++) expect((await h.requests.command(request)).status).toBe(200);
    await h.settle();
    expect(await h.db.requirement.count()).toBe(1);
  });

  it("keeps nothing of messages no feature acts on", async () => {
    const { post } = await thread();
    const before = await h.db.inboxItem.count();
    const top = h.fake.addMessage(post.channelId, { user: PEOPLE.seller, text: "Hello all" });
    const answer = await h.requests.event({
      type: "message",
      channel: post.channelId,
      user: PEOPLE.seller,
      text: "Hello all",
      ts: top,
    });
    expect(answer.status).toBe(200);
    await h.settle();
    expect(await h.db.inboxItem.count()).toBe(before);
  });
});

describe("the inbox when the database is slow or down", () => {
  const OUTAGE_MS = 30_000;
  const NOT_FINISHED =
    "Something went wrong on Tender Room's side and it could not finish. It has been logged; please try again.";

  it("through 30 s without a database, keeps every reply and command Slack was told 200 for once, refuses the rest, and stores their redelivery once", async () => {
    const { tender, post } = await thread();
    const replies: { event: Record<string, unknown>; eventId: string; text: string; status: number }[] = [];
    const commands: { title: string; status: number; responseUrl: string }[] = [];
    let arriving = true;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const replying = (async () => {
      for (let i = 0; arriving; i++) {
        const text = `Through the outage ${i}`;
        const { event } = sellerReply(post, text);
        const eventId = `Ev0OUTAGE${i}`;
        const answer = await h.requests.event(event, { eventId });
        replies.push({ event, eventId, text, status: answer.status });
        await pause(150);
      }
    })();
    const commanding = (async () => {
      for (let i = 0; arriving; i++) {
        const title = `Spare part ${i}`;
        const responseUrl = h.fake.responseUrl();
        const answer = await h.requests.command({
          text: `require ${title}`,
          userId: PEOPLE.owner,
          channelId: tender.teamChannelId,
          responseUrl,
        });
        commands.push({ title, status: answer.status, responseUrl });
        await pause(1_000);
      }
    })();
    await pause(1_500);
    await h.testDatabase.goDown();
    try {
      await pause(OUTAGE_MS);
    } finally {
      await h.testDatabase.goUp();
    }
    await pause(2_000);
    arriving = false;
    await Promise.all([replying, commanding]);

    const refused = replies.filter((reply) => reply.status !== 200);
    expect(refused.length).toBeGreaterThan(OUTAGE_MS / 1_000);
    expect(replies.length - refused.length).toBeGreaterThan(2);
    expect(refused.every((reply) => reply.status >= 500)).toBe(true);
    // Slack delivers again what it was not told 200 for.
    for (const reply of refused) {
      const again = await h.requests.event(reply.event, { eventId: reply.eventId, retryNum: 1 });
      expect(again.status).toBe(200);
    }
    // An item kept just before the outage may wait for its retry (backing off while the database was away).
    await expect
      .poll(() => h.db.inboxItem.count({ where: { status: "pending" } }), { timeout: 90_000, interval: 500 })
      .toBe(0);
    await h.outboxDrained(60_000);
    const stored = (await h.db.reply.findMany({ select: { text: true } })).map((reply) => reply.text);
    expect(stored.sort()).toEqual(replies.map((reply) => reply.text).sort());
    // Each reply reaches the team once, whether it came in before, during or after the outage.
    const team = h.fake
      .messages(tender.teamChannelId)
      .map((m) => `${m.text}${JSON.stringify(m.blocks ?? [])}`);
    for (const reply of replies) {
      expect(team.filter((message) => message.includes(`${reply.text}"`)).length, reply.text).toBe(1);
    }
    // A command is done once when its person was not told it failed, and not at all when they were.
    const titles = (await h.db.requirementRevision.findMany({ select: { title: true } })).map((r) => r.title);
    const told = commands.map((command) => ({
      ...command,
      failed: h.fake
        .responses(command.responseUrl)
        .some((r) => (r.body as { text?: unknown }).text === NOT_FINISHED),
    }));
    expect(told.every((command) => command.status === 200)).toBe(true);
    expect(told.filter((command) => command.failed).length).toBeGreaterThan(OUTAGE_MS / 1_000 / 2);
    expect(titles.sort()).toEqual(
      ["Offline mode", ...told.filter((command) => !command.failed).map((command) => command.title)].sort(),
    );
  }, 180_000);

  it("answers Slack 503 for what it cannot take in while keeping is slow, instead of piling it up", async () => {
    const { post } = await thread();
    const replies = Array.from({ length: 12 }, (_, i) => ({
      ...sellerReply(post, `Slow ${i}`),
      eventId: `Ev0SLOW${i}`,
    }));
    // Another session holds the inbox's table: keeping waits, as on an overloaded database.
    const { default: pg } = await import("pg");
    const blocker = new pg.Client(h.testDatabase.connection);
    await blocker.connect();
    await blocker.query('BEGIN; LOCK TABLE "InboxItem" IN EXCLUSIVE MODE');
    const answers = replies.map((reply) => h.requests.event(reply.event, { eventId: reply.eventId }));
    const refused = await Promise.race([
      Promise.all(answers.slice(4)).then((all) => all.map((answer) => answer.status)),
      new Promise<number[]>((_, reject) =>
        setTimeout(() => reject(new Error("the app piled requests up")), 5_000),
      ),
    ]);
    expect(refused).toEqual(Array(8).fill(503));
    await blocker.query("COMMIT");
    await blocker.end();
    expect((await Promise.all(answers.slice(0, 4))).map((answer) => answer.status)).toEqual([
      200, 200, 200, 200,
    ]);
    await h.settle();
    expect(await h.db.reply.count()).toBe(4);
  });

  it("answers Slack with an error for every event it could not keep, tells the person of a command and keeps a form open; after the outage Slack's redeliveries are stored once", async () => {
    const { tender, post } = await thread();
    const replies = Array.from({ length: 10 }, (_, i) => ({
      ...sellerReply(post, `During the outage ${i}`),
      eventId: `Ev0DOWN${i}`,
    }));
    await h.testDatabase.goDown();
    try {
      for (const reply of replies) {
        const answer = await h.requests.event(reply.event, { eventId: reply.eventId });
        expect(answer.status).toBe(500);
      }
      const { replies: told } = await h.command("require Pumps", { channelId: tender.teamChannelId });
      expect(told).toEqual([
        "Something went wrong on Tender Room's side and it could not finish. It has been logged; please try again.",
      ]);
      const submitted = await h.requests.viewSubmission({
        userId: PEOPLE.owner,
        callbackId: REQUIREMENT_FORM.callbackId,
        privateMetadata: JSON.stringify({ tenderId: tender.id }),
        values: {
          [REQUIREMENT_FORM.title.block]: {
            [REQUIREMENT_FORM.title.action]: { type: "plain_text_input", value: "Pumps" },
          },
        },
      });
      expect(submitted.status).toBe(200);
      expect(JSON.parse(submitted.body)).toEqual({
        response_action: "errors",
        errors: { [REQUIREMENT_FORM.title.block]: FORM_NOT_KEPT },
      });
    } finally {
      await h.testDatabase.goUp();
    }
    // Slack delivers again: each reply is stored once, and nothing of the outage was done.
    for (const reply of replies) {
      expect((await h.requests.event(reply.event, { eventId: reply.eventId, retryNum: 1 })).status).toBe(200);
    }
    await h.settle();
    expect(await h.db.reply.count()).toBe(replies.length);
    expect(await h.db.requirement.count()).toBe(1);
  });
});
