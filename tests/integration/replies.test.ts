import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ANSWER_ALL_BUTTON, SELLER_BUTTONS, SELLER_INPUT_FORM } from "../../src/features/replies/ids.js";
import {
  DELETED_MARKER,
  EDITED_MARKER,
  NOT_IN_REQUIREMENT_CHANNEL,
  ORIGINAL_LINK_LABEL,
  sellerInputPost,
} from "../../src/features/replies/views.js";
import { BUTTON_NOT_READ } from "../../src/kernel/handlers.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
import { type Harness, HOME_TEAM, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";

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

const outboxDone = () => h.outboxDrained(60_000);

/** A tender with sellers and R-1 posted in every seller channel. */
async function postedRequirement(sellerCount = 2, title = "Field service platform") {
  await h.command(`new ${title}`);
  const tender = await h.db.tender.findFirstOrThrow({ where: { title }, orderBy: { id: "desc" } });
  for (let i = 1; i <= sellerCount; i++) {
    await h.command(`invite Seller ${i} people@seller${i}.example`, { channelId: tender.teamChannelId });
  }
  await h.command("require Offline mode", { channelId: tender.teamChannelId });
  await outboxDone();
  const requirement = await h.db.requirement.findFirstOrThrow({
    where: { tenderId: tender.id },
    include: { posts: { include: { seller: true }, orderBy: { sellerId: "asc" } } },
  });
  const [first, second] = requirement.posts;
  if (!first || !requirement.teamTs) throw new Error("R-1 was not posted");
  return { tender, requirement, teamTs: requirement.teamTs, post: first, otherPost: second };
}

interface Said {
  ts: string;
  eventId: string;
  event: Record<string, unknown>;
}

/** A person writes in a channel (in a thread with `threadTs`), and Slack tells the app. */
async function say(
  channel: string,
  user: string,
  text: string,
  options: { threadTs?: string; extra?: Record<string, unknown> } = {},
): Promise<Said> {
  const ts = h.fake.addMessage(channel, { user, text, threadTs: options.threadTs });
  const team = h.fake.user(user)?.teamId;
  const event = {
    type: "message",
    channel,
    channel_type: "group",
    user,
    text,
    ts,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    team,
    user_team: team,
    ...options.extra,
  };
  const sent = await h.requests.event(event);
  expect(sent.status).toBe(200);
  await h.settle();
  return { ts, eventId: sent.eventId, event };
}

/** Replies in a thread, without its parent. */
function repliesIn(channel: string, threadTs: string): FakeMessage[] {
  return h.fake
    .messages(channel)
    .filter((message) => message.threadTs === threadTs && message.ts !== threadTs);
}

const mirrorsIn = repliesIn;

function shown(message: FakeMessage | undefined): string {
  return JSON.stringify(message?.blocks ?? []);
}

describe("thread replies", () => {
  it("stores a seller's reply with its organisation and mirrors it with a link to the original", async () => {
    const { tender, requirement, teamTs, post } = await postedRequirement();
    const said = await say(post.channelId, PEOPLE.seller, "Which devices do the technicians carry?", {
      threadTs: post.ts,
    });
    await outboxDone();

    const reply = await h.db.reply.findFirstOrThrow();
    expect(reply).toMatchObject({
      requirementId: requirement.id,
      sellerId: post.sellerId,
      channelId: post.channelId,
      ts: said.ts,
      threadTs: post.ts,
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      authorName: "Sam Seller",
      fromSeller: true,
      kind: "question",
      text: "Which devices do the technicians carry?",
      edited: false,
      deleted: false,
    });
    const mirrors = mirrorsIn(tender.teamChannelId, teamTs);
    expect(mirrors).toHaveLength(1);
    const mirror = mirrors[0];
    expect(reply.mirrorTs).toBe(mirror?.ts);
    expect(shown(mirror)).toContain(
      `*Sam Seller* (Seller 1) in <#${post.channelId}>: Which devices do the technicians carry?`,
    );
    expect(shown(mirror)).toContain(
      `archives/${post.channelId}/p${said.ts.replace(".", "")}|${ORIGINAL_LINK_LABEL}>`,
    );
    // A seller's question can be answered to all sellers from the team channel.
    expect(shown(mirror)).toContain(`"action_id":"${ANSWER_ALL_BUTTON}"`);
    expect(shown(mirror)).toContain(`"value":"${reply.id}"`);
  });

  it("stores a comment without the answer button, and a reply with a file too", async () => {
    const { tender, teamTs, post } = await postedRequirement(1);
    await say(post.channelId, PEOPLE.seller, "We did this for a utility in 2023.", { threadTs: post.ts });
    await say(post.channelId, PEOPLE.sellerTwo, "Our offline sync spec", {
      threadTs: post.ts,
      extra: { subtype: "file_share" },
    });
    await outboxDone();
    const replies = await h.db.reply.findMany({ orderBy: { id: "asc" } });
    expect(replies.map((reply) => [reply.authorName, reply.kind])).toEqual([
      ["Sam Seller", "comment"],
      ["Sue Seller", "comment"],
    ]);
    const mirrors = mirrorsIn(tender.teamChannelId, teamTs);
    expect(mirrors).toHaveLength(2);
    expect(shown(mirrors[0])).not.toContain(ANSWER_ALL_BUTTON);
  });

  it("keeps one reply when Slack redelivers the event or sends the message again under a new event id", async () => {
    const { tender, teamTs, post } = await postedRequirement(1);
    const said = await say(post.channelId, PEOPLE.seller, "Is a tablet fine?", { threadTs: post.ts });
    const retry = await h.requests.event(said.event, {
      eventId: said.eventId,
      retryNum: 1,
      retryReason: "http_timeout",
    });
    expect(retry.status).toBe(200);
    // The same message under new event ids, twice at once.
    await Promise.all([h.requests.event(said.event), h.requests.event(said.event)]);
    await h.settle();
    await outboxDone();
    expect(await h.db.reply.count()).toBe(1);
    expect(mirrorsIn(tender.teamChannelId, teamTs)).toHaveLength(1);
    expect(await h.db.delivery.count({ where: { kind: "reply_mirror" } })).toBe(1);
  });

  it("mirrors a reply that was stored just before the app died, when Slack's event is worked again", async () => {
    const { tender, teamTs, post } = await postedRequirement(1);
    const ts = h.fake.addMessage(post.channelId, {
      user: PEOPLE.seller,
      text: "Is a tablet fine?",
      threadTs: post.ts,
    });
    // What the app had kept when it died: the reply, and no mirror queued for it yet.
    await h.db.reply.create({
      data: {
        requirementId: post.requirementId,
        sellerId: post.sellerId,
        channelId: post.channelId,
        ts,
        threadTs: post.ts,
        userId: PEOPLE.seller,
        userTeamId: SELLER_TEAM,
        authorName: "Sam Seller",
        fromSeller: true,
        kind: "question",
        text: "Is a tablet fine?",
      },
    });
    const sent = await h.requests.event({
      type: "message",
      channel: post.channelId,
      channel_type: "group",
      user: PEOPLE.seller,
      text: "Is a tablet fine?",
      ts,
      thread_ts: post.ts,
      team: SELLER_TEAM,
      user_team: SELLER_TEAM,
    });
    expect(sent.status).toBe(200);
    await h.settle();
    await outboxDone();
    expect(await h.db.reply.count()).toBe(1);
    const mirrors = mirrorsIn(tender.teamChannelId, teamTs);
    expect(mirrors).toHaveLength(1);
    expect((await h.db.reply.findFirstOrThrow()).mirrorTs).toBe(mirrors[0]?.ts);
  });

  it("keeps the earlier text of an edit and updates the mirror", async () => {
    const { tender, teamTs, post } = await postedRequirement(1);
    const said = await say(post.channelId, PEOPLE.seller, "Does it need to work on Android", {
      threadTs: post.ts,
    });
    await outboxDone();
    const changed = {
      type: "message",
      subtype: "message_changed",
      hidden: true,
      channel: post.channelId,
      ts: "1999999999.000100",
      message: {
        type: "message",
        user: PEOPLE.seller,
        text: "Does it need to work on Android &amp; iOS?",
        ts: said.ts,
        thread_ts: post.ts,
        edited: { user: PEOPLE.seller, ts: "1999999999.000100" },
      },
      previous_message: { type: "message", user: PEOPLE.seller, text: said.event.text, ts: said.ts },
    };
    await h.requests.event(changed);
    await h.settle();
    await outboxDone();

    const reply = await h.db.reply.findFirstOrThrow({ include: { edits: true } });
    expect(reply).toMatchObject({
      text: "Does it need to work on Android & iOS?",
      edited: true,
      kind: "question",
    });
    expect(reply.edits.map((edit) => edit.text)).toEqual(["Does it need to work on Android"]);
    const mirrors = mirrorsIn(tender.teamChannelId, teamTs);
    expect(mirrors).toHaveLength(1);
    expect(shown(mirrors[0])).toContain("Does it need to work on Android &amp; iOS?");
    expect(shown(mirrors[0])).toContain(EDITED_MARKER);
    expect(mirrors[0]?.edited).toBeDefined();

    // Slack also reports a "change" when a link preview is attached: the text stays, so no edit.
    await h.requests.event({ ...changed, ts: "1999999999.000200" });
    await h.settle();
    expect(await h.db.replyEdit.count()).toBe(1);
  });

  it("marks a deleted reply, keeps its row and says so in the mirror", async () => {
    const { tender, teamTs, post } = await postedRequirement(1);
    const said = await say(post.channelId, PEOPLE.seller, "Our price list is attached", {
      threadTs: post.ts,
    });
    await outboxDone();
    const deleted = {
      type: "message",
      subtype: "message_deleted",
      hidden: true,
      channel: post.channelId,
      ts: "1999999999.000300",
      deleted_ts: said.ts,
      previous_message: { type: "message", user: PEOPLE.seller, text: said.event.text, ts: said.ts },
    };
    await h.requests.event(deleted);
    await h.requests.event(deleted);
    await h.settle();
    await outboxDone();

    const reply = await h.db.reply.findFirstOrThrow();
    expect(reply).toMatchObject({ deleted: true, text: "Our price list is attached" });
    const mirror = mirrorsIn(tender.teamChannelId, teamTs)[0];
    expect(shown(mirror)).toContain(DELETED_MARKER);
    expect(shown(mirror)).not.toContain("Our price list is attached");
    expect(await h.db.delivery.count({ where: { kind: "reply_mirror_update" } })).toBe(1);
  });

  it("ignores the bot's own messages, joins, top-level messages, the team channel's threads and unknown channels", async () => {
    const { tender, teamTs, post } = await postedRequirement(1);
    await h.requests.event({
      type: "message",
      channel: post.channelId,
      user: h.fake.botUserId,
      bot_id: h.fake.botId,
      app_id: h.fake.appId,
      text: "from the app",
      ts: "1999999999.000001",
      thread_ts: post.ts,
    });
    await say(post.channelId, PEOPLE.seller, "an integration posted this", {
      threadTs: post.ts,
      extra: { subtype: "bot_message", bot_id: "B0OTHER" },
    });
    await say(post.channelId, PEOPLE.sellerTwo, "<@U0SELLER2> has joined the channel", {
      threadTs: post.ts,
      extra: { subtype: "channel_join" },
    });
    await say(post.channelId, PEOPLE.seller, "Hello everyone, glad to be here?");
    await say(tender.teamChannelId, PEOPLE.owner, "Shall we ask them about batteries?", { threadTs: teamTs });
    await h.requests.event({
      type: "message",
      channel: "C0UNKNOWN",
      user: PEOPLE.seller,
      text: "hi?",
      ts: "1700000000.000100",
      thread_ts: "1700000000.000001",
    });
    await h.settle();
    await outboxDone();
    expect(await h.db.reply.count()).toBe(0);
    expect(mirrorsIn(tender.teamChannelId, teamTs)).toHaveLength(1);
  });

  it("counts a buyer's reply as the answer to the seller questions asked before it", async () => {
    const { post } = await postedRequirement(1);
    const asked = await say(post.channelId, PEOPLE.seller, "Which Android versions?", { threadTs: post.ts });
    await say(post.channelId, PEOPLE.seller, "We support all of them.", { threadTs: post.ts });
    const answer = await say(post.channelId, PEOPLE.owner, "Android 12 and later.", { threadTs: post.ts });
    const later = await say(post.channelId, PEOPLE.seller, "And iOS?", { threadTs: post.ts });
    await outboxDone();

    const byTs = new Map((await h.db.reply.findMany()).map((reply) => [reply.ts, reply]));
    expect(byTs.get(asked.ts)?.answeredAt).toBeInstanceOf(Date);
    expect(byTs.get(answer.ts)).toMatchObject({
      kind: "answer",
      fromSeller: false,
      userTeamId: HOME_TEAM,
      authorName: "Olivia Owner",
    });
    expect(byTs.get(later.ts)).toMatchObject({ kind: "question", answeredAt: null });
    expect(h.fake.ephemerals()).toEqual([]);
  });

  it("mirrors the buyer's side under the buyer's own organisation", async () => {
    const { tender, teamTs, post } = await postedRequirement(1);
    await say(post.channelId, PEOPLE.owner, "Welcome, ask anything.", { threadTs: post.ts });
    await outboxDone();
    const mirror = mirrorsIn(tender.teamChannelId, teamTs)[0];
    expect(shown(mirror)).toContain(`*Olivia Owner* (${h.fake.teamName}) in <#${post.channelId}>:`);
    expect(shown(mirror)).not.toContain(ANSWER_ALL_BUTTON);
  });

  it("asks a buyer who answers one seller directly during the quiet period, and still records it", async () => {
    const { tender, teamTs, post } = await postedRequirement(1);
    await h.command("stage proposal", { channelId: tender.teamChannelId });
    await say(post.channelId, PEOPLE.seller, "Can we assume LTE coverage?", { threadTs: post.ts });
    await say(post.channelId, PEOPLE.owner, "Mostly, yes.", { threadTs: post.ts });
    await outboxDone();

    const prompts = h.fake.ephemerals(post.channelId);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({
      user: PEOPLE.owner,
      threadTs: post.ts,
      text: "Your message went to Seller 1 only. In the quiet period answers go to all sellers alike.",
    });
    expect(await h.db.reply.count({ where: { kind: "answer" } })).toBe(1);
    // Answered once published to all sellers or kept as an exception (see quiet-period.test.ts).
    expect(await h.db.reply.findFirstOrThrow({ where: { kind: "question" } })).toMatchObject({
      answeredAt: null,
    });
    expect(mirrorsIn(tender.teamChannelId, teamTs)).toHaveLength(2);
  });

  it("keeps what people wrote live in the mirror, except broadcast mentions", async () => {
    const { tender, teamTs, post } = await postedRequirement(1);
    await say(
      post.channelId,
      PEOPLE.seller,
      "Attention <!channel> &amp; <@U0OWNER>: <https://acme.example|click>",
      {
        threadTs: post.ts,
      },
    );
    await outboxDone();
    const mirror = mirrorsIn(tender.teamChannelId, teamTs)[0];
    expect(await h.db.reply.findFirstOrThrow()).toMatchObject({
      text: "Attention <!channel> & <@U0OWNER>: <https://acme.example|click>",
    });
    const mrkdwn = [shown(mirror), mirror?.text ?? ""].join("");
    expect(mrkdwn).not.toContain("<!channel>");
    expect(shown(mirror)).toContain("Attention @channel &amp; <@U0OWNER>: <https://acme.example|click>");
  });
});

describe("mirrors when Slack struggles", () => {
  it("retries a mirror Slack refused for a while, and posts it once", async () => {
    const { tender, teamTs, post } = await postedRequirement(1);
    const toThread = (args: Record<string, unknown>) =>
      args.channel === tender.teamChannelId && args.thread_ts === teamTs;
    h.fake.failNext("chat.postMessage", "internal_error", { when: toThread });
    await say(post.channelId, PEOPLE.seller, "Any budget range?", { threadTs: post.ts });
    await outboxDone();
    expect(mirrorsIn(tender.teamChannelId, teamTs)).toHaveLength(1);
    const delivery = await h.db.delivery.findFirstOrThrow({ where: { kind: "reply_mirror" } });
    expect(delivery).toMatchObject({ status: "sent", attempts: 2 });
    expect(h.fake.calls("chat.postMessage").filter((call) => toThread(call.args))).toHaveLength(2);
  });

  it("waits out a 429 on the mirror and posts it once", async () => {
    const { tender, teamTs, post } = await postedRequirement(1);
    const toThread = (args: Record<string, unknown>) =>
      args.channel === tender.teamChannelId && args.thread_ts === teamTs;
    h.fake.rateLimitNext("chat.postMessage", { when: toThread, retryAfterSeconds: 1 });
    await say(post.channelId, PEOPLE.seller, "Any budget range?", { threadTs: post.ts });
    await outboxDone();
    expect(mirrorsIn(tender.teamChannelId, teamTs)).toHaveLength(1);
    const calls = h.fake.calls("chat.postMessage").filter((call) => toThread(call.args));
    expect(calls.map((call) => call.status)).toEqual([429, 200]);
    expect((await h.db.reply.findFirstOrThrow()).mirrorTs).toBe(
      mirrorsIn(tender.teamChannelId, teamTs)[0]?.ts,
    );
  });

  it("goes without the link when Slack gives none", async () => {
    const { tender, teamTs, post } = await postedRequirement(1);
    h.fake.failNext("chat.getPermalink", "internal_error");
    await say(post.channelId, PEOPLE.seller, "Any budget range?", { threadTs: post.ts });
    await outboxDone();
    const mirror = mirrorsIn(tender.teamChannelId, teamTs)[0];
    expect(shown(mirror)).toContain("Any budget range?");
    expect(shown(mirror)).not.toContain(ORIGINAL_LINK_LABEL);
  });

  it("holds a mirror until the requirement's team copy has its thread", async () => {
    await h.command("new Field service platform");
    const tender = await h.db.tender.findFirstOrThrow();
    await h.command("invite Seller 1 people@seller1.example", { channelId: tender.teamChannelId });
    // The team copy is refused twice and retried seconds later; the seller's copy goes out meanwhile.
    const teamCopy = (args: Record<string, unknown>) =>
      args.channel === tender.teamChannelId && args.thread_ts === undefined;
    h.fake.failNext("chat.postMessage", "internal_error", { times: 2, when: teamCopy });
    await h.command("require Offline mode", { channelId: tender.teamChannelId });
    const post = await h.db.requirementPost.findFirstOrThrow();
    await say(post.channelId, PEOPLE.seller, "Is offline a must?", { threadTs: post.ts });
    await outboxDone();

    const requirement = await h.db.requirement.findFirstOrThrow();
    const mirrors = mirrorsIn(tender.teamChannelId, requirement.teamTs ?? "none");
    expect(mirrors).toHaveLength(1);
    expect(shown(mirrors[0])).toContain("Is offline a must?");
    expect(h.fake.messages(tender.teamChannelId).filter((m) => m.text.includes("Is offline"))).toHaveLength(
      1,
    );
    const mirror = await h.db.delivery.findFirstOrThrow({ where: { kind: "reply_mirror" } });
    expect(mirror.attempts).toBeGreaterThan(1);
  });
});

describe("the seller buttons", () => {
  async function press(
    actionId: string,
    options: { userId: string; userTeamId?: string; channelId: string; messageTs?: string; value: string },
  ) {
    const responseUrl = h.fake.responseUrl();
    await h.requests.blockAction({ ...options, actionId, responseUrl });
    await h.settle();
    return {
      responseUrl,
      answers: h.fake.responses(responseUrl).map((r) => String((r.body as { text?: unknown }).text)),
    };
  }

  function submit(viewId: string | undefined, text: string, userId = PEOPLE.seller) {
    return h.requests.viewSubmission({
      userId,
      userTeamId: SELLER_TEAM,
      callbackId: SELLER_INPUT_FORM.callbackId,
      viewId,
      values: {
        [SELLER_INPUT_FORM.text.block]: {
          [SELLER_INPUT_FORM.text.action]: { type: "plain_text_input", value: text },
        },
      },
    });
  }

  it("posts a question from the form in the thread, attributed to the seller, and stores it once", async () => {
    const { tender, requirement, teamTs, post } = await postedRequirement();
    const { answers } = await press(SELLER_BUTTONS.askQuestion, {
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      channelId: post.channelId,
      messageTs: post.ts,
      value: String(requirement.id),
    });
    expect(answers).toEqual([]);
    const view = h.fake.views().at(-1);
    expect(view?.view.callback_id).toBe(SELLER_INPUT_FORM.callbackId);
    expect(JSON.stringify(view?.view)).toContain("R-1 · Offline mode");

    const response = await submit(view?.id, "Must it work <b>without</b> any signal?");
    expect(response.status).toBe(200);
    await h.settle();

    const posted = repliesIn(post.channelId, post.ts);
    expect(posted).toHaveLength(1);
    const question = posted[0];
    expect(question?.text).toBe(
      sellerInputPost("question", "Sam Seller", "Seller 1", "Must it work <b>without</b> any signal?"),
    );
    expect(question?.text).toContain(
      "*Sam Seller* (Seller 1) asks:\nMust it work &lt;b&gt;without&lt;/b&gt;",
    );

    // Slack tells the app about its own post; that is no second reply.
    await h.requests.event({
      type: "message",
      channel: post.channelId,
      user: h.fake.botUserId,
      bot_id: h.fake.botId,
      text: question?.text,
      ts: question?.ts,
      thread_ts: post.ts,
    });
    await h.settle();
    await outboxDone();

    const replies = await h.db.reply.findMany();
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({
      ts: question?.ts,
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      authorName: "Sam Seller",
      fromSeller: true,
      kind: "question",
      text: "Must it work <b>without</b> any signal?",
    });
    const mirrors = mirrorsIn(tender.teamChannelId, teamTs);
    expect(mirrors).toHaveLength(1);
    expect(shown(mirrors[0])).toContain(ANSWER_ALL_BUTTON);
  });

  it("posts a suggested change", async () => {
    const { requirement, post } = await postedRequirement(1);
    await press(SELLER_BUTTONS.suggestChange, {
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      channelId: post.channelId,
      messageTs: post.ts,
      value: String(requirement.id),
    });
    const view = h.fake.views().at(-1);
    expect(JSON.stringify(view?.view)).toContain("Suggest a change");
    await submit(view?.id, "Ask for 8 hours offline instead of 24.");
    await h.settle();
    await outboxDone();
    const posted = repliesIn(post.channelId, post.ts);
    expect(posted[0]?.text).toBe(
      "*Sam Seller* (Seller 1) suggests a change:\nAsk for 8 hours offline instead of 24.",
    );
    expect(await h.db.reply.findFirstOrThrow()).toMatchObject({ kind: "suggestion", fromSeller: true });
  });

  it("keeps the form open with the reason when the text is empty or too long", async () => {
    const { requirement, post } = await postedRequirement(1);
    await press(SELLER_BUTTONS.askQuestion, {
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      channelId: post.channelId,
      value: String(requirement.id),
    });
    const view = h.fake.views().at(-1);
    const empty = await submit(view?.id, "   ");
    expect(empty.json()).toEqual({
      response_action: "errors",
      errors: { [SELLER_INPUT_FORM.text.block]: "Write your question." },
    });
    const long = await submit(view?.id, "x".repeat(3001));
    expect(long.json()).toMatchObject({ response_action: "errors" });
    await h.settle();
    expect(await h.db.reply.count()).toBe(0);
    expect(repliesIn(post.channelId, post.ts)).toHaveLength(0);
  });

  it("refuses a click from a channel where the requirement is not posted", async () => {
    const { requirement } = await postedRequirement(1, "Field service platform");
    const other = await postedRequirement(1, "Fleet telematics");
    const { answers } = await press(SELLER_BUTTONS.askQuestion, {
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      channelId: other.post.channelId,
      value: String(requirement.id),
    });
    expect(answers).toEqual([NOT_IN_REQUIREMENT_CHANNEL]);
    const forged = await press(SELLER_BUTTONS.suggestChange, {
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      channelId: other.post.channelId,
      value: "not-a-requirement",
    });
    expect(forged.answers).toEqual([BUTTON_NOT_READ]);
    expect(h.fake.views()).toHaveLength(0);
  });

  it("tells the seller when Slack refuses the post, and stores nothing", async () => {
    const { requirement, post } = await postedRequirement(1);
    const { responseUrl } = await press(SELLER_BUTTONS.askQuestion, {
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      channelId: post.channelId,
      value: String(requirement.id),
    });
    h.fake.failNext("chat.postMessage", "is_archived", { when: (args) => args.channel === post.channelId });
    await submit(h.fake.views().at(-1)?.id, "Still open?");
    await h.settle();
    const told = h.fake.responses(responseUrl).map((r) => String((r.body as { text?: unknown }).text));
    expect(told).toEqual(["Tender Room could not finish: the channel is archived."]);
    expect(await h.db.reply.count()).toBe(0);
  });
});
