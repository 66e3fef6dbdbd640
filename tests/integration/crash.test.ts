import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EmbeddedDatabase } from "../../src/db/embedded.js";
import { LESSON_FORM, SHARE_LESSON_BUTTON } from "../../src/features/lessons/ids.js";
import { METRIC_FORM } from "../../src/features/metrics/ids.js";
import { SELLER_BUTTONS, SELLER_INPUT_FORM } from "../../src/features/replies/ids.js";
import { REQUIREMENT_EVENT_TYPE } from "../../src/features/requirements/ids.js";
import { type FakeMessage, type FakeSlack, startFakeSlack } from "../../src/sandbox/slack/index.js";
import { SlackRequests } from "../../src/sandbox/slack/requests.js";
import { listeningPort, type Running, runApp } from "../support/app-process.js";
import { adminUrl, databaseUrl, testDatabaseKind } from "../support/database-kind.js";
import { addPeople, BOT_TOKEN, HOME_TEAM, PEOPLE, SELLER_TEAM, SIGNING_SECRET } from "../support/harness.js";

/**
 * The app killed with SIGKILL in the middle of its work, at a random one of its posts (right after
 * Slack took it, before the app heard back) or at a random moment, then started again: every
 * message reaches Slack once. The app runs in a process of its own, as in production.
 */
const SELLERS = 4;

let fake: FakeSlack;
let env: Record<string, string>;
let app: Running | undefined;
let requests: SlackRequests;
let port = 0;
let dispose = async () => {};
/** A session on the app's database; on the embedded one only while the app is down. */
let withDatabase: <T>(work: (client: pg.Client) => Promise<T>) => Promise<T>;

beforeAll(async () => {
  fake = await startFakeSlack({ botToken: BOT_TOKEN, teamId: HOME_TEAM });
  addPeople(fake);
  env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    LOG_LEVEL: "info",
    SCHEDULER_TICK_SECONDS: "1",
  };
  if (testDatabaseKind() === "postgres") {
    const name = `tender_room_crash_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("postgresTemplate")}"`);
    env.DATABASE_URL = databaseUrl(name);
    withDatabase = async (work) => {
      const client = new pg.Client({ connectionString: databaseUrl(name) });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    };
    dispose = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = await mkdtemp(join(tmpdir(), "tender-room-crash-"));
    await cp(inject("pgliteTemplateDir"), join(dir, "data"), { recursive: true });
    env.DATA_DIR = join(dir, "data");
    withDatabase = async (work) => {
      const embedded = await EmbeddedDatabase.start({ dataDir: join(dir, "data") });
      const client = new pg.Client(embedded.connection);
      try {
        await client.connect();
        return await work(client);
      } finally {
        await client.end().catch(() => undefined);
        await embedded.stop();
      }
    };
    dispose = () => rm(dir, { recursive: true, force: true });
  }
  await start();
}, 60_000);

afterAll(async () => {
  if (app) {
    app.child.kill("SIGKILL");
    await app.exited;
  }
  await fake?.close();
  await dispose();
});

async function start(): Promise<void> {
  app = runApp(env);
  port = await listeningPort(app);
  requests = new SlackRequests({
    url: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    teamId: HOME_TEAM,
    fake,
  });
}

/** Kills the app (SIGKILL) right after Slack took its `nth` post from now. */
function killAtPost(nth: number): Promise<void> {
  const running = app;
  if (!running) throw new Error("the app is not running");
  let seen = 0;
  const listener = (call: { method: string; status: number }) => {
    if (call.method !== "chat.postMessage" || call.status !== 200 || ++seen < nth) return;
    fake.off("call", listener);
    running.child.kill("SIGKILL");
  };
  fake.on("call", listener);
  return running.exited.then(() => {
    fake.off("call", listener);
  });
}

/**
 * After the crash: the leases the dead process held run out (as they would within a minute), and
 * the app starts again on what it left.
 */
async function restart(): Promise<void> {
  await app?.exited;
  await withDatabase(async (client) => {
    await client.query(`UPDATE "Delivery" SET "leaseUntil" = now() - interval '1 second' WHERE "status" = 'pending'
      AND "leaseUntil" > now() AND "attempts" > 0`);
    await client.query(`UPDATE "InboxItem" SET "leaseUntil" = now() - interval '1 second' WHERE "status" = 'pending'
      AND "leaseUntil" > now()`);
  });
  await start();
}

/** Until the app has worked everything it took in. */
async function idle(): Promise<void> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
      inbox: Record<string, number>;
    };
    const { kept = 0, worked = 0, keeping, working } = health.inbox;
    if (keeping === 0 && working === 0 && worked >= kept) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the app did not finish its work in 20 s");
}

const random = (from: number, to: number) => from + Math.floor(Math.random() * (to - from + 1));

/**
 * `/tender <text>` as the owner; with `answered`, until the app answered the person. A command that
 * starts work the app is killed in may lose its HTTP answer: it was kept before it was answered.
 */
async function command(text: string, channelId: string, answered = false): Promise<void> {
  const responseUrl = fake.responseUrl();
  const answer = await requests
    .command({ text, userId: PEOPLE.owner, channelId, responseUrl })
    .catch(() => undefined);
  if (answered || answer) expect(answer?.status).toBe(200);
  if (answered) await fake.waitFor(() => fake.responses(responseUrl)[0], 10_000, `the answer to ${text}`);
}

/** The value of the first button with `actionId` in a message's blocks. */
function buttonValue(blocks: unknown, actionId: string): string | undefined {
  if (Array.isArray(blocks)) {
    for (const item of blocks) {
      const found = buttonValue(item, actionId);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof blocks !== "object" || blocks === null) return undefined;
  const record = blocks as Record<string, unknown>;
  if (record.action_id === actionId && typeof record.value === "string") return record.value;
  return buttonValue(Object.values(record), actionId);
}

const botMessages = (channelId: string) => fake.messages(channelId).filter((message) => message.botId);

/** Waits until `done` holds, then a little longer, so that a second post would have come too. */
async function postedBy(done: () => boolean, label: string): Promise<void> {
  await fake.waitFor(() => (done() ? true : undefined), 30_000, label);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
}

/** No channel has the same message twice in the same place. */
function expectNoDuplicates(): void {
  const twice: string[] = [];
  for (const channel of fake.channels()) {
    const seen = new Set<string>();
    for (const message of botMessages(channel.id)) {
      const key = `${message.threadTs ?? ""}|${message.text}`;
      if (seen.has(key)) twice.push(`${channel.name}: ${message.text.slice(0, 80)}`);
      seen.add(key);
    }
  }
  expect(twice).toEqual([]);
}

interface Tender {
  teamChannelId: string;
  sellerChannels: string[];
}
let tender: Tender;
const requirementPost = (channelId: string, title: string): FakeMessage | undefined =>
  botMessages(channelId).find(
    (message) => message.metadata?.event_type === REQUIREMENT_EVENT_TYPE && message.text.includes(title),
  );

describe.sequential("killed at any point, the app posts every message once", () => {
  it("fans a requirement out to every seller and the team once, killed at a random post", async () => {
    const known = new Set(fake.channels().map((channel) => channel.id));
    await command("new Field service platform", "C0GENERAL", true);
    const teamChannelId = await fake.waitFor(
      () => fake.channels().find((channel) => !known.has(channel.id))?.id,
      10_000,
      "the team channel",
    );
    known.add(teamChannelId);
    for (let i = 1; i <= SELLERS; i++)
      await command(`invite Seller ${i} people@seller${i}.example`, teamChannelId);
    const added = () => fake.channels().flatMap((channel) => (known.has(channel.id) ? [] : [channel]));
    const sellerChannels = await fake
      .waitFor(() => (added().length === SELLERS ? added().map((channel) => channel.id) : undefined), 20_000)
      .catch((error: unknown) => {
        throw new Error(`seller channels: ${added().map((channel) => channel.name)}; ${String(error)}`);
      });
    tender = { teamChannelId, sellerChannels };
    await idle();

    const nth = random(1, SELLERS + 1);
    const killed = killAtPost(nth);
    await command("require Offline mode", teamChannelId);
    await killed;
    await restart();
    await postedBy(
      () =>
        sellerChannels.every((channel) => requirementPost(channel, "Offline mode")) &&
        botMessages(teamChannelId).some((message) => message.text.includes("Offline mode")),
      `R-1 everywhere after a kill at post ${nth}`,
    );
    expectNoDuplicates();
  }, 90_000);

  it("fans out again when killed at a random moment of the work", async () => {
    const afterMs = random(0, 400);
    await command("require Pump telemetry", tender.teamChannelId);
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    app?.child.kill("SIGKILL");
    await restart();
    await postedBy(
      () => tender.sellerChannels.every((channel) => requirementPost(channel, "Pump telemetry")),
      `R-2 everywhere after a kill ${afterMs} ms in`,
    );
    expectNoDuplicates();
  }, 90_000);

  it("sends a clarification to every seller once, killed at a random post", async () => {
    const nth = random(1, SELLERS);
    const killed = killAtPost(nth);
    await command("clarify R-1 Which phones? | Android 12 or later", tender.teamChannelId);
    await killed;
    await restart();
    const clarified = (channel: string) =>
      botMessages(channel).some((message) => message.text.includes("Android 12 or later"));
    await postedBy(
      () => tender.sellerChannels.every(clarified),
      `the clarification after a kill at post ${nth}`,
    );
    expectNoDuplicates();
  }, 90_000);

  it("tells every seller of a key metric and of its new target once, killed at a random post", async () => {
    const nth = random(1, SELLERS + 1);
    const killed = killAtPost(nth);
    await command("metric add Mean time to repair | hours | 4 | 2", tender.teamChannelId);
    await killed;
    await restart();
    const told = (channel: string, text: string) =>
      botMessages(channel).some((message) => JSON.stringify([message.text, message.blocks]).includes(text));
    await postedBy(
      () => tender.sellerChannels.every((channel) => told(channel, "M-1 · Mean time to repair")),
      `M-1 everywhere after a kill at post ${nth}`,
    );
    await command("metric edit M-1", tender.teamChannelId);
    const form = await fake.waitFor(() =>
      fake.views().find((view) => view.view.callback_id === METRIC_FORM.callbackId),
    );
    const again = random(1, SELLERS + 1);
    const killedAgain = killAtPost(again);
    const typed = (value: string) => ({ type: "plain_text_input", value });
    await requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: METRIC_FORM.callbackId,
      viewId: form.id,
      values: {
        name: { name_input: typed("Mean time to repair") },
        unit: { unit_input: typed("hours") },
        baseline: { baseline_input: typed("4") },
        target: { target_input: typed("1.5") },
      },
    });
    await killedAgain;
    await restart();
    await postedBy(
      () => tender.sellerChannels.every((channel) => told(channel, "target 2 hours → 1.5 hours")),
      `the new target everywhere after a kill at post ${again}`,
    );
    expectNoDuplicates();
  }, 90_000);

  it("mirrors seller replies to the team once, killed at a random mirror", async () => {
    const texts = tender.sellerChannels.map((_, i) => `Our technicians carry rugged phones, seller ${i + 1}`);
    const nth = random(1, texts.length);
    const killed = killAtPost(nth);
    // Slack delivers each reply; what the dying app did not answer 200 it delivers again later.
    const undelivered: { event: Record<string, unknown>; eventId: string }[] = [];
    for (const [i, channel] of tender.sellerChannels.entries()) {
      const post = requirementPost(channel, "Offline mode");
      if (!post) throw new Error("R-1 is missing");
      const text = texts[i] ?? "";
      const ts = fake.addMessage(channel, { user: PEOPLE.seller, text, threadTs: post.ts });
      const event = {
        type: "message",
        channel,
        user: PEOPLE.seller,
        user_team: SELLER_TEAM,
        text,
        ts,
        thread_ts: post.ts,
      };
      const eventId = `Ev0MIRROR${i}${Date.now()}`;
      const answer = await requests.event(event, { eventId }).catch(() => undefined);
      if (answer?.status !== 200) undelivered.push({ event, eventId });
    }
    await killed;
    await restart();
    for (const { event, eventId } of undelivered) {
      const again = await requests.event(event, { eventId, retryNum: 1, retryReason: "http_error" });
      expect(again.status).toBe(200);
    }
    const mirrored = (text: string) =>
      botMessages(tender.teamChannelId).some((message) =>
        `${message.text}${JSON.stringify(message.blocks ?? [])}`.includes(text),
      );
    await postedBy(() => texts.every(mirrored), `the mirrors after a kill at mirror ${nth}`);
    expectNoDuplicates();
  }, 90_000);

  it("posts a shared lesson's card once, killed at its post", async () => {
    const [channel] = tender.sellerChannels;
    const post = channel ? requirementPost(channel, "Offline mode") : undefined;
    if (!channel || !post) throw new Error("R-1 is missing");
    const requirementId = buttonValue(post.blocks, SHARE_LESSON_BUTTON);
    if (!requirementId) throw new Error("R-1 has no button to share a lesson");
    await requests.blockAction({
      userId: PEOPLE.seller,
      channelId: channel,
      actionId: SHARE_LESSON_BUTTON,
      value: requirementId,
      messageTs: post.ts,
      responseUrl: fake.responseUrl(),
    });
    const view = await fake.waitFor(
      () => fake.views().find((found) => found.view.callback_id === LESSON_FORM.callbackId),
      10_000,
      "the lesson form",
    );
    const killed = killAtPost(1);
    const text = (value: string) => ({ type: "plain_text_input", value });
    const submitted = await requests.viewSubmission({
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      callbackId: LESSON_FORM.callbackId,
      viewId: view.id,
      values: {
        [LESSON_FORM.title.block]: { [LESSON_FORM.title.action]: text("Cache work orders") },
        [LESSON_FORM.situation.block]: {
          [LESSON_FORM.situation.action]: text("A utility, 400 technicians."),
        },
        [LESSON_FORM.lesson.block]: { [LESSON_FORM.lesson.action]: text("Basements have no network.") },
      },
    });
    expect(submitted.status).toBe(200);
    await killed;
    await restart();
    const carded = () =>
      fake
        .channels()
        .some((c) => botMessages(c.id).some((message) => message.text.includes("Lesson learned: Cache")));
    await postedBy(carded, "the lesson card after a kill at its post");
    expectNoDuplicates();
  }, 90_000);

  it("posts a seller's question from the form once, killed right after Slack took it", async () => {
    const [channel] = tender.sellerChannels;
    const post = channel ? requirementPost(channel, "Offline mode") : undefined;
    const requirementId = post ? buttonValue(post.blocks, SELLER_BUTTONS.askQuestion) : undefined;
    if (!channel || !post || !requirementId) throw new Error("R-1 has no button to ask a question");
    await requests.blockAction({
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      channelId: channel,
      actionId: SELLER_BUTTONS.askQuestion,
      value: requirementId,
      messageTs: post.ts,
      responseUrl: fake.responseUrl(),
    });
    const view = await fake.waitFor(
      () => fake.views().find((v) => v.view.callback_id === SELLER_INPUT_FORM.callbackId),
      10_000,
      "the question form",
    );
    await idle();
    // The question is posted in the thread as the work's first post; the app dies right then.
    const killed = killAtPost(1);
    const submitted = await requests.viewSubmission({
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      callbackId: SELLER_INPUT_FORM.callbackId,
      viewId: view.id,
      values: {
        [SELLER_INPUT_FORM.text.block]: {
          [SELLER_INPUT_FORM.text.action]: {
            type: "plain_text_input",
            value: "Must it work without any signal?",
          },
        },
      },
    });
    expect(submitted.status).toBe(200);
    await killed;
    await restart();
    const asked = (message: FakeMessage) => message.text.includes("Must it work without any signal?");
    await postedBy(
      () =>
        fake.messages(channel).some(asked) &&
        botMessages(tender.teamChannelId).some((m) =>
          `${m.text}${JSON.stringify(m.blocks ?? [])}`.includes("without any signal"),
        ),
      "the question and its mirror after a kill at its post",
    );
    expect(fake.messages(channel).filter(asked)).toHaveLength(1);
    expectNoDuplicates();
  }, 90_000);

  it("runs a due check-in once, killed at a random prompt", async () => {
    await command("checkin every day 09:00 UTC | What changed this week?", tender.teamChannelId, true);
    // The check-in's run falls due now, while the app is down.
    app?.child.kill("SIGTERM");
    await app?.exited;
    await withDatabase((client) =>
      client.query(
        `UPDATE "CheckIn" SET "nextRunAt" = now() - interval '1 minute' WHERE "status" = 'active'`,
      ),
    );
    const prompted = (channel: string) =>
      botMessages(channel).some((message) => message.text.includes("What changed this week?"));
    const before = tender.sellerChannels.filter(prompted).length;
    await start();
    const nth = random(1, SELLERS);
    const killed = killAtPost(nth);
    await killed;
    await restart();
    await postedBy(
      () => tender.sellerChannels.every(prompted),
      `the check-in prompts after a kill at prompt ${nth}`,
    );
    expect(before).toBe(0);
    expectNoDuplicates();
  }, 90_000);

  it("reminds the team and every seller of a key date once, killed at a random reminder", async () => {
    // Proposals fall due in two days, inside the tender's reminder window.
    app?.child.kill("SIGTERM");
    await app?.exited;
    await withDatabase((client) =>
      client.query(`UPDATE "Tender" SET "proposalsDueOn" = (now() + interval '2 days')::date`),
    );
    await start();
    let nth = random(1, SELLERS + 1);
    const killedAtOnce = await Promise.race([
      killAtPost(nth).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
    ]);
    if (!killedAtOnce) {
      // Outside the readers' working hours the reminders wait for the morning: they fall due now.
      // (A slow start may have sent some already; the kill falls among those left.)
      app?.child.kill("SIGTERM");
      await app?.exited;
      const { planned, waiting } = await withDatabase(async (client) => {
        const due = await client.query(`UPDATE "Delivery" SET "leaseUntil" = now() - interval '1 second'
          WHERE "kind" LIKE 'nudge_date%' AND "status" = 'pending'`);
        const all = await client.query(`SELECT 1 FROM "Delivery" WHERE "kind" LIKE 'nudge_date%'`);
        return { planned: all.rowCount, waiting: due.rowCount ?? 0 };
      });
      expect(planned).toBe(SELLERS + 1);
      if (waiting > 0) {
        // They go out as soon as the app starts, perhaps before it listens: the kill is armed first.
        nth = random(1, waiting);
        let seen = 0;
        const listener = (call: { method: string; status: number }) => {
          if (call.method !== "chat.postMessage" || call.status !== 200 || ++seen < nth) return;
          fake.off("call", listener);
          app?.child.kill("SIGKILL");
        };
        fake.on("call", listener);
        await start().catch(() => undefined);
        await app?.exited;
        fake.off("call", listener);
        await restart();
      } else {
        await start();
      }
    } else {
      await restart();
    }
    const reminded = (channel: string) =>
      botMessages(channel).some((message) => message.text.startsWith(":calendar:"));
    await postedBy(
      () => [tender.teamChannelId, ...tender.sellerChannels].every(reminded),
      `the key-date reminders after a kill at reminder ${nth}`,
    );
    expectNoDuplicates();
  }, 90_000);
});
