import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXCEPTION_FORM, QUIET_BUTTONS } from "../../src/features/clarifications/ids.js";
import {
  ANSWER_DELETED,
  exceptionsForbiddenText,
  notYoursText,
  QUIET_ANSWER_GONE,
} from "../../src/features/clarifications/quiet-views.js";
import { clarifiedReply, SELLER_ANSWER_REFUSED } from "../../src/features/clarifications/views.js";
import { BUTTON_NOT_READ } from "../../src/kernel/handlers.js";
import { BOT_TOKEN, type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";
import { workLatestFormAgain } from "../support/replay.js";

/** A person of Globex, the second seller. */
const GLOBEX = { id: "U0GLOBEX", teamId: "T0GLOBEX" };
const PROMPT = "Your message went to Acme only. In the quiet period answers go to all sellers alike.";

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

/** A tender in its proposal stage with Acme and Globex, and R-1 posted in both channels. */
async function quietTender() {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  await h.command("invite Acme people@acme.example", { channelId: tender.teamChannelId });
  await h.command("invite Globex people@globex.example", { channelId: tender.teamChannelId });
  const [acme, globex] = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  if (!acme || !globex) throw new Error("both sellers are invited");
  await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: SELLER_TEAM } });
  await h.db.seller.update({ where: { id: globex.id }, data: { slackTeamId: GLOBEX.teamId } });
  await h.command("require Offline mode", { channelId: tender.teamChannelId });
  await h.outboxDrained();
  await h.db.tender.update({ where: { id: tender.id }, data: { stage: "proposal" } });
  const posts = await h.db.requirementPost.findMany({ orderBy: { sellerId: "asc" } });
  const acmePost = posts.find((post) => post.sellerId === acme.id);
  const globexPost = posts.find((post) => post.sellerId === globex.id);
  if (!acmePost || !globexPost) throw new Error("R-1 was not posted to both sellers");
  return { tender, acme, globex, acmePost, globexPost };
}

/** Someone writes in a requirement's thread, and Slack tells the app. */
async function say(channel: string, threadTs: string, user: string, text: string) {
  const ts = h.fake.addMessage(channel, { user, text, threadTs });
  const team = h.fake.user(user)?.teamId;
  const event = { type: "message", channel, channel_type: "group", user, text, ts, thread_ts: threadTs };
  const sent = await h.requests.event({ ...event, team, user_team: team });
  expect(sent.status).toBe(200);
  await h.settle();
  await h.outboxDrained();
  return { ts, eventId: sent.eventId, event: { ...event, team, user_team: team } };
}

/** Acme asks, the owner answers Acme alone: the private answer awaiting its decision. */
async function privateAnswer(text = "Yes Sam, LTE covers every site.") {
  const world = await quietTender();
  const { acmePost } = world;
  await say(acmePost.channelId, acmePost.ts, PEOPLE.seller, "Can Acme assume LTE coverage?");
  await say(acmePost.channelId, acmePost.ts, PEOPLE.owner, text);
  const answer = await h.db.quietAnswer.findFirstOrThrow({ orderBy: { id: "desc" } });
  return { ...world, answer, id: String(answer.id) };
}

async function press(
  actionId: string,
  value: string,
  who: { userId: string; userTeamId?: string },
  channelId: string,
  triggerId?: string,
) {
  const responseUrl = h.fake.responseUrl();
  await h.requests.blockAction({ ...who, channelId, actionId, value, responseUrl, triggerId });
  await h.settle();
  await h.outboxDrained();
  return h.fake
    .responses(responseUrl)
    .map((response) => response.body as { text?: string; replace_original?: boolean });
}

const told = async (...args: Parameters<typeof press>) => (await press(...args)).map((answer) => answer.text);
const OWNER = { userId: PEOPLE.owner };

/** What the app posted in a channel (its own messages only; with `threadTs`, in that thread), as JSON. */
const posted = (channelId: string, threadTs?: string) =>
  h.fake
    .messages(channelId)
    .filter(
      (message) =>
        message.botId &&
        (threadTs === undefined || (message.threadTs === threadTs && message.ts !== threadTs)),
    )
    .map((message) => JSON.stringify([message.text, message.blocks]));

const clarificationsIn = (channelId: string) =>
  posted(channelId).filter(
    // The seller's overview names it too, among the changes to acknowledge.
    (text) => text.includes("Clarification on R-1") && !text.startsWith('["Your tender:'),
  );

/** What a crash right after a press leaves behind, then the restart: the press worked again. */
async function workLatestPressAgain(): Promise<void> {
  const item = await h.db.inboxItem.findFirstOrThrow({ where: { kind: "action" }, orderBy: { id: "desc" } });
  await h.db.inboxItem.update({
    where: { id: item.id },
    data: { status: "pending", leaseUntil: new Date(Date.now() - 1_000) },
  });
  await h.restart();
  await h.settle();
  await h.outboxDrained();
}

async function submitReason(viewId: string | undefined, reason: string, userId: string = PEOPLE.owner) {
  const answer = await h.requests.viewSubmission({
    userId,
    callbackId: EXCEPTION_FORM.callbackId,
    viewId,
    values: { reason: { reason_input: { type: "plain_text_input", value: reason } } },
  });
  await h.settle();
  await h.outboxDrained();
  return answer;
}

describe("a buyer's answer to one seller in the quiet period", () => {
  it("is stored and mirrored, and brings the prompt to its author only, in the thread", async () => {
    const { acmePost, globex, answer, id } = await privateAnswer();
    const prompts = h.fake.ephemerals();
    expect(prompts).toHaveLength(1);
    const [prompt] = prompts;
    expect(prompt).toMatchObject({
      channel: acmePost.channelId,
      user: PEOPLE.owner,
      threadTs: acmePost.ts,
      text: PROMPT,
    });
    const blocks = JSON.stringify(prompt?.blocks);
    expect(blocks).toContain(`"action_id":"${QUIET_BUTTONS.publish}"`);
    expect(blocks).toContain(`"action_id":"${QUIET_BUTTONS.keepException}"`);
    expect(blocks).toContain(`"value":"${id}"`);
    // Nothing reaches the sellers: no post by the app in either requirement thread.
    expect(posted(acmePost.channelId, acmePost.ts)).toEqual([]);
    expect(posted(globex.channelId).some((text) => text.includes("LTE"))).toBe(false);
    expect(answer).toMatchObject({ status: "pending", sellerId: acmePost.sellerId, decidedBy: null });
    const reply = await h.db.reply.findUniqueOrThrow({ where: { id: answer.replyId } });
    expect(reply).toMatchObject({ kind: "answer", fromSeller: false, mirrorTs: expect.any(String) });
    // The question stays open until the answer is published or kept as an exception.
    expect(await h.db.reply.findFirstOrThrow({ where: { kind: "question" } })).toMatchObject({
      answeredAt: null,
    });
  });

  it("gives each further message of the buyer its own prompt, and none to a seller's message", async () => {
    const { acmePost } = await privateAnswer();
    await say(acmePost.channelId, acmePost.ts, PEOPLE.owner, "And 5G in the cities.");
    await say(acmePost.channelId, acmePost.ts, PEOPLE.seller, "Thanks!");
    const answers = await h.db.quietAnswer.findMany({ orderBy: { id: "asc" } });
    expect(answers).toHaveLength(2);
    const prompts = h.fake.ephemerals();
    expect(prompts.map((prompt) => prompt.user)).toEqual([PEOPLE.owner, PEOPLE.owner]);
    for (const [i, answer] of answers.entries()) {
      expect(JSON.stringify(prompts[i]?.blocks)).toContain(`"value":"${answer.id}"`);
    }
  });

  it("is recorded and prompted once when Slack delivers the message again or it is worked again after a crash", async () => {
    const { acmePost } = await privateAnswer();
    const again = await say(acmePost.channelId, acmePost.ts, PEOPLE.owner, "A second answer.");
    await h.requests.event(again.event, { eventId: again.eventId, retryNum: 1, retryReason: "http_timeout" });
    const item = await h.db.inboxItem.findFirstOrThrow({ where: { kind: "event" }, orderBy: { id: "desc" } });
    await h.db.inboxItem.update({
      where: { id: item.id },
      data: { status: "pending", leaseUntil: new Date(Date.now() - 1_000) },
    });
    await h.restart();
    await h.settle();
    await h.outboxDrained();
    expect(await h.db.quietAnswer.count()).toBe(2);
    expect(h.fake.ephemerals()).toHaveLength(2);
  });

  it("waits out a 429 on the prompt and shows it once", async () => {
    const { acmePost } = await quietTender();
    h.fake.rateLimitNext("chat.postEphemeral", { retryAfterSeconds: 1 });
    await say(acmePost.channelId, acmePost.ts, PEOPLE.owner, "LTE everywhere.");
    expect(h.fake.ephemerals().map((prompt) => prompt.text)).toEqual([PROMPT]);
    expect(h.fake.calls("chat.postEphemeral").map((call) => call.status)).toEqual([429, 200]);
  });

  it("is not held outside the quiet stages", async () => {
    const { tender, acmePost } = await quietTender();
    await h.db.tender.update({ where: { id: tender.id }, data: { stage: "requirements" } });
    await say(acmePost.channelId, acmePost.ts, PEOPLE.seller, "Can Acme assume LTE coverage?");
    await say(acmePost.channelId, acmePost.ts, PEOPLE.owner, "Yes.");
    expect(h.fake.ephemerals()).toEqual([]);
    expect(await h.db.quietAnswer.count()).toBe(0);
    expect(await h.db.reply.findFirstOrThrow({ where: { kind: "question" } })).toMatchObject({
      answeredAt: expect.any(Date),
    });
  });
});

describe("Publish to all sellers", () => {
  it("posts one clarification in every seller's thread, nobody named, and answers the question", async () => {
    const { acmePost, globexPost, answer, id } = await privateAnswer();
    const answers = await press(QUIET_BUTTONS.publish, id, OWNER, acmePost.channelId);
    expect(answers).toEqual([
      { response_type: "ephemeral", replace_original: true, text: clarifiedReply(1, 2) },
    ]);

    for (const post of [acmePost, globexPost]) {
      const [clarification, ...more] = clarificationsIn(post.channelId);
      expect(more).toEqual([]);
      expect(clarification).toContain("*Q:* Can [seller] assume LTE coverage?");
      expect(clarification).toContain("*A:* Yes [name], LTE covers every site.");
      expect(clarification).not.toMatch(/Acme|Sam/);
    }
    const clarification = await h.db.clarification.findFirstOrThrow();
    const question = await h.db.reply.findFirstOrThrow({ where: { kind: "question" } });
    expect(clarification).toMatchObject({ replyId: question.id, createdBy: PEOPLE.owner });
    expect(question.answeredAt).toEqual(expect.any(Date));
    expect(await h.db.quietAnswer.findUniqueOrThrow({ where: { id: answer.id } })).toMatchObject({
      status: "published",
      decidedBy: PEOPLE.owner,
      decidedAt: expect.any(Date),
      clarificationId: clarification.id,
    });
    const audit = await h.db.auditEvent.findMany({
      where: { action: { in: ["quiet.published", "requirement.clarified"] } },
    });
    expect(audit.map((event) => event.action).sort()).toEqual(["quiet.published", "requirement.clarified"]);

    // A second press, and the other choice, answer what was decided and change nothing.
    const second = await told(QUIET_BUTTONS.publish, id, OWNER, acmePost.channelId);
    expect(second[0]).toMatch(
      /^This answer was already published to every seller as a clarification on R-1 by <@U0OWNER> /,
    );
    expect(await told(QUIET_BUTTONS.keepException, id, OWNER, acmePost.channelId)).toEqual(second);
    expect(h.fake.views()).toEqual([]);
    expect(await h.db.clarification.count()).toBe(1);
    expect(clarificationsIn(globexPost.channelId)).toHaveLength(1);
  });

  it("publishes the answer alone when the seller asked nothing open before it", async () => {
    const { acmePost, globexPost } = await quietTender();
    await say(acmePost.channelId, acmePost.ts, PEOPLE.owner, "Site surveys start on Monday.");
    const answer = await h.db.quietAnswer.findFirstOrThrow();
    await press(QUIET_BUTTONS.publish, String(answer.id), OWNER, acmePost.channelId);
    const [clarification] = clarificationsIn(globexPost.channelId);
    expect(clarification).toContain("Site surveys start on Monday.");
    expect(clarification).not.toContain("*Q:*");
    expect(await h.db.clarification.findFirstOrThrow()).toMatchObject({ replyId: null, question: "" });
  });

  it("publishes once when the press is delivered twice and worked again after a crash", async () => {
    const { acmePost, globexPost, id } = await privateAnswer();
    const triggerId = "1234567890123.1234567890.quietpress";
    await press(QUIET_BUTTONS.publish, id, OWNER, acmePost.channelId, triggerId);
    await press(QUIET_BUTTONS.publish, id, OWNER, acmePost.channelId, triggerId);
    await workLatestPressAgain();
    expect(await h.db.clarification.count()).toBe(1);
    expect(await h.db.auditEvent.count({ where: { action: "quiet.published" } })).toBe(1);
    expect(clarificationsIn(acmePost.channelId)).toHaveLength(1);
    expect(clarificationsIn(globexPost.channelId)).toHaveLength(1);
  });

  it("has nothing to publish once the message was deleted", async () => {
    const { acmePost, answer, id } = await privateAnswer();
    await h.db.reply.update({ where: { id: answer.replyId }, data: { deleted: true } });
    expect(await told(QUIET_BUTTONS.publish, id, OWNER, acmePost.channelId)).toEqual([ANSWER_DELETED]);
    expect(await h.db.clarification.count()).toBe(0);
  });
});

describe("Keep as an exception", () => {
  it("records the reason, the audit trail and a note in the team channel; nothing reaches the sellers", async () => {
    const { tender, acmePost, globexPost, answer, id } = await privateAnswer();
    expect(await told(QUIET_BUTTONS.keepException, id, OWNER, acmePost.channelId)).toEqual([]);
    const form = h.fake.views().at(-1);
    expect(form?.view.callback_id).toBe(EXCEPTION_FORM.callbackId);

    const empty = await submitReason(form?.id, "   ");
    expect(empty.json()).toMatchObject({ response_action: "errors", errors: { reason: expect.any(String) } });
    const long = await submitReason(form?.id, "x".repeat(501));
    expect(long.json()).toEqual({
      response_action: "errors",
      errors: { reason: "Keep the reason within 500 characters." },
    });
    expect(await h.db.quietAnswer.findUniqueOrThrow({ where: { id: answer.id } })).toMatchObject({
      status: "pending",
    });

    await submitReason(form?.id, "Only Acme's <!channel> depot is affected.");
    expect(await h.db.quietAnswer.findUniqueOrThrow({ where: { id: answer.id } })).toMatchObject({
      status: "excepted",
      reason: "Only Acme's <!channel> depot is affected.",
      decidedBy: PEOPLE.owner,
      decidedAt: expect.any(Date),
      clarificationId: null,
    });
    const audit = await h.db.auditEvent.findFirstOrThrow({ where: { action: "quiet.exception_kept" } });
    expect(audit).toMatchObject({ tenderId: tender.id, actorUserId: PEOPLE.owner });
    expect(audit.detail).toMatchObject({
      requirement: "R-1",
      seller: "Acme",
      reason: "Only Acme's <!channel> depot is affected.",
    });
    const notes = posted(tender.teamChannelId).filter((text) => text.includes("Quiet period exception"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("<@U0OWNER> answered *Acme* privately on R-1");
    expect(notes[0]).toContain("Only Acme's &lt;!channel&gt; depot is affected.");
    expect(notes[0]).not.toContain("<!channel>");
    expect(await h.db.reply.findFirstOrThrow({ where: { kind: "question" } })).toMatchObject({
      answeredAt: expect.any(Date),
    });
    expect(clarificationsIn(globexPost.channelId)).toEqual([]);
    expect(posted(globexPost.channelId).some((text) => text.includes("depot"))).toBe(false);

    // Worked again after a crash, the form changes nothing and notes nothing twice.
    await workLatestFormAgain(h);
    expect(await h.db.auditEvent.count({ where: { action: "quiet.exception_kept" } })).toBe(1);
    expect(
      posted(tender.teamChannelId).filter((text) => text.includes("Quiet period exception")),
    ).toHaveLength(1);
    // Publishing after the exception answers what was decided.
    const after = await told(QUIET_BUTTONS.publish, id, OWNER, acmePost.channelId);
    expect(after[0]).toMatch(
      /^This answer was already kept as an exception by <@U0OWNER> .*: “Only Acme's &lt;!channel&gt; depot is affected\.”$/,
    );
    expect(await h.db.clarification.count()).toBe(0);
  });
});

describe("exceptions the owners do not allow", () => {
  it("are not offered, and a forged exception is refused by press and by form", async () => {
    const { tender } = await quietTender();
    const off = await h.command("quiet exceptions off", { channelId: tender.teamChannelId });
    expect(off.replies[0]).toContain("Exceptions in the quiet period of T-1 are now not allowed.");
    expect(await h.db.tender.findUniqueOrThrow({ where: { id: tender.id } })).toMatchObject({
      quietExceptions: false,
    });
    const audit = await h.db.auditEvent.findFirstOrThrow({
      where: { action: "tender.quiet_exceptions_changed" },
    });
    expect(audit.detail).toEqual({ exceptionsAllowed: false });
    const again = await h.command("quiet exceptions off", { channelId: tender.teamChannelId });
    expect(again.replies[0]).toContain("were already not allowed");
    expect(await h.db.auditEvent.count({ where: { action: "tender.quiet_exceptions_changed" } })).toBe(1);

    const acmePost = await h.db.requirementPost.findFirstOrThrow({ orderBy: { sellerId: "asc" } });
    await say(acmePost.channelId, acmePost.ts, PEOPLE.owner, "LTE everywhere.");
    const answer = await h.db.quietAnswer.findFirstOrThrow();
    const [prompt] = h.fake.ephemerals();
    const blocks = JSON.stringify(prompt?.blocks);
    expect(blocks).toContain(QUIET_BUTTONS.publish);
    expect(blocks).not.toContain(QUIET_BUTTONS.keepException);
    expect(blocks).toContain(exceptionsForbiddenText(1));

    const forged = await told(QUIET_BUTTONS.keepException, String(answer.id), OWNER, acmePost.channelId);
    expect(forged).toEqual([exceptionsForbiddenText(1)]);
    expect(h.fake.views()).toEqual([]);
    await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: EXCEPTION_FORM.callbackId,
      privateMetadata: JSON.stringify({ quietAnswerId: answer.id }),
      values: { reason: { reason_input: { type: "plain_text_input", value: "Because." } } },
    });
    await h.settle();
    await h.outboxDrained();
    expect(await h.db.quietAnswer.findUniqueOrThrow({ where: { id: answer.id } })).toMatchObject({
      status: "pending",
    });
    expect(await h.db.auditEvent.count({ where: { action: "quiet.exception_kept" } })).toBe(0);
  });

  it("are switched only by the owners; /tender quiet and /tender status show the setting and what awaits", async () => {
    const { tender, acmePost } = await quietTender();
    const colleague = await h.command("quiet exceptions off", {
      channelId: tender.teamChannelId,
      userId: PEOPLE.colleague,
    });
    expect(colleague.replies[0]).toMatch(
      /^Only the owners of T-1 \(<@U0OWNER>\) can change its quiet period settings\./,
    );
    const bad = await h.command("quiet exceptions maybe", { channelId: tender.teamChannelId });
    expect(bad.replies[0]).toContain("Say `on` or `off`");

    await say(acmePost.channelId, acmePost.ts, PEOPLE.owner, "LTE <!channel> everywhere.");
    const shown = await h.command("quiet", { channelId: tender.teamChannelId });
    expect(shown.replies[0]).toContain("may be published to all sellers or kept as a recorded exception");
    expect(shown.replies[0]).toContain("*Private answers awaiting a decision* (1):");
    expect(shown.replies[0]).toContain("R-1 · *Acme* · <@U0OWNER>");
    expect(shown.replies[0]).toContain("“LTE &lt;!channel&gt; everywhere.”");
    const status = await h.command("status", { channelId: tender.teamChannelId });
    expect(status.replies[0]).toContain(
      "*Quiet period*: exceptions allowed · 1 private answer awaiting a decision (`/tender quiet`)",
    );
  });
});

describe("who may decide", () => {
  it("refuses a seller's person, a buyer's person who neither wrote it nor owns the tender, and forged values", async () => {
    const { tender, acmePost } = await quietTender();
    // A colleague of the buyer, not one of the tender's people, in Acme's channel.
    const slack = new WebClient(BOT_TOKEN, { slackApiUrl: h.fake.apiUrl });
    await slack.conversations.invite({ channel: acmePost.channelId, users: PEOPLE.colleague });
    await say(acmePost.channelId, acmePost.ts, PEOPLE.colleague, "Between us: LTE everywhere.");
    const answer = await h.db.quietAnswer.findFirstOrThrow();
    const id = String(answer.id);
    expect(h.fake.ephemerals()[0]?.user).toBe(PEOPLE.colleague);

    const seller = { userId: PEOPLE.seller, userTeamId: SELLER_TEAM };
    for (const actionId of [QUIET_BUTTONS.publish, QUIET_BUTTONS.keepException]) {
      expect(await told(actionId, id, seller, acmePost.channelId)).toEqual([SELLER_ANSWER_REFUSED]);
      expect(await told(actionId, id, { userId: PEOPLE.coOwner }, acmePost.channelId)).toEqual([
        notYoursText(1),
      ]);
    }
    for (const value of ["abc", "", "-1", "1e3", "99999999999"]) {
      expect(await told(QUIET_BUTTONS.publish, value, OWNER, acmePost.channelId)).toEqual([BUTTON_NOT_READ]);
    }
    expect(await told(QUIET_BUTTONS.publish, "999999", OWNER, acmePost.channelId)).toEqual([
      QUIET_ANSWER_GONE,
    ]);
    expect(await h.db.quietAnswer.findUniqueOrThrow({ where: { id: answer.id } })).toMatchObject({
      status: "pending",
    });
    expect(await h.db.clarification.count()).toBe(0);
    expect(h.fake.views()).toEqual([]);

    // Its author may keep it as an exception; an owner publishes it.
    expect(
      await told(QUIET_BUTTONS.keepException, id, { userId: PEOPLE.colleague }, acmePost.channelId),
    ).toEqual([]);
    expect(h.fake.views().at(-1)?.view.callback_id).toBe(EXCEPTION_FORM.callbackId);
    await press(QUIET_BUTTONS.publish, id, OWNER, tender.teamChannelId);
    expect(await h.db.quietAnswer.findUniqueOrThrow({ where: { id: answer.id } })).toMatchObject({
      status: "published",
      decidedBy: PEOPLE.owner,
    });
  });

  it("refuses an owner of one tender pressing with the value of another tender's answer", async () => {
    const { acmePost } = await quietTender();
    await h.command("new Fleet telematics", { userId: PEOPLE.coOwner });
    const other = await h.db.tender.findFirstOrThrow({ where: { title: "Fleet telematics" } });
    await h.command("invite Initech people@initech.example", {
      channelId: other.teamChannelId,
      userId: PEOPLE.coOwner,
    });
    await h.command("require Live tracking", { channelId: other.teamChannelId, userId: PEOPLE.coOwner });
    await h.outboxDrained();
    await h.db.tender.update({ where: { id: other.id }, data: { stage: "evaluation" } });
    const otherPost = await h.db.requirementPost.findFirstOrThrow({
      where: { requirement: { tenderId: other.id } },
    });
    await say(otherPost.channelId, otherPost.ts, PEOPLE.coOwner, "Initech only: GPS every 10 s.");
    const theirs = await h.db.quietAnswer.findFirstOrThrow({ where: { tenderId: other.id } });

    expect(await told(QUIET_BUTTONS.publish, String(theirs.id), OWNER, acmePost.channelId)).toEqual([
      notYoursText(2),
    ]);
    expect(await told(QUIET_BUTTONS.keepException, String(theirs.id), OWNER, acmePost.channelId)).toEqual([
      notYoursText(2),
    ]);
    expect(await h.db.quietAnswer.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      status: "pending",
    });
    expect(await h.db.clarification.count()).toBe(0);
    expect(h.fake.views()).toEqual([]);
  });
});
