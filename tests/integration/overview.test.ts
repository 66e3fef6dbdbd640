import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACKNOWLEDGE_BUTTON } from "../../src/features/acknowledgements/ids.js";
import { ESTIMATE_FORM_CALLBACK, estimateField, QUANTIFY_BUTTON } from "../../src/features/estimates/ids.js";
import { NOT_BIDDING_FORM, WILL_NOT_BID_BUTTON } from "../../src/features/intents/ids.js";
import { LESSON_FORM, SHARE_LESSON_BUTTON } from "../../src/features/lessons/ids.js";
import { sellerOverviewBlocks } from "../../src/features/overview/index.js";
import { REVISION_FORM } from "../../src/features/revisions/ids.js";
import { createLogger } from "../../src/logger.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
import { formatDay } from "../../src/slack/dates.js";
import { SlackGateway } from "../../src/slack/gateway.js";
import { ChannelPacer } from "../../src/slack/pacer.js";
import { BOT_TOKEN, type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";

/**
 * Each seller's pinned overview. Changes are gathered for a minute here, so nothing is updated
 * until `flush()` sends what is queued as if that minute had passed: every update a test sees is
 * one the app would have made.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { overviewRefreshMs: 60_000 });
});
afterAll(async () => {
  await h?.close();
});

/** The second seller: its name, its person and everything it writes are words no one else uses. */
const QUOKKA = { id: "U0QUOKKA", teamId: "T0QUOKKA", name: "Zanzibar Quokka", person: "Wilhelmina Wombat" };
beforeEach(async () => {
  await h.reset();
  h.fake.addUser({ id: QUOKKA.id, teamId: QUOKKA.teamId, realName: QUOKKA.person });
});

type Person = { id: string; teamId: string };
const ACME: Person = { id: PEOPLE.seller, teamId: SELLER_TEAM };
const far = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** Sends everything queued, the gathered overview updates included, as if their time had come. */
async function flush() {
  for (const deadline = Date.now() + 20_000; ; ) {
    await h.settle();
    // An hour ahead: past every slot a test's changes are gathered in, before any nudge is due.
    await h.room.runJobs(new Date(Date.now() + 3_600_000));
    await h.settle();
    const pending = await h.db.delivery.count({ where: { status: "pending" } });
    if (pending === 0) return;
    if (Date.now() > deadline) {
      const rows = await h.db.delivery.findMany({ where: { status: "pending" } });
      throw new Error(
        `still pending: ${JSON.stringify(rows.map((row) => [row.key, row.lastError, row.attempts]))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A tender with key dates far ahead, Acme and Zanzibar Quokka invited, their people known. */
async function tenderWithSellers(metrics: string[] = []) {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  await h.db.tender.update({
    where: { id: tender.id },
    data: { questionsDueOn: far("2099-03-02"), proposalsDueOn: far("2099-04-06") },
  });
  const team = { channelId: tender.teamChannelId };
  await h.command("invite Acme people@acme.example", team);
  await h.command(`invite ${QUOKKA.name} people@quokka.example`, team);
  const [acme, quokka] = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  if (!acme || !quokka) throw new Error("both sellers are invited");
  await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: SELLER_TEAM } });
  await h.db.seller.update({ where: { id: quokka.id }, data: { slackTeamId: QUOKKA.teamId } });
  for (const command of metrics) await h.command(command, team);
  await flush();
  return { tender, team, acme, quokka };
}

/** The seller's overview as it reads now, and its ts. */
async function overviewOf(seller: { id: number; channelId: string }) {
  const row = await h.db.delivery.findUniqueOrThrow({ where: { key: `overview:${seller.id}` } });
  if (!row.ts) throw new Error("the overview was not posted");
  const message = h.fake.message(seller.channelId, row.ts) as FakeMessage;
  return { ts: row.ts, message, shown: JSON.stringify([message.text, message.blocks]) };
}

/** Every version Slack was sent of the seller's overview: the post and each update. */
function versionsOf(channelId: string, ts: string): string[] {
  const posts = h.fake
    .calls("chat.postMessage")
    .filter((call) => call.args.channel === channelId && String(call.args.text).startsWith("Your tender"));
  const updates = h.fake.calls("chat.update").filter((call) => call.args.ts === ts);
  return [...posts, ...updates].map((call) => JSON.stringify(call.args));
}

const updatesOf = (ts: string) =>
  h.fake.calls("chat.update").filter((call) => call.args.ts === ts && call.status === 200).length;

const overviewPosts = (channelId: string) =>
  h.fake.messages(channelId).filter((message) => message.text.startsWith("Your tender"));

async function press(actionId: string, value: string, person: Person, channelId: string, messageTs?: string) {
  await h.requests.blockAction({
    userId: person.id,
    userTeamId: person.teamId,
    channelId,
    actionId,
    value,
    responseUrl: h.fake.responseUrl(),
    ...(messageTs ? { messageTs } : {}),
  });
  await flush();
}

const typed = (value: string) => ({ type: "plain_text_input", value });

/** A seller's person writes in a requirement's thread, and Slack tells the app. */
async function says(person: Person, post: { channelId: string; ts: string }, text: string) {
  const ts = h.fake.addMessage(post.channelId, { user: person.id, text, threadTs: post.ts });
  await h.requests.event({
    type: "message",
    channel: post.channelId,
    user: person.id,
    user_team: person.teamId,
    text,
    ts,
    thread_ts: post.ts,
  });
  await flush();
}

/** A seller's person shares a lesson from the requirement's post. */
async function sharesLesson(person: Person, post: { channelId: string; ts: string }, title: string) {
  const requirement = await h.db.requirement.findFirstOrThrow();
  await h.requests.blockAction({
    userId: person.id,
    userTeamId: person.teamId,
    channelId: post.channelId,
    actionId: SHARE_LESSON_BUTTON,
    value: String(requirement.id),
    messageTs: post.ts,
    responseUrl: h.fake.responseUrl(),
  });
  await h.settle();
  const view = h.fake.views().at(-1);
  await h.requests.viewSubmission({
    userId: person.id,
    userTeamId: person.teamId,
    callbackId: LESSON_FORM.callbackId,
    ...(view ? { viewId: view.id } : {}),
    values: {
      [LESSON_FORM.title.block]: { [LESSON_FORM.title.action]: typed(title) },
      [LESSON_FORM.situation.block]: { [LESSON_FORM.situation.action]: typed(`${title}: the situation.`) },
      [LESSON_FORM.lesson.block]: { [LESSON_FORM.lesson.action]: typed(`${title}: what was learned.`) },
    },
  });
  await flush();
}

/** The owner revises R-1 to v2, applying these lessons. */
async function revise(team: { channelId: string }, lessonIds: number[]) {
  await h.command("revise R-1", team);
  const view = h.fake.views().at(-1);
  await h.requests.viewSubmission({
    userId: PEOPLE.owner,
    callbackId: REVISION_FORM.callbackId,
    ...(view ? { viewId: view.id } : {}),
    values: {
      [REVISION_FORM.title.block]: { [REVISION_FORM.title.action]: typed("Offline mode for 72 hours") },
      [REVISION_FORM.priority.block]: {
        [REVISION_FORM.priority.action]: { type: "static_select", selected_option: { value: "must" } },
      },
      [REVISION_FORM.changeNote.block]: { [REVISION_FORM.changeNote.action]: typed("72 hours offline") },
      [REVISION_FORM.lessons.block]: {
        [REVISION_FORM.lessons.action]: {
          type: "multi_static_select",
          selected_options: lessonIds.map((id) => ({ value: String(id) })),
        },
      },
    },
  });
  await flush();
}

/** A seller's person presses "Quantify your impact" on M-1's post and saves `value` hours. */
async function estimates(person: Person, channelId: string, value: string) {
  const metric = await h.db.metric.findFirstOrThrow();
  const post = h.fake
    .messages(channelId)
    .find((message) => JSON.stringify(message.blocks ?? []).includes(QUANTIFY_BUTTON));
  await h.requests.blockAction({
    userId: person.id,
    userTeamId: person.teamId,
    channelId,
    actionId: QUANTIFY_BUTTON,
    value: String(metric.id),
    ...(post ? { messageTs: post.ts } : {}),
    responseUrl: h.fake.responseUrl(),
  });
  await h.settle();
  const view = h.fake.views().at(-1);
  const field = (part: "value" | "confidence") => estimateField(metric.id, part);
  await h.requests.viewSubmission({
    userId: person.id,
    userTeamId: person.teamId,
    callbackId: ESTIMATE_FORM_CALLBACK,
    ...(view ? { viewId: view.id } : {}),
    values: {
      [field("value").block]: { [field("value").action]: typed(value) },
      [field("confidence").block]: {
        [field("confidence").action]: { type: "static_select", selected_option: { value: "high" } },
      },
    },
  });
  await flush();
}

describe("a seller's overview", () => {
  it("is posted once after the welcome when the seller is invited, pinned, with the tender, its stage and dates", async () => {
    const { acme, quokka } = await tenderWithSellers();
    for (const seller of [acme, quokka]) {
      const { ts, shown } = await overviewOf(seller);
      expect(h.fake.pins(seller.channelId)).toEqual([ts]);
      expect(overviewPosts(seller.channelId)).toHaveLength(1);
      expect(h.fake.messages(seller.channelId)[0]?.text).toContain("*Welcome to T-1");
      expect(shown).toContain("Your tender: T-1 · Field service platform");
      expect(shown).toContain("*Stage:* courting — Getting to know each other");
      expect(shown).toContain(`*Next key date:* Questions close ${formatDay(far("2099-03-02"))}`);
      expect(shown).toContain(`Questions are open until the end of ${formatDay(far("2099-03-02"))}.`);
      expect(shown).toContain("*Your intention:* not said yet.");
      expect(shown).toContain("*Awaiting your input* (0)");
      expect(shown).toContain("*Acknowledgements pending* (0)");
      expect(shown).toContain("*Your lessons learned*");
      expect(shown).toContain("*Your latest estimates*");
    }
  });

  it("is posted all the same when Slack will not pin it, and the refusal is logged", async () => {
    await h.command("new Field service platform");
    const tender = await h.db.tender.findFirstOrThrow();
    h.fake.failNext("pins.add", "not_pinnable");
    await h.command("invite Acme people@acme.example", { channelId: tender.teamChannelId });
    await flush();
    const acme = await h.db.seller.findFirstOrThrow();
    const { ts } = await overviewOf(acme);
    expect(overviewPosts(acme.channelId).map((message) => message.ts)).toEqual([ts]);
    expect(h.fake.pins(acme.channelId)).toEqual([]);
    expect(h.logs.some((line) => line.includes("the seller's overview could not be pinned"))).toBe(true);
    // Still kept current.
    await h.command("require Offline mode", { channelId: tender.teamChannelId });
    await flush();
    expect((await overviewOf(acme)).shown).toContain("*Awaiting your input* (1)");
  });

  it("is updated when a requirement is posted, acknowledged and replied to, each seller with its own", async () => {
    const { team, acme, quokka } = await tenderWithSellers();
    const { ts } = await overviewOf(acme);
    const before = updatesOf(ts);

    await h.command("require Offline mode | Technicians work in basements.", team);
    await flush();
    const post = await h.db.requirementPost.findFirstOrThrow({ where: { sellerId: acme.id } });
    let shown = (await overviewOf(acme)).shown;
    expect(updatesOf(ts)).toBe(before + 1);
    expect(shown).toContain("*Awaiting your input* (1)");
    expect(shown).toContain(
      `• <https://${h.fake.teamDomain}.slack.com/archives/${acme.channelId}/p${post.ts.replace(".", "")}|R-1 · Offline mode>`,
    );

    await h.command("clarify R-1 Do basements count? | Yes, basements count.", team);
    await flush();
    shown = (await overviewOf(acme)).shown;
    expect(shown).toContain("*Acknowledgements pending* (1)");
    expect(shown).toContain("• Clarification on R-1 (since <!date^");

    const asking = h.fake
      .messages(acme.channelId)
      .find((message) => JSON.stringify(message.blocks ?? []).includes(ACKNOWLEDGE_BUTTON));
    const notice = await h.db.notice.findFirstOrThrow();
    await press(ACKNOWLEDGE_BUTTON, String(notice.id), ACME, acme.channelId, asking?.ts);
    shown = (await overviewOf(acme)).shown;
    expect(shown).toContain("*Acknowledgements pending* (0)");
    expect((await overviewOf(quokka)).shown).toContain("*Acknowledgements pending* (1)");

    await says(ACME, post, "Our app caches work orders for 72 hours.");
    shown = (await overviewOf(acme)).shown;
    expect(shown).toContain("*Awaiting your input* (0)");
    expect((await overviewOf(quokka)).shown).toContain("*Awaiting your input* (1)");
    expect(overviewPosts(acme.channelId)).toHaveLength(1);
  });

  it("gathers a burst of 20 requirements into one update or two", async () => {
    const { team, acme, quokka } = await tenderWithSellers();
    const { ts } = await overviewOf(acme);
    const before = updatesOf(ts);
    for (let n = 1; n <= 20; n++)
      await h.command(`require Requirement number ${n}${n === 20 ? " <!channel> & co" : ""}`, team);
    await flush();
    expect(await h.db.requirementPost.count({ where: { sellerId: acme.id } })).toBe(20);
    const made = updatesOf(ts) - before;
    expect(made).toBeGreaterThanOrEqual(1);
    expect(made).toBeLessThanOrEqual(2);
    expect(await h.db.delivery.count({ where: { kind: "overview_refresh", sellerId: acme.id } })).toBe(made);
    const { shown } = await overviewOf(acme);
    expect(shown).toContain("*Awaiting your input* (20)");
    // What people typed is escaped: the title cannot notify the channel.
    expect(shown).toContain("R-20 · Requirement number 20 &lt;!channel&gt; &amp; co");
    expect(shown).not.toContain("<!channel>");
    expect((await overviewOf(quokka)).shown).toContain("*Awaiting your input* (20)");
  });

  it("never names another seller, its people, words or numbers, in any version or on the App Home", async () => {
    const { team, acme, quokka } = await tenderWithSellers([
      "metric add Mean time to repair | hours | 4 | 2 | lower",
    ]);
    await h.command("require Offline mode", team);
    await h.command("stage requirements", team);
    await flush();
    const acmePost = await h.db.requirementPost.findFirstOrThrow({ where: { sellerId: acme.id } });
    const quokkaPost = await h.db.requirementPost.findFirstOrThrow({ where: { sellerId: quokka.id } });
    const quokkaPerson = { id: QUOKKA.id, teamId: QUOKKA.teamId };

    await says(quokkaPerson, quokkaPost, "Marsupialgrid syncs every 17 minutes.");
    await sharesLesson(quokkaPerson, quokkaPost, "Pouchcache lessons");
    await estimates(quokkaPerson, quokka.channelId, "1.2345");
    await press(WILL_NOT_BID_BUTTON, String(quokka.id), quokkaPerson, quokka.channelId);
    const form = h.fake.views().at(-1);
    await h.requests.viewSubmission({
      userId: QUOKKA.id,
      userTeamId: QUOKKA.teamId,
      callbackId: NOT_BIDDING_FORM.callbackId,
      ...(form ? { viewId: form.id } : {}),
      values: { reason: { reason_input: typed("Kangaroofund budget is elsewhere") } },
    });
    await flush();
    await sharesLesson(ACME, acmePost, "Cache work orders");
    await estimates(ACME, acme.channelId, "3");

    expect((await overviewOf(acme)).shown).toContain(
      "*Your lessons learned*\\n• L-2 · Cache work orders — not applied yet",
    );
    await revise(team, [1, 2]);
    expect(await h.db.lessonApplication.count()).toBe(2);

    const { ts, shown } = await overviewOf(acme);
    expect(shown).toContain("*Your lessons learned*\\n• L-2 · Cache work orders — applied in R-1 v2");
    expect(shown).toContain("• R-1 revised to v2 (since");
    expect(shown).toContain(
      "• M-1 · Mean time to repair: 3 hours expected · 50% of the way from 4 to 2 hours",
    );
    expect(shown).toContain("*Your intention:* not said yet.");
    expect((await overviewOf(quokka)).shown).toContain("1.2345 hours expected");

    const gateway = new SlackGateway(
      new WebClient(BOT_TOKEN, { slackApiUrl: h.fake.apiUrl }),
      createLogger({ level: "silent" }),
      new ChannelPacer(0),
    );
    const home = JSON.stringify(await sellerOverviewBlocks({ db: h.db, slack: gateway }, acme.id));
    expect(home).toContain("L-2 · Cache work orders");
    const versions = [...versionsOf(acme.channelId, ts), home];
    expect(versions.length).toBeGreaterThan(3);
    const forbidden = [
      "Zanzibar",
      "Quokka",
      QUOKKA.id,
      QUOKKA.person,
      "Marsupialgrid",
      "Pouchcache",
      "1.2345",
      "Kangaroofund",
      "will not bid",
      quokka.channelId,
    ];
    for (const version of versions)
      for (const word of forbidden) expect(version.toLowerCase()).not.toContain(word.toLowerCase());
  });

  it("tells a seller that will not bid so, and shows nothing posted since", async () => {
    const { team, acme } = await tenderWithSellers();
    await h.command("stage requirements", team);
    await flush();
    await press(WILL_NOT_BID_BUTTON, String(acme.id), ACME, acme.channelId);
    const form = h.fake.views().at(-1);
    await h.requests.viewSubmission({
      userId: ACME.id,
      userTeamId: ACME.teamId,
      callbackId: NOT_BIDDING_FORM.callbackId,
      ...(form ? { viewId: form.id } : {}),
      values: { reason: { reason_input: typed("Not our market") } },
    });
    await flush();
    let { shown } = await overviewOf(acme);
    expect(shown).toContain(`*Your intention:* you said you will not bid (<@${ACME.id}>, <!date^`);
    expect(shown).toContain("You get no new requirements, key metrics or check-ins meanwhile");
    expect(shown).toContain("*Stage:* requirements");
    expect(shown).not.toContain("Not our market");

    await h.command("require Offline mode", team);
    await flush();
    ({ shown } = await overviewOf(acme));
    expect(shown).toContain("*Awaiting your input* (0)");
    expect(shown).not.toContain("Offline mode");
  });
});

describe("after a crash", () => {
  it("an overview posted but not recorded, and its update worked again, stay one message", async () => {
    const { team, acme } = await tenderWithSellers();
    const { ts } = await overviewOf(acme);
    await h.command("require Offline mode", team);
    await flush();
    // As if the process had died right after Slack took each of them, before recording it.
    await h.db.delivery.updateMany({
      where: { sellerId: acme.id, kind: { in: ["seller_overview", "overview_refresh"] } },
      data: {
        status: "pending",
        attempts: 1,
        leaseUntil: new Date(Date.now() - 1_000),
        ts: null,
        lastError: null,
      },
    });
    const updates = updatesOf(ts);
    await h.restart();
    await flush();
    expect(overviewPosts(acme.channelId).map((message) => message.ts)).toEqual([ts]);
    expect(h.fake.pins(acme.channelId)).toEqual([ts]);
    expect((await overviewOf(acme)).ts).toBe(ts);
    expect(updatesOf(ts)).toBeGreaterThan(updates);
    expect((await overviewOf(acme)).shown).toContain("R-1 · Offline mode");
  });

  it("a seller from before overviews gets its overview once, on its first change, however often that is worked", async () => {
    await h.command("new Field service platform");
    const tender = await h.db.tender.findFirstOrThrow();
    const channelId = h.fake.addChannel({ name: "tender-field-service-platform-initech", isPrivate: true });
    const initech = await h.db.seller.create({
      data: { tenderId: tender.id, name: "Initech", slug: "initech", channelId, createdBy: PEOPLE.owner },
    });
    await h.command("require Offline mode", { channelId: tender.teamChannelId });
    await flush();
    const { ts, shown } = await overviewOf(initech);
    expect(shown).toContain("*Awaiting your input* (1)");
    expect(h.fake.pins(channelId)).toEqual([ts]);

    // The refresh that posted it worked again, as after a crash before it was recorded.
    await h.db.delivery.updateMany({
      where: { kind: "overview_refresh", sellerId: initech.id },
      data: { status: "pending", attempts: 1, leaseUntil: new Date(Date.now() - 1_000), lastError: null },
    });
    await h.restart();
    await flush();
    expect(overviewPosts(channelId).map((message) => message.ts)).toEqual([ts]);
  });
});
