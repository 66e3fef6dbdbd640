import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTenderRoom, type TenderRoom } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/db/client.js";
import { NOT_YOUR_CHECKIN } from "../../src/features/checkins/answers/views.js";
import { MISSED_REASON, QUIET_REASON, SUPERSEDED_REASON } from "../../src/features/checkins/domain.js";
import {
  CHECKIN_FORM,
  MEETING_FORM,
  NOTHING_NEW_BUTTON,
  OCCURRENCE_VALUE_PREFIX,
  PROPOSE_MEETING_BUTTON,
  SHARE_UPDATE_BUTTON,
  UPDATE_FORM,
} from "../../src/features/checkins/ids.js";
import { QUANTIFY_BUTTON } from "../../src/features/estimates/ids.js";
import { LESSON_FORM, SHARE_LESSON_BUTTON } from "../../src/features/lessons/ids.js";
import { createLogger } from "../../src/logger.js";
import { claimDue } from "../../src/outbox/repository.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
import type { SubmittedValue } from "../../src/sandbox/slack/requests.js";
import { testDatabaseKind } from "../support/database-kind.js";
import { BOT_TOKEN, type Harness, PEOPLE, SIGNING_SECRET, startHarness } from "../support/harness.js";

let h: Harness;
beforeAll(async () => {
  // A fast tick, so one test can watch the real scheduler fire; the others drive time with runJobs
  // at moments still ahead of the real clock, which the real ticks therefore leave alone.
  h = await startHarness({ SCHEDULER_TICK_SECONDS: "1" });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
});

const SECOND = 1_000;
const HOUR = 3_600_000;
const at = (date: Date, offsetMs: number) => new Date(date.getTime() + offsetMs);
const text = (value: string): SubmittedValue => ({ type: "plain_text_input", value });

async function tenderWithSellers(names: string[]) {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow({ orderBy: { id: "desc" } });
  for (const [i, name] of names.entries()) {
    await h.command(`invite ${name} people@seller${i}.example`, { channelId: tender.teamChannelId });
  }
  const sellers = await h.db.seller.findMany({ where: { tenderId: tender.id }, orderBy: { id: "asc" } });
  return { tender, sellers, team: { channelId: tender.teamChannelId } };
}

async function schedule(args: string, channelId: string) {
  const { replies } = await h.command(`checkin ${args}`, { channelId });
  const checkIn = await h.db.checkIn.findFirst({ orderBy: { id: "desc" } });
  return { replies, checkIn };
}

/** Runs the scheduler's jobs as at `now` and waits until everything due is sent. */
async function tickAt(now: Date) {
  await h.room.runJobs(now);
  await h.settle();
  await waitFor(
    async () =>
      (await h.db.delivery.count({
        where: { status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] },
      })) === 0,
  );
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Everything in the outbox is sent but the digests, which wait for the end of the answer window. */
async function drained() {
  await h.settle();
  await waitFor(
    async () =>
      (await h.db.delivery.count({ where: { status: "pending", kind: { not: "checkin_digest" } } })) === 0,
  );
  await h.settle();
}

const promptsIn = (channelId: string): FakeMessage[] =>
  h.fake
    .messages(channelId)
    .filter(
      (message) =>
        (!message.threadTs || message.threadTs === message.ts) &&
        JSON.stringify(message.blocks ?? []).includes(NOTHING_NEW_BUTTON),
    );

async function press(
  actionId: string,
  value: string,
  options: { userId: string; channelId: string; messageTs?: string },
) {
  const responseUrl = h.fake.responseUrl();
  await h.requests.blockAction({ ...options, actionId, value, responseUrl });
  await h.settle();
  return {
    responseUrl,
    texts: h.fake.responses(responseUrl).map((r) => String((r.body as { text?: unknown }).text)),
  };
}

async function submit(
  callbackId: string,
  userId: string,
  values: Record<string, Record<string, SubmittedValue>>,
) {
  const view = h.fake.views().at(-1);
  if (view?.view.callback_id !== callbackId) throw new Error(`no ${callbackId} form open`);
  const response = await h.requests.viewSubmission({ userId, callbackId, viewId: view.id, values });
  await h.settle();
  return response;
}

describe("scheduling check-ins", () => {
  it("schedules from the command and confirms the next three runs in the buyer's zone", async () => {
    const { team } = await tenderWithSellers(["Acme"]);
    const { replies, checkIn } = await schedule(
      "every monday 10:00 America/New_York | How is the pilot going?",
      team.channelId,
    );
    expect(checkIn).toMatchObject({
      number: 1,
      cadence: "weekly",
      cron: "0 10 * * 1",
      timezone: "America/New_York",
      prompt: "How is the pilot going?",
      status: "active",
      sellerIds: [],
    });
    const reply = replies.join("\n");
    expect(reply).toContain(
      "Check-in C-1 scheduled: every Monday at 10:00 (America/New_York), to every seller.",
    );
    // The owner lives in Berlin: 10:00 in New York is 16:00 there.
    expect(reply).toContain("Next runs (your time, Europe/Berlin):");
    expect(reply.match(/• Mon \d+ \w+ 20\d\d, 16:00/g)).toHaveLength(3);
    expect(checkIn?.nextRunAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it("answers bad input precisely and stores nothing", async () => {
    const { team } = await tenderWithSellers(["Acme"]);
    const cases: [string, string][] = [
      ["every monday 10:00 Europe/Berln", "“Europe/Berln” is not a time zone"],
      ["every monday 24:30", "“24:30” is not a time"],
      ['cron "*/15 * * * *"', "more often than once an hour"],
      ["whenever", "Say when"],
      [`every monday 10:00 | ${"x".repeat(1_001)}`, "Keep the prompt within 1000 characters."],
      ["pause C-9", "has no check-in C-9"],
      ["resume", "Name the check-in"],
    ];
    for (const [args, expected] of cases) {
      const { replies } = await h.command(`checkin ${args}`, team);
      expect(replies.join("\n")).toContain(expected);
    }
    expect(await h.db.checkIn.count()).toBe(0);
  });

  it("lets only the tender's people schedule, and lists, pauses, resumes and cancels", async () => {
    const { team } = await tenderWithSellers(["Acme"]);
    const refused = await h.command("checkin T-1 every day 09:00", { userId: PEOPLE.colleague });
    expect(refused.replies.join("\n")).toContain("Only the people of T-1 can schedule check-ins");

    await schedule("every weekday 09:00", team.channelId);
    await schedule('cron "30 8 1 * *" UTC', team.channelId);
    let list = (await h.command("checkins", team)).replies.join("\n");
    expect(list).toContain("*C-1* every weekday at 09:00 (Europe/Berlin) to every seller · next ");
    expect(list).toContain("*C-2* cron `30 8 1 * *` (UTC)");

    expect((await h.command("checkin pause C-1", team)).replies.join("\n")).toContain("C-1 is paused");
    expect((await h.command("checkin pause C-1", team)).replies.join("\n")).toContain("already paused");
    list = (await h.command("checkins", team)).replies.join("\n");
    expect(list).toMatch(/\*C-1\* .* · paused/);
    const resumed = (await h.command("checkin resume C-1", team)).replies.join("\n");
    expect(resumed).toContain("C-1 runs again: next ");
    expect((await h.command("checkin cancel C-2", team)).replies.join("\n")).toContain("C-2 is cancelled");
    expect((await h.command("checkin resume C-2", team)).replies.join("\n")).toContain("has been cancelled");
    const stored = await h.db.checkIn.findMany({ orderBy: { number: "asc" } });
    expect(stored.map((c) => [c.status, c.nextRunAt === null])).toEqual([
      ["active", false],
      ["cancelled", true],
    ]);
    expect(await h.db.auditEvent.count({ where: { action: { startsWith: "checkin." } } })).toBe(5);
  });

  it("schedules from the form, with errors on the field that caused them", async () => {
    const { team, sellers } = await tenderWithSellers(["Acme", "Beta"]);
    const { responseUrl } = await h.command("checkin", team);
    const form = h.fake.views().at(-1)?.view;
    expect(form?.callback_id).toBe(CHECKIN_FORM.callbackId);
    expect(JSON.stringify(form)).toContain('"initial_value":"Europe/Berlin"');

    const values = (zone: string, time: string, endsOn?: string) => ({
      [CHECKIN_FORM.cadence.block]: {
        [CHECKIN_FORM.cadence.action]: { type: "static_select", selected_option: { value: "biweekly" } },
      },
      [CHECKIN_FORM.day.block]: {
        [CHECKIN_FORM.day.action]: { type: "static_select", selected_option: { value: "thursday" } },
      },
      [CHECKIN_FORM.time.block]: { [CHECKIN_FORM.time.action]: { type: "timepicker", selected_time: time } },
      [CHECKIN_FORM.cron.block]: { [CHECKIN_FORM.cron.action]: text("") },
      [CHECKIN_FORM.timezone.block]: { [CHECKIN_FORM.timezone.action]: text(zone) },
      [CHECKIN_FORM.sellers.block]: {
        [CHECKIN_FORM.sellers.action]: {
          type: "multi_static_select",
          selected_options: [{ value: String(sellers[1]?.id) }],
        },
      },
      [CHECKIN_FORM.prompt.block]: { [CHECKIN_FORM.prompt.action]: text("Anything new on spare parts?") },
      [CHECKIN_FORM.endsOn.block]: {
        [CHECKIN_FORM.endsOn.action]: { type: "datepicker", selected_date: endsOn ?? null },
      },
    });
    const bad = await submit(CHECKIN_FORM.callbackId, PEOPLE.owner, values("Berlin", "14:00", "2020-01-01"));
    expect(bad.json()).toMatchObject({
      response_action: "errors",
      errors: {
        [CHECKIN_FORM.timezone.block]: expect.stringContaining("“Berlin” is not a time zone"),
        [CHECKIN_FORM.endsOn.block]: "Pick today or a later day.",
      },
    });
    expect(await h.db.checkIn.count()).toBe(0);

    await submit(CHECKIN_FORM.callbackId, PEOPLE.owner, values("Europe/Lisbon", "14:00", "2027-12-31"));
    const checkIn = await h.db.checkIn.findFirstOrThrow();
    expect(checkIn).toMatchObject({
      cadence: "biweekly",
      cron: "0 14 * * 4",
      timezone: "Europe/Lisbon",
      sellerIds: [sellers[1]?.id],
      prompt: "Anything new on spare parts?",
    });
    expect(checkIn.endsOn?.toISOString().slice(0, 10)).toBe("2027-12-31");
    expect(checkIn.anchorOn).not.toBeNull();
    const told = h.fake.responses(responseUrl).map((r) => String((r.body as { text?: unknown }).text));
    expect(told.join("\n")).toContain("every 2 weeks on Thursday at 14:00 (Europe/Lisbon), to Beta");
  });
});

describe("sending check-ins", () => {
  it("fires through the real scheduler: a prompt with four buttons in each seller channel, once", async () => {
    const { team, sellers } = await tenderWithSellers(["Acme", "Beta"]);
    const { checkIn } = await schedule("every day 10:00 | What changed this week?", team.channelId);
    // As if it had been scheduled for a moment from now.
    const dueAt = new Date(Math.ceil((Date.now() + 1_500) / SECOND) * SECOND);
    await h.db.checkIn.update({ where: { id: checkIn?.id }, data: { nextRunAt: dueAt } });

    await waitFor(async () => sellers.every((seller) => promptsIn(seller.channelId).length === 1), 10_000);
    await h.settle();
    for (const seller of sellers) {
      const [prompt] = promptsIn(seller.channelId);
      expect(prompt?.text).toContain("What changed this week?");
      const blocks = JSON.stringify(prompt?.blocks);
      for (const label of [
        "Share an update",
        "Share a lesson learned",
        "Propose a meeting",
        "Nothing new this time",
      ])
        expect(blocks).toContain(label);
    }
    const occurrence = await h.db.checkInOccurrence.findFirstOrThrow();
    expect(occurrence).toMatchObject({ dueAt, status: "sent", sellerIds: sellers.map((s) => s.id) });
    await waitFor(
      async () => (await h.db.delivery.count({ where: { kind: "checkin_team", status: "sent" } })) === 1,
    );
    const sent = await h.db.delivery.findMany({ where: { kind: "checkin_prompt" } });
    expect(sent.map((d) => [d.status, Boolean(d.ts)])).toEqual([
      ["sent", true],
      ["sent", true],
    ]);
    expect(
      h.fake.messages(team.channelId).some((m) => m.text.includes("Check-in C-1 sent to 2 seller channels")),
    ).toBe(true);
    const updated = await h.db.checkIn.findFirstOrThrow();
    expect(updated.nextRunAt?.getTime()).toBeGreaterThan(dueAt.getTime());
    // More ticks pass; nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(sellers.map((seller) => promptsIn(seller.channelId).length)).toEqual([1, 1]);
  });

  it("asks for the seller's estimate in a check-in once the tender has key metrics", async () => {
    const { team, sellers } = await tenderWithSellers(["Acme"]);
    await h.command("metric add Mean time to repair | hours | 4 | 2", { channelId: team.channelId });
    const { checkIn } = await schedule("every day 10:00 | What changed this week?", team.channelId);
    const dueAt = new Date(Math.ceil((Date.now() + 1_500) / SECOND) * SECOND);
    await h.db.checkIn.update({ where: { id: checkIn?.id }, data: { nextRunAt: dueAt } });
    await waitFor(async () => sellers.every((seller) => promptsIn(seller.channelId).length === 1), 10_000);
    const metric = await h.db.metric.findFirstOrThrow();
    const blocks = JSON.stringify(promptsIn(sellers[0]?.channelId ?? "")[0]?.blocks);
    expect(blocks).toContain(`"action_id":"${QUANTIFY_BUTTON}"`);
    expect(blocks).toContain(`"value":"${metric.id}"`);
  });

  it("sends a run pending at a restart exactly once after it", async () => {
    const { team, sellers } = await tenderWithSellers(["Acme", "Beta"]);
    const { checkIn } = await schedule("every day 10:00", team.channelId);
    const dueAt = checkIn?.nextRunAt as Date;
    h.fake.failNext("chat.postMessage", "service_unavailable", { times: 50 });
    await h.room.runJobs(at(dueAt, 5 * SECOND));
    await h.settle();
    expect(await h.db.checkInOccurrence.count()).toBe(1);
    expect(await h.db.delivery.count({ where: { kind: "checkin_prompt", status: "pending" } })).toBe(2);

    await h.restart();
    h.fake.clearFaults();
    // The restarted instance plans nothing new for the same moment and sends what was pending.
    await tickAt(at(dueAt, 2 * 60 * SECOND));
    await tickAt(at(dueAt, 3 * 60 * SECOND));
    expect(sellers.map((seller) => promptsIn(seller.channelId).length)).toEqual([1, 1]);
    expect(await h.db.checkInOccurrence.count()).toBe(1);
  });

  it("retries the messages of an instance that crashed after claiming them once their lease runs out", async () => {
    const { team, sellers } = await tenderWithSellers(["Acme", "Beta"]);
    const { checkIn } = await schedule("every day 10:00", team.channelId);
    const dueAt = checkIn?.nextRunAt as Date;
    h.fake.failNext("chat.postMessage", "service_unavailable", { times: 50 });
    await h.room.runJobs(at(dueAt, SECOND));
    await h.settle();
    // Another instance claims them for a minute and dies before posting.
    const claimed = await claimDue(h.db, at(dueAt, 60 * SECOND), 50, 60 * SECOND);
    expect(claimed.filter((delivery) => delivery.kind === "checkin_prompt")).toHaveLength(2);
    h.fake.clearFaults();

    await h.room.runJobs(at(dueAt, 100 * SECOND));
    await h.settle();
    expect(sellers.map((seller) => promptsIn(seller.channelId).length)).toEqual([0, 0]);
    await tickAt(at(dueAt, 121 * SECOND));
    expect(sellers.map((seller) => promptsIn(seller.channelId).length)).toEqual([1, 1]);
  });

  it("after downtime sends the latest run within the grace period once and records older ones as skipped", async () => {
    const { team, sellers } = await tenderWithSellers(["Acme"]);
    const { checkIn } = await schedule("every day 10:00", team.channelId);
    const firstDue = checkIn?.nextRunAt as Date;
    await tickAt(at(firstDue, 3 * 24 * HOUR + 2 * HOUR));
    const occurrences = await h.db.checkInOccurrence.findMany({ orderBy: { dueAt: "asc" } });
    expect(occurrences.map((o) => [o.status, o.reason])).toEqual([
      ["skipped", MISSED_REASON],
      ["skipped", MISSED_REASON],
      ["skipped", MISSED_REASON],
      ["sent", null],
    ]);
    expect(promptsIn(sellers[0]?.channelId ?? "")).toHaveLength(1);

    // The next day's run missed by seven hours (more than the six of grace): skipped, not sent.
    await tickAt(at(firstDue, 4 * 24 * HOUR + 7 * HOUR));
    const last = await h.db.checkInOccurrence.findFirstOrThrow({ orderBy: { dueAt: "desc" } });
    expect(last).toMatchObject({ status: "skipped", reason: MISSED_REASON });
    expect(promptsIn(sellers[0]?.channelId ?? "")).toHaveLength(1);
  });

  it("of hourly runs missed within the grace period sends only the latest", async () => {
    const { team, sellers } = await tenderWithSellers(["Acme"]);
    const { checkIn } = await schedule('cron "0 * * * *" UTC', team.channelId);
    await tickAt(at(checkIn?.nextRunAt as Date, 3 * HOUR + 5 * 60 * SECOND));
    const reasons = (await h.db.checkInOccurrence.findMany({ orderBy: { dueAt: "asc" } })).map(
      (o) => o.reason,
    );
    expect(reasons).toEqual([SUPERSEDED_REASON, SUPERSEDED_REASON, SUPERSEDED_REASON, null]);
    expect(promptsIn(sellers[0]?.channelId ?? "")).toHaveLength(1);
  });

  it("pauses in the quiet stages and resumes by itself when the stage moves on", async () => {
    const { team, sellers } = await tenderWithSellers(["Acme"]);
    const { checkIn } = await schedule("every day 10:00", team.channelId);
    const firstDue = checkIn?.nextRunAt as Date;
    await h.command("stage proposal", team);
    await tickAt(at(firstDue, 10 * SECOND));
    expect(await h.db.checkInOccurrence.findFirstOrThrow()).toMatchObject({
      status: "skipped",
      reason: QUIET_REASON("proposal"),
    });
    expect(promptsIn(sellers[0]?.channelId ?? "")).toHaveLength(0);

    await h.command("stage requirements", team);
    await tickAt(at(firstDue, 24 * HOUR + 10 * SECOND));
    expect(promptsIn(sellers[0]?.channelId ?? "")).toHaveLength(1);
    expect((await h.db.checkIn.findFirstOrThrow()).status).toBe("active");

    // A closed tender ends its check-ins.
    await h.command("stage closed", team);
    await tickAt(at(firstDue, 2 * 24 * HOUR + 10 * SECOND));
    expect((await h.db.checkIn.findFirstOrThrow()).status).toBe("ended");
    expect(promptsIn(sellers[0]?.channelId ?? "")).toHaveLength(1);
  });

  it("plans every run once when three dispatchers work on one database", async () => {
    const { team, sellers } = await tenderWithSellers(["Acme", "Beta", "Gamma"]);
    for (let i = 0; i < 12; i++) await schedule(`every day 10:${String(i).padStart(2, "0")}`, team.channelId);
    // All due a moment ago, so the real ticks of every instance race for them too.
    await h.db.checkIn.updateMany({ data: { nextRunAt: new Date(Date.now() - 5 * SECOND) } });
    const now = new Date();

    const others = await otherInstances(2);
    try {
      await Promise.all([h.room, ...others].map((room) => room.runJobs(now)));
      await Promise.all([h.room, ...others].map((room) => room.settled(20_000)));
      await drained();
    } finally {
      await Promise.all(others.filter((room) => room !== h.room).map((room) => room.stop()));
    }
    expect(await h.db.checkInOccurrence.count({ where: { status: "sent" } })).toBe(12);
    for (const seller of sellers) expect(promptsIn(seller.channelId)).toHaveLength(12);
    const posts = h.fake
      .calls("chat.postMessage")
      .filter((call) => JSON.stringify(call.args).includes(NOTHING_NEW_BUTTON));
    expect(posts).toHaveLength(36);
  });
});

/**
 * More app instances on the test's database: separate processes' worth of connections on
 * PostgreSQL; on the embedded database, which one process owns, the same instance again.
 */
async function otherInstances(count: number): Promise<TenderRoom[]> {
  const url = h.testDatabase.url;
  if (testDatabaseKind() !== "postgres" || !url) return Array.from({ length: count }, () => h.room);
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: h.fake.apiUrl,
    PORT: "0",
    LOG_LEVEL: "silent",
  });
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  return Promise.all(
    Array.from({ length: count }, async () =>
      startTenderRoom({
        config,
        logger: createLogger({ level: "silent", destination: quiet }),
        database: await openDatabase({ databaseUrl: url }),
        postIntervalMs: 0,
      }),
    ),
  );
}

describe("answering check-ins", () => {
  async function sentCheckIn() {
    const setup = await tenderWithSellers(["Acme", "Beta", "Gamma"]);
    const { checkIn } = await schedule(
      "every monday 10:00 | What changed on your side?",
      setup.team.channelId,
    );
    const dueAt = checkIn?.nextRunAt as Date;
    await tickAt(at(dueAt, 10 * SECOND));
    const occurrence = await h.db.checkInOccurrence.findFirstOrThrow();
    const [acme, beta, gamma] = setup.sellers;
    if (!acme || !beta || !gamma) throw new Error("sellers missing");
    const prompt = (channelId: string) => {
      const [message] = promptsIn(channelId);
      if (!message) throw new Error(`no prompt in ${channelId}`);
      return message;
    };
    return { ...setup, dueAt, occurrence, acme, beta, gamma, prompt };
  }

  it("stores and mirrors updates, meetings, lessons and 'nothing new', then sends the digest after the window", async () => {
    const { team, acme, beta, gamma, occurrence, prompt, dueAt } = await sentCheckIn();
    const value = String(occurrence.id);

    // Acme shares an update through the form.
    await press(SHARE_UPDATE_BUTTON, value, {
      userId: PEOPLE.seller,
      channelId: acme.channelId,
      messageTs: prompt(acme.channelId).ts,
    });
    const empty = await submit(UPDATE_FORM.callbackId, PEOPLE.seller, {
      [UPDATE_FORM.text.block]: { [UPDATE_FORM.text.action]: text(" ") },
    });
    expect(empty.json()).toMatchObject({ response_action: "errors", errors: { text: "Write your update." } });
    await submit(UPDATE_FORM.callbackId, PEOPLE.seller, {
      [UPDATE_FORM.text.block]: {
        [UPDATE_FORM.text.action]: text("Our pilot in Ghent went live <!channel>"),
      },
    });

    // Acme also proposes a meeting; a missing day is pointed out on its field.
    await press(PROPOSE_MEETING_BUTTON, value, {
      userId: PEOPLE.sellerTwo,
      channelId: acme.channelId,
      messageTs: prompt(acme.channelId).ts,
    });
    const meetingValues = (day: string | null) => ({
      [MEETING_FORM.day.block]: { [MEETING_FORM.day.action]: { type: "datepicker", selected_date: day } },
      [MEETING_FORM.time.block]: {
        [MEETING_FORM.time.action]: { type: "timepicker", selected_time: "14:30" },
      },
      [MEETING_FORM.agenda.block]: { [MEETING_FORM.agenda.action]: text("Offline sync demo") },
    });
    const noDay = await submit(MEETING_FORM.callbackId, PEOPLE.sellerTwo, meetingValues(null));
    expect(noDay.json()).toMatchObject({
      response_action: "errors",
      errors: { day: "Pick a day for the meeting." },
    });
    await submit(MEETING_FORM.callbackId, PEOPLE.sellerTwo, meetingValues("2027-01-12"));

    // Beta has nothing new; a buyer pressing a seller's button is told whose it is.
    const buyer = await press(NOTHING_NEW_BUTTON, value, {
      userId: PEOPLE.owner,
      channelId: beta.channelId,
      messageTs: prompt(beta.channelId).ts,
    });
    expect(buyer.texts).toEqual([NOT_YOUR_CHECKIN]);
    await press(NOTHING_NEW_BUTTON, value, {
      userId: PEOPLE.seller,
      channelId: beta.channelId,
      messageTs: prompt(beta.channelId).ts,
    });
    // A seller cannot answer another seller's check-in from its own channel with a forged value.
    const elsewhere = await press(NOTHING_NEW_BUTTON, value, {
      userId: PEOPLE.seller,
      channelId: "C0NOTATENDER",
    });
    expect(elsewhere.texts).toEqual([NOT_YOUR_CHECKIN]);
    await drained();

    const answers = await h.db.checkInAnswer.findMany({ orderBy: { id: "asc" } });
    expect(answers.map((a) => [a.sellerId, a.kind, a.authorName])).toEqual([
      [acme.id, "update", "Sam Seller"],
      [acme.id, "meeting", "Sue Seller"],
      [beta.id, "nothing_new", "Sam Seller"],
    ]);
    expect(answers[1]?.text).toContain("Tue 12 Jan 2027, 14:30");
    expect(answers[1]?.text).toContain("Offline sync demo");

    // Each answer is in the prompt's thread, attributed, and escaped.
    const acmeThread = h.fake
      .messages(acme.channelId)
      .filter((m) => m.threadTs === prompt(acme.channelId).ts && m.ts !== m.threadTs);
    expect(acmeThread.map((m) => m.text)).toEqual([
      expect.stringContaining(
        "*Sam Seller* (Acme) shared an update:\nOur pilot in Ghent went live &lt;!channel&gt;",
      ),
      expect.stringContaining("*Sue Seller* (Acme) shared a meeting proposal:"),
    ]);
    // And mirrored under the check-in's notice in the team channel.
    const notice = h.fake.messages(team.channelId).find((m) => m.text.startsWith("Check-in C-1 sent to 3"));
    const mirrors = h.fake
      .messages(team.channelId)
      .filter((m) => m.threadTs === notice?.ts && m.ts !== notice?.ts);
    expect(mirrors.map((m) => m.text.split("\n")[0])).toEqual([
      expect.stringContaining("*Acme* · Sam Seller · update"),
      expect.stringContaining("*Acme* · Sue Seller · meeting proposal"),
      expect.stringContaining("*Beta* · Sam Seller · nothing new this time"),
    ]);

    // Gamma shares a lesson from the prompt: the lesson is the answer.
    await press(SHARE_LESSON_BUTTON, `${OCCURRENCE_VALUE_PREFIX}${value}`, {
      userId: PEOPLE.seller,
      channelId: gamma.channelId,
      messageTs: prompt(gamma.channelId).ts,
    });
    await submit(LESSON_FORM.callbackId, PEOPLE.seller, {
      [LESSON_FORM.title.block]: { [LESSON_FORM.title.action]: text("Train the dispatchers first") },
      [LESSON_FORM.situation.block]: { [LESSON_FORM.situation.action]: text("A water utility") },
      [LESSON_FORM.lesson.block]: { [LESSON_FORM.lesson.action]: text("Dispatchers drive adoption.") },
      [LESSON_FORM.recommendation.block]: { [LESSON_FORM.recommendation.action]: text("") },
      [LESSON_FORM.impact.block]: { [LESSON_FORM.impact.action]: text("") },
      [LESSON_FORM.tags.block]: { [LESSON_FORM.tags.action]: text("") },
    });
    await drained();
    const lessonAnswer = await h.db.checkInAnswer.findFirstOrThrow({ where: { kind: "lesson" } });
    const lesson = await h.db.lesson.findFirstOrThrow();
    expect(lessonAnswer).toMatchObject({
      sellerId: gamma.id,
      lessonId: lesson.id,
      text: "Train the dispatchers first",
    });
    expect(lesson.threadTs).toBe(prompt(gamma.channelId).ts);

    // No digest before the window closes; at its end one, naming who answered what and who did not.
    const digests = () => h.fake.messages(team.channelId).filter((m) => m.text.includes("*Check-in C-1 of "));
    await tickAt(at(dueAt, 23 * HOUR));
    expect(digests()).toHaveLength(0);
    await tickAt(at(dueAt, 24 * HOUR + SECOND));
    await tickAt(at(dueAt, 24 * HOUR + 2 * SECOND));
    expect(digests()).toHaveLength(1);
    const digest = digests()[0]?.text ?? "";
    expect(digest).toContain("3 of 3 sellers answered");
    expect(digest).toContain(
      "*Acme*: update: “Our pilot in Ghent went live &lt;!channel&gt;”; meeting proposal:",
    );
    expect(digest).toContain("*Beta*: nothing new");
    expect(digest).toContain("*Gamma*: lesson learned: “Train the dispatchers first”");
  });

  it("keeps a seller's message typed in the check-in's thread as an update, once", async () => {
    const { team, acme, prompt } = await sentCheckIn();
    const threadTs = prompt(acme.channelId).ts;
    const say = async (user: string, words: string) => {
      const ts = h.fake.addMessage(acme.channelId, { user, text: words, threadTs });
      const teamId = h.fake.user(user)?.teamId;
      const event = {
        type: "message",
        channel: acme.channelId,
        channel_type: "group",
        user,
        text: words,
        ts,
        thread_ts: threadTs,
        team: teamId,
        user_team: teamId,
      };
      await h.requests.event(event);
      await h.settle();
      return event;
    };
    const event = await say(PEOPLE.seller, "We hired two more field engineers");
    await h.requests.event(event); // Slack delivers it again under a new event id
    await say(PEOPLE.owner, "Great news, thanks!");
    await drained();
    const answers = await h.db.checkInAnswer.findMany();
    expect(answers.map((a) => [a.kind, a.text, a.sellerId])).toEqual([
      ["update", "We hired two more field engineers", acme.id],
    ]);
    const mirrors = h.fake
      .messages(team.channelId)
      .filter((m) => m.text.includes("*Acme* · Sam Seller · update"));
    expect(mirrors).toHaveLength(1);
  });

  it("names the sellers who did not answer in the digest", async () => {
    const { team, acme, occurrence, prompt, dueAt } = await sentCheckIn();
    await press(NOTHING_NEW_BUTTON, String(occurrence.id), {
      userId: PEOPLE.seller,
      channelId: acme.channelId,
      messageTs: prompt(acme.channelId).ts,
    });
    await tickAt(at(dueAt, 24 * HOUR + SECOND));
    const digest = h.fake.messages(team.channelId).find((m) => m.text.includes("*Check-in C-1 of "));
    expect(digest?.text).toContain("1 of 3 sellers answered");
    expect(digest?.text).toContain("No answer from: Beta, Gamma.");
  });

  it("does not send a run of a check-in cancelled after it was planned", async () => {
    const { team, sellers } = await tenderWithSellers(["Acme"]);
    const { checkIn } = await schedule("every day 10:00", team.channelId);
    h.fake.failNext("chat.postMessage", "service_unavailable", { times: 20 });
    await h.room.runJobs(at(checkIn?.nextRunAt as Date, SECOND));
    await h.settle();
    h.fake.clearFaults();
    await h.command("checkin cancel C-1", team);
    await tickAt(at(checkIn?.nextRunAt as Date, 10 * 60 * SECOND));
    expect(promptsIn(sellers[0]?.channelId ?? "")).toHaveLength(0);
  });
});
