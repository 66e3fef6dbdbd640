import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SELLER_BUTTONS, SELLER_INPUT_FORM } from "../../src/features/replies/ids.js";
import { questionsClosedText } from "../../src/features/replies/views.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
import { formatDay } from "../../src/slack/dates.js";
import { type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
});

const DAY_MS = 86_400_000;
/** A key date `days` from today (midnight UTC of that day, as key dates are stored). */
function dayFromToday(days: number): Date {
  return new Date(`${new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10)}T00:00:00.000Z`);
}
const CLOSED_ON = () => dayFromToday(-3);

/** A tender with one seller and R-1 posted in its channel. */
async function postedRequirement() {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  await h.command("invite Acme people@acme.example", { channelId: tender.teamChannelId });
  await h.command("require Offline mode", { channelId: tender.teamChannelId });
  await h.outboxDrained();
  const post = await h.db.requirementPost.findFirstOrThrow();
  const requirement = await h.db.requirement.findFirstOrThrow();
  if (!requirement.teamTs) throw new Error("R-1 has no team thread");
  return { tender, post, teamTs: requirement.teamTs };
}

async function setQuestionsDue(tenderId: number, day: Date | null) {
  await h.db.tender.update({ where: { id: tenderId }, data: { questionsDueOn: day } });
}

/** A seller's person writes in the requirement's thread, and Slack tells the app. */
async function sellerSays(channel: string, threadTs: string, text: string): Promise<string> {
  const ts = h.fake.addMessage(channel, { user: PEOPLE.seller, text, threadTs });
  const sent = await h.requests.event({
    type: "message",
    channel,
    channel_type: "group",
    user: PEOPLE.seller,
    text,
    ts,
    thread_ts: threadTs,
    team: SELLER_TEAM,
    user_team: SELLER_TEAM,
  });
  expect(sent.status).toBe(200);
  await h.settle();
  await h.outboxDrained();
  return ts;
}

/** The seller's person presses a button on R-1's post in its channel. */
async function sellerPresses(actionId: string, channelId: string, requirementId: number) {
  const responseUrl = h.fake.responseUrl();
  await h.requests.blockAction({
    userId: PEOPLE.seller,
    userTeamId: SELLER_TEAM,
    channelId,
    actionId,
    value: String(requirementId),
    responseUrl,
  });
  await h.settle();
  return h.fake.responses(responseUrl).map((response) => (response.body as { text?: string }).text);
}

function mirrorsIn(channel: string, threadTs: string): FakeMessage[] {
  return h.fake
    .messages(channel)
    .filter((message) => message.threadTs === threadTs && message.ts !== threadTs);
}

const shown = (message: FakeMessage | undefined) => JSON.stringify(message?.blocks ?? []);

describe("a question after questions closed", () => {
  it("is stored and mirrored as always, marked late with the date; an edit keeps it late", async () => {
    const { tender, post, teamTs } = await postedRequirement();
    await setQuestionsDue(tender.id, CLOSED_ON());
    const ts = await sellerSays(post.channelId, post.ts, "Can we assume LTE coverage?");
    await sellerSays(post.channelId, post.ts, "Thanks for the walkthrough.");

    const replies = await h.db.reply.findMany({ orderBy: { id: "asc" } });
    expect(replies.map((reply) => [reply.kind, reply.late])).toEqual([
      ["question", true],
      ["comment", false],
    ]);
    const mirrors = mirrorsIn(tender.teamChannelId, teamTs);
    expect(mirrors).toHaveLength(2);
    const late = `Question (late: asked after questions closed on ${formatDay(CLOSED_ON())})`;
    expect(shown(mirrors[0])).toContain(late);
    expect(shown(mirrors[1])).not.toContain("late");

    await h.requests.event({
      type: "message",
      subtype: "message_changed",
      hidden: true,
      channel: post.channelId,
      ts: "1999999999.000100",
      message: {
        type: "message",
        user: PEOPLE.seller,
        text: "Can we assume LTE coverage everywhere?",
        ts,
        thread_ts: post.ts,
        edited: { user: PEOPLE.seller, ts: "1999999999.000100" },
      },
      previous_message: { type: "message", user: PEOPLE.seller, text: "Can we assume LTE coverage?", ts },
    });
    await h.settle();
    await h.outboxDrained();
    expect(await h.db.reply.findFirstOrThrow({ where: { ts } })).toMatchObject({
      text: "Can we assume LTE coverage everywhere?",
      edited: true,
      late: true,
    });
    const edited = h.fake.message(tender.teamChannelId, mirrors[0]?.ts ?? "");
    expect(shown(edited)).toContain("Can we assume LTE coverage everywhere?");
    expect(shown(edited)).toContain(late);
  });

  it("is not late on the questions-due day itself, nor without a date", async () => {
    const { tender, post } = await postedRequirement();
    await sellerSays(post.channelId, post.ts, "Is a tablet fine?");
    // Today in the tender's zone: questions close only once this day has ended there.
    const today = DateTime.now().setZone(tender.timezone).toISODate();
    await setQuestionsDue(tender.id, new Date(`${today}T00:00:00.000Z`));
    await sellerSays(post.channelId, post.ts, "And a phone?");
    expect((await h.db.reply.findMany()).map((reply) => reply.late)).toEqual([false, false]);
  });
});

describe("Ask a question after questions closed", () => {
  it("answers the seller with the date and opens no form; Suggest a change still works", async () => {
    const { tender, post } = await postedRequirement();
    await setQuestionsDue(tender.id, CLOSED_ON());
    const told = await sellerPresses(SELLER_BUTTONS.askQuestion, post.channelId, post.requirementId);
    expect(told).toEqual([questionsClosedText(1, CLOSED_ON())]);
    expect(told[0]).toBe(
      `Questions on T-1 closed on ${formatDay(CLOSED_ON())}. The buyer may reopen them by moving the date.`,
    );
    expect(h.fake.views()).toEqual([]);

    expect(await sellerPresses(SELLER_BUTTONS.suggestChange, post.channelId, post.requirementId)).toEqual([]);
    expect(h.fake.views().at(-1)?.view.callback_id).toBe(SELLER_INPUT_FORM.callbackId);
  });

  it("refuses on its field a form opened before the close and submitted after it", async () => {
    const { tender, post } = await postedRequirement();
    expect(await sellerPresses(SELLER_BUTTONS.askQuestion, post.channelId, post.requirementId)).toEqual([]);
    const form = h.fake.views().at(-1);
    expect(form?.view.callback_id).toBe(SELLER_INPUT_FORM.callbackId);
    await setQuestionsDue(tender.id, CLOSED_ON());

    const answer = await h.requests.viewSubmission({
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      callbackId: SELLER_INPUT_FORM.callbackId,
      viewId: form?.id,
      values: { text: { text_input: { type: "plain_text_input", value: "Which devices?" } } },
    });
    expect(answer.json()).toEqual({
      response_action: "errors",
      errors: { text: questionsClosedText(1, CLOSED_ON()) },
    });
    await h.settle();
    await h.outboxDrained();
    expect(await h.db.reply.count()).toBe(0);
    expect(h.fake.messages(post.channelId).filter((message) => message.threadTs === post.ts)).toHaveLength(0);
  });

  it("works again once the owners move the date later: questions reopen", async () => {
    const { tender, post } = await postedRequirement();
    await setQuestionsDue(tender.id, CLOSED_ON());
    expect(await sellerPresses(SELLER_BUTTONS.askQuestion, post.channelId, post.requirementId)).toEqual([
      questionsClosedText(1, CLOSED_ON()),
    ]);

    await setQuestionsDue(tender.id, dayFromToday(7));
    expect(await sellerPresses(SELLER_BUTTONS.askQuestion, post.channelId, post.requirementId)).toEqual([]);
    const form = h.fake.views().at(-1);
    await h.requests.viewSubmission({
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      callbackId: SELLER_INPUT_FORM.callbackId,
      viewId: form?.id,
      values: { text: { text_input: { type: "plain_text_input", value: "Which devices?" } } },
    });
    await h.settle();
    await h.outboxDrained();
    await sellerSays(post.channelId, post.ts, "And is LTE enough?");
    const replies = await h.db.reply.findMany({ orderBy: { id: "asc" } });
    expect(replies.map((reply) => [reply.text, reply.kind, reply.late])).toEqual([
      ["Which devices?", "question", false],
      ["And is LTE enough?", "question", false],
    ]);
  });

  it("still refuses a seller's person in another seller's channel first, whatever the date", async () => {
    const { tender, post } = await postedRequirement();
    await setQuestionsDue(tender.id, CLOSED_ON());
    await h.db.seller.updateMany({ data: { slackTeamId: "T0GLOBEX" } });
    const told = await sellerPresses(SELLER_BUTTONS.askQuestion, post.channelId, post.requirementId);
    expect(told).toEqual([
      "Only the people of this channel's seller, and the tender's team, can write here in its threads.",
    ]);
  });
});
