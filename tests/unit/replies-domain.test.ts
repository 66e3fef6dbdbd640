import { describe, expect, it } from "vitest";
import {
  answersPrivately,
  kindAfterEdit,
  replyKind,
  sellerInputOrigin,
  sellerInputSchema,
} from "../../src/features/replies/domain.js";
import { ANSWER_ALL_BUTTON } from "../../src/features/replies/ids.js";
import {
  DELETED_MARKER,
  EDITED_MARKER,
  type MirroredReply,
  mirrorMessage,
  questionsClosedText,
  sellerInputPost,
} from "../../src/features/replies/views.js";
import { isFromSeller } from "../../src/kernel/access.js";
import { fieldErrors } from "../../src/kernel/handlers.js";
import { parseId as parseRequirementId } from "../../src/kernel/refs.js";
import { readThreadMessage } from "../../src/slack/messages.js";
import { plainText } from "../../src/slack/text.js";

const { decode: decodeSellerInputOrigin, encode: encodeSellerInputOrigin } = sellerInputOrigin;

const BOT = "U0BOT";

const threadReply = {
  type: "message",
  channel: "C0SELLER",
  channel_type: "group",
  user: "U0SELLER",
  user_team: "T0SELLER",
  team: "T0OTHER",
  text: "Which devices?",
  ts: "1700000001.000200",
  thread_ts: "1700000000.000100",
};

describe("readThreadMessage", () => {
  it("reads a person's thread reply, with the organisation from user_team", () => {
    expect(readThreadMessage(threadReply, BOT)).toEqual({
      type: "posted",
      channelId: "C0SELLER",
      ts: "1700000001.000200",
      threadTs: "1700000000.000100",
      userId: "U0SELLER",
      userTeamId: "T0SELLER",
      text: "Which devices?",
      markup: "Which devices?",
    });
  });

  it("falls back to team, then to nothing (users.info decides)", () => {
    const { user_team: _, ...withoutUserTeam } = threadReply;
    expect(readThreadMessage(withoutUserTeam, BOT)).toMatchObject({ userTeamId: "T0OTHER" });
    const { team: __, ...withoutTeams } = withoutUserTeam;
    expect(readThreadMessage(withoutTeams, BOT)).not.toHaveProperty("userTeamId");
  });

  it("keeps Slack's markup beside the plain text, and names a shared file in both", () => {
    expect(
      readThreadMessage(
        {
          ...threadReply,
          subtype: "file_share",
          text: "See <https://acme.example|this>",
          files: [{ name: "a.pdf", permalink: "https://acme.slack.com/files/a.pdf" }, { title: "B <draft>" }],
        },
        BOT,
      ),
    ).toMatchObject({
      text: "See <https://acme.example|this>\n[file: a.pdf]\n[file: B <draft>]",
      markup:
        "See <https://acme.example|this>\n:paperclip: <https://acme.slack.com/files/a.pdf|a.pdf>\n:paperclip: B &lt;draft&gt;",
    });
  });

  it("turns Slack's escapes back into what the person typed", () => {
    expect(readThreadMessage({ ...threadReply, text: "R&amp;D &lt;3 <!channel>" }, BOT)).toMatchObject({
      text: "R&D <3 <!channel>",
    });
  });

  it("keeps replies also sent to the channel and replies with files", () => {
    for (const subtype of ["thread_broadcast", "file_share"]) {
      expect(readThreadMessage({ ...threadReply, subtype }, BOT).type).toBe("posted");
    }
  });

  it("ignores bots, other subtypes, top-level messages and what it cannot read", () => {
    const ignored = [
      { ...threadReply, bot_id: "B0BOT" },
      { ...threadReply, user: BOT },
      { ...threadReply, subtype: "bot_message" },
      { ...threadReply, subtype: "channel_join" },
      { ...threadReply, subtype: "channel_leave" },
      { ...threadReply, subtype: "channel_topic" },
      { ...threadReply, thread_ts: undefined },
      { ...threadReply, thread_ts: threadReply.ts },
      { ...threadReply, user: undefined },
      { ...threadReply, channel: 42 },
      "not an event",
    ];
    for (const event of ignored)
      expect(readThreadMessage(event, BOT).type, JSON.stringify(event)).toBe("ignored");
  });

  it("reads an edit from the changed message", () => {
    const edit = {
      type: "message",
      subtype: "message_changed",
      channel: "C0SELLER",
      ts: "1700000009.000000",
      message: { user: "U0SELLER", text: "Which devices &amp; OS?", ts: threadReply.ts },
      previous_message: { user: "U0SELLER", text: "Which devices?", ts: threadReply.ts },
    };
    expect(readThreadMessage(edit, BOT)).toEqual({
      type: "edited",
      channelId: "C0SELLER",
      ts: threadReply.ts,
      text: "Which devices & OS?",
      markup: "Which devices &amp; OS?",
    });
    expect(readThreadMessage({ ...edit, message: undefined }, BOT).type).toBe("ignored");
  });

  it("reads a deletion from deleted_ts", () => {
    const deletion = {
      type: "message",
      subtype: "message_deleted",
      channel: "C0SELLER",
      ts: "1700000009.000000",
      deleted_ts: threadReply.ts,
    };
    expect(readThreadMessage(deletion, BOT)).toEqual({
      type: "deleted",
      channelId: "C0SELLER",
      ts: threadReply.ts,
    });
    expect(readThreadMessage({ ...deletion, deleted_ts: undefined }, BOT).type).toBe("ignored");
  });
});

describe("reply rules", () => {
  it("tells the seller's people from the buyer's by their Slack team", () => {
    expect(isFromSeller("T0SELLER", "T0BUYER")).toBe(true);
    expect(isFromSeller("T0BUYER", "T0BUYER")).toBe(false);
  });

  it("makes a seller's message with a question mark a question, else a comment; the buyer answers", () => {
    expect(replyKind(true, "Does it run offline?")).toBe("question");
    expect(replyKind(true, "We did this before.")).toBe("comment");
    expect(replyKind(true, "See <https://example.com/spec?page=2|our spec>.")).toBe("comment");
    expect(replyKind(false, "Is that clear?")).toBe("answer");
  });

  it("re-reads a seller's edited comment or open question, and nothing else", () => {
    const open = { fromSeller: true, answeredAt: null };
    expect(kindAfterEdit({ ...open, kind: "comment" }, "Or is it?")).toBe("question");
    expect(kindAfterEdit({ ...open, kind: "question" }, "Never mind.")).toBe("comment");
    expect(kindAfterEdit({ ...open, kind: "suggestion" }, "Why?")).toBe("suggestion");
    expect(kindAfterEdit({ fromSeller: true, answeredAt: new Date(), kind: "question" }, "Fine.")).toBe(
      "question",
    );
    expect(kindAfterEdit({ fromSeller: false, answeredAt: null, kind: "answer" }, "Why?")).toBe("answer");
  });

  it("holds only the buyer's side as a private answer, only in the quiet period", () => {
    expect(answersPrivately(false, "proposal")).toBe(true);
    expect(answersPrivately(false, "evaluation")).toBe(true);
    expect(answersPrivately(false, "requirements")).toBe(false);
    expect(answersPrivately(true, "proposal")).toBe(false);
  });

  it("validates the form's text onto its block", () => {
    const empty = sellerInputSchema("question").safeParse({ text: "  " });
    expect(empty.success).toBe(false);
    if (!empty.success) expect(fieldErrors(empty.error)).toEqual({ text: "Write your question." });
    const none = sellerInputSchema("suggestion").safeParse({ text: "" });
    if (!none.success) expect(fieldErrors(none.error)).toEqual({ text: "Describe the change you suggest." });
    const long = sellerInputSchema("question").safeParse({ text: "x".repeat(3001) });
    if (!long.success) expect(fieldErrors(long.error)).toEqual({ text: "Keep it within 3000 characters." });
    expect(sellerInputSchema("question").parse({ text: " Why? " })).toEqual({ text: "Why?" });
  });

  it("round-trips the form's origin and refuses anything else", () => {
    const origin = {
      requirementId: 3,
      channelId: "C0SELLER",
      kind: "suggestion" as const,
      responseUrl: "https://hooks.slack.com/actions/T/1/x",
    };
    expect(decodeSellerInputOrigin(encodeSellerInputOrigin(origin))).toEqual(origin);
    expect(decodeSellerInputOrigin("{}")).toBeUndefined();
    expect(decodeSellerInputOrigin("not json")).toBeUndefined();
  });

  it("reads a requirement id from a button's value", () => {
    expect(parseRequirementId("12")).toBe(12);
    for (const value of [undefined, "", "0", "-1", "1.5", "R-1"])
      expect(parseRequirementId(value)).toBeUndefined();
  });

  it("decodes only Slack's three escapes", () => {
    expect(plainText("&amp;lt; stays &lt; once")).toBe("&lt; stays < once");
  });
});

describe("reply views", () => {
  const question: MirroredReply = {
    id: 7,
    kind: "question",
    fromSeller: true,
    authorName: "Sam <Seller>",
    organisation: "Acme & Co",
    sellerChannelId: "C0SELLER",
    text: "Ping <!channel> & <@U0OWNER>?",
    markup: null,
    edited: false,
    deleted: false,
  };
  const PERMALINK = "https://buyer.slack.com/archives/C0SELLER/p1700000001000200";

  it("mirrors who wrote, from where, escaped, with the link and the answer button", () => {
    const { text, blocks } = mirrorMessage(question, PERMALINK);
    const json = JSON.stringify(blocks);
    expect(json).toContain(
      "*Sam &lt;Seller&gt;* (Acme &amp; Co) in <#C0SELLER>: Ping &lt;!channel&gt; &amp; &lt;@U0OWNER&gt;?",
    );
    expect(json).toContain(`<${PERMALINK}|View the original>`);
    expect(json).toContain(
      `"action_id":"${ANSWER_ALL_BUTTON}","text":{"type":"plain_text","text":"Answer all sellers"},"value":"7"`,
    );
    expect(text).not.toContain("<!channel>");
  });

  it("offers the answer button on a seller's question only", () => {
    for (const reply of [
      { ...question, kind: "comment" as const },
      { ...question, fromSeller: false, kind: "question" as const },
      { ...question, deleted: true },
    ]) {
      expect(JSON.stringify(mirrorMessage(reply).blocks)).not.toContain(ANSWER_ALL_BUTTON);
    }
  });

  it("marks a late question with the day questions closed, or without it once the date moved", () => {
    const closed = new Date("2026-12-14T00:00:00Z");
    expect(JSON.stringify(mirrorMessage({ ...question, late: { closedOn: closed } }).blocks)).toContain(
      "Question (late: asked after questions closed on Mon, 14 Dec 2026)",
    );
    expect(JSON.stringify(mirrorMessage({ ...question, late: { closedOn: undefined } }).blocks)).toContain(
      "Question (late: asked after questions closed)",
    );
    expect(JSON.stringify(mirrorMessage(question).blocks)).not.toContain("late");
  });

  it("marks edits, and hides a deleted reply's text and link", () => {
    expect(JSON.stringify(mirrorMessage({ ...question, edited: true }, PERMALINK).blocks)).toContain(
      EDITED_MARKER,
    );
    const deleted = JSON.stringify(
      mirrorMessage({ ...question, edited: true, deleted: true }, PERMALINK).blocks,
    );
    expect(deleted).toContain(DELETED_MARKER);
    expect(deleted).not.toContain("Ping");
    expect(deleted).not.toContain(PERMALINK);
    expect(deleted).not.toContain(EDITED_MARKER);
  });

  it("keeps a long reply within Slack's section limit", () => {
    const { text, blocks } = mirrorMessage({ ...question, text: "Battery & signal. ".repeat(5000) });
    const sections = blocks.filter((block) => block.type === "section");
    expect(sections.length).toBeGreaterThan(1);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const section of sections) {
      expect(section.type === "section" && (section.text?.text.length ?? 0)).toBeLessThanOrEqual(3000);
    }
    expect(JSON.stringify(blocks)).toContain("the text goes on in the original");
    expect(text.length).toBeLessThanOrEqual(300);
  });

  it("attributes a form's post to the person and escapes it", () => {
    expect(sellerInputPost("question", "Sam Seller", "Acme", "<!here> why?")).toBe(
      "*Sam Seller* (Acme) asks:\n&lt;!here&gt; why?",
    );
    expect(sellerInputPost("suggestion", "Sam Seller", "Acme", "Use 8 h")).toBe(
      "*Sam Seller* (Acme) suggests a change:\nUse 8 h",
    );
  });

  it("tells a seller when questions closed and that the buyer may reopen them", () => {
    expect(questionsClosedText(3, new Date("2026-12-14T00:00:00Z"))).toBe(
      "Questions on T-3 closed on Mon, 14 Dec 2026. The buyer may reopen them by moving the date.",
    );
  });
});
