import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pendingAcknowledgements } from "../../src/features/acknowledgements/index.js";
import {
  INTEND_TO_BID_BUTTON,
  NOT_BIDDING_FORM,
  WILL_NOT_BID_BUTTON,
} from "../../src/features/intents/ids.js";
import { BUTTON_NOT_READ } from "../../src/kernel/handlers.js";
import { formatDay } from "../../src/slack/dates.js";
import { type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";
import { workLatestFormAgain } from "../support/replay.js";

/** Acme's person (of the seller organisation SELLER_TEAM) and Globex's, the second seller. */
const ACME = { id: PEOPLE.seller, teamId: SELLER_TEAM };
const GLOBEX = { id: "U0GLOBEX", teamId: "T0GLOBEX" };
const OWNER = { id: PEOPLE.owner, teamId: undefined };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  h.fake.addUser({ id: GLOBEX.id, teamId: GLOBEX.teamId, realName: "Gina Globex" });
});

const typed = (value: string) => ({ type: "plain_text_input", value });

/** Waits until the outbox has sent what is due now (a check-in's digest waits for its window). */
async function sent() {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await h.settle();
    const now = new Date();
    const due = await h.db.delivery.count({
      where: { status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] },
    });
    if (due === 0) return;
    if (Date.now() > deadline) throw new Error(`${due} outbox messages still due`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** Opens the tender and invites Acme and Globex, each seller's organisation known. */
async function tenderWithSellers(stage: "courting" | "requirements", dates: { proposalsDueOn?: Date } = {}) {
  await h.command("new Field service <platform>");
  const tender = await h.db.tender.findFirstOrThrow();
  await h.db.tender.update({
    where: { id: tender.id },
    data: { stage, goal: "Fewer truck rolls <!channel>", ...dates },
  });
  await h.command("invite Acme people@acme.example", { channelId: tender.teamChannelId });
  await h.command("invite Globex people@globex.example", { channelId: tender.teamChannelId });
  const [acme, globex] = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  if (!acme || !globex) throw new Error("both sellers are invited");
  await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: SELLER_TEAM } });
  await h.db.seller.update({ where: { id: globex.id }, data: { slackTeamId: GLOBEX.teamId } });
  await h.outboxDrained();
  return { tender, acme, globex };
}

/** The question whether the seller bids, in its channel. */
const prompts = (channelId: string) =>
  h.fake.messages(channelId).filter((message) => message.text.startsWith("Will "));
const shown = (message: { text: string; blocks?: unknown } | undefined) =>
  JSON.stringify([message?.text, message?.blocks]);
const texts = (channelId: string) => h.fake.messages(channelId).map((message) => message.text);

async function press(
  actionId: string,
  person: { id: string; teamId: string | undefined },
  channelId: string,
  value: string,
  triggerId?: string,
) {
  const responseUrl = h.fake.responseUrl();
  await h.requests.blockAction({
    userId: person.id,
    userTeamId: person.teamId,
    channelId,
    actionId,
    value,
    responseUrl,
    triggerId,
  });
  await sent();
  return h.fake.responses(responseUrl).map((response) => (response.body as { text?: string }).text);
}

/** Acme's person presses "We will not bid" and sends the form with `reason`. */
async function willNotBid(seller: { id: number; channelId: string }, reason: string) {
  expect(await press(WILL_NOT_BID_BUTTON, ACME, seller.channelId, String(seller.id))).toEqual([]);
  const view = h.fake.views().at(-1);
  expect(view?.view.callback_id).toBe(NOT_BIDDING_FORM.callbackId);
  const answer = await h.requests.viewSubmission({
    userId: ACME.id,
    userTeamId: ACME.teamId,
    callbackId: NOT_BIDDING_FORM.callbackId,
    viewId: view?.id,
    values: { reason: { reason_input: typed(reason) } },
  });
  await sent();
  return answer;
}

describe("the question whether a seller bids", () => {
  it("is asked in each seller channel on entering requirements, once, and never of a declined seller", async () => {
    const { tender, acme, globex } = await tenderWithSellers("courting");
    await h.command("invite Initech people@initech.example", { channelId: tender.teamChannelId });
    const initech = await h.db.seller.findFirstOrThrow({ where: { name: "Initech" } });
    await h.db.seller.update({ where: { id: initech.id }, data: { status: "declined" } });
    expect(prompts(acme.channelId)).toEqual([]);

    await h.command("stage requirements", { channelId: tender.teamChannelId });
    await h.outboxDrained();
    for (const seller of [acme, globex]) expect(prompts(seller.channelId)).toHaveLength(1);
    expect(prompts(initech.channelId)).toEqual([]);
    const [prompt] = prompts(acme.channelId);
    expect(prompt?.text).toBe("Will Acme bid for T-1 · Field service &lt;platform&gt;?");
    const blocks = shown(prompt);
    expect(blocks).toContain("_What the tender asks:_ Fewer truck rolls &lt;!channel&gt;");
    expect(blocks).toContain(INTEND_TO_BID_BUTTON);
    expect(blocks).toContain(WILL_NOT_BID_BUTTON);
    expect(blocks).toContain("You can change your mind until proposals are due.");

    // Back to courting and into requirements again: nobody is asked twice.
    await h.command("stage courting", { channelId: tender.teamChannelId });
    await h.command("stage requirements", { channelId: tender.teamChannelId });
    await h.outboxDrained();
    for (const seller of [acme, globex]) expect(prompts(seller.channelId)).toHaveLength(1);
  });

  it("is asked of a seller invited in the requirements stage, after its welcome, with the date to change it by", async () => {
    const { acme } = await tenderWithSellers("requirements", { proposalsDueOn: day("2099-03-06") });
    const messages = texts(acme.channelId);
    expect(messages[0]).toContain("*Welcome to T-1");
    expect(messages[1]).toBe("Will Acme bid for T-1 · Field service &lt;platform&gt;?");
    expect(shown(prompts(acme.channelId)[0])).toContain(
      `You can change your mind until the end of ${formatDay(day("2099-03-06"))}, when proposals are due.`,
    );
  });
});

describe("answering", () => {
  it("intend to bid: recorded once, the team told, the prompt showing the answer and the way back", async () => {
    const { tender, acme } = await tenderWithSellers("requirements");
    const told = await press(INTEND_TO_BID_BUTTON, ACME, acme.channelId, String(acme.id));
    expect(told).toEqual(["Thank you: the buyer's team now knows *Acme* intends to bid."]);
    expect(await h.db.seller.findUniqueOrThrow({ where: { id: acme.id } })).toMatchObject({
      intent: "bidding",
      intentReason: null,
      intentBy: ACME.id,
    });
    expect(texts(tender.teamChannelId).filter((text) => text.includes("intends to bid"))).toEqual([
      `:white_check_mark: *Acme* intends to bid (<@${ACME.id}> in <#${acme.channelId}>).`,
    ]);
    const [prompt, ...more] = prompts(acme.channelId);
    expect(more).toEqual([]);
    expect(prompt?.edited).toBeDefined();
    expect(shown(prompt)).toContain(`*Your answer:* Acme intends to bid — <@${ACME.id}>`);
    expect(shown(prompt)).toContain(WILL_NOT_BID_BUTTON);
    expect(shown(prompt)).not.toContain(INTEND_TO_BID_BUTTON);
    const audit = await h.db.auditEvent.findMany({ where: { action: "seller.intent_changed" } });
    expect(audit.map((event) => event.detail)).toEqual([
      { seller: "Acme", from: "undecided", to: "bidding" },
    ]);

    // A second press changes nothing and posts nothing.
    const deliveries = await h.db.delivery.count();
    const again = await press(INTEND_TO_BID_BUTTON, ACME, acme.channelId, String(acme.id));
    expect(again).toEqual(["*Acme* has already said it intends to bid."]);
    expect(await h.db.delivery.count()).toBe(deliveries);
    expect(await h.db.auditEvent.count({ where: { action: "seller.intent_changed" } })).toBe(1);
  });

  it("will not bid: a reason is required and bounded, kept, told to the team escaped and shown in the status", async () => {
    const { tender, acme, globex } = await tenderWithSellers("requirements");
    await press(WILL_NOT_BID_BUTTON, ACME, acme.channelId, String(acme.id));
    const view = h.fake.views().at(-1);
    const submit = (reason: string) =>
      h.requests.viewSubmission({
        userId: ACME.id,
        userTeamId: ACME.teamId,
        callbackId: NOT_BIDDING_FORM.callbackId,
        viewId: view?.id,
        values: { reason: { reason_input: typed(reason) } },
      });
    expect((await submit("   ")).json()).toEqual({
      response_action: "errors",
      errors: { reason: "Give the buyer's team a reason: they will read it." },
    });
    expect((await submit("x".repeat(501))).json()).toEqual({
      response_action: "errors",
      errors: { reason: "Keep the reason within 500 characters." },
    });
    expect((await h.db.seller.findUniqueOrThrow({ where: { id: acme.id } })).intent).toBe("undecided");

    await submit("No field crews <!channel> this year");
    await h.settle();
    await h.outboxDrained();
    expect(await h.db.seller.findUniqueOrThrow({ where: { id: acme.id } })).toMatchObject({
      intent: "not_bidding",
      intentReason: "No field crews <!channel> this year",
      intentBy: ACME.id,
    });
    expect(texts(tender.teamChannelId).filter((text) => text.includes("will not bid"))).toEqual([
      `:no_entry_sign: *Acme* will not bid: “No field crews &lt;!channel&gt; this year” (<@${ACME.id}> in <#${acme.channelId}>). It gets no new requirements, key metrics or nudges unless it changes its mind.`,
    ]);
    const prompt = shown(prompts(acme.channelId)[0]);
    expect(prompt).toContain("*Your answer:* Acme will not bid: “No field crews &lt;!channel&gt; this year”");
    expect(prompt).toContain(INTEND_TO_BID_BUTTON);
    expect(prompt).not.toContain(WILL_NOT_BID_BUTTON);
    expect(texts(globex.channelId).some((text) => text.includes("field crews"))).toBe(false);

    // Pressing "We will not bid" again on an earlier copy opens nothing.
    const views = h.fake.views().length;
    expect(await press(WILL_NOT_BID_BUTTON, ACME, acme.channelId, String(acme.id))).toEqual([
      "*Acme* has already said it will not bid.",
    ]);
    expect(h.fake.views()).toHaveLength(views);

    const status = (await h.command("status", { channelId: tender.teamChannelId })).replies.join("\n");
    expect(status).toContain(
      "   will not bid: “No field crews &lt;!channel&gt; this year” · gets no new requirements, metrics or nudges: said it will not bid",
    );
    expect(status).toContain("   has not said whether it will bid");
  });
});

describe("a seller that will not bid", () => {
  /** Monday 00:00 in Berlin (the owner's zone) some weeks ahead, so the real clock leaves it alone. */
  const WEEK = DateTime.now().setZone("Europe/Berlin").plus({ weeks: 3 }).startOf("week");
  const at = (days: number, hour: number) => WEEK.plus({ days }).set({ hour }).toJSDate();
  const isoDay = (days: number) => WEEK.plus({ days }).toISODate() ?? "";

  it("gets no new requirement, metric, nudge, key-date reminder or check-in; changing its mind catches it up", async () => {
    const { tender, acme, globex } = await tenderWithSellers("requirements", {
      proposalsDueOn: day(isoDay(11)),
    });
    const team = { channelId: tender.teamChannelId };
    await h.command("metric add Mean time to repair | hours | 4 | 2", team);
    await h.command("require Offline mode", team);
    await h.outboxDrained();
    await willNotBid(acme, "We are fully booked");
    const acmeBefore = texts(acme.channelId);

    const posted = await h.command("require Spare parts", team);
    expect(posted.replies[0]).toContain("is going out to 1 seller channel");
    await h.command("metric add First-time fix rate | % | 70 | 90", team);
    await h.command("clarify R-1 It works without network on every site.", team);
    await h.command("checkin every day 10:00 | What changed?", team);
    await h.db.tender.update({ where: { id: tender.id }, data: { questionsDueOn: day(isoDay(9)) } });
    await h.outboxDrained();
    // A week on, in working hours: silence, quantify and key-date nudges and a check-in run are due.
    await h.room.runJobs(at(7, 10));

    const globexTexts = texts(globex.channelId);
    expect(globexTexts.some((text) => text.includes("R-2 · Spare parts"))).toBe(true);
    expect(globexTexts.some((text) => text.includes("M-2 · First-time fix rate"))).toBe(true);
    expect(globexTexts.some((text) => text.includes("without network on every site"))).toBe(true);
    expect(globexTexts.some((text) => text.startsWith("Any thoughts on *R-1"))).toBe(true);
    expect(globexTexts.some((text) => text.includes(":calendar:"))).toBe(true);
    expect(globexTexts.some((text) => text.includes("What changed?"))).toBe(true);
    const nudged = await h.db.delivery.findMany({
      where: { kind: { in: ["nudge_silence", "nudge_quantify", "nudge_date_seller"] } },
    });
    expect(new Set(nudged.map((delivery) => delivery.sellerId))).toEqual(new Set([globex.id]));
    expect(new Set(nudged.map((delivery) => delivery.kind))).toEqual(
      new Set(["nudge_silence", "nudge_quantify", "nudge_date_seller"]),
    );
    const occurrence = await h.db.checkInOccurrence.findFirstOrThrow({ where: { status: "sent" } });
    expect(occurrence.sellerIds).toEqual([globex.id]);
    expect(texts(acme.channelId)).toEqual(acmeBefore);

    // Acme changes its mind: it gets R-2, M-2 and the clarification in its R-1 thread (to
    // acknowledge, pending on the clarification's board), and nothing it had already.
    await press(INTEND_TO_BID_BUTTON, ACME, acme.channelId, String(acme.id));
    const caughtUp = texts(acme.channelId).slice(acmeBefore.length);
    expect(caughtUp).toHaveLength(3);
    expect(caughtUp.some((text) => text.includes("R-2 · Spare parts"))).toBe(true);
    expect(caughtUp.some((text) => text.includes("M-2 · First-time fix rate"))).toBe(true);
    const clarification = h.fake
      .messages(acme.channelId)
      .find((message) => message.text?.includes("without network on every site"));
    expect(clarification?.threadTs).toBeDefined();
    expect(JSON.stringify(clarification?.blocks)).toContain("Acknowledge");
    const notice = await h.db.notice.findFirstOrThrow({ where: { kind: "clarification" } });
    expect(await pendingAcknowledgements(h.db, tender.id, acme.id)).toEqual([
      expect.objectContaining({ id: notice.id, subject: "Clarification on R-1" }),
    ]);
    expect(texts(tender.teamChannelId).at(-1)).toBe(
      `:white_check_mark: *Acme* intends to bid (<@${ACME.id}> in <#${acme.channelId}>). It changed its mind and gets the open requirements, key metrics and clarifications it missed.`,
    );
  });

  it("can no longer change its mind once the proposals-due day has ended, nor before requirements", async () => {
    const { tender, acme } = await tenderWithSellers("requirements", { proposalsDueOn: day("2020-01-06") });
    for (const button of [INTEND_TO_BID_BUTTON, WILL_NOT_BID_BUTTON]) {
      expect(await press(button, ACME, acme.channelId, String(acme.id))).toEqual([
        `Proposals were due on ${formatDay(day("2020-01-06"))}: whether you bid can no longer change.`,
      ]);
    }
    await h.db.tender.update({ where: { id: tender.id }, data: { stage: "courting", proposalsDueOn: null } });
    expect(await press(INTEND_TO_BID_BUTTON, ACME, acme.channelId, String(acme.id))).toEqual([
      "The tender asks whether you will bid once it is in the requirements stage.",
    ]);
    await h.db.tender.update({ where: { id: tender.id }, data: { stage: "evaluation" } });
    expect(await press(INTEND_TO_BID_BUTTON, ACME, acme.channelId, String(acme.id))).toEqual([
      "The tender is in the evaluation stage: whether you bid can no longer change.",
    ]);
    expect(h.fake.views()).toEqual([]);
    expect((await h.db.seller.findUniqueOrThrow({ where: { id: acme.id } })).intent).toBe("undecided");
  });
});

describe("a seller whose every invitation was declined", () => {
  it("gets no new requirement, and is caught up with the question and the requirement when its people join", async () => {
    const { tender, acme, globex } = await tenderWithSellers("courting");
    await h.db.seller.update({ where: { id: acme.id }, data: { status: "declined" } });
    await h.db.tender.update({ where: { id: tender.id }, data: { stage: "requirements" } });
    const posted = await h.command("require Offline mode", { channelId: tender.teamChannelId });
    expect(posted.replies[0]).toContain("is going out to 1 seller channel");
    await h.outboxDrained();
    expect(texts(globex.channelId).some((text) => text.includes("R-1 · Offline mode"))).toBe(true);
    expect(texts(acme.channelId).some((text) => text.includes("R-1 · Offline mode"))).toBe(false);
    const status = (await h.command("status", { channelId: tender.teamChannelId })).replies.join("\n");
    expect(status).toContain("gets no new requirements, metrics or nudges: declined every invitation");

    // Its people join the channel shared by hand after all.
    await h.requests.event({
      type: "member_joined_channel",
      user: ACME.id,
      channel: acme.channelId,
      channel_type: "G",
      team: SELLER_TEAM,
    });
    await h.settle();
    await h.outboxDrained();
    expect((await h.db.seller.findUniqueOrThrow({ where: { id: acme.id } })).status).toBe("joined");
    expect(prompts(acme.channelId)).toHaveLength(1);
    expect(texts(acme.channelId).filter((text) => text.includes("R-1 · Offline mode"))).toHaveLength(1);
    expect(texts(globex.channelId).filter((text) => text.includes("R-1 · Offline mode"))).toHaveLength(1);
  });
});

describe("who may answer", () => {
  it("refuses the buyer's people, another seller's person, a forged value and another seller's id", async () => {
    const { tender, acme, globex } = await tenderWithSellers("requirements");
    for (const button of [INTEND_TO_BID_BUTTON, WILL_NOT_BID_BUTTON]) {
      expect(await press(button, OWNER, acme.channelId, String(acme.id))).toEqual([
        "Only Acme's own people can say whether Acme will bid.",
      ]);
      expect(await press(button, GLOBEX, acme.channelId, String(acme.id))).toEqual([
        "Only Acme's own people can say whether Acme will bid.",
      ]);
      expect(await press(button, ACME, acme.channelId, "1; DROP TABLE")).toEqual([BUTTON_NOT_READ]);
      expect(await press(button, ACME, acme.channelId, String(globex.id))).toEqual([BUTTON_NOT_READ]);
      expect(await press(button, OWNER, tender.teamChannelId, String(acme.id))).toEqual([
        "Whether a seller will bid is said in its own channel, with the buttons on the tender's question there.",
      ]);
    }
    // A form naming Acme's channel, sent by Globex's person.
    await h.requests.viewSubmission({
      userId: GLOBEX.id,
      userTeamId: GLOBEX.teamId,
      callbackId: NOT_BIDDING_FORM.callbackId,
      privateMetadata: JSON.stringify({ channelId: acme.channelId }),
      values: { reason: { reason_input: typed("As Acme?") } },
    });
    await h.settle();
    await h.outboxDrained();
    expect(h.fake.views()).toEqual([]);
    const sellers = await h.db.seller.findMany({ orderBy: { id: "asc" } });
    expect(sellers.map((seller) => seller.intent)).toEqual(["undecided", "undecided"]);
    expect(await h.db.auditEvent.count({ where: { action: "seller.intent_changed" } })).toBe(0);
  });
});

describe("worked twice", () => {
  it("a press redelivered or worked again after a crash, and a form worked again, change nothing more", async () => {
    const { tender, acme } = await tenderWithSellers("requirements");
    const trigger = "1234567890123.1234567890.intentpress";
    await press(INTEND_TO_BID_BUTTON, ACME, acme.channelId, String(acme.id), trigger);
    await press(INTEND_TO_BID_BUTTON, ACME, acme.channelId, String(acme.id), trigger);
    const press1 = await h.db.inboxItem.findFirstOrThrow({
      where: { kind: "action" },
      orderBy: { id: "desc" },
    });
    await h.db.inboxItem.update({
      where: { id: press1.id },
      data: { status: "pending", leaseUntil: new Date(Date.now() - 1_000) },
    });
    await h.restart();
    await h.settle();
    await h.outboxDrained();

    await willNotBid(acme, "Too far from our depots");
    const item = await workLatestFormAgain(h);
    expect(await h.db.inboxItem.findUniqueOrThrow({ where: { id: item } })).toMatchObject({ status: "done" });

    const audit = await h.db.auditEvent.findMany({
      where: { action: "seller.intent_changed" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((event) => (event.detail as { to: string }).to)).toEqual(["bidding", "not_bidding"]);
    const team = texts(tender.teamChannelId);
    expect(team.filter((text) => text.includes("*Acme* intends to bid"))).toHaveLength(1);
    expect(team.filter((text) => text.includes("*Acme* will not bid"))).toHaveLength(1);
    expect(prompts(acme.channelId)).toHaveLength(1);
    const answers = [
      ...h.fake.responses().map((response) => response.body),
      ...h.fake.calls("chat.postMessage").map((call) => call.args),
    ];
    expect(JSON.stringify(answers)).not.toMatch(/Something went wrong/);
  });
});
