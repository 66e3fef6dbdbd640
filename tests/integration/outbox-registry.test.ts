import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { onCommit, transaction } from "../../src/db/transaction.js";
import { createLogger } from "../../src/logger.js";
import { deliveryKind, Outbox, sends, whenSent } from "../../src/outbox/index.js";
import { InFlight } from "../../src/slack/in-flight.js";
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

const POST = deliveryKind({
  name: "test_post",
  key: (channel: string, n: number) => `post:${channel}:${n}`,
  payload: z.object({ text: z.string() }),
});
const NOTE = deliveryKind({ name: "test_note", key: (channel: string) => `note:${channel}` });

function outbox(inFlight = new InFlight()) {
  return { outbox: new Outbox({ db: db(), logger, inFlight }), inFlight };
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
