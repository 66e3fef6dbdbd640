import { Writable } from "node:stream";
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { onCommit, transaction } from "../../src/db/transaction.js";
import { createLogger } from "../../src/logger.js";
import { Dispatcher } from "../../src/outbox/dispatcher.js";
import { Outbox, whenSent } from "../../src/outbox/index.js";
import {
  DeliveryRegistry,
  type DeliverySender,
  deliveryKind,
  NotYet,
  sends,
} from "../../src/outbox/kinds.js";
import { claimDue, type Delivery, enqueue } from "../../src/outbox/repository.js";
import { SlackGateway } from "../../src/slack/gateway.js";
import { InFlight } from "../../src/slack/in-flight.js";
import { ChannelPacer } from "../../src/slack/pacer.js";
import { openTestDatabase, type TestDatabase } from "../support/database.js";

let testDatabase: TestDatabase;
const logger = createLogger({
  level: "silent",
  destination: new Writable({ write: (_c, _e, done) => done() }),
});

beforeAll(async () => {
  testDatabase = await openTestDatabase();
});
afterAll(async () => {
  await testDatabase?.close();
});
beforeEach(async () => {
  await testDatabase.reset();
});

const db = () => testDatabase.database.prisma;

/** These tests' senders call no Slack; the dispatcher still wants a gateway to hand them. */
const unusedSlack = new SlackGateway(new WebClient("xoxb-unused"), logger, new ChannelPacer(0));

const TEST = deliveryKind({ name: "test", key: (key: string) => key });

function dispatcher(kind: DeliverySender, inFlight = new InFlight()) {
  const senders = new DeliveryRegistry();
  senders.add([sends(TEST, kind)]);
  return new Dispatcher({ db: db(), logger, inFlight, senders, slack: unusedSlack, concurrency: 4 });
}

function rows(count: number, channel = (i: number) => `C${i % 5}`) {
  return Array.from({ length: count }, (_, i) => ({
    key: `test:${i}`,
    kind: "test",
    tenderId: 1,
    channelId: channel(i),
  }));
}

describe("the outbox dispatcher", () => {
  it("lets channels take turns: a long queue in one channel does not hold up the others", async () => {
    await enqueue(db(), [
      ...rows(30, () => "CBUSY"),
      ...["C1", "C2", "C3"].map((channelId) => ({
        key: `other:${channelId}`,
        kind: "test",
        tenderId: 1,
        channelId,
      })),
    ]);
    const first = await claimDue(db(), new Date(), 5, 60_000, 10);
    expect(first.map((d) => d.channelId)).toEqual(["CBUSY", "CBUSY", "C1", "C2", "C3"]);
    expect(first.map((d) => d.key).slice(0, 2)).toEqual(["test:0", "test:1"]);
    const next = await claimDue(db(), new Date(), 50, 60_000, 10);
    // At most ten of one channel in a claim, in the order they were queued.
    expect(next.map((d) => d.key)).toEqual(Array.from({ length: 10 }, (_, i) => `test:${i + 2}`));
  });

  it("sends every row once when two dispatchers run side by side", async () => {
    await enqueue(db(), rows(40));
    const sent: Delivery[] = [];
    const kind: DeliverySender = {
      async send(delivery) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        sent.push(delivery);
        return { ts: `ts-${delivery.key}` };
      },
    };
    await Promise.all([dispatcher(kind).runOnce(), dispatcher(kind).runOnce()]);
    expect(sent.map((d) => d.key).sort()).toEqual(
      rows(40)
        .map((r) => r.key)
        .sort(),
    );
    expect(await db().delivery.count({ where: { status: "sent", ts: { startsWith: "ts-" } } })).toBe(40);
  });

  it("retries a transient failure later and gives up on a permanent one", async () => {
    await enqueue(db(), [
      { key: "flaky", kind: "test", tenderId: 1, channelId: "C1" },
      { key: "gone", kind: "test", tenderId: 1, channelId: "C2" },
    ]);
    let flakyCalls = 0;
    const kind: DeliverySender = {
      async send(delivery) {
        if (delivery.key === "gone")
          throw Object.assign(new Error("x"), {
            code: "slack_webapi_platform_error",
            data: { error: "channel_not_found" },
          });
        flakyCalls++;
        if (flakyCalls === 1)
          throw Object.assign(new Error("x"), { code: "slack_webapi_rate_limited_error" });
        return { ts: "1.0" };
      },
    };
    const outbox = dispatcher(kind);
    await outbox.runOnce();
    const afterFirst = await db().delivery.findMany({ orderBy: { key: "asc" } });
    expect(afterFirst.map((d) => [d.key, d.status, d.lastError])).toEqual([
      ["flaky", "pending", "ratelimited"],
      ["gone", "failed", "channel_not_found"],
    ]);
    await outbox.runOnce(new Date(Date.now() + 60_000));
    expect((await db().delivery.findUniqueOrThrow({ where: { key: "flaky" } })).status).toBe("sent");
  });

  it("waits while a message needs another that is not sent yet", async () => {
    await enqueue(db(), [{ key: "reply", kind: "test", tenderId: 1, channelId: "C1" }]);
    let ready = false;
    const kind: DeliverySender = {
      async send() {
        if (!ready) throw new NotYet(5_000, "thread not there yet");
        return { ts: "2.0" };
      },
    };
    const outbox = dispatcher(kind);
    await outbox.runOnce();
    expect(await db().delivery.findUniqueOrThrow({ where: { key: "reply" } })).toMatchObject({
      status: "pending",
      lastError: "thread not there yet",
    });
    ready = true;
    await outbox.runOnce(new Date(Date.now() + 10_000));
    expect((await db().delivery.findUniqueOrThrow({ where: { key: "reply" } })).status).toBe("sent");
  });

  it("sends a channel's messages in order, and gives back what it has not sent when stopped", async () => {
    await enqueue(
      db(),
      rows(12, () => "C1"),
    );
    const inFlight = new InFlight();
    let outbox: Dispatcher | undefined;
    const kind: DeliverySender = {
      async send(delivery) {
        if (delivery.key === "test:2") void outbox?.stop();
        return { ts: "3.0" };
      },
    };
    outbox = dispatcher(kind, inFlight);
    outbox.kick();
    await inFlight.drain(5_000);
    await outbox.stop();
    const all = await db().delivery.findMany({ orderBy: { id: "asc" } });
    expect(all.filter((d) => d.status === "sent").map((d) => d.key)).toEqual(["test:0", "test:1", "test:2"]);
    const waiting = all.filter((d) => d.status === "pending");
    expect(waiting).toHaveLength(9);
    for (const row of waiting) expect(row).toMatchObject({ attempts: 0, leaseUntil: null });
  });
});

const POST = deliveryKind({
  name: "test_post",
  key: (channel: string, n: number) => `post:${channel}:${n}`,
  payload: z.object({ text: z.string() }),
});
const NOTE = deliveryKind({ name: "test_note", key: (channel: string) => `note:${channel}` });

function outbox(inFlight = new InFlight()) {
  return {
    outbox: new Outbox({ db: db(), logger, inFlight, slack: unusedSlack, tokenWorks: async () => true }),
    inFlight,
  };
}

describe("the outbox's kinds", () => {
  it("builds each message's key with its kind, and checks the payload a sender gets", async () => {
    const message = POST.create(["C1", 2], { tenderId: 1, channelId: "C1", payload: { text: "hi" } });
    expect(message).toMatchObject({ key: "post:C1:2", kind: "test_post", payload: { text: "hi" } });
    expect(() => POST.payloadOf({ key: "post:C1:3", payload: { words: 1 } })).toThrow(/no usable payload/);
  });

  it("refuses a kind registered twice, and a follow-up on a kind nobody sends, at start", () => {
    const send = { send: async () => ({ ts: null }) };
    expect(() => outbox().outbox.register([sends(POST, send)], [sends(POST, send)])).toThrow(
      "The outbox kind test_post is registered twice.",
    );
    expect(() =>
      outbox().outbox.register([sends(POST, send)], [whenSent(NOTE, async () => undefined)]),
    ).toThrow("A follow-up waits for the outbox kind test_note, which nobody sends.");
  });

  it("sends what a transaction queued once it commits, runs follow-ups in the recording transaction, and sends nothing of a rolled back one", async () => {
    const { outbox: box, inFlight } = outbox();
    const posted: string[] = [];
    box.register(
      [
        sends(POST, {
          async send(delivery, { text }) {
            posted.push(`${delivery.channelId}: ${text}`);
            return { ts: `ts-${delivery.key}` };
          },
        }),
        sends(NOTE, {
          async send(delivery) {
            posted.push(`${delivery.channelId}: note`);
            return { ts: null };
          },
        }),
      ],
      [
        whenSent(POST, async (tx, delivery) => {
          await box.enqueue(tx, [
            NOTE.create([delivery.channelId], { tenderId: 1, channelId: delivery.channelId }),
          ]);
        }),
      ],
    );
    await transaction(db(), async (tx) => {
      await box.enqueue(tx, [
        POST.create(["C1", 1], { tenderId: 1, channelId: "C1", payload: { text: "kept" } }),
      ]);
      // Not committed yet: nothing may go out.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(posted).toEqual([]);
    });
    await expect(
      transaction(db(), async (tx) => {
        await box.enqueue(tx, [
          POST.create(["C2", 1], { tenderId: 1, channelId: "C2", payload: { text: "lost" } }),
        ]);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await inFlight.drain(5_000);
    await box.idle();
    expect(posted).toEqual(["C1: kept", "C1: note"]);
    expect(
      await db().delivery.findMany({ select: { key: true, status: true }, orderBy: { id: "asc" } }),
    ).toEqual([
      { key: "post:C1:1", status: "sent" },
      { key: "note:C1", status: "sent" },
    ]);
    await box.stop();
  });

  it("knows a transaction only when it was opened with transaction()", async () => {
    const ran: string[] = [];
    onCommit(db(), () => ran.push("outside a transaction: at once"));
    expect(ran).toEqual(["outside a transaction: at once"]);
    await expect(
      db().$transaction(async (tx) => {
        onCommit(tx, () => ran.push("never"));
      }),
    ).rejects.toThrow("onCommit needs a transaction opened with transaction()");
    expect(ran).toHaveLength(1);
  });
});
