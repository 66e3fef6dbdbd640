import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NUDGE_DATE_TEAM, NUDGE_QUESTION, NUDGE_SILENCE } from "../../src/features/nudges/deliveries.js";
import { NUDGES_USAGE } from "../../src/features/nudges/domain.js";
import { dateKey, questionKey, silenceKey } from "../../src/features/nudges/ids.js";
import { QUESTION_LINK_LABEL } from "../../src/features/nudges/views.js";
import { NEW_TENDER } from "../../src/features/tenders/ids.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
import { formatDay } from "../../src/slack/dates.js";
import { GENERAL_CHANNEL, type Harness, PEOPLE, startHarness } from "../support/harness.js";

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

/** The owner's zone, and so the tender's. */
const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";

/** A seller person in New York, of an organisation of their own. */
const NY_SELLER = { id: "U0NYSELLER", teamId: "T0GLOBEX", realName: "Nora York", tz: NEW_YORK };

/**
 * Monday 00:00 in Berlin of a week some weeks ahead: every moment the tests pick is still to come
 * for the real clock, so the outbox holds what they plan until the test's own `runJobs(moment)`.
 */
const WEEK = DateTime.now().setZone(BERLIN).plus({ weeks: 3 }).startOf("week");
const MON = 0;
const TUE = 1;
const WED = 2;
const THU = 3;
const FRI = 4;
const SAT = 5;

/** A moment of the test weeks on the Berlin clock: `day` 0 is Monday, 7 the next Monday. */
function when(day: number, time: string, zone = BERLIN): Date {
  const [hour, minute] = time.split(":").map(Number);
  return WEEK.plus({ days: day }).setZone(zone, { keepLocalTime: true }).set({ hour, minute }).toJSDate();
}

function isoDayOf(day: number): string {
  return WEEK.plus({ days: day }).toISODate() ?? "";
}

/** Opens the tender with the form, key dates included. */
async function openTender(dates: { questions?: number; proposals?: number; award?: number } = {}) {
  await h.command("new");
  const view = h.fake.views().at(-1);
  const date = (day: number | undefined) => ({
    type: "datepicker",
    selected_date: day === undefined ? null : isoDayOf(day),
  });
  const response = await h.requests.viewSubmission({
    userId: PEOPLE.owner,
    callbackId: NEW_TENDER.callbackId,
    viewId: view?.id,
    values: {
      [NEW_TENDER.title.block]: {
        [NEW_TENDER.title.action]: { type: "plain_text_input", value: "Field service <platform>" },
      },
      [NEW_TENDER.questionsDueOn.block]: { [NEW_TENDER.questionsDueOn.action]: date(dates.questions) },
      [NEW_TENDER.proposalsDueOn.block]: { [NEW_TENDER.proposalsDueOn.action]: date(dates.proposals) },
      [NEW_TENDER.awardPlannedOn.block]: { [NEW_TENDER.awardPlannedOn.action]: date(dates.award) },
    },
  });
  expect(response.status).toBe(200);
  await h.settle();
  return h.db.tender.findFirstOrThrow({ orderBy: { id: "desc" } });
}

async function invite(teamChannelId: string, ...names: string[]) {
  for (const name of names) {
    await h.command(`invite ${name} people@${name.toLowerCase()}.example`, { channelId: teamChannelId });
  }
  return h.db.seller.findMany({ orderBy: { id: "asc" } });
}

/** A seller's person accepts the invitation (Slack tells the app). */
async function accept(seller: { channelId: string }, person: { id: string; teamId: string }) {
  await h.requests.event({
    type: "shared_channel_invite_accepted",
    approval_required: false,
    channel: { id: seller.channelId, is_private: true, is_im: false, name: "tender-x" },
    teams_in_channel: [{ id: person.teamId, name: "Globex" }],
    accepting_user: { id: person.id, team_id: person.teamId, name: "nora" },
  });
  await h.settle();
}

/** A tender with sellers and R-1 posted in each seller channel on Monday 10:00 of the test week. */
async function postedRequirement(...sellerNames: string[]) {
  const tender = await openTender();
  const sellers = await invite(tender.teamChannelId, ...sellerNames);
  await h.command("require Offline mode", { channelId: tender.teamChannelId });
  await outboxDone();
  await h.db.requirementPost.updateMany({ data: { createdAt: when(MON, "10:00") } });
  const posts = await h.db.requirementPost.findMany({ orderBy: { sellerId: "asc" } });
  return { tender, sellers, posts };
}

/** A person writes in a requirement thread (Slack tells the app); `at` is when, on the test clock. */
async function say(post: { channelId: string; ts: string }, user: string, text: string, at: Date) {
  const ts = h.fake.addMessage(post.channelId, { user, text, threadTs: post.ts });
  const team = h.fake.user(user)?.teamId;
  const sent = await h.requests.event({
    type: "message",
    channel: post.channelId,
    channel_type: "group",
    user,
    text,
    ts,
    thread_ts: post.ts,
    team,
    user_team: team,
  });
  expect(sent.status).toBe(200);
  await h.settle();
  const reply = await h.db.reply.update({
    where: { channelId_ts: { channelId: post.channelId, ts } },
    data: { createdAt: at },
  });
  return reply;
}

function texts(channelId: string, including: string): FakeMessage[] {
  return h.fake.messages(channelId).filter((message) => message.text.includes(including));
}

const REMINDER = "is waiting for an answer";
const SILENCE = "Any thoughts on";

const reminders = (teamChannelId: string) => texts(teamChannelId, REMINDER);
const shown = (message: FakeMessage | undefined) => JSON.stringify(message?.blocks ?? []);

describe("an unanswered seller question", () => {
  it("reminds the owners after 2 business days, not before, with a link to the question", async () => {
    const { tender, posts } = await postedRequirement("Acme");
    const [post] = posts;
    if (!post) throw new Error("R-1 was not posted");
    const question = await say(
      post,
      PEOPLE.seller,
      "Which devices do the technicians <carry>?",
      when(TUE, "10:00"),
    );
    await outboxDone();

    await h.room.runJobs(when(THU, "09:59"));
    expect(reminders(tender.teamChannelId)).toEqual([]);
    expect(await h.db.delivery.count({ where: { kind: NUDGE_QUESTION.name } })).toBe(0);

    await h.room.runJobs(when(THU, "10:00"));
    const [reminder, ...more] = reminders(tender.teamChannelId);
    expect(more).toEqual([]);
    expect(reminder?.threadTs).toBeUndefined();
    expect(reminder?.text).toBe(
      `<@${PEOPLE.owner}> Acme is waiting for an answer on R-1: Which devices do the technicians &lt;carry&gt;?`,
    );
    const mirrored = await h.db.reply.findUniqueOrThrow({ where: { id: question.id } });
    expect(mirrored.mirrorTs).not.toBeNull();
    const blocks = shown(reminder);
    expect(blocks).toContain(`<@${PEOPLE.owner}> *Acme* is waiting for an answer on *R-1 · Offline mode*`);
    expect(blocks).toContain(">Which devices do the technicians &lt;carry&gt;?");
    expect(blocks).toContain(
      `archives/${tender.teamChannelId}/p${mirrored.mirrorTs?.replace(".", "")}|${QUESTION_LINK_LABEL}>`,
    );
    expect(blocks).toContain(
      "Answer in the seller's thread, or all sellers alike with `/tender clarify R-1 &lt;answer&gt;`",
    );

    const delivery = await h.db.delivery.findUniqueOrThrow({ where: { key: questionKey(question.id) } });
    expect(delivery).toMatchObject({
      kind: NUDGE_QUESTION.name,
      status: "sent",
      channelId: tender.teamChannelId,
      ts: reminder?.ts,
      requirementId: question.requirementId,
      sellerId: post.sellerId,
    });
  });

  it("asked on a Friday, is reminded on Tuesday, never at the weekend", async () => {
    const { tender, posts } = await postedRequirement("Acme");
    const [post] = posts;
    if (!post) throw new Error("R-1 was not posted");
    await say(post, PEOPLE.seller, "Is a tablet fine?", when(FRI, "10:00"));
    await outboxDone();

    for (const moment of [
      when(FRI, "18:00"),
      when(SAT, "10:00"),
      when(SAT + 1, "23:00"),
      when(MON + 7, "17:59"),
    ]) {
      await h.room.runJobs(moment);
    }
    expect(reminders(tender.teamChannelId)).toEqual([]);
    await h.room.runJobs(when(TUE + 7, "10:00"));
    expect(reminders(tender.teamChannelId)).toHaveLength(1);
  });

  it("found due at night, waits for the next working morning", async () => {
    const { tender, posts } = await postedRequirement("Acme");
    const [post] = posts;
    if (!post) throw new Error("R-1 was not posted");
    const question = await say(post, PEOPLE.seller, "Is a tablet fine?", when(FRI, "10:00"));
    await outboxDone();

    // Nothing ran during the day (the app was down): the first look is on Tuesday evening.
    await h.room.runJobs(when(TUE + 7, "20:00"));
    const planned = await h.db.delivery.findUniqueOrThrow({ where: { key: questionKey(question.id) } });
    expect(planned.status).toBe("pending");
    expect(planned.leaseUntil).toEqual(when(WED + 7, "09:00"));
    await h.room.runJobs(when(WED + 7, "08:59"));
    expect(reminders(tender.teamChannelId)).toEqual([]);

    await h.room.runJobs(when(WED + 7, "09:00"));
    expect(reminders(tender.teamChannelId)).toHaveLength(1);
  });

  it("is not reminded once the buyer answered, even when the reminder was already planned", async () => {
    const { tender, posts } = await postedRequirement("Acme");
    const [post] = posts;
    if (!post) throw new Error("R-1 was not posted");
    const answered = await say(post, PEOPLE.seller, "Is a tablet fine?", when(MON, "11:00"));
    await say(post, PEOPLE.owner, "Yes, any tablet.", when(MON, "12:00"));
    const late = await say(post, PEOPLE.seller, "And which operating system?", when(MON, "13:00"));
    await outboxDone();
    expect((await h.db.reply.findUniqueOrThrow({ where: { id: answered.id } })).answeredAt).not.toBeNull();

    await h.room.runJobs(when(WED, "20:00"));
    expect(await h.db.delivery.findUnique({ where: { key: questionKey(answered.id) } })).toBeNull();
    expect(await h.db.delivery.findUniqueOrThrow({ where: { key: questionKey(late.id) } })).toMatchObject({
      status: "pending",
    });
    // Answered in the evening, before the reminder's morning.
    await say(post, PEOPLE.owner, "Android or iOS.", when(WED, "21:00"));
    await h.room.runJobs(when(THU, "09:00"));

    expect(reminders(tender.teamChannelId)).toEqual([]);
    expect(await h.db.delivery.findUniqueOrThrow({ where: { key: questionKey(late.id) } })).toMatchObject({
      status: "sent",
      ts: null,
    });
  });
});

describe("a seller silent on a requirement", () => {
  it("gets one gentle nudge in its thread after 5 business days, in its own working hours", async () => {
    h.fake.addUser(NY_SELLER);
    const { posts, sellers } = await postedRequirement("Acme", "Globex");
    const [acmePost, globexPost] = posts;
    const globex = sellers[1];
    if (!acmePost || !globexPost || !globex) throw new Error("R-1 was not posted");
    await accept(globex, NY_SELLER);
    expect(await h.db.seller.findUniqueOrThrow({ where: { id: globex.id } })).toMatchObject({
      status: "joined",
      timezone: NEW_YORK,
    });
    // Acme's channel was shared by hand: its person's zone comes with the join.
    await h.requests.event({
      type: "member_joined_channel",
      user: PEOPLE.seller,
      channel: acmePost.channelId,
      channel_type: "G",
      team: h.fake.user(PEOPLE.seller)?.teamId,
    });
    await h.settle();
    expect(await h.db.seller.findUniqueOrThrow({ where: { id: acmePost.sellerId } })).toMatchObject({
      status: "joined",
      timezone: "Europe/London",
    });
    // Acme replied; Globex did not.
    await say(acmePost, PEOPLE.seller, "We did this for a utility.", when(TUE, "10:00"));
    await outboxDone();

    await h.room.runJobs(when(MON + 7, "09:59"));
    expect(await h.db.delivery.count({ where: { kind: NUDGE_SILENCE.name } })).toBe(0);

    // Monday 10:00 in Berlin is 04:00 in New York: the nudge waits for 09:00 there.
    await h.room.runJobs(when(MON + 7, "10:00"));
    const planned = await h.db.delivery.findMany({ where: { kind: NUDGE_SILENCE.name } });
    expect(planned.map((delivery) => [delivery.key, delivery.status, delivery.leaseUntil])).toEqual([
      [silenceKey(globexPost.requirementId, globex.id), "pending", when(MON + 7, "09:00", NEW_YORK)],
    ]);
    expect(texts(globexPost.channelId, SILENCE)).toEqual([]);

    await h.room.runJobs(when(MON + 7, "15:00"));
    const [nudge, ...more] = texts(globexPost.channelId, SILENCE);
    expect(more).toEqual([]);
    expect(nudge?.threadTs).toBe(globexPost.ts);
    expect(nudge?.text).toBe(
      "Any thoughts on *R-1 · Offline mode*? The buyer would value your experience: ask a question, suggest a change or share a lesson learned, here in the thread or with the buttons on the requirement.",
    );
    expect(texts(acmePost.channelId, SILENCE)).toEqual([]);

    // Ticks go on: the nudge never comes again.
    for (const moment of [when(MON + 7, "15:00"), when(TUE + 7, "10:00"), when(MON + 14, "10:00")]) {
      await h.room.runJobs(moment);
    }
    expect(texts(globexPost.channelId, SILENCE)).toHaveLength(1);
    expect(await h.db.delivery.count({ where: { kind: NUDGE_SILENCE.name } })).toBe(1);
  });

  it("is not chased in the quiet stages, while its questions still reach the owners", async () => {
    const { tender, posts } = await postedRequirement("Acme", "Globex");
    const [acmePost, globexPost] = posts;
    if (!acmePost || !globexPost) throw new Error("R-1 was not posted");
    await say(acmePost, PEOPLE.seller, "Is a tablet fine?", when(MON, "11:00"));
    await outboxDone();
    await h.command("stage proposal", { channelId: tender.teamChannelId });

    await h.room.runJobs(when(MON + 14, "10:00"));
    expect(await h.db.delivery.count({ where: { kind: NUDGE_SILENCE.name } })).toBe(0);
    expect(texts(globexPost.channelId, SILENCE)).toEqual([]);
    const [reminder] = reminders(tender.teamChannelId);
    expect(shown(reminder)).toContain(
      "In the quiet period, answer all sellers alike with `/tender clarify R-1 &lt;answer&gt;`.",
    );

    await h.command("stage requirements", { channelId: tender.teamChannelId });
    await h.room.runJobs(when(TUE + 14, "10:00"));
    expect(texts(globexPost.channelId, SILENCE)).toHaveLength(1);
  });
});

describe("key dates", () => {
  it("are reminded 3 days ahead in the team channel and, for sellers' dates, in each seller's channel", async () => {
    h.fake.addUser(NY_SELLER);
    // Questions due on Thursday, proposals on Friday, the award planned the Monday after.
    const tender = await openTender({ questions: THU, proposals: FRI, award: MON + 7 });
    const [globex, declined] = await invite(tender.teamChannelId, "Globex", "Initech");
    if (!globex || !declined) throw new Error("the sellers were not invited");
    await accept(globex, NY_SELLER);
    await h.db.seller.update({ where: { id: declined.id }, data: { status: "declined" } });

    // Sunday: the questions are 4 days ahead.
    await h.room.runJobs(when(MON - 1, "12:00"));
    expect(await h.db.delivery.count({ where: { key: { startsWith: "nudge:date:" } } })).toBe(0);

    // Just after midnight on Monday the questions are 3 days ahead: planned for working hours.
    await h.room.runJobs(when(MON, "00:30"));
    const planned = await h.db.delivery.findMany({
      orderBy: { id: "asc" },
      where: { kind: { startsWith: "nudge_date" } },
    });
    expect(planned.map((delivery) => [delivery.key, delivery.channelId, delivery.leaseUntil])).toEqual([
      [dateKey(tender.id, "questions", isoDayOf(THU)), tender.teamChannelId, when(MON, "09:00")],
      [
        dateKey(tender.id, "questions", isoDayOf(THU), globex.id),
        globex.channelId,
        when(MON, "09:00", NEW_YORK),
      ],
    ]);
    await h.room.runJobs(when(MON, "09:00"));
    const questionsDay = formatDay(new Date(`${isoDayOf(THU)}T00:00:00.000Z`));
    expect(texts(tender.teamChannelId, ":calendar:").map((message) => message.text)).toEqual([
      `:calendar: T-1 · Field service &lt;platform&gt;: *Questions due* in 3 days, ${questionsDay}.`,
    ]);
    expect(texts(globex.channelId, ":calendar:")).toEqual([]);
    await h.room.runJobs(when(MON, "15:00"));
    expect(texts(globex.channelId, ":calendar:").map((message) => message.text)).toEqual([
      `:calendar: Questions for *T-1 · Field service &lt;platform&gt;* are due in 3 days, ${questionsDay}. Ask yours in the requirement threads here.`,
    ]);

    // Tuesday: the proposals; Friday: the award, for the team only.
    for (const moment of [when(TUE, "10:00"), when(TUE, "16:00"), when(FRI, "10:00"), when(FRI, "16:00")]) {
      await h.room.runJobs(moment);
    }
    const team = texts(tender.teamChannelId, ":calendar:").map((message) => message.text);
    expect(team).toHaveLength(3);
    expect(team[1]).toContain("*Proposals due* in 3 days");
    expect(team[2]).toContain("*Award planned* in 3 days");
    const seller = texts(globex.channelId, ":calendar:").map((message) => message.text);
    expect(seller).toHaveLength(2);
    expect(seller[1]).toContain("Proposals for *T-1 · Field service &lt;platform&gt;* are due in 3 days");
    expect(
      h.fake.messages(declined.channelId).filter((message) => message.text.includes(":calendar:")),
    ).toEqual([]);

    // Ticking on, and two instances at once, change nothing: each key went out once.
    await Promise.all([h.room.runJobs(when(FRI, "16:30")), h.room.runJobs(when(FRI, "16:30"))]);
    await h.room.runJobs(when(SAT, "10:00"));
    expect(texts(tender.teamChannelId, ":calendar:")).toHaveLength(3);
    expect(texts(globex.channelId, ":calendar:")).toHaveLength(2);
    expect(await h.db.delivery.count({ where: { kind: { startsWith: "nudge_date" } } })).toBe(5);
  });

  it("reminds a moved date again, and never a date already past", async () => {
    const tender = await openTender({ questions: THU });
    await h.room.runJobs(when(MON, "10:00"));
    expect(texts(tender.teamChannelId, ":calendar:")).toHaveLength(1);

    // Moved to the next Tuesday: a new reminder when that date is near.
    await h.db.tender.update({
      where: { id: tender.id },
      data: { questionsDueOn: new Date(`${isoDayOf(TUE + 7)}T00:00:00Z`) },
    });
    await h.room.runJobs(when(THU, "10:00"));
    expect(texts(tender.teamChannelId, ":calendar:")).toHaveLength(1);
    await h.room.runJobs(when(SAT, "10:00"));
    // Saturday's reminder waits for Monday 09:00, one day ahead of the date.
    await h.room.runJobs(when(MON + 7, "09:00"));
    const shownTexts = texts(tender.teamChannelId, ":calendar:").map((message) => message.text);
    expect(shownTexts).toHaveLength(2);
    expect(shownTexts[1]).toContain("*Questions due* tomorrow");

    // Moved back to a day already past: nothing.
    await h.db.tender.update({
      where: { id: tender.id },
      data: { questionsDueOn: new Date(`${isoDayOf(FRI)}T00:00:00Z`) },
    });
    await h.room.runJobs(when(WED + 7, "10:00"));
    expect(texts(tender.teamChannelId, ":calendar:")).toHaveLength(2);
    expect(await h.db.delivery.count({ where: { kind: NUDGE_DATE_TEAM.name } })).toBe(2);
  });
});

describe("/tender nudges", () => {
  it("shows the settings to the tender's people and lets owners change them", async () => {
    const tender = await openTender();
    const shownSettings = await h.command("nudges", {
      userId: PEOPLE.colleague,
      channelId: tender.teamChannelId,
    });
    expect(shownSettings.replies[0]).toContain(
      "*Automatic nudges of T-1 · Field service &lt;platform&gt;: on*",
    );
    expect(shownSettings.replies[0]).toContain("for *2* business days");
    expect(shownSettings.replies[0]).toContain("for *5* business days");
    expect(shownSettings.replies[0]).toContain("A key date *3* days ahead");

    const changed = await h.command("nudges questions 4", { channelId: tender.teamChannelId });
    expect(changed.replies[0]).toContain(
      "Unanswered seller questions of T-1 are now reminded after *4* business days.",
    );
    expect(changed.replies[0]).toContain("for *4* business days");
    await h.command("nudges silence 10", { channelId: tender.teamChannelId });
    await h.command("nudges T-1 dates 7");
    expect(await h.db.tender.findUniqueOrThrow({ where: { id: tender.id } })).toMatchObject({
      nudgesOn: true,
      questionNudgeDays: 4,
      silenceNudgeDays: 10,
      keyDateNudgeDays: 7,
    });
    const audit = await h.db.auditEvent.findMany({
      where: { action: "tender.nudges_changed" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((event) => [event.actorUserId, event.detail])).toEqual([
      [PEOPLE.owner, { questionNudgeDays: 4 }],
      [PEOPLE.owner, { silenceNudgeDays: 10 }],
      [PEOPLE.owner, { keyDateNudgeDays: 7 }],
    ]);
  });

  it("refuses bad values and people who may not change or see them", async () => {
    const tender = await openTender();
    const inTeam = { channelId: tender.teamChannelId };
    expect((await h.command("nudges questions 0", inTeam)).replies).toEqual([
      "“0” is too few: give a number of days from 1 to 30, e.g. `/tender nudges questions 3`.",
    ]);
    expect((await h.command("nudges silence 31", inTeam)).replies[0]).toContain("“31” is too many");
    expect((await h.command("nudges dates soon", inTeam)).replies[0]).toContain(
      "“soon” is not a whole number",
    );
    expect((await h.command("nudges sometimes", inTeam)).replies).toEqual([
      `There is no nudge setting “sometimes”. ${NUDGES_USAGE}`,
    ]);
    expect((await h.command("nudges off", { userId: PEOPLE.colleague, ...inTeam })).replies).toEqual([
      `Only the owners of T-1 (<@${PEOPLE.owner}>) can change its nudges. Ask one of them.`,
    ]);
    expect(
      (await h.command("nudges T-1", { userId: PEOPLE.colleague, channelId: GENERAL_CHANNEL })).replies[0],
    ).toContain("T-1 is private to its team.");
    expect(await h.db.tender.findUniqueOrThrow({ where: { id: tender.id } })).toMatchObject({
      nudgesOn: true,
      questionNudgeDays: 2,
      silenceNudgeDays: 5,
      keyDateNudgeDays: 3,
    });
    expect(await h.db.auditEvent.count({ where: { action: "tender.nudges_changed" } })).toBe(0);
  });

  it("off: nothing is planned, and what was planned is not sent; on again: nudges resume", async () => {
    const { tender, posts } = await postedRequirement("Acme");
    const [post] = posts;
    if (!post) throw new Error("R-1 was not posted");
    const early = await say(post, PEOPLE.seller, "Is a tablet fine?", when(MON, "11:00"));
    await outboxDone();
    await h.room.runJobs(when(WED, "20:00"));
    expect(await h.db.delivery.count({ where: { key: questionKey(early.id), status: "pending" } })).toBe(1);

    const off = await h.command("nudges off", { channelId: tender.teamChannelId });
    expect(off.replies[0]).toContain("Automatic nudges of T-1 are now *off*.");
    // The first reminder is held until the morning: no waiting for an empty outbox from here on.
    const later = await say(post, PEOPLE.seller, "And which operating system?", when(WED, "11:00"));
    await h.room.runJobs(when(THU, "09:00"));
    await h.room.runJobs(when(MON + 7, "10:00"));
    expect(reminders(tender.teamChannelId)).toEqual([]);
    expect(await h.db.delivery.findUnique({ where: { key: questionKey(later.id) } })).toBeNull();

    await h.command("nudges on", { channelId: tender.teamChannelId });
    await h.room.runJobs(when(MON + 7, "10:00"));
    expect(reminders(tender.teamChannelId).map((message) => message.text)).toEqual([
      `<@${PEOPLE.owner}> Acme is waiting for an answer on R-1: And which operating system?`,
    ]);
  });
});
