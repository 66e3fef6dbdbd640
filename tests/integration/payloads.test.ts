import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DELETED_MARKER, EDITED_MARKER, ORIGINAL_LINK_LABEL } from "../../src/features/replies/views.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
import { type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";
import { acmeThread, leaksToSlack, replay, replayMessage, slackTs } from "../support/slack-fixtures.js";

/**
 * A seller's messages in a requirement thread as Slack really sends them (tests/fixtures/slack):
 * each is replayed through the receiver and must do what that shape means, and nothing else.
 */
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
afterEach(async () => {
  await h.settle();
  expect(leaksToSlack(h)).toEqual([]);
  expect(h.logs.join("")).not.toContain("unexpected failure");
});

type Thread = Awaited<ReturnType<typeof acmeThread>>;

/** The copies of replies in the requirement's thread of the team channel. */
function mirrors(thread: Thread): FakeMessage[] {
  return h.fake
    .messages(thread.tender.teamChannelId)
    .filter((message) => message.threadTs === thread.teamTs && message.ts !== thread.teamTs);
}

const shown = (message: FakeMessage | undefined) => JSON.stringify(message?.blocks ?? []);

const RICH_REPLY =
  "See <https://acme.example/case-studies/utility|our utility case study>, ask <@U0SELLER2> or <!subteam^S07ACMEOPS> in <#CHANNEL|> :white_check_mark: <@U0OWNER> does offline mean a full shift?";

describe("a seller's replies in a requirement thread", () => {
  it("stores a reply also sent to the channel and mirrors it once, also when Slack delivers it again", async () => {
    const thread = await acmeThread(h);
    const eventId = "Ev0BROADCAST1";
    const ts = await replayMessage(h, "message-thread-broadcast", { ...thread.vars, EVENT_ID: eventId });
    await h.outboxDrained();
    await replay(
      h,
      "message-thread-broadcast",
      { ...thread.vars, EVENT_ID: eventId, TS: ts },
      { retryNum: 1, retryReason: "http_timeout" },
    );
    await h.outboxDrained();

    const reply = await h.db.reply.findFirstOrThrow();
    expect(reply).toMatchObject({
      ts,
      threadTs: thread.post.ts,
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      authorName: "Sam Seller",
      fromSeller: true,
      kind: "question",
      text: "Do the technicians need the app on their own phones, or will you hand out devices?",
    });
    expect(await h.db.reply.count()).toBe(1);
    expect(mirrors(thread)).toHaveLength(1);
    expect(shown(mirrors(thread)[0])).toContain("*Sam Seller* (Acme)");
    expect(shown(mirrors(thread)[0])).toContain("or will you hand out devices?");
  });

  it("stores a file shared with a comment and mirrors the comment and the file's name, linked to it", async () => {
    const thread = await acmeThread(h);
    await replayMessage(h, "message-file-share-with-text", thread.vars);
    await h.outboxDrained();
    expect(await h.db.reply.findFirstOrThrow()).toMatchObject({
      kind: "comment",
      text: "Our offline sync spec, section 3 covers conflicts & retries\n[file: Offline sync spec]",
    });
    const mirror = shown(mirrors(thread)[0]);
    expect(mirror).toContain("section 3 covers conflicts &amp; retries");
    expect(mirror).toContain(
      `<https://buyercorp.slack.com/files/${PEOPLE.seller}/F07ACMESPEC/offline-sync-spec.pdf|Offline sync spec>`,
    );
    expect(mirrors(thread)).toHaveLength(1);
  });

  it("stores a file shared without a comment by its name, linked to it in the mirror", async () => {
    const thread = await acmeThread(h);
    await replayMessage(h, "message-file-share-without-text", thread.vars);
    await h.outboxDrained();
    expect(await h.db.reply.findFirstOrThrow()).toMatchObject({
      kind: "comment",
      text: "[file: device-costs.xlsx]",
    });
    expect(shown(mirrors(thread)[0])).toContain(
      `<https://buyercorp.slack.com/files/${PEOPLE.seller}/F07ACMEPRICE/device-costs.xlsx|device-costs.xlsx>`,
    );
  });

  it("stores a file whose details Slack withholds as a file, the mirror linking to the original", async () => {
    const thread = await acmeThread(h);
    await replayMessage(h, "message-file-share-slack-connect-hidden", thread.vars);
    await h.outboxDrained();
    expect((await h.db.reply.findFirstOrThrow()).text).toBe(
      "Reference architecture attached\n[file: a file]",
    );
    const mirror = shown(mirrors(thread)[0]);
    expect(mirror).toContain(":paperclip: a file");
    expect(mirror).toContain(ORIGINAL_LINK_LABEL);
  });

  it("keeps a Slack Connect person's links, mentions and emoji live in the mirror, under their organisation", async () => {
    const thread = await acmeThread(h);
    const ts = await replayMessage(h, "message-slack-connect-rich-reply", thread.vars);
    await h.outboxDrained();
    const written = RICH_REPLY.replace("CHANNEL", thread.seller.channelId);
    expect(await h.db.reply.findFirstOrThrow()).toMatchObject({
      ts,
      userTeamId: SELLER_TEAM,
      fromSeller: true,
      kind: "question",
      text: written,
      markup: written,
    });
    const mirror = shown(mirrors(thread)[0]);
    expect(mirror).toContain(`*Sam Seller* (Acme) in <#${thread.seller.channelId}>:`);
    for (const live of [
      "<https://acme.example/case-studies/utility|our utility case study>",
      "<@U0SELLER2>",
      "<!subteam^S07ACMEOPS>",
      `<#${thread.seller.channelId}|>`,
      ":white_check_mark:",
      "<@U0OWNER>",
    ]) {
      expect(mirror).toContain(live);
    }
  });

  it("takes a seller's edit: the earlier text is kept, the reply and its mirror show the new one", async () => {
    const thread = await acmeThread(h);
    const ts = await replayMessage(h, "message-slack-connect-rich-reply", thread.vars);
    await h.outboxDrained();
    await replay(h, "message-changed", { ...thread.vars, REPLY_TS: ts, EDIT_TS: slackTs() });
    await h.outboxDrained();

    const reply = await h.db.reply.findFirstOrThrow({ include: { edits: true } });
    expect(reply).toMatchObject({
      text: "See <https://acme.example/case-studies/utility|our utility case study> & ask <@U0SELLER2>: does offline mean a full 10-hour shift?",
      edited: true,
      deleted: false,
      kind: "question",
    });
    expect(reply.edits.map((edit) => edit.text)).toEqual([
      RICH_REPLY.replace("CHANNEL", thread.seller.channelId),
    ]);
    expect(mirrors(thread)).toHaveLength(1);
    const mirror = shown(mirrors(thread)[0]);
    expect(mirror).toContain("&amp; ask <@U0SELLER2>: does offline mean a full 10-hour shift?");
    expect(mirror).toContain(EDITED_MARKER);
  });

  it("marks a reply the seller deleted, keeps its row and says so in the mirror", async () => {
    const thread = await acmeThread(h);
    const ts = await replayMessage(h, "message-slack-connect-rich-reply", thread.vars);
    await h.outboxDrained();
    await replay(h, "message-deleted", { ...thread.vars, REPLY_TS: ts, DELETE_TS: slackTs() });
    await h.outboxDrained();

    expect(await h.db.reply.findFirstOrThrow()).toMatchObject({ ts, deleted: true });
    const mirror = shown(mirrors(thread)[0]);
    expect(mirror).toContain(DELETED_MARKER);
    expect(mirror).not.toContain("does offline mean a full shift");
  });
});

describe("messages in a seller channel that are not the dialogue", () => {
  it("leaves the requirement post alone when Slack reports it changed as replies arrive", async () => {
    const thread = await acmeThread(h);
    const ts = await replayMessage(h, "message-thread-broadcast", thread.vars);
    await h.outboxDrained();
    h.fake.clearCalls();
    await replay(h, "message-changed-thread-parent", { ...thread.vars, TS: ts });
    await h.outboxDrained();
    expect(h.fake.calls("chat.update")).toEqual([]);
    expect(h.fake.calls("chat.postMessage")).toEqual([]);
    expect(await h.db.reply.count()).toBe(1);
    expect(await h.db.replyEdit.count()).toBe(0);
  });

  it("ignores an integration's bot message and a colleague's join: nothing kept, stored or posted", async () => {
    const thread = await acmeThread(h);
    h.fake.clearCalls();
    const kept = await h.db.inboxItem.count();
    await replayMessage(h, "message-bot-message", { ...thread.vars, EVENT_ID: "Ev0BOTMESSAGE" });
    await replay(h, "message-channel-join", { ...thread.vars, TS: slackTs(), EVENT_ID: "Ev0CHANNELJOIN" });
    await h.outboxDrained();
    expect(await h.db.inboxItem.count()).toBe(kept);
    expect(await h.db.reply.count()).toBe(0);
    expect(h.fake.calls("chat.postMessage")).toEqual([]);
    expect(h.fake.calls("chat.update")).toEqual([]);
    expect(h.fake.ephemerals()).toEqual([]);
  });

  it("answers an event the app does not subscribe to, and does nothing with it", async () => {
    const thread = await acmeThread(h);
    h.fake.clearCalls();
    await replay(h, "app-mention", { ...thread.vars, TS: slackTs() });
    await h.outboxDrained();
    expect(await h.db.reply.count()).toBe(0);
    expect(
      h.fake.calls().filter((call) => call.method.startsWith("chat.") || call.method.startsWith("views.")),
    ).toEqual([]);
    expect(mirrors(thread)).toEqual([]);
  });
});
