import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACKNOWLEDGE_BUTTON } from "../../src/features/acknowledgements/ids.js";
import { NOTHING_NEW_BUTTON } from "../../src/features/checkins/ids.js";
import { engagementLine, engagementOf } from "../../src/features/engagement/index.js";
import { LESSON_FORM, SHARE_LESSON_BUTTON } from "../../src/features/lessons/ids.js";
import { REQUIREMENT_EVENT_TYPE } from "../../src/features/requirements/ids.js";
import { REVISION_FORM } from "../../src/features/revisions/ids.js";
import { SELLER_COMMANDS } from "../../src/kernel/actor.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
import type { SubmittedValue } from "../../src/sandbox/slack/requests.js";
import { type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";

/** A person of Globex, the second seller. */
const GLOBEX = { id: "U0GLOBEX", teamId: "T0GLOBEX" };
const HOUR = 3_600_000;

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

const typed = (value: string): SubmittedValue => ({ type: "plain_text_input", value });
const picked = (value: string): SubmittedValue => ({ type: "static_select", selected_option: { value } });

/** A person writes in a requirement's thread, and Slack tells the app. */
async function say(channel: string, user: string, text: string, threadTs: string): Promise<string> {
  const ts = h.fake.addMessage(channel, { user, text, threadTs });
  const team = h.fake.user(user)?.teamId;
  const sent = await h.requests.event({
    type: "message",
    channel,
    channel_type: "group",
    user,
    text,
    ts,
    thread_ts: threadTs,
    team,
    user_team: team,
  });
  expect(sent.status).toBe(200);
  await h.settle();
  return ts;
}

/** The person deletes the message; Slack tells the app. */
async function unsay(channel: string, user: string, text: string, ts: string, threadTs: string) {
  await h.requests.event({
    type: "message",
    subtype: "message_deleted",
    hidden: true,
    channel,
    ts: "1999999999.000300",
    deleted_ts: ts,
    previous_message: { type: "message", user, text, ts, thread_ts: threadTs },
  });
  await h.settle();
}

async function press(
  actionId: string,
  value: string,
  options: { userId: string; channelId: string; messageTs?: string },
) {
  const responseUrl = h.fake.responseUrl();
  const userTeamId = h.fake.user(options.userId)?.teamId;
  await h.requests.blockAction({ ...options, userTeamId, actionId, value, responseUrl });
  await h.settle();
  return h.fake.responses(responseUrl).map((r) => String((r.body as { text?: unknown }).text));
}

async function submitForm(
  callbackId: string,
  userId: string,
  values: Record<string, Record<string, SubmittedValue>>,
) {
  const view = h.fake.views().at(-1);
  if (view?.view.callback_id !== callbackId) throw new Error(`no ${callbackId} form open`);
  await h.requests.viewSubmission({ userId, callbackId, viewId: view.id, values });
  await h.settle();
}

/** Acme's person shares a lesson from a button in Acme's channel (on a requirement's post, or the welcome). */
async function acmeSharesLesson(channelId: string, title: string, requirementId?: number) {
  await press(SHARE_LESSON_BUTTON, requirementId ? String(requirementId) : "", {
    userId: PEOPLE.seller,
    channelId,
  });
  await submitForm(LESSON_FORM.callbackId, PEOPLE.seller, {
    [LESSON_FORM.title.block]: { [LESSON_FORM.title.action]: typed(title) },
    [LESSON_FORM.situation.block]: {
      [LESSON_FORM.situation.action]: typed("A utility with 400 technicians."),
    },
    [LESSON_FORM.lesson.block]: { [LESSON_FORM.lesson.action]: typed("Basements have no signal.") },
    ...(requirementId
      ? {
          [LESSON_FORM.requirementId.block]: {
            [LESSON_FORM.requirementId.action]: picked(String(requirementId)),
          },
        }
      : {}),
  });
  await h.outboxDrained();
}

/** The owner revises R-1, applying a lesson. */
async function reviseApplying(teamChannelId: string, lessonId: number) {
  await h.command("revise R-1", { channelId: teamChannelId });
  await submitForm(REVISION_FORM.callbackId, PEOPLE.owner, {
    [REVISION_FORM.title.block]: { [REVISION_FORM.title.action]: typed("Offline mode for 72 hours") },
    [REVISION_FORM.priority.block]: { [REVISION_FORM.priority.action]: picked("must") },
    [REVISION_FORM.changeNote.block]: { [REVISION_FORM.changeNote.action]: typed("72 hours offline") },
    [REVISION_FORM.lessons.block]: {
      [REVISION_FORM.lessons.action]: {
        type: "multi_static_select",
        selected_options: [{ value: String(lessonId) }],
      },
    },
  });
  await h.outboxDrained();
}

/** The message in a channel carrying a button, its value and ts. */
function buttonIn(channelId: string, actionId: string, index = 0): { ts: string; value: string } {
  const found = h.fake.messages(channelId).flatMap((stored) => {
    const message: FakeMessage = h.fake.message(channelId, stored.ts) ?? stored;
    const button = (message.blocks ?? [])
      .flatMap((block) => ((block as { elements?: unknown[] }).elements ?? []) as Record<string, unknown>[])
      .find((element) => element.action_id === actionId);
    return button ? [{ ts: message.ts, value: String(button.value) }] : [];
  });
  const at = found.at(index);
  if (!at) throw new Error(`no ${actionId} in ${channelId}`);
  return at;
}

/** Runs the scheduler as at `now` and waits until what is due then is sent. */
async function tickAt(now: Date) {
  await h.room.runJobs(now);
  await h.settle();
  const deadline = Date.now() + 15_000;
  const due = { status: "pending" as const, OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] };
  while ((await h.db.delivery.count({ where: due })) > 0) {
    if (Date.now() > deadline) throw new Error("the run was not sent in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const postOf = (channelId: string, number: number) => {
  const post = h.fake
    .messages(channelId)
    .filter((m) => m.metadata?.event_type === REQUIREMENT_EVENT_TYPE)
    .at(number - 1);
  if (!post) throw new Error(`no R-${number} in ${channelId}`);
  return post;
};

/**
 * A tender with Acme and Globex, R-1 and R-2 posted to both; replies, lessons, a revision applying
 * one, a withdrawal, acknowledgements and two check-in runs, all through the real path; then the
 * times moved where time must pass. Idle is invited last and has done nothing.
 */
async function seededTender() {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  const team = { channelId: tender.teamChannelId };
  await h.command("invite Acme people@acme.example", team);
  await h.command("invite Globex people@globex.example", team);
  const [acme, globex] = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  if (!acme || !globex) throw new Error("both sellers are invited");
  await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: SELLER_TEAM } });
  await h.db.seller.update({ where: { id: globex.id }, data: { slackTeamId: GLOBEX.teamId } });
  await h.command("require Offline mode | Technicians work in basements.", team);
  await h.command("require Route planning", team);
  await h.outboxDrained();
  const [r1, r2] = await h.db.requirement.findMany({ orderBy: { number: "asc" } });
  if (!r1 || !r2) throw new Error("both requirements are posted");

  // Replies: Acme asks on R-1, then comments; asks on R-2 and writes a line it deletes. Globex
  // comments on R-1. The owner answers in Acme's thread (the buyer's, not counted).
  const a1 = postOf(acme.channelId, 1).ts;
  const a2 = postOf(acme.channelId, 2).ts;
  const g1 = postOf(globex.channelId, 1).ts;
  const acmeAsks1 = await say(acme.channelId, PEOPLE.seller, "Which devices do technicians carry?", a1);
  const acmeSays1 = await say(acme.channelId, PEOPLE.sellerTwo, "We support Android and iOS.", a1);
  const acmeAsks2 = await say(acme.channelId, PEOPLE.seller, "Does routing include traffic?", a2);
  const slip = await say(acme.channelId, PEOPLE.seller, "typo", a2);
  await unsay(acme.channelId, PEOPLE.seller, "typo", slip, a2);
  const globexSays1 = await say(globex.channelId, GLOBEX.id, "Looks complete to us.", g1);
  await say(acme.channelId, PEOPLE.owner, "Rugged Android phones.", a1);
  await h.outboxDrained();

  // Lessons: Acme shares one on R-1 and one from its welcome message; the revision applies the first.
  await acmeSharesLesson(acme.channelId, "Technicians need forms without signal", r1.id);
  await acmeSharesLesson(acme.channelId, "Pilot with one depot");
  const [applied] = await h.db.lesson.findMany({ orderBy: { id: "asc" } });
  if (!applied) throw new Error("the lessons are shared");
  await reviseApplying(tender.teamChannelId, applied.id);
  await h.command("withdraw R-2 Covered by R-1 now.", team);
  await h.outboxDrained();

  // Acknowledgements: Acme acknowledges the revision and the withdrawal; Globex neither.
  const revision = buttonIn(acme.channelId, ACKNOWLEDGE_BUTTON, 0);
  const withdrawal = buttonIn(acme.channelId, ACKNOWLEDGE_BUTTON, 1);
  await press(ACKNOWLEDGE_BUTTON, revision.value, {
    userId: PEOPLE.seller,
    channelId: acme.channelId,
    messageTs: revision.ts,
  });
  await press(ACKNOWLEDGE_BUTTON, withdrawal.value, {
    userId: PEOPLE.seller,
    channelId: acme.channelId,
    messageTs: withdrawal.ts,
  });
  await h.outboxDrained();

  // Check-ins: two weekly runs to both; Acme answers both, Globex the first.
  await h.command("checkin every monday 10:00 | What changed on your side?", team);
  const first = (await h.db.checkIn.findFirstOrThrow()).nextRunAt as Date;
  await tickAt(new Date(first.getTime() + 10_000));
  const run1 = await h.db.checkInOccurrence.findFirstOrThrow({ orderBy: { id: "asc" } });
  for (const [seller, userId] of [
    [acme, PEOPLE.seller],
    [globex, GLOBEX.id],
  ] as const) {
    const prompt = buttonIn(seller.channelId, NOTHING_NEW_BUTTON, 0);
    expect(prompt.value).toBe(String(run1.id));
    await press(NOTHING_NEW_BUTTON, prompt.value, {
      userId,
      channelId: seller.channelId,
      messageTs: prompt.ts,
    });
  }
  const second = (await h.db.checkIn.findFirstOrThrow()).nextRunAt as Date;
  await tickAt(new Date(second.getTime() + 10_000));
  const run2 = buttonIn(acme.channelId, NOTHING_NEW_BUTTON, -1);
  expect(run2.value).not.toBe(String(run1.id));
  await press(NOTHING_NEW_BUTTON, run2.value, {
    userId: PEOPLE.seller,
    channelId: acme.channelId,
    messageTs: run2.ts,
  });
  // The second run's digest, at the end of its answer window.
  await tickAt(new Date(second.getTime() + 25 * HOUR));

  // Idle comes last: R-1 reaches it (the open requirement), it has done nothing.
  await h.command("invite Idle people@idle.example", team);
  await h.outboxDrained();
  const idle = await h.db.seller.findFirstOrThrow({ where: { name: "Idle" } });

  // Time passes: every post at T0; the replies after the hours below; Acme's acknowledgements
  // 48 hours after it was asked (still on time) and 50 hours after (late).
  const t0 = new Date("2026-11-02T08:00:00.000Z");
  await h.db.requirementPost.updateMany({ data: { createdAt: t0 } });
  const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);
  const moves: [string, string, number][] = [
    [acme.channelId, acmeAsks1, 2],
    [acme.channelId, acmeSays1, 30],
    [acme.channelId, acmeAsks2, 5],
    [acme.channelId, slip, 1],
    [globex.channelId, globexSays1, 26],
  ];
  for (const [channelId, ts, hours] of moves)
    await h.db.reply.update({ where: { channelId_ts: { channelId, ts } }, data: { createdAt: at(hours) } });
  const receipts = await h.db.noticeReceipt.findMany({
    where: { sellerId: acme.id },
    orderBy: { noticeId: "asc" },
  });
  expect(receipts.map((r) => r.acknowledgedAt === null)).toEqual([false, false]);
  for (const [receipt, hours] of [
    [receipts[0], 48],
    [receipts[1], 50],
  ] as const) {
    if (!receipt) throw new Error("Acme has two receipts");
    await h.db.noticeReceipt.update({
      where: { noticeId_sellerId: { noticeId: receipt.noticeId, sellerId: acme.id } },
      data: { createdAt: t0, acknowledgedAt: at(hours) },
    });
  }
  return { tender, acme, globex, idle, r1, applied };
}

describe("engagement per seller", () => {
  it("counts every figure from what is stored, as worked out by hand", async () => {
    const { tender, acme, globex, idle } = await seededTender();
    expect(await engagementOf(h.db, tender.id)).toEqual([
      {
        sellerId: acme.id,
        name: "Acme",
        // Three messages of Acme's people in R-1 and R-2 (the deleted "typo" and the owner's answer
        // not counted); two of them end with a question mark.
        replies: 3,
        questions: 2,
        // First replies: R-1 after 2 h (the 30 h comment is a second reply), R-2 after 5 h (the
        // deleted line at 1 h does not count): median of [2, 5] = 3.5.
        medianFirstReplyHours: 3.5,
        // Two runs sent to Acme, both answered "nothing new".
        checkInsAsked: 2,
        checkInsAnswered: 2,
        // Two lessons shared in Acme's channel; the revision of R-1 applied the first.
        lessonsShared: 2,
        lessonsApplied: 1,
        // The revision and the withdrawal; acknowledged after 48 h (on time) and 50 h (late).
        acknowledgementsAsked: 2,
        acknowledgedOnTime: 1,
      },
      {
        sellerId: globex.id,
        name: "Globex",
        // One comment on R-1, 26 h after the post; nothing on R-2: median of [26] = 26.
        replies: 1,
        questions: 0,
        medianFirstReplyHours: 26,
        // Two runs sent, the first answered.
        checkInsAsked: 2,
        checkInsAnswered: 1,
        lessonsShared: 0,
        lessonsApplied: 0,
        // Asked to acknowledge the revision and the withdrawal; did neither.
        acknowledgementsAsked: 2,
        acknowledgedOnTime: 0,
      },
      {
        // Invited after everything: R-1 was posted to it, nothing else happened.
        sellerId: idle.id,
        name: "Idle",
        replies: 0,
        questions: 0,
        medianFirstReplyHours: null,
        checkInsAsked: 0,
        checkInsAnswered: 0,
        lessonsShared: 0,
        lessonsApplied: 0,
        acknowledgementsAsked: 0,
        acknowledgedOnTime: 0,
      },
    ]);
    expect(await h.db.requirementPost.count({ where: { sellerId: idle.id } })).toBe(1);
  });

  it("records each lesson a revision applies in the audit trail", async () => {
    const { tender, r1, applied } = await seededTender();
    const events = await h.db.auditEvent.findMany({ where: { action: "lesson.applied" } });
    expect(events.map(({ tenderId, actorUserId, detail }) => ({ tenderId, actorUserId, detail }))).toEqual([
      {
        tenderId: tender.id,
        actorUserId: PEOPLE.owner,
        detail: { lesson: `L-${applied.id}`, tender: "T-1", requirement: `R-${r1.number}`, version: 2 },
      },
    ]);
    const { replies, responseUrl } = await h.command("audit", { channelId: tender.teamChannelId });
    expect(replies[0]).toContain("Audit trail of T-1");
    const blocks = JSON.stringify(h.fake.responses(responseUrl).at(-1)?.body);
    expect(blocks).toContain(`<@${PEOPLE.owner}> · applied lesson L-${applied.id} in R-1 v2`);
    expect(blocks).not.toContain(`in R-1 v2 of T-1`);
  });

  it("shows a line per seller in /tender status, for the buyer's people only", async () => {
    const { tender, acme, globex, idle } = await seededTender();
    const { replies } = await h.command("status", { channelId: tender.teamChannelId });
    const status = replies[0] ?? "";
    const lines = {
      acme:
        "   Engagement: 3 replies (2 questions) · first reply to a requirement after 3.5 h (median) · " +
        "answered 2 of 2 check-ins · 2 lessons shared, 1 applied · acknowledged 1 of 2 within 2 days",
      globex:
        "   Engagement: 1 reply (0 questions) · first reply to a requirement after 26 h (median) · " +
        "answered 1 of 2 check-ins · no lessons shared · acknowledged 0 of 2 within 2 days",
      idle:
        "   Engagement: 0 replies (0 questions) · no first reply to a requirement yet · no check-ins sent · " +
        "no lessons shared · nothing to acknowledge yet",
    };
    for (const line of Object.values(lines)) expect(status).toContain(line);
    // Each line under its own seller.
    const where = (text: string) => status.indexOf(text);
    expect(where("*Acme*")).toBeLessThan(where(lines.acme));
    expect(where(lines.acme)).toBeLessThan(where("*Globex*"));
    expect(where("*Globex*")).toBeLessThan(where(lines.globex));
    expect(where(lines.globex)).toBeLessThan(where("*Idle*"));
    expect(where("*Idle*")).toBeLessThan(where(lines.idle));
    const [figures] = await engagementOf(h.db, tender.id);
    if (!figures) throw new Error("Acme has figures");
    expect(`   ${engagementLine(figures)}`).toBe(lines.acme);

    // A seller's person is refused the command, in its own channel too; no seller channel ever
    // carries engagement figures.
    const refused = await h.command("status", { userId: PEOPLE.seller, channelId: acme.channelId });
    expect(refused.replies).toEqual([SELLER_COMMANDS]);
    for (const seller of [acme, globex, idle]) {
      const posted = h.fake
        .messages(seller.channelId)
        .map((m) => `${m.text}${JSON.stringify(m.blocks ?? [])}`);
      expect(posted.some((text) => text.includes("Engagement"))).toBe(false);
    }
  });

  it("gives a tender without sellers no lines, and sellers with nothing zeros", async () => {
    await h.command("new Empty tender");
    const tender = await h.db.tender.findFirstOrThrow();
    expect(await engagementOf(h.db, tender.id)).toEqual([]);
    await h.command("invite Quiet people@quiet.example", { channelId: tender.teamChannelId });
    await h.outboxDrained();
    const [quiet] = await engagementOf(h.db, tender.id);
    expect(quiet).toMatchObject({
      name: "Quiet",
      replies: 0,
      medianFirstReplyHours: null,
      acknowledgementsAsked: 0,
    });
    const { replies } = await h.command("status", { channelId: tender.teamChannelId });
    expect(replies[0]).toContain(
      "   Engagement: 0 replies (0 questions) · no first reply to a requirement yet",
    );
  });
});
