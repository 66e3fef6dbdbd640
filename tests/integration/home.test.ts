import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACKNOWLEDGE_BUTTON } from "../../src/features/acknowledgements/ids.js";
import { HOME_STATUS_BUTTON, STATUS_VIEW } from "../../src/features/home/ids.js";
import {
  HOW_TO_START,
  NEEDS_YOU,
  NO_TENDER_YET,
  NOTHING_NEEDS_YOU,
  SELLER_NOT_KNOWN,
  YOUR_TENDERS,
} from "../../src/features/home/views.js";
import { OVERVIEW_TITLE } from "../../src/features/overview/views.js";
import { REQUIREMENT_FORM } from "../../src/features/requirements/ids.js";
import {
  INVITE_SELLER_BUTTON,
  KEY_METRICS_BUTTON,
  POST_REQUIREMENT_BUTTON,
} from "../../src/features/tenders/ids.js";
import { SELLER_COMMANDS } from "../../src/kernel/actor.js";
import { BUTTON_NOT_READ } from "../../src/kernel/handlers.js";
import { type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";

/** A person of Globex, the second seller, and one of an organisation in no tender. */
const GLOBEX = { id: "U0GLOBEX", teamId: "T0GLOBEX" };
const INITECH = { id: "U0INITECH", teamId: "T0INITECH" };

/** Changes to a Home are gathered this long before it is published again. */
const REFRESH_MS = 3_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { homeRefreshMs: REFRESH_MS });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  h.fake.addUser({ id: GLOBEX.id, teamId: GLOBEX.teamId, realName: "Gina Globex" });
  h.fake.addUser({ id: INITECH.id, teamId: INITECH.teamId, realName: "Ian Initech" });
});

const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A tender with Acme and Globex, a key metric neither has quantified, R-1 posted to both (Globex's
 * copy a month old, never answered), the questions date moved (both asked to acknowledge), a daily
 * check-in, nudges off, and Acme's question on R-1.
 */
async function busyTender() {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  const team = { channelId: tender.teamChannelId };
  await h.command("invite Acme people@acme.example", team);
  await h.command("invite Globex people@globex.example", team);
  const [acme, globex] = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  if (!acme || !globex) throw new Error("both sellers are invited");
  await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: SELLER_TEAM } });
  await h.db.seller.update({ where: { id: globex.id }, data: { slackTeamId: GLOBEX.teamId } });
  await h.command("metric add Mean time to repair | hours | 4 | 2", team);
  await h.command("require Offline mode | Technicians work in basements.", team);
  await h.command(`dates questions ${dayFromToday(30)}`, team);
  await h.command("checkin every day 10:00 Europe/Berlin | What changed on your side?", team);
  // The silent seller is the Home's to show; the nudge it would bring waits for working hours.
  await h.command("nudges off", team);
  await h.outboxDrained();
  const requirement = await h.db.requirement.findFirstOrThrow();
  const monthAgo = new Date(Date.now() - 30 * 86_400_000);
  await h.db.requirementPost.updateMany({ where: { sellerId: globex.id }, data: { createdAt: monthAgo } });
  const acmePost = await h.db.requirementPost.findFirstOrThrow({ where: { sellerId: acme.id } });
  await sellerSays(acme.channelId, acmePost.ts, PEOPLE.seller, "Does offline include the basements?");
  await h.outboxDrained();
  return { tender, acme, globex, requirement, acmePost };
}

/** A seller's person writes in a requirement's thread, and Slack tells the app. */
async function sellerSays(channel: string, threadTs: string, user: string, text: string) {
  const ts = h.fake.addMessage(channel, { user, text, threadTs });
  const teamId = h.fake.user(user)?.teamId;
  const event = { type: "message", channel, channel_type: "group", user, text, ts, thread_ts: threadTs };
  const sent = await h.requests.event({ ...event, team: teamId, user_team: teamId });
  expect(sent.status).toBe(200);
  return ts;
}

/** The person opens the app's Home tab (`eventId` again: Slack delivering the same event twice). */
async function openHome(userId: string, options: { eventId?: string; retryNum?: number } = {}) {
  const channel = `D${userId.slice(1)}`;
  const sent = await h.requests.event(
    { type: "app_home_opened", user: userId, channel, tab: "home" },
    options,
  );
  expect(sent.status).toBe(200);
  await h.settle();
  return sent.eventId;
}

function homeOf(userId: string): string {
  const home = h.fake.home(userId);
  if (!home) throw new Error(`no Home published for ${userId}`);
  expect(home.view.type).toBe("home");
  return JSON.stringify(home.view.blocks);
}

/** A button pressed on the App Home, as Slack sends it: from a view, with no channel and no response URL. */
async function pressOnHome(userId: string, actionId: string, value: string) {
  const teamId = h.fake.user(userId)?.teamId;
  const home = h.fake.home(userId);
  const answer = await h.requests.interaction({
    type: "block_actions",
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: teamId },
    api_app_id: h.fake.appId,
    token: "legacy-verification-token",
    container: { type: "view", view_id: home?.id ?? "V0HOME" },
    trigger_id: `${Date.now()}.${randomBytes(6).toString("hex")}`,
    team: { id: h.fake.teamId, domain: h.fake.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    view: { id: home?.id ?? "V0HOME", type: "home", blocks: home?.view.blocks ?? [], hash: home?.hash ?? "" },
    actions: [
      { type: "button", action_id: actionId, block_id: "b", value, action_ts: `${Date.now() / 1000}` },
    ],
  });
  expect(answer.status).toBe(200);
  await h.settle();
}

/** What the app told a person in its direct messages. */
function toldInDm(userId: string): string[] {
  const im = h.fake.imWith(userId);
  return im ? h.fake.messages(im.id).map((message) => message.text) : [];
}

describe("the App Home", { timeout: 120_000 }, () => {
  it("shows an owner their tender with what needs them, engagement per seller and the usual actions", async () => {
    const { tender } = await busyTender();
    await openHome(PEOPLE.owner);
    const home = homeOf(PEOPLE.owner);
    expect(home).toContain(NEEDS_YOU);
    expect(home).toContain(`*T-1 · Field service platform* in <#${tender.teamChannelId}>`);
    // The question: who asked on which requirement, how long ago, and a link to it in the team's thread.
    expect(home).toMatch(
      /\*Acme\* asked on R-1, just now: “Does offline include the basements\?” <https:\/\/[^|]+\/archives\/[^|]+\|Open>/,
    );
    expect(home).toContain("waiting for Acme and Globex to acknowledge");
    expect(home).toContain("*Globex* has not replied to R-1");
    expect(home).not.toContain("*Acme* has not replied");
    expect(home).toContain("*Acme* has not quantified its impact in the key metrics");
    expect(home).toContain("*Globex* has not quantified its impact in the key metrics");
    expect(home).toMatch(/Check-in C-1 runs <!date\^\d+\^/);
    expect(home).toContain(YOUR_TENDERS);
    expect(home).toContain("Stage *courting* · Next key date: Questions close");
    expect(home).toContain("you own it");
    expect(home).toContain("*Acme* — Engagement: 1 reply (1 question)");
    expect(home).toContain("*Globex* — Engagement: 0 replies");
    for (const button of [
      HOME_STATUS_BUTTON,
      POST_REQUIREMENT_BUTTON,
      INVITE_SELLER_BUTTON,
      KEY_METRICS_BUTTON,
    ])
      expect(home).toContain(`"action_id":"${button}","text":`);
    expect(await h.db.homeView.findUniqueOrThrow({ where: { userId: PEOPLE.owner } })).toMatchObject({
      teamId: h.fake.teamId,
      publishedAt: expect.any(Date),
    });
  });

  it("shows a member the tender without the owners' buttons, and someone in no tender how to start", async () => {
    const { tender } = await busyTender();
    await h.db.tenderMember.create({
      data: { tenderId: tender.id, userId: PEOPLE.colleague, role: "member" },
    });
    await openHome(PEOPLE.colleague);
    const member = homeOf(PEOPLE.colleague);
    expect(member).toContain("*T-1 · Field service platform*");
    expect(member).toContain("you are a member");
    expect(member).toContain("*Acme* asked on R-1");
    expect(member).toContain(HOME_STATUS_BUTTON);
    expect(member).toContain(POST_REQUIREMENT_BUTTON);
    expect(member).not.toContain(INVITE_SELLER_BUTTON);
    expect(member).not.toContain(KEY_METRICS_BUTTON);

    await openHome(PEOPLE.coOwner);
    const stranger = homeOf(PEOPLE.coOwner);
    expect(stranger).toContain(JSON.stringify(HOW_TO_START).slice(1, -1));
    expect(stranger).toContain("`/tender new &lt;title&gt;`");
    expect(stranger).toContain("`/tender help`");
    expect(stranger).toContain(NO_TENDER_YET);
    expect(stranger).not.toContain("Field service platform");
  });

  it("says nothing needs an owner whose tender waits on nobody", async () => {
    await h.command("new Quiet tender");
    await openHome(PEOPLE.owner);
    const home = homeOf(PEOPLE.owner);
    expect(home).toContain(NOTHING_NEEDS_YOU);
    expect(home).toContain("Next key date: none set");
  });

  it("shows a seller's person its own seller's overview, and never the other seller", async () => {
    await busyTender();
    await openHome(PEOPLE.seller);
    const acme = homeOf(PEOPLE.seller);
    expect(acme).toContain(OVERVIEW_TITLE);
    expect(acme).toContain("Field service platform");
    expect(acme).not.toContain("Globex");
    expect(acme).not.toContain(NEEDS_YOU);
    expect(acme).not.toContain(HOME_STATUS_BUTTON);
    await openHome(GLOBEX.id);
    const globex = homeOf(GLOBEX.id);
    expect(globex).toContain(OVERVIEW_TITLE);
    expect(globex).not.toContain("Acme");
    expect(globex).not.toContain("Does offline include");
    // An organisation the app knows in no tender: where its overview will be.
    await openHome(INITECH.id);
    expect(homeOf(INITECH.id)).toContain(JSON.stringify(SELLER_NOT_KNOWN).slice(1, -1));
  });

  it("publishes once for an app_home_opened Slack delivers twice, and not for the messages tab", async () => {
    const eventId = await openHome(PEOPLE.owner);
    await openHome(PEOPLE.owner, { eventId, retryNum: 1 });
    expect(h.fake.homePublishes(PEOPLE.owner)).toBe(1);
    const messagesTab = await h.requests.event({
      type: "app_home_opened",
      user: PEOPLE.colleague,
      tab: "messages",
    });
    expect(messagesTab.status).toBe(200);
    await h.settle();
    expect(h.fake.homePublishes(PEOPLE.colleague)).toBe(0);
    expect(await h.db.homeView.findUnique({ where: { userId: PEOPLE.colleague } })).toBeNull();
  });

  it("is not published for a person Slack does not know", async () => {
    await openHome("U0NOBODY");
    expect(h.fake.home("U0NOBODY")).toBeUndefined();
    expect(await h.db.homeView.count()).toBe(0);
  });
});

describe("the Home kept current", { timeout: 120_000 }, () => {
  it("is published again after a seller's reply, and after an acknowledgement", async () => {
    const { acme, acmePost } = await busyTender();
    await openHome(PEOPLE.owner);
    await openHome(PEOPLE.seller);
    expect(h.fake.homePublishes(PEOPLE.owner)).toBe(1);
    await sellerSays(acme.channelId, acmePost.ts, PEOPLE.sellerTwo, "And what about the car parks?");
    await h.outboxDrained();
    expect(h.fake.homePublishes(PEOPLE.owner)).toBe(2);
    expect(homeOf(PEOPLE.owner)).toContain("*Acme* asked on R-1, just now: “And what about the car parks?”");
    // The seller's person's Home follows its own tender too.
    expect(h.fake.homePublishes(PEOPLE.seller)).toBe(2);

    const asking = h.fake
      .messages(acme.channelId)
      .map((message) => h.fake.message(acme.channelId, message.ts) ?? message)
      .find((message) => JSON.stringify(message.blocks ?? []).includes(ACKNOWLEDGE_BUTTON));
    const noticeId = String(
      (asking?.blocks ?? [])
        .flatMap((block) => (block as { elements?: { action_id?: string; value?: string }[] }).elements ?? [])
        .find((element) => element.action_id === ACKNOWLEDGE_BUTTON)?.value,
    );
    await h.requests.blockAction({
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      channelId: acme.channelId,
      messageTs: asking?.ts,
      actionId: ACKNOWLEDGE_BUTTON,
      value: noticeId,
    });
    await h.settle();
    await h.outboxDrained();
    expect(h.fake.homePublishes(PEOPLE.owner)).toBe(3);
    const home = homeOf(PEOPLE.owner);
    expect(home).toContain("waiting for Globex to acknowledge");
    expect(home).not.toContain("waiting for Acme and Globex");
  });

  it("publishes each owner's Home once or twice for a burst of 20 replies, not 20 times", async () => {
    const { tender, acme, acmePost } = await busyTender();
    await h.db.tenderMember.create({ data: { tenderId: tender.id, userId: PEOPLE.coOwner, role: "owner" } });
    await openHome(PEOPLE.owner);
    await openHome(PEOPLE.coOwner);
    // Someone who never opened the Home gets none.
    await h.db.tenderMember.create({
      data: { tenderId: tender.id, userId: PEOPLE.colleague, role: "member" },
    });
    // The burst starts at the beginning of a slot of time, as a burst may.
    await new Promise((resolve) => setTimeout(resolve, REFRESH_MS - (Date.now() % REFRESH_MS) + 20));
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sellerSays(
          acme.channelId,
          acmePost.ts,
          PEOPLE.seller,
          `Question ${i + 1}: does it cover site ${i + 1}?`,
        ),
      ),
    );
    await h.settle();
    await h.outboxDrained();
    // The mirrors' posts to the team channel are what each publish follows.
    const mirrors = h.fake
      .calls("chat.postMessage")
      .filter((call) => call.at >= started && call.args.channel === tender.teamChannelId);
    const burst = `the 20 mirrors went out over ${(mirrors.at(-1)?.at ?? started) - started} ms`;
    expect(await h.db.reply.count({ where: { kind: "question" } })).toBe(21);
    for (const owner of [PEOPLE.owner, PEOPLE.coOwner]) {
      const again = h.fake.homePublishes(owner) - 1;
      expect(again, burst).toBeGreaterThanOrEqual(1);
      expect(again, burst).toBeLessThanOrEqual(2);
      expect(homeOf(owner)).toContain("…and 18 more unanswered questions");
    }
    expect(h.fake.home(PEOPLE.colleague)).toBeUndefined();
  });
});

describe("buttons on the Home", { timeout: 120_000 }, () => {
  it("opens a tender's status for its people, and tells anyone else why not in a direct message", async () => {
    const { tender } = await busyTender();
    await openHome(PEOPLE.owner);
    await pressOnHome(PEOPLE.owner, HOME_STATUS_BUTTON, String(tender.id));
    const status = h.fake.views().at(-1);
    expect(status?.view.callback_id).toBe(STATUS_VIEW);
    const shown = JSON.stringify(status?.view.blocks);
    expect(shown).toContain("*T-1 · Field service platform* is in the *courting* stage");
    expect(shown).toContain("Engagement: 1 reply (1 question)");

    await pressOnHome(PEOPLE.colleague, HOME_STATUS_BUTTON, String(tender.id));
    expect(toldInDm(PEOPLE.colleague)).toEqual([
      expect.stringContaining("Only the people of T-1 can see its status"),
    ]);
    await pressOnHome(PEOPLE.colleague, HOME_STATUS_BUTTON, "T-1");
    expect(toldInDm(PEOPLE.colleague).at(-1)).toBe(BUTTON_NOT_READ);
    await pressOnHome(PEOPLE.seller, HOME_STATUS_BUTTON, String(tender.id));
    expect(toldInDm(PEOPLE.seller)).toEqual([SELLER_COMMANDS]);
    expect(h.fake.views().filter((view) => view.view.callback_id === STATUS_VIEW)).toHaveLength(1);
  });

  it("opens the tender card's forms from the Home; their answers and refusals reach the person", async () => {
    const { tender } = await busyTender();
    await h.db.tenderMember.create({
      data: { tenderId: tender.id, userId: PEOPLE.colleague, role: "member" },
    });
    await pressOnHome(PEOPLE.colleague, POST_REQUIREMENT_BUTTON, String(tender.id));
    const form = h.fake.views().at(-1);
    expect(form?.view.callback_id).toBe(REQUIREMENT_FORM.callbackId);
    const submitted = await h.requests.viewSubmission({
      userId: PEOPLE.colleague,
      callbackId: REQUIREMENT_FORM.callbackId,
      viewId: form?.id,
      values: {
        [REQUIREMENT_FORM.title.block]: {
          [REQUIREMENT_FORM.title.action]: { type: "plain_text_input", value: "Spare parts on the van" },
        },
      },
    });
    expect(submitted.status).toBe(200);
    await h.outboxDrained();
    // Posted to the sellers, and the answer reaches the colleague where the Home's press can: a direct message.
    expect(await h.db.requirement.count({ where: { tenderId: tender.id } })).toBe(2);
    expect(toldInDm(PEOPLE.colleague)).toEqual([expect.stringContaining("R-2")]);
    await pressOnHome(PEOPLE.colleague, INVITE_SELLER_BUTTON, String(tender.id));
    expect(toldInDm(PEOPLE.colleague).at(-1)).toContain("Only the owners of T-1");
  });
});
