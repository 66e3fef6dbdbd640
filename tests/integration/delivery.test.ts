import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LESSON_FORM, SHARE_LESSON_BUTTON } from "../../src/features/lessons/ids.js";
import { REQUIREMENT_EVENT_TYPE } from "../../src/features/requirements/ids.js";
import { type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";

/**
 * Every message the outbox posts is posted once: after a crash between Slack taking it and the
 * app recording it, after an answer Slack held too long, while Slack refuses the app's token.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { callTimeoutMs: 300, tokenRecheckMs: 100 });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
});

async function tenderWithSellers(names: string[]) {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  for (const [i, name] of names.entries()) {
    await h.command(`invite ${name} people@seller${i}.example`, { channelId: tender.teamChannelId });
  }
  const sellers = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  return { tender, sellers, team: { channelId: tender.teamChannelId } };
}

/** A seller writes in a requirement's thread, and Slack tells the app. */
async function sellerSays(post: { channelId: string; ts: string }, text: string) {
  const ts = h.fake.addMessage(post.channelId, { user: PEOPLE.seller, text, threadTs: post.ts });
  await h.requests.event({
    type: "message",
    channel: post.channelId,
    user: PEOPLE.seller,
    user_team: SELLER_TEAM,
    text,
    ts,
    thread_ts: post.ts,
  });
  await h.settle();
}

/** A seller shares a lesson from the requirement's post: the form, submitted. */
async function sellerSharesLesson(post: { channelId: string; ts: string }, requirementId: number) {
  await h.requests.blockAction({
    userId: PEOPLE.seller,
    channelId: post.channelId,
    actionId: SHARE_LESSON_BUTTON,
    value: String(requirementId),
    messageTs: post.ts,
    responseUrl: h.fake.responseUrl(),
  });
  await h.settle();
  const view = h.fake.views().at(-1);
  const text = (value: string) => ({ type: "plain_text_input", value });
  await h.requests.viewSubmission({
    userId: PEOPLE.seller,
    userTeamId: SELLER_TEAM,
    callbackId: LESSON_FORM.callbackId,
    ...(view ? { viewId: view.id } : {}),
    values: {
      [LESSON_FORM.title.block]: { [LESSON_FORM.title.action]: text("Cache work orders") },
      [LESSON_FORM.situation.block]: { [LESSON_FORM.situation.action]: text("A utility, 400 technicians.") },
      [LESSON_FORM.lesson.block]: { [LESSON_FORM.lesson.action]: text("Basements have no network.") },
    },
  });
  await h.settle();
}

/** The next weekday at 10:00 in Berlin, a week or more ahead: working hours for every nudge. */
function workingMorningAhead(): Date {
  let day = DateTime.now().setZone("Europe/Berlin").plus({ days: 7 }).set({ hour: 10, minute: 0, second: 0 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day.toJSDate();
}

/** Everything in the outbox is sent but the check-in's digest, which waits for its answer window. */
async function sentAllButDigests() {
  for (const deadline = Date.now() + 20_000; ; ) {
    await h.settle();
    const waiting = await h.db.delivery.count({
      where: { status: "pending", kind: { not: "checkin_digest" } },
    });
    if (waiting === 0) return;
    if (Date.now() > deadline) throw new Error(`${waiting} messages still waiting`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function countPosts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const channel of h.fake.channels()) counts.set(channel.id, h.fake.messages(channel.id).length);
  return counts;
}

describe("exactly-once posts", () => {
  it("finds every post again, of every kind, when the process died after Slack took it and before it was recorded", async () => {
    const { tender, sellers, team } = await tenderWithSellers(["Acme", "Beta"]);
    await h.command("require Offline mode", team);
    await h.outboxDrained();
    const requirement = await h.db.requirement.findFirstOrThrow();
    const post = await h.db.requirementPost.findFirstOrThrow({ where: { sellerId: sellers[0]?.id } });
    await sellerSays(post, "Which devices do the technicians carry?");
    await h.command("clarify R-1 Android phones | Android 12 or later", team);
    await sellerSharesLesson(post, requirement.id);
    const later = workingMorningAhead();
    // A daily check-in that ran five minutes before `later`.
    const runAt = DateTime.fromJSDate(later, { zone: "UTC" }).minus({ minutes: 5 }).toFormat("HH:mm");
    await h.command(`checkin every day ${runAt} UTC | What changed?`, team);
    await h.outboxDrained();
    await h.room.runJobs(later);
    await h.settle();

    const posted = await h.db.delivery.findMany({ where: { status: "sent", ts: { not: null } } });
    const kinds = new Set(posted.map((delivery) => delivery.kind));
    for (const kind of [
      "requirement_team",
      "requirement_post",
      "reply_mirror",
      "requirement_clarification",
      "lesson_card",
      "checkin_prompt",
      "checkin_team",
      "nudge_question",
    ])
      expect(kinds, kind).toContain(kind);
    const before = countPosts();

    // As if the process had died right after Slack took each of them, before recording it.
    await h.db.delivery.updateMany({
      where: { id: { in: posted.map((delivery) => delivery.id) } },
      data: {
        status: "pending",
        attempts: 1,
        leaseUntil: new Date(Date.now() - 1_000),
        ts: null,
        lastError: null,
      },
    });
    await h.restart();
    await h.room.runJobs(later);
    await sentAllButDigests();

    expect(countPosts()).toEqual(before);
    const again = await h.db.delivery.findMany({
      where: { id: { in: posted.map((delivery) => delivery.id) } },
    });
    for (const delivery of again) {
      const earlier = posted.find((row) => row.id === delivery.id);
      expect({ key: delivery.key, status: delivery.status, ts: delivery.ts }).toEqual({
        key: earlier?.key,
        status: "sent",
        ts: earlier?.ts,
      });
    }
    expect(tender.id).toBeGreaterThan(0);
  });

  it("does not post again what Slack took but answered too late", async () => {
    const { sellers, team } = await tenderWithSellers(["Acme"]);
    const seller = sellers[0];
    if (!seller) throw new Error("no seller");
    await h.command("require Offline mode", team);
    await h.outboxDrained();
    // Slack takes the clarification but answers after the app stopped waiting (300 ms).
    h.fake.slowNext("chat.postMessage", 1_000, { when: (args) => args.channel === seller.channelId });
    await h.command("clarify R-1 Eight hours at least", team);
    await h.outboxDrained();
    const post = await h.db.requirementPost.findFirstOrThrow();
    const clarifications = h.fake
      .messages(seller.channelId)
      .filter((message) => message.threadTs === post.ts && message.text.includes("Clarification"));
    expect(clarifications).toHaveLength(1);
    const delivery = await h.db.delivery.findFirstOrThrow({ where: { kind: "requirement_clarification" } });
    expect(delivery).toMatchObject({ status: "sent", ts: clarifications[0]?.ts, attempts: 2 });
  });
});

describe("Slack refusing the app's token", () => {
  it("holds every message while Slack refuses the token, sends each once when it works again, and tells the owners", async () => {
    const { sellers, team } = await tenderWithSellers(["Acme", "Beta"]);
    const until = Date.now() + 1_500;
    h.fake.failNext("*", "invalid_auth", { times: 100_000, when: () => Date.now() < until });
    const { replies } = await h.command("require Offline mode", team);
    expect(replies[0]).toContain("is going out to 2 seller channels");
    await h.settle();
    expect(await h.db.delivery.count({ where: { status: "failed" } })).toBe(0);
    expect(h.fake.messages(team.channelId).filter((m) => m.text.includes("Offline mode"))).toHaveLength(0);

    await new Promise((resolve) => setTimeout(resolve, until - Date.now() + 200));
    await h.fake.waitFor(
      () =>
        h.fake
          .messages(team.channelId)
          .find((message) => message.text.includes("refused Tender Room's token")),
      10_000,
    );
    await h.outboxDrained();
    expect(await h.db.delivery.count({ where: { status: "failed" } })).toBe(0);
    for (const seller of sellers) {
      expect(
        h.fake.messages(seller.channelId).filter((m) => m.metadata?.event_type === REQUIREMENT_EVENT_TYPE),
      ).toHaveLength(1);
    }
    const notice = h.fake
      .messages(team.channelId)
      .find((m) => m.text.includes("refused Tender Room's token"));
    expect(notice?.text).toContain("`invalid_auth`");
    expect(notice?.text).toContain("3 messages of this tender waited");
  });

  it("holds at once when Slack says the tokens were revoked, and goes on once the token works", async () => {
    const { team } = await tenderWithSellers(["Acme"]);
    await h.requests.event({ type: "tokens_revoked", tokens: { bot: ["U0BOT"] } });
    await h.settle();
    await h.command("require Offline mode", team);
    await h.fake.waitFor(
      () => h.fake.messages(team.channelId).find((m) => m.text.includes("Offline mode")),
      10_000,
    );
    await h.outboxDrained();
    expect(await h.db.delivery.count({ where: { status: "failed" } })).toBe(0);
  });
});

describe("Slack's rate limit", () => {
  it("holds back only the channel that met it", async () => {
    const { sellers, team } = await tenderWithSellers(["Acme", "Beta"]);
    const [acme, beta] = sellers;
    if (!acme || !beta) throw new Error("no sellers");
    h.fake.rateLimitNext("chat.postMessage", {
      retryAfterSeconds: 3,
      when: (args) => args.channel === acme.channelId,
    });
    const start = Date.now();
    await h.command("require Offline mode", team);
    const betaPost = await h.fake.waitFor(
      () => h.fake.messages(beta.channelId).find((m) => m.metadata?.event_type === REQUIREMENT_EVENT_TYPE),
      10_000,
    );
    const acmePost = await h.fake.waitFor(
      () => h.fake.messages(acme.channelId).find((m) => m.metadata?.event_type === REQUIREMENT_EVENT_TYPE),
      10_000,
    );
    const at = (ts: string) => Number(ts) * 1000;
    expect(at(betaPost.ts) - start).toBeLessThan(2_000);
    expect(at(acmePost.ts) - start).toBeGreaterThanOrEqual(2_900);
  });
});
