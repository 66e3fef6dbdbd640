import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SAVE_MESSAGE_SHORTCUT } from "../../src/features/lessons/ids.js";
import { SELLER_BUTTONS, SELLER_INPUT_FORM } from "../../src/features/replies/ids.js";
import { NOT_YOUR_SELLER } from "../../src/features/replies/views.js";
import { REQUIREMENT_FORM } from "../../src/features/requirements/ids.js";
import { INVITE_SELLER_BUTTON, NEW_TENDER } from "../../src/features/tenders/ids.js";
import { SELLER_COMMANDS, UNKNOWN_PERSON } from "../../src/kernel/actor.js";
import { BUTTON_NOT_READ } from "../../src/kernel/handlers.js";
import { FOREIGN_RESPONSE_URL, MALFORMED_REQUEST } from "../../src/slack/edge.js";
import { UNKNOWN_BUTTON } from "../../src/slack/listened.js";
import { type Harness, HOME_TEAM, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";

/**
 * What a hostile request can try at the edge: control characters, answers sent elsewhere than
 * Slack. Each is checked on the server, whatever the request says.
 */
let h: Harness;
/** An address outside Slack that counts what reaches it. */
let elsewhere: Server;
let elsewhereHits = 0;
let elsewhereUrl = "";

beforeAll(async () => {
  h = await startHarness();
  elsewhere = createServer((req, res) => {
    elsewhereHits++;
    req.resume();
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await h?.close();
  await new Promise((resolve) => elsewhere?.close(resolve));
});
beforeEach(async () => {
  await h.reset();
  elsewhereHits = 0;
});

async function tender() {
  await h.command("new Field service platform");
  return h.db.tender.findFirstOrThrow();
}

describe("control characters", () => {
  it("removes NUL and other control characters from what people type, keeping line breaks and tabs", async () => {
    const { teamChannelId } = await tender();
    const { replies } = await h.command("require Off\u0000line\u0007 mode | Line one\nline\ttwo\u001b", {
      channelId: teamChannelId,
    });
    expect(replies[0]).toMatch(/^R-1 · Offline mode is going out/);
    const revision = await h.db.requirementRevision.findFirstOrThrow();
    expect(revision).toMatchObject({ title: "Offline mode", details: "Line one\nline\ttwo" });
  });

  it("keeps text with half a character (a lone surrogate) as the replacement character, instead of failing", async () => {
    const { teamChannelId } = await tender();
    const { replies } = await h.command("require Broken \ud800 title | details \udc00", {
      channelId: teamChannelId,
    });
    expect(replies[0]).toMatch(/^R-1 · Broken \uFFFD title is going out/);
    const revision = await h.db.requirementRevision.findFirstOrThrow();
    expect(revision).toMatchObject({ title: "Broken \uFFFD title", details: "details \uFFFD" });
  });

  it("stores a seller's reply that carries a NUL byte, without it", async () => {
    const { teamChannelId } = await tender();
    await h.command("invite Acme people@acme.example", { channelId: teamChannelId });
    await h.command("require Offline mode", { channelId: teamChannelId });
    await h.outboxDrained();
    const post = await h.db.requirementPost.findFirstOrThrow();
    const text = "We cache\u0000 work orders";
    const ts = h.fake.addMessage(post.channelId, { user: PEOPLE.seller, text, threadTs: post.ts });
    const answer = await h.requests.event({
      type: "message",
      channel: post.channelId,
      user: PEOPLE.seller,
      user_team: SELLER_TEAM,
      text,
      ts,
      thread_ts: post.ts,
    });
    expect(answer.status).toBe(200);
    await h.settle();
    expect((await h.db.reply.findFirstOrThrow()).text).toBe("We cache work orders");
  });
});

describe("answers go only to Slack", () => {
  it("does not act on a command whose response URL is outside Slack, and says why", async () => {
    const response = await h.requests.command({
      text: "new Field service platform",
      userId: PEOPLE.owner,
      channelId: "C0GENERAL",
      responseUrl: elsewhereUrl,
    });
    expect(response.status).toBe(200);
    expect(response.body).toBe(FOREIGN_RESPONSE_URL);
    await h.settle();
    expect(await h.db.tender.count()).toBe(0);
    expect(elsewhereHits).toBe(0);
  });

  it("tells the result of a form in a direct message when the form's memory names an address outside Slack", async () => {
    const { id } = await tender();
    const submitted = await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: REQUIREMENT_FORM.callbackId,
      privateMetadata: JSON.stringify({ tenderId: id, responseUrl: elsewhereUrl }),
      values: {
        [REQUIREMENT_FORM.title.block]: {
          [REQUIREMENT_FORM.title.action]: { type: "plain_text_input", value: "Pumps" },
        },
      },
    });
    expect(submitted.status).toBe(200);
    await h.outboxDrained();
    expect(await h.db.requirement.count()).toBe(1);
    expect(elsewhereHits).toBe(0);
    const toOwner = h.fake.calls("chat.postMessage").filter((call) => call.args.channel === PEOPLE.owner);
    expect(toOwner.map((call) => String(call.args.text))).toEqual([expect.stringMatching(/^R-1 · Pumps/)]);
  });
});

describe("answers that repeat what was typed", () => {
  it("repeat a short, escaped part of it, however long the input", async () => {
    const { teamChannelId } = await tender();
    const huge = `<!channel>${"x".repeat(100_000)}`;
    for (const text of [huge, `stage ${huge}`, `nudges ${huge}`, `nudges questions ${huge}`]) {
      const { replies } = await h.command(text, { channelId: teamChannelId });
      expect(replies).toHaveLength(1);
      expect(replies[0]?.length).toBeLessThan(1_000);
      expect(replies[0]).not.toContain("<!channel>");
    }
  });

  it("escapes a broadcast mention in the check-in grammar's errors", async () => {
    const { teamChannelId } = await tender();
    for (const schedule of [
      "every day <!channel> UTC",
      "every day 09:00 <!here>",
      "every <!everyone> 09:00",
      'cron "<!channel> 9 * * *"',
    ]) {
      const { replies } = await h.command(`checkin ${schedule} | How is it going?`, {
        channelId: teamChannelId,
      });
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(/&lt;!(channel|here|everyone)&gt;/);
      expect(replies[0]).not.toMatch(/<!(channel|here|everyone)>/);
    }
  });
});

describe("who may do what, decided by who the person is", () => {
  /** A person of a third organisation, Globex, another seller's. */
  const GLOBEX = { id: "U0GLOBEX", teamId: "T0GLOBEX" };

  /** A tender with Acme's channel holding R-1; Acme's organisation is known (its people joined). */
  async function acmeThread() {
    h.fake.addUser({ id: GLOBEX.id, teamId: GLOBEX.teamId, realName: "Gina Globex" });
    const { teamChannelId } = await tender();
    await h.command("invite Acme people@acme.example", { channelId: teamChannelId });
    await h.db.seller.updateMany({ data: { slackTeamId: SELLER_TEAM } });
    await h.command("require Offline mode", { channelId: teamChannelId });
    await h.outboxDrained();
    const post = await h.db.requirementPost.findFirstOrThrow();
    return { teamChannelId, post };
  }

  it("answers a seller's person running any command with what is theirs to do, and does nothing", async () => {
    const { post } = await acmeThread();
    await h.command("lesson Cache work orders | Basements have no network.", { channelId: post.channelId });
    for (const text of ["new Sneaky tender", "lessons", "lessons cache", "status", "require Pumps"]) {
      const { replies } = await h.command(text, { userId: PEOPLE.seller, channelId: post.channelId });
      expect(replies, text).toEqual([SELLER_COMMANDS]);
    }
    expect(await h.db.tender.count()).toBe(1);
    expect(await h.db.requirement.count()).toBe(1);
  });

  it("does nothing for a person Slack does not know, whatever team the request names", async () => {
    const { replies } = await h.command("new Field service platform", { userId: "U0NOBODY" });
    expect(replies).toEqual([UNKNOWN_PERSON]);
    expect(await h.db.tender.count()).toBe(0);
  });

  it("does not open a tender from the new-tender form submitted by a seller's person", async () => {
    const submitted = await h.requests.viewSubmission({
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      callbackId: NEW_TENDER.callbackId,
      privateMetadata: JSON.stringify({ channelId: "C0GENERAL" }),
      values: {
        [NEW_TENDER.title.block]: {
          [NEW_TENDER.title.action]: { type: "plain_text_input", value: "Sneaky tender" },
        },
      },
    });
    expect(submitted.status).toBe(200);
    await h.settle();
    expect(await h.db.tender.count()).toBe(0);
    expect(h.fake.calls("conversations.create")).toEqual([]);
    const told = h.fake.calls("chat.postMessage").filter((call) => call.args.channel === PEOPLE.seller);
    expect(told.map((call) => call.args.text)).toEqual([SELLER_COMMANDS]);
  });

  it("refuses another seller's person pressing Acme's buttons or submitting its form, whatever the request says", async () => {
    const { post } = await acmeThread();
    const responseUrl = h.fake.responseUrl();
    await h.requests.blockAction({
      userId: GLOBEX.id,
      userTeamId: GLOBEX.teamId,
      channelId: post.channelId,
      actionId: SELLER_BUTTONS.askQuestion,
      value: String(post.requirementId),
      messageTs: post.ts,
      responseUrl,
    });
    await h.settle();
    expect(h.fake.responses(responseUrl).map((r) => (r.body as { text?: string }).text)).toEqual([
      NOT_YOUR_SELLER,
    ]);
    expect(h.fake.views()).toEqual([]);

    // The same person, claiming Acme's organisation in the request: Slack says who they are.
    const submitted = await h.requests.viewSubmission({
      userId: GLOBEX.id,
      userTeamId: SELLER_TEAM,
      callbackId: SELLER_INPUT_FORM.callbackId,
      privateMetadata: JSON.stringify({
        requirementId: post.requirementId,
        channelId: post.channelId,
        kind: "question",
      }),
      values: {
        [SELLER_INPUT_FORM.text.block]: {
          [SELLER_INPUT_FORM.text.action]: { type: "plain_text_input", value: "Posted as Acme?" },
        },
      },
    });
    expect(submitted.status).toBe(200);
    await h.outboxDrained();
    expect(h.fake.messages(post.channelId).some((m) => m.text.includes("Posted as Acme?"))).toBe(false);
    expect(await h.db.reply.count()).toBe(0);
  });

  it("posts a seller's question once when the same signed submission arrives three times", async () => {
    const { post } = await acmeThread();
    const submission = {
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      callbackId: SELLER_INPUT_FORM.callbackId,
      triggerId: "1234567890123.1234567890.replayedsubmission",
      privateMetadata: JSON.stringify({
        requirementId: post.requirementId,
        channelId: post.channelId,
        kind: "question",
      }),
      values: {
        [SELLER_INPUT_FORM.text.block]: {
          [SELLER_INPUT_FORM.text.action]: { type: "plain_text_input", value: "Asked once?" },
        },
      },
    };
    for (let i = 0; i < 3; i++) expect((await h.requests.viewSubmission(submission)).status).toBe(200);
    await h.outboxDrained();
    expect(h.fake.messages(post.channelId).filter((m) => m.text.includes("Asked once?"))).toHaveLength(1);
    expect(await h.db.reply.count()).toBe(1);
  });

  it("lets Acme's own people ask, and the tender's team too", async () => {
    const { post } = await acmeThread();
    for (const [userId, userTeamId] of [
      [PEOPLE.seller, SELLER_TEAM],
      [PEOPLE.owner, undefined],
    ] as const) {
      const submitted = await h.requests.viewSubmission({
        userId,
        ...(userTeamId ? { userTeamId } : {}),
        callbackId: SELLER_INPUT_FORM.callbackId,
        privateMetadata: JSON.stringify({
          requirementId: post.requirementId,
          channelId: post.channelId,
          kind: "question",
        }),
        values: {
          [SELLER_INPUT_FORM.text.block]: {
            [SELLER_INPUT_FORM.text.action]: { type: "plain_text_input", value: `Asked by ${userId}` },
          },
        },
      });
      expect(submitted.status).toBe(200);
    }
    await h.outboxDrained();
    expect(
      (await h.db.reply.findMany({ orderBy: { id: "asc" } })).map((r) => [r.userId, r.fromSeller]),
    ).toEqual([
      [PEOPLE.seller, true],
      [PEOPLE.owner, false],
    ]);
  });
});

describe("requests not in the shape Slack sends", () => {
  const quickly = async (answer: Promise<{ status: number }>) => {
    const started = Date.now();
    const { status } = await answer;
    return { status, ms: Date.now() - started };
  };

  it("answers a form without its state, a button press without its person and one without actions at once, and does nothing", async () => {
    const { id, teamChannelId } = await tender();
    const answers = [
      await quickly(
        h.requests.interaction({
          type: "view_submission",
          user: { id: PEOPLE.owner },
          view: {
            id: "V0BROKEN",
            callback_id: REQUIREMENT_FORM.callbackId,
            private_metadata: JSON.stringify({ tenderId: id }),
          },
        }),
      ),
      await quickly(
        h.requests.interaction({
          type: "block_actions",
          channel: { id: teamChannelId },
          actions: [{ action_id: INVITE_SELLER_BUTTON, value: String(id), type: "button" }],
          trigger_id: "1.2.broken",
        }),
      ),
      await quickly(
        h.requests.interaction({
          type: "block_actions",
          user: { id: PEOPLE.owner },
          actions: [],
          trigger_id: "1.2.empty",
        }),
      ),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.ms).toBeLessThan(3_000);
    }
    await h.settle();
    expect(await h.db.requirement.count()).toBe(0);
    expect(h.fake.views()).toEqual([]);
  });

  it("tells the person of a command without its person or channel that it was not read", async () => {
    const form = new URLSearchParams({
      command: "/tender",
      text: "new Field service platform",
      team_id: "T0BUYER",
      response_url: h.fake.responseUrl(),
      trigger_id: "1.2.nochannel",
    });
    const answer = await h.requests.send(form.toString(), "application/x-www-form-urlencoded");
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(MALFORMED_REQUEST);
    await h.settle();
    expect(await h.db.tender.count()).toBe(0);
  });

  it("answers a button whose value is not an id with a clear message", async () => {
    const { teamChannelId } = await tender();
    for (const value of ["abc", "1e400", "99999999999999999999", "-1", "0", ""]) {
      const responseUrl = h.fake.responseUrl();
      const answer = await h.requests.blockAction({
        userId: PEOPLE.owner,
        channelId: teamChannelId,
        actionId: INVITE_SELLER_BUTTON,
        value,
        responseUrl,
      });
      expect(answer.status).toBe(200);
      await h.settle();
      const told = h.fake.responses(responseUrl).map((r) => String((r.body as { text?: string }).text));
      expect(told, value).toHaveLength(1);
      expect(told[0], value).toBe(BUTTON_NOT_READ);
    }
    expect(h.fake.views()).toEqual([]);
  });
});

describe("interactions the app has no listener for", () => {
  it("acknowledges a button, a form and a shortcut it does not know at once, tells the person of the button, and does nothing", async () => {
    const { teamChannelId } = await tender();
    const before = h.fake.calls().length;
    const responseUrl = h.fake.responseUrl();
    const started = Date.now();
    const answers = [
      await h.requests.blockAction({
        userId: PEOPLE.owner,
        channelId: teamChannelId,
        actionId: "tender_button_from_long_ago",
        value: "1",
        responseUrl,
      }),
      await h.requests.viewSubmission({
        userId: PEOPLE.owner,
        callbackId: "tender_form_from_long_ago",
        values: { anything: { anything: { type: "plain_text_input", value: "<!channel>" } } },
      }),
      await h.requests.interaction({
        type: "message_action",
        callback_id: "tender_shortcut_from_long_ago",
        user: { id: PEOPLE.owner, team_id: HOME_TEAM },
        channel: { id: teamChannelId },
        message: { type: "message", user: PEOPLE.owner, ts: "1700000000.000100", text: "hi" },
        trigger_id: "1.2.shortcut",
        response_url: h.fake.responseUrl(),
      }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(Date.now() - started).toBeLessThan(3_000);
    await h.settle();
    expect(h.fake.responses(responseUrl).map((r) => (r.body as { text?: string }).text)).toEqual([
      UNKNOWN_BUTTON,
    ]);
    expect(
      h.fake
        .calls()
        .slice(before)
        .map((call) => call.method),
    ).toEqual([]);
    expect(h.fake.views()).toEqual([]);
  });
});

describe("real payloads: a seller's message as Slack sends it", () => {
  async function thread() {
    const { teamChannelId } = await tender();
    await h.command("invite Acme people@acme.example", { channelId: teamChannelId });
    await h.command("require Offline mode", { channelId: teamChannelId });
    await h.outboxDrained();
    const post = await h.db.requirementPost.findFirstOrThrow();
    return { teamChannelId, post };
  }

  async function sellerSays(post: { channelId: string; ts: string }, event: Record<string, unknown>) {
    const text = typeof event.text === "string" ? event.text : "";
    const ts = h.fake.addMessage(post.channelId, { user: PEOPLE.seller, text, threadTs: post.ts });
    const answer = await h.requests.event({
      type: "message",
      channel: post.channelId,
      user: PEOPLE.seller,
      user_team: SELLER_TEAM,
      ts,
      thread_ts: post.ts,
      ...event,
    });
    expect(answer.status).toBe(200);
    await h.outboxDrained();
    return ts;
  }

  const mirrorIn = (teamChannelId: string) =>
    h.fake
      .messages(teamChannelId)
      .filter((m) => m.botId && m.threadTs)
      .map((m) => JSON.stringify(m.blocks ?? []))
      .at(-1) ?? "";

  it("keeps links, user, channel and user-group mentions and emoji live in the mirror; only broadcasts become text", async () => {
    const { teamChannelId, post } = await thread();
    const text =
      "See <https://acme.example/case|our case study> and ask <@U0SELLER2>, cc <#C0GENERAL|general> <!subteam^S0OPS|@ops> :rocket: <!channel> <!here|here> &lt;b&gt;";
    await sellerSays(post, { text });
    const mirror = JSON.parse(mirrorIn(teamChannelId)) as { text?: { text?: string } }[];
    const shown = mirror.map((block) => block.text?.text ?? "").join("\n");
    for (const live of [
      "<https://acme.example/case|our case study>",
      "<@U0SELLER2>",
      "<#C0GENERAL|general>",
      "<!subteam^S0OPS|@ops>",
      ":rocket:",
      "&lt;b&gt;",
    ]) {
      expect(shown).toContain(live);
    }
    expect(shown).not.toMatch(/<!(channel|here|everyone)/);
    expect(shown).toContain("@channel @here");
    expect((await h.db.reply.findFirstOrThrow()).text).toContain("<b>");
  });

  it("mirrors a file shared without a comment with its name, linked to the file", async () => {
    const { teamChannelId, post } = await thread();
    await sellerSays(post, {
      subtype: "file_share",
      text: "",
      files: [
        {
          id: "F0SPEC",
          name: "spec.pdf",
          title: "Offline spec",
          permalink: "https://acme.slack.com/files/U0SELLER/F0SPEC/spec.pdf",
        },
      ],
    });
    const shown = mirrorIn(teamChannelId);
    expect(shown).toContain("<https://acme.slack.com/files/U0SELLER/F0SPEC/spec.pdf|Offline spec>");
    expect((await h.db.reply.findFirstOrThrow()).text).toBe("[file: Offline spec]");
  });
});

describe("real payloads: a message shortcut whose person has no team_id", () => {
  it("opens the lesson form for a seller's person in their own channel, the organisation taken from Slack", async () => {
    const { teamChannelId } = await tender();
    await h.command("invite Acme people@acme.example", { channelId: teamChannelId });
    const acme = await h.db.seller.findFirstOrThrow();
    const ts = h.fake.addMessage(acme.channelId, { user: PEOPLE.seller, text: "Depots lose Wi-Fi at night" });
    const responseUrl = h.fake.responseUrl();
    const answer = await h.requests.interaction({
      type: "message_action",
      callback_id: SAVE_MESSAGE_SHORTCUT,
      trigger_id: "1.2.shortcut",
      response_url: responseUrl,
      message_ts: ts,
      message: { type: "message", user: PEOPLE.seller, ts, text: "Depots lose Wi-Fi at night" },
      user: { id: PEOPLE.seller, name: "sam" },
      channel: { id: acme.channelId, name: "tender-acme" },
      team: { id: "T0BUYER", domain: "buyer" },
      action_ts: "1800000000.000001",
    });
    expect(answer.status).toBe(200);
    await h.settle();
    expect(h.fake.responses(responseUrl)).toEqual([]);
    expect(JSON.stringify(h.fake.views().at(-1)?.view)).toContain("Depots lose Wi-Fi at night");
  });
});
