import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ANSWER_ALL_FORM } from "../../src/features/clarifications/ids.js";
import {
  CLARIFY_USAGE,
  clarificationText,
  SELLER_ANSWER_REFUSED,
} from "../../src/features/clarifications/views.js";
import { ANSWER_ALL_BUTTON, SELLER_BUTTONS } from "../../src/features/replies/ids.js";
import { REQUIREMENT_EVENT_TYPE } from "../../src/features/requirements/ids.js";
import { finalStageText, withdrawalNoteText, withdrawnText } from "../../src/features/requirements/views.js";
import { REVISION_FORM } from "../../src/features/revisions/ids.js";
import { revisedMeanwhileText, revisionNoteText } from "../../src/features/revisions/views.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
import type { SubmittedValue } from "../../src/sandbox/slack/requests.js";
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

const outboxDone = () => h.outboxDrained(60_000);

async function tenderWithSellers(names: string[]) {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  for (const [i, name] of names.entries()) {
    await h.command(`invite ${name} people@seller${i}.example`, { channelId: tender.teamChannelId });
  }
  const sellers = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  return { tender, sellers, team: { channelId: tender.teamChannelId } };
}

/** A tender with sellers and R-1 in every seller channel. */
async function postedRequirement(names = ["Acme", "Beta"]) {
  const setup = await tenderWithSellers(names);
  await h.command("require Offline mode | Technicians work in basements.", setup.team);
  await outboxDone();
  const requirement = await h.db.requirement.findFirstOrThrow();
  return { ...setup, requirement };
}

function sellerPost(channelId: string): FakeMessage {
  const post = h.fake.messages(channelId).find((m) => m.metadata?.event_type === REQUIREMENT_EVENT_TYPE);
  if (!post) throw new Error(`no requirement post in ${channelId}`);
  return h.fake.message(channelId, post.ts) ?? post;
}

function threadOf(channelId: string): FakeMessage[] {
  const post = sellerPost(channelId);
  return h.fake.messages(channelId).filter((m) => m.threadTs === post.ts && m.ts !== post.ts);
}

let replyCounter = 0;

/** A seller's message in its thread, as the capture of thread replies stores it. */
async function sellerReply(
  requirementId: number,
  sellerId: number,
  text: string,
  options: { kind?: "comment" | "question" | "suggestion"; author?: string; userId?: string } = {},
) {
  const post = await h.db.requirementPost.findFirstOrThrow({ where: { requirementId, sellerId } });
  replyCounter++;
  return h.db.reply.create({
    data: {
      requirementId,
      sellerId,
      channelId: post.channelId,
      ts: `1800000000.${String(replyCounter).padStart(6, "0")}`,
      threadTs: post.ts,
      userId: options.userId ?? PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      authorName: options.author ?? "Sam Seller",
      fromSeller: true,
      kind: options.kind ?? "comment",
      text,
    },
  });
}

const text = (value: string): SubmittedValue => ({ type: "plain_text_input", value });

function revisionValues(fields: {
  title?: string;
  details?: string;
  changeNote?: string;
  influencedBy?: number[];
  priority?: string;
}) {
  return {
    [REVISION_FORM.title.block]: { [REVISION_FORM.title.action]: text(fields.title ?? "Offline mode") },
    [REVISION_FORM.details.block]: {
      [REVISION_FORM.details.action]: text(fields.details ?? "Technicians work in basements."),
    },
    [REVISION_FORM.priority.block]: {
      [REVISION_FORM.priority.action]: {
        type: "static_select",
        selected_option: { value: fields.priority ?? "should" },
      },
    },
    [REVISION_FORM.changeNote.block]: { [REVISION_FORM.changeNote.action]: text(fields.changeNote ?? "") },
    [REVISION_FORM.influencedBy.block]: {
      [REVISION_FORM.influencedBy.action]: {
        type: "multi_static_select",
        selected_options: (fields.influencedBy ?? []).map((id) => ({ value: String(id) })),
      },
    },
  };
}

/** `/tender revise R-1`, then the form submitted; the answers the buyer got. */
async function revise(
  channelId: string,
  fields: Parameters<typeof revisionValues>[0],
  userId = PEOPLE.owner,
) {
  const { responseUrl, replies } = await h.command("revise R-1", { channelId, userId });
  const view = h.fake.views().at(-1);
  if (replies.length > 0 || view?.view.callback_id !== REVISION_FORM.callbackId) return { replies, view };
  const response = await h.requests.viewSubmission({
    userId,
    callbackId: REVISION_FORM.callbackId,
    viewId: view.id,
    values: revisionValues(fields),
  });
  await h.settle();
  const answers = h.fake.responses(responseUrl).map((r) => String((r.body as { text?: unknown }).text));
  return { replies: answers, view, response };
}

async function press(
  actionId: string,
  value: string,
  options: { userId: string; userTeamId?: string; channelId: string },
) {
  const responseUrl = h.fake.responseUrl();
  await h.requests.blockAction({ ...options, actionId, value, responseUrl });
  await h.settle();
  return {
    responseUrl,
    answers: h.fake.responses(responseUrl).map((r) => (r.body as { text: string }).text),
  };
}

describe("/tender revise", () => {
  it("publishes v2: every copy updated, one what-changed note per seller thread, the helpful seller thanked", async () => {
    const { tender, sellers, team, requirement } = await postedRequirement(["Acme", "Beta", "Gamma"]);
    const [acme, beta] = sellers;
    if (!acme || !beta) throw new Error("sellers missing");
    const helpful = await sellerReply(requirement.id, acme.id, "We cache work orders for 72 hours offline.");
    await sellerReply(requirement.id, beta.id, "How long are technicians offline?", { author: "Bea Beta" });

    const { replies, view } = await revise(team.channelId, {
      title: "Offline mode for 72 hours",
      changeNote: "Offline for 72 hours, not 8 <!channel>",
      influencedBy: [helpful.id],
    });
    await outboxDone();

    // The form was the current version, prefilled, with the seller replies to credit.
    const form = JSON.stringify(view?.view.blocks);
    expect(form).toContain('"initial_value":"Offline mode"');
    expect(form).toContain("Sam Seller (Acme): We cache work orders for 72 hours offline.");
    expect(form).toContain("Bea Beta (Beta): How long are technicians offline?");

    expect(replies).toEqual([
      "R-1 · Offline mode for 72 hours is now v2: 3 seller channels get the new version and a note of what changed in the thread.",
    ]);
    const stored = await h.db.requirement.findFirstOrThrow({
      include: { revisions: { include: { influences: true }, orderBy: { version: "asc" } }, posts: true },
    });
    expect(stored.version).toBe(2);
    expect(stored.revisions.map((r) => [r.version, r.title, r.changeNote])).toEqual([
      [1, "Offline mode", null],
      [2, "Offline mode for 72 hours", "Offline for 72 hours, not 8 <!channel>"],
    ]);
    expect(stored.revisions[1]?.influences.map((i) => i.replyId)).toEqual([helpful.id]);
    expect(stored.posts.map((p) => p.shownVersion)).toEqual([2, 2, 2]);
    expect(await h.db.auditEvent.count({ where: { action: "requirement.revised" } })).toBe(1);

    for (const seller of sellers) {
      const post = sellerPost(seller.channelId);
      expect(
        h.fake.messages(seller.channelId).filter((m) => m.metadata?.event_type === REQUIREMENT_EVENT_TYPE),
      ).toHaveLength(1);
      const blocks = JSON.stringify(post.blocks);
      expect(blocks).toContain("R-1 · Offline mode for 72 hours");
      expect(blocks).toContain("Revised, v2. Offline for 72 hours, not 8 &lt;!channel&gt;");
      const notes = threadOf(seller.channelId);
      expect(notes.map((n) => n.text)).toEqual([
        revisionNoteText(1, 2, "Offline for 72 hours, not 8 <!channel>", seller.id === acme.id),
      ]);
      expect(notes[0]?.text).not.toContain("<!channel>");
    }
    expect(threadOf(acme.channelId)[0]?.text).toContain("thanks to your input");
    expect(threadOf(beta.channelId)[0]?.text).not.toContain("thanks to your input");

    const teamCopy = h.fake.message(tender.teamChannelId, stored.teamTs ?? "");
    expect(JSON.stringify(teamCopy?.blocks)).toContain("Revised, v2.");

    // The same form sent again changes nothing and posts nothing twice.
    const again = await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: REVISION_FORM.callbackId,
      viewId: view?.id,
      values: revisionValues({ changeNote: "Once more" }),
    });
    expect(again.status).toBe(200);
    await outboxDone();
    expect((await h.db.requirement.findFirstOrThrow()).version).toBe(2);
    for (const seller of sellers) expect(threadOf(seller.channelId)).toHaveLength(1);
    const told = h.fake.responses().map((r) => (r.body as { text?: string }).text);
    expect(told).toContain(revisedMeanwhileText(1));
  });

  it("puts form errors on their fields and saves nothing", async () => {
    const { team } = await postedRequirement(["Acme"]);
    const { response } = await revise(team.channelId, { title: " ", changeNote: "" });
    expect(response?.json()).toEqual({
      response_action: "errors",
      errors: {
        title: "Give the requirement a title.",
        changeNote: "Say what changed, and why: every seller reads it in its thread.",
      },
    });
    expect((await h.db.requirement.findFirstOrThrow()).version).toBe(1);
    expect(await h.db.requirementRevision.count()).toBe(1);
  });

  it("offers no reply to credit when sellers have not replied, and still revises", async () => {
    const { team, sellers } = await postedRequirement(["Acme"]);
    const { view, replies } = await revise(team.channelId, {
      changeNote: "Clearer wording",
      priority: "must",
    });
    await outboxDone();
    expect(JSON.stringify(view?.view.blocks)).toContain("No seller has replied to this requirement yet.");
    expect(JSON.stringify(view?.view.blocks)).not.toContain(REVISION_FORM.influencedBy.action);
    expect(replies[0]).toContain("is now v2");
    expect((await h.db.requirementRevision.findFirstOrThrow({ where: { version: 2 } })).priority).toBe(
      "must",
    );
    expect(threadOf(sellers[0]?.channelId ?? "")).toHaveLength(1);
  });

  it("credits only seller replies of this requirement", async () => {
    const { team, sellers, tender, requirement } = await postedRequirement(["Acme"]);
    const acme = sellers[0];
    if (!acme) throw new Error("seller missing");
    await h.command("require Single sign-on", team);
    await outboxDone();
    const other = await h.db.requirement.findFirstOrThrow({ where: { tenderId: tender.id, number: 2 } });
    const elsewhere = await sellerReply(other.id, acme.id, "About SSO");
    const here = await sellerReply(requirement.id, acme.id, "About offline");
    await revise(team.channelId, { changeNote: "Tighter", influencedBy: [elsewhere.id, here.id] });
    const revision = await h.db.requirementRevision.findFirstOrThrow({
      where: { requirementId: requirement.id, version: 2 },
      include: { influences: true },
    });
    expect(revision.influences.map((i) => i.replyId)).toEqual([here.id]);
  });

  it("delivers each update once through a 429 and a Slack error during the fan-out", async () => {
    const { team, sellers } = await postedRequirement(["Acme", "Beta"]);
    const [acme, beta] = sellers;
    if (!acme || !beta) throw new Error("sellers missing");
    h.fake.rateLimitNext("chat.update", { times: 2, when: (args) => args.channel === acme.channelId });
    h.fake.failNext("chat.update", "internal_error", { when: (args) => args.channel === beta.channelId });
    h.fake.failNext("chat.postMessage", "internal_error", {
      when: (args) => args.channel === beta.channelId && Boolean(args.thread_ts),
    });
    await revise(team.channelId, { changeNote: "Battery budget doubled" });
    await outboxDone();

    expect(h.fake.calls("chat.update").some((call) => call.status === 429)).toBe(true);
    for (const seller of sellers) {
      expect(JSON.stringify(sellerPost(seller.channelId).blocks)).toContain(
        "Revised, v2. Battery budget doubled",
      );
      expect(threadOf(seller.channelId).map((m) => m.text)).toEqual([
        revisionNoteText(1, 2, "Battery budget doubled", false),
      ]);
    }
    const deliveries = await h.db.delivery.findMany({ where: { key: { contains: ":v2:" } } });
    expect(deliveries).toHaveLength(4);
    expect(deliveries.every((d) => d.status === "sent")).toBe(true);
    expect(deliveries.find((d) => d.sellerId === beta.id && d.kind === "requirement_update")?.attempts).toBe(
      2,
    );
  });

  it("refuses people outside the tender, a closed tender and an unknown requirement", async () => {
    const { team, tender } = await postedRequirement(["Acme"]);
    const outsider = await h.command("revise T-1 R-1", { userId: PEOPLE.colleague });
    expect(outsider.replies[0]).toContain("Only the people of T-1 can revise requirements.");
    expect((await h.command("revise R-9", team)).replies).toEqual(["T-1 has no requirement R-9."]);
    expect((await h.command("revise", team)).replies[0]).toContain("Name the requirement, e.g. `R-2`.");
    await h.command("stage closed", team);
    expect((await h.command("revise R-1", team)).replies).toEqual([finalStageText(tender.number, "closed")]);
    expect(h.fake.views()).toHaveLength(0);
  });
});

describe("/tender withdraw", () => {
  it("marks every copy withdrawn with the reason in the thread, keeps the history, and stops revisions and clarifications", async () => {
    const { team, sellers, tender } = await postedRequirement(["Acme", "Beta"]);
    const { replies } = await h.command("withdraw R-1 Merged into <!here> R-2", team);
    await outboxDone();
    expect(replies[0]).toContain("R-1 · Offline mode is withdrawn: 2 seller channels see it marked so.");
    const requirement = await h.db.requirement.findFirstOrThrow({
      include: { revisions: true, posts: true },
    });
    expect(requirement.status).toBe("withdrawn");
    expect(requirement.revisions).toHaveLength(1);
    expect(requirement.posts.every((post) => post.shownWithdrawn)).toBe(true);
    for (const seller of sellers) {
      const post = sellerPost(seller.channelId);
      expect(JSON.stringify(post.blocks)).toContain("(withdrawn)");
      expect(JSON.stringify(post.blocks)).not.toContain(SELLER_BUTTONS.askQuestion);
      expect(threadOf(seller.channelId).map((m) => m.text)).toEqual([
        withdrawalNoteText(1, "Merged into <!here> R-2"),
      ]);
    }
    const teamCopy = h.fake.message(tender.teamChannelId, requirement.teamTs ?? "");
    expect(JSON.stringify(teamCopy?.blocks)).toContain("Withdrawn by the buyer");

    expect((await h.command("revise R-1", team)).replies).toEqual([withdrawnText(1, "revised")]);
    expect((await h.command("clarify R-1 Yes", team)).replies).toEqual([withdrawnText(1, "clarified")]);
    expect((await h.command("withdraw R-1", team)).replies).toEqual(["R-1 is already withdrawn."]);
    const history = await h.command("history R-1", team);
    expect(history.replies[0]).toContain("*History of R-1 · Offline mode*: now v1, withdrawn");
    const list = await h.command("requirements", team);
    expect(list.replies[0]).toContain("• *R-1 · Offline mode* · v1 · withdrawn");
  });

  it("refuses people outside the tender", async () => {
    await postedRequirement(["Acme"]);
    const { replies } = await h.command("withdraw T-1 R-1", { userId: PEOPLE.colleague });
    expect(replies[0]).toContain("Only the people of T-1 can withdraw requirements.");
    expect((await h.db.requirement.findFirstOrThrow()).status).toBe("open");
  });
});

describe("/tender clarify", () => {
  it("reaches every seller thread once, escaped; a seller invited later gets the post and then the clarification", async () => {
    const { team, sellers } = await postedRequirement(["Acme", "Beta"]);
    const { replies } = await h.command(
      "clarify R-1 Offline for how long? <!channel> | At least 8 hours & more",
      team,
    );
    await outboxDone();
    expect(replies).toEqual([
      "The clarification on R-1 is going out to 2 seller channels, nobody named. Sellers invited later receive it with the requirement.",
    ]);
    const expected = clarificationText(1, {
      question: "Offline for how long? <!channel>",
      answer: "At least 8 hours & more",
    });
    expect(expected).toContain("&lt;!channel&gt;");
    for (const seller of sellers) {
      expect(threadOf(seller.channelId).map((m) => m.text)).toEqual([expected]);
      expect(threadOf(seller.channelId)[0]?.text).not.toContain("<!channel>");
    }
    expect(await h.db.clarification.findFirstOrThrow()).toMatchObject({
      question: "Offline for how long? <!channel>",
      answer: "At least 8 hours & more",
      replyId: null,
    });

    await h.command("invite Latecomer late@late.example", team);
    await outboxDone();
    const late = await h.db.seller.findFirstOrThrow({ where: { name: "Latecomer" } });
    const messages = h.fake.messages(late.channelId);
    const post = sellerPost(late.channelId);
    expect(messages.map((m) => m.ts).indexOf(post.ts)).toBeLessThan(messages.length - 1);
    expect(threadOf(late.channelId).map((m) => m.text)).toEqual([expected]);
  });

  it("waits for a seller's post that is still on its way", async () => {
    const { team, sellers } = await tenderWithSellers(["Acme", "Beta"]);
    const [, beta] = sellers;
    if (!beta) throw new Error("seller missing");
    h.fake.httpErrorNext("chat.postMessage", 503, {
      times: 1000,
      when: (args) => args.channel === beta.channelId,
    });
    await h.command("require Offline mode", team);
    await h.settle();
    await h.command("clarify R-1 Eight hours at least", team);
    await h.settle();
    expect(
      h.fake.messages(beta.channelId).filter((m) => m.metadata?.event_type === REQUIREMENT_EVENT_TYPE),
    ).toHaveLength(0);
    h.fake.clearFaults();
    await outboxDone();
    expect(threadOf(beta.channelId).map((m) => m.text)).toEqual([
      clarificationText(1, { question: "", answer: "Eight hours at least" }),
    ]);
    expect(await h.db.delivery.count({ where: { kind: "requirement_clarification", status: "sent" } })).toBe(
      2,
    );
  });

  it("answers usage without an answer, and refuses outsiders and unknown requirements", async () => {
    const { team } = await postedRequirement(["Acme"]);
    expect((await h.command("clarify R-1", team)).replies).toEqual([CLARIFY_USAGE]);
    expect((await h.command("clarify", team)).replies).toEqual([CLARIFY_USAGE]);
    const noAnswer = await h.command("clarify R-1 A question? |", team);
    expect(noAnswer.replies[0]).toContain("Give the answer every seller will read.");
    expect((await h.command("clarify R-9 Yes", team)).replies).toEqual(["T-1 has no requirement R-9."]);
    const outsider = await h.command("clarify T-1 R-1 Yes", { userId: PEOPLE.colleague });
    expect(outsider.replies[0]).toContain("Only the people of T-1 can answer sellers.");
    expect(await h.db.clarification.count()).toBe(0);
  });
});

describe("Answer all sellers", () => {
  it("opens the anonymised question from the team channel and publishes the answer to every seller", async () => {
    const { team, sellers, requirement } = await postedRequirement(["Acme Field", "Beta"]);
    const [acme, beta] = sellers;
    if (!acme || !beta) throw new Error("sellers missing");
    const question = await sellerReply(
      requirement.id,
      acme.id,
      "Sam from Acme Field here, <@U0SELLER>: must Acme host the data?",
      { kind: "question" },
    );
    const { answers } = await press(ANSWER_ALL_BUTTON, String(question.id), {
      userId: PEOPLE.owner,
      channelId: team.channelId,
    });
    expect(answers).toEqual([]);
    const view = h.fake.views().at(-1);
    expect(view?.view.callback_id).toBe(ANSWER_ALL_FORM.callbackId);
    const prefilled = JSON.stringify(view?.view.blocks);
    expect(prefilled).toContain("[name] from [seller] here, [name]: must [seller] host the data?");
    expect(prefilled).not.toMatch(/Sam|Acme/);

    await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: ANSWER_ALL_FORM.callbackId,
      viewId: view?.id,
      values: {
        [ANSWER_ALL_FORM.question.block]: {
          [ANSWER_ALL_FORM.question.action]: text("Must the seller host the data?"),
        },
        [ANSWER_ALL_FORM.answer.block]: { [ANSWER_ALL_FORM.answer.action]: text("No, we host it.") },
      },
    });
    await outboxDone();
    const expected = clarificationText(1, {
      question: "Must the seller host the data?",
      answer: "No, we host it.",
    });
    for (const seller of [acme, beta])
      expect(threadOf(seller.channelId).map((m) => m.text)).toEqual([expected]);
    expect((await h.db.reply.findUniqueOrThrow({ where: { id: question.id } })).answeredAt).not.toBeNull();
    expect((await h.db.clarification.findFirstOrThrow()).replyId).toBe(question.id);

    const list = await h.command("requirements", team);
    expect(list.replies[0]).toContain("0 open seller questions");
    const history = await h.command("history R-1", team);
    expect(history.replies[0]).toContain("*Clarifications*: 1");
    expect(history.replies[0]).toContain("Q: “Must the seller host the data?” A: No, we host it.");
  });

  it("puts form errors on the fields", async () => {
    const { team, sellers, requirement } = await postedRequirement(["Acme"]);
    const question = await sellerReply(requirement.id, sellers[0]?.id ?? 0, "Why?", { kind: "question" });
    await press(ANSWER_ALL_BUTTON, String(question.id), { userId: PEOPLE.owner, channelId: team.channelId });
    const response = await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: ANSWER_ALL_FORM.callbackId,
      viewId: h.fake.views().at(-1)?.id,
      values: {
        [ANSWER_ALL_FORM.question.block]: { [ANSWER_ALL_FORM.question.action]: text("") },
        [ANSWER_ALL_FORM.answer.block]: { [ANSWER_ALL_FORM.answer.action]: text(" ") },
      },
    });
    expect(response.json()).toEqual({
      response_action: "errors",
      errors: {
        question: "Give the question as every seller should read it.",
        answer: "Give the answer every seller will read.",
      },
    });
    expect(await h.db.clarification.count()).toBe(0);
  });

  it("refuses a seller politely and people outside the tender", async () => {
    const { sellers, requirement } = await postedRequirement(["Acme"]);
    const acme = sellers[0];
    if (!acme) throw new Error("seller missing");
    const question = await sellerReply(requirement.id, acme.id, "Why?", { kind: "question" });
    const seller = await press(ANSWER_ALL_BUTTON, String(question.id), {
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      channelId: acme.channelId,
    });
    expect(seller.answers).toEqual([SELLER_ANSWER_REFUSED]);
    const outsider = await press(ANSWER_ALL_BUTTON, String(question.id), {
      userId: PEOPLE.colleague,
      channelId: acme.channelId,
    });
    expect(outsider.answers[0]).toContain("Only the people of T-1 can answer sellers.");
    expect(h.fake.views()).toHaveLength(0);

    // A submission forged without the form is refused the same way.
    await h.requests.viewSubmission({
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      callbackId: ANSWER_ALL_FORM.callbackId,
      privateMetadata: JSON.stringify({ replyId: question.id }),
      values: {
        [ANSWER_ALL_FORM.question.block]: { [ANSWER_ALL_FORM.question.action]: text("Q") },
        [ANSWER_ALL_FORM.answer.block]: { [ANSWER_ALL_FORM.answer.action]: text("A") },
      },
    });
    await h.settle();
    expect(await h.db.clarification.count()).toBe(0);
    expect((await h.db.reply.findUniqueOrThrow({ where: { id: question.id } })).answeredAt).toBeNull();
  });
});

describe("/tender requirements and /tender history", () => {
  it("lists versions, replies per seller and open questions, escaped", async () => {
    const { team, sellers, requirement } = await postedRequirement(["Acme", "Beta"]);
    const [acme, beta] = sellers;
    if (!acme || !beta) throw new Error("sellers missing");
    await sellerReply(requirement.id, acme.id, "We did this before.");
    await sellerReply(requirement.id, acme.id, "Is <!here> offline sync needed for photos?", {
      kind: "question",
    });
    await sellerReply(requirement.id, beta.id, "Sounds good.", { author: "Bea Beta" });
    const { replies } = await h.command("requirements", team);
    const lines = replies[0]?.split("\n") ?? [];
    expect(lines[0]).toBe("*Requirements of T-1 · Field service platform*: 1 · 1 open seller question");
    expect(lines[1]).toBe("• *R-1 · Offline mode* · v1 · open · replies: Acme 2, Beta 1");
    expect(lines[2]).toContain("❓ Acme · Sam Seller: “Is &lt;!here&gt; offline sync needed for photos?”");
    expect(replies[0]).not.toContain("<!here>");
  });

  it("shows every version with its author, note and the replies that influenced it", async () => {
    const { team, sellers, requirement } = await postedRequirement(["Acme"]);
    const helpful = await sellerReply(
      requirement.id,
      sellers[0]?.id ?? 0,
      "Cache for 72 hours, as we did for a utility.",
    );
    await revise(team.channelId, { changeNote: "72 hours offline", influencedBy: [helpful.id] });
    await revise(team.channelId, { title: "Offline first", changeNote: "Renamed" });
    const { replies } = await h.command("history R-1", team);
    const lines = replies[0]?.split("\n") ?? [];
    expect(lines[0]).toBe("*History of R-1 · Offline first*: now v3");
    expect(lines[1]).toMatch(/^• \*v3\* · .+ · <@U0OWNER> · Renamed \(title now “Offline first”\)$/);
    expect(lines[2]).toMatch(/^• \*v2\* · .+ · <@U0OWNER> · 72 hours offline$/);
    expect(lines[3]).toBe(
      "      ↳ thanks to Sam Seller (Acme): “Cache for 72 hours, as we did for a utility.”",
    );
    expect(lines[4]).toMatch(/^• \*v1\* · .+ · <@U0OWNER> · posted$/);
    expect(lines[5]).toBe("*Clarifications*: none yet");
  });

  it("keeps tender details to its team and names an unknown requirement", async () => {
    const { team } = await postedRequirement(["Acme"]);
    const outsider = await h.command("requirements T-1", { userId: PEOPLE.colleague });
    expect(outsider.replies[0]).toContain("T-1 is private to its team.");
    expect((await h.command("history R-9", team)).replies).toEqual(["T-1 has no requirement R-9."]);
  });
});
