import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { engagementOf } from "../../src/features/engagement/index.js";
import { EXPORT_USAGE } from "../../src/features/export/views.js";
import { SELLER_COMMANDS } from "../../src/kernel/actor.js";
import type { FakeFile } from "../../src/sandbox/slack/index.js";
import { type Harness, HOME_TEAM, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";
import { seedReplies } from "../support/seed-replies.js";

/** Globex's person: a seller of its own organisation. */
const GLOBEX = { id: "U0GLOBEX", teamId: "T0GLOBEX" };
/** Rows read at a time: small, so that a few thousand replies take many pages. */
const PAGE = 100;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { export: { pageSize: PAGE, progressEveryMs: 60_000 } });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  h.fake.addUser({ id: GLOBEX.id, teamId: GLOBEX.teamId, realName: "Gina Globex" });
});

type Cell = string | number | boolean | Date | null;

/** A sheet as rows of cells, the header first, every row as wide as the header. */
function table(sheet: ExcelJS.Worksheet): Cell[][] {
  const width = sheet.getRow(1).cellCount;
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from({ length: width }, (_, i) => (row.getCell(i + 1).value ?? null) as Cell));
  });
  return rows;
}

async function workbookOf(file: FakeFile | undefined): Promise<Map<string, Cell[][]>> {
  if (!file) throw new Error("no workbook was uploaded");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
  return new Map(workbook.worksheets.map((sheet) => [sheet.name, table(sheet)]));
}

const xlsx = () => h.fake.files().filter((file) => file.filename.endsWith(".xlsx"));
const markdown = () => h.fake.files().filter((file) => file.filename.endsWith(".md"));
const auditCount = () => h.db.auditEvent.count();
const today = () => new Date().toISOString().slice(0, 10);

/** Someone writes in a requirement's thread, and Slack tells the app. */
async function say(post: { channelId: string; ts: string }, user: string, team: string, text: string) {
  const ts = h.fake.addMessage(post.channelId, { user, text, threadTs: post.ts });
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
  await h.outboxDrained();
  return ts;
}

/** T-1 with Acme (joined) and Globex (invited), and R-1 posted to both. */
async function tenderWithRequirement() {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  const team = { channelId: tender.teamChannelId };
  await h.command("invite Acme people@acme.example", team);
  await h.command("invite Globex people@globex.example", team);
  const [acme, globex] = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  if (!acme || !globex) throw new Error("both sellers are invited");
  await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: SELLER_TEAM, status: "joined" } });
  await h.command("require Offline mode | Technicians work in basements without network", team);
  await h.outboxDrained();
  const requirement = await h.db.requirement.findFirstOrThrow();
  const post = await h.db.requirementPost.findFirstOrThrow({ where: { sellerId: acme.id } });
  return { tender, acme, globex, requirement, post, team };
}

/**
 * A tender with something on every sheet: Acme asks and edits its question, the owner answers, a
 * clarification, Globex will not bid, a key metric and Acme's estimate, Acme's lesson applied in
 * R-1 v2 (which the question influenced), a check-in run Acme answered, Acme's acknowledgement.
 */
async function seededTender() {
  const base = await tenderWithRequirement();
  const { tender, acme, globex, requirement, post, team } = base;
  await h.db.tender.update({
    where: { id: tender.id },
    data: {
      goal: "Fewer truck rolls",
      questionsDueOn: new Date("2027-03-01"),
      proposalsDueOn: new Date("2027-04-01"),
    },
  });
  const questionTs = await say(post, PEOPLE.seller, SELLER_TEAM, "Which devices?");
  await say(post, PEOPLE.owner, HOME_TEAM, "Android & iOS phones.");
  await h.requests.event({
    type: "message",
    subtype: "message_changed",
    hidden: true,
    channel: post.channelId,
    ts: "1999999999.000100",
    message: {
      type: "message",
      user: PEOPLE.seller,
      text: "Which devices, tablets too?",
      ts: questionTs,
      thread_ts: post.ts,
      edited: { user: PEOPLE.seller, ts: "1999999999.000100" },
    },
    previous_message: { type: "message", user: PEOPLE.seller, text: "Which devices?", ts: questionTs },
  });
  await h.outboxDrained();
  await h.command("clarify R-1 Which devices? | Android and iOS, tablets too", team);
  await h.command("metric add Mean time to repair | hours | 4 | 2", team);
  await h.command("checkin every monday 10:00 | What changed on your side?", team);
  await h.outboxDrained();
  await h.db.seller.update({
    where: { id: globex.id },
    data: {
      intent: "not_bidding",
      intentReason: "No field teams",
      intentBy: GLOBEX.id,
      intentAt: new Date("2027-01-05T09:00:00Z"),
    },
  });
  const question = await h.db.reply.findFirstOrThrow({ where: { ts: questionTs } });
  const lesson = await h.db.lesson.create({
    data: {
      tenderId: tender.id,
      sellerId: acme.id,
      requirementId: requirement.id,
      authorUserId: PEOPLE.seller,
      authorTeamId: SELLER_TEAM,
      authorName: "Sam Seller",
      organisation: "Acme",
      fromSeller: true,
      title: "Cache the work orders",
      situation: "Basements had no signal",
      lesson: "Technicians lost their work",
      tags: ["offline", "mobile"],
      channelId: acme.channelId,
    },
  });
  await h.db.requirementRevision.create({
    data: {
      requirementId: requirement.id,
      version: 2,
      title: "Offline mode",
      details: "Work orders are cached on the device",
      priority: "must",
      changeNote: "Cache the work orders",
      createdBy: PEOPLE.owner,
      influences: { create: [{ replyId: question.id }] },
    },
  });
  await h.db.requirement.update({ where: { id: requirement.id }, data: { version: 2 } });
  await h.db.lessonApplication.create({
    data: { lessonId: lesson.id, requirementId: requirement.id, version: 2, createdBy: PEOPLE.owner },
  });
  const metric = await h.db.metric.findFirstOrThrow();
  await h.db.estimateSet.create({
    data: {
      tenderId: tender.id,
      sellerId: acme.id,
      version: 1,
      authorUserId: PEOPLE.seller,
      authorTeamId: SELLER_TEAM,
      authorName: "Sam Seller",
      estimates: {
        create: [
          {
            metricId: metric.id,
            metricVersion: 1,
            value: 2.5,
            confidence: "high",
            evidenceLessonId: lesson.id,
          },
        ],
      },
    },
  });
  const checkIn = await h.db.checkIn.findFirstOrThrow();
  const run = await h.db.checkInOccurrence.create({
    data: {
      checkInId: checkIn.id,
      dueAt: new Date("2027-01-04T09:00:00Z"),
      status: "sent",
      sellerIds: [acme.id],
    },
  });
  await h.db.checkInAnswer.create({
    data: {
      occurrenceId: run.id,
      sellerId: acme.id,
      kind: "update",
      text: "We piloted the offline cache",
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      authorName: "Sam Seller",
    },
  });
  await h.db.noticeReceipt.updateMany({
    where: { sellerId: acme.id },
    data: { acknowledgedBy: PEOPLE.seller, acknowledgedAt: new Date("2027-01-06T08:00:00Z") },
  });
  return { ...base, question, lesson, metric, checkIn, run };
}

/** What the test expects of a text cell, as the tender's own people see it. */
const OWNER_NAME = "Olivia Owner";

describe("/tender export", () => {
  it("answers at once, and shares the workbook and its summary in the team channel", async () => {
    const { team } = await tenderWithRequirement();
    const { replies } = await h.command("export", team);
    expect(replies).toEqual([
      `Exporting T-1 … the workbook and its summary will be shared in <#${team.channelId}>, with how far along it is.`,
    ]);
    expect(xlsx().map((file) => [file.filename, file.title, file.channelId, file.initialComment])).toEqual([
      [
        `tender-T1-record-${today()}.xlsx`,
        "T-1 · the tender record (workbook)",
        team.channelId,
        "T-1 · the tender record: a sheet per record, times in UTC.",
      ],
    ]);
    expect(markdown().map((file) => [file.filename, file.title, file.channelId])).toEqual([
      [`tender-T1-record-${today()}.md`, "T-1 · the tender record (summary)", team.channelId],
    ]);
    const status = h.fake.messages(team.channelId).filter((message) => message.text.startsWith("Export"));
    expect(status.map((message) => message.text)).toEqual([
      // The tender, two sellers and their invitations, R-1 v1, the sellers' engagement, the audit trail.
      `Exported T-1: done. The tender record for <@${PEOPLE.owner}> is below: a workbook of 15 sheets (${8 + (await auditCount())} rows) and its summary in Markdown.`,
    ]);
    // A tender without key metrics has no sheets for them.
    expect([...(await workbookOf(xlsx()[0])).keys()]).toEqual([
      "Tender",
      "Sellers",
      "Invitations",
      "Requirements",
      "Replies",
      "Reply edits",
      "Clarifications",
      "Lessons",
      "Lesson applications",
      "Check-ins",
      "Check-in runs",
      "Check-in answers",
      "Acknowledgements",
      "Engagement",
      "Audit trail",
    ]);
  });

  it("writes every record of the tender, a sheet each, with named columns and Excel dates", async () => {
    const seeded = await seededTender();
    const { tender, acme, globex, question, team } = seeded;
    await h.command("export", team);
    const book = await workbookOf(xlsx()[0]);
    const db = h.db;
    const [opened, sellers, invites, revisions, replies, edit, clarification, lesson, application] = [
      await db.tender.findUniqueOrThrow({ where: { id: tender.id } }),
      await db.seller.findMany({ orderBy: { id: "asc" } }),
      await db.sellerInvite.findMany({ orderBy: { id: "asc" } }),
      await db.requirementRevision.findMany({ orderBy: { id: "asc" } }),
      await db.reply.findMany({ orderBy: { id: "asc" } }),
      await db.replyEdit.findFirstOrThrow(),
      await db.clarification.findFirstOrThrow(),
      await db.lesson.findFirstOrThrow(),
      await db.lessonApplication.findFirstOrThrow(),
    ] as const;
    expect([...book.keys()]).toEqual([
      "Tender",
      "Sellers",
      "Invitations",
      "Requirements",
      "Replies",
      "Reply edits",
      "Clarifications",
      "Lessons",
      "Lesson applications",
      "Check-ins",
      "Check-in runs",
      "Check-in answers",
      "Metrics",
      "Estimates",
      "Acknowledgements",
      "Engagement",
      "Audit trail",
    ]);
    expect(book.get("Tender")).toEqual([
      [
        "Tender",
        "Title",
        "Goal",
        "Stage",
        "Time zone",
        "Questions close",
        "Proposals due",
        "Award planned",
        "Owners",
        "Members",
        "Team channel",
        "Opened by",
        "Opened (UTC)",
      ],
      [
        "T-1",
        "Field service platform",
        "Fewer truck rolls",
        "courting",
        "Europe/Berlin",
        new Date("2027-03-01"),
        new Date("2027-04-01"),
        null,
        OWNER_NAME,
        null,
        team.channelId,
        OWNER_NAME,
        opened.createdAt,
      ],
    ]);
    expect(book.get("Sellers")).toEqual([
      [
        "Seller",
        "Status",
        "Intent",
        "Reason",
        "Intent given by",
        "Intent given (UTC)",
        "Channel",
        "Slack organisation",
        "Invited by",
        "Invited (UTC)",
      ],
      [
        "Acme",
        "joined",
        "undecided",
        null,
        null,
        null,
        acme.channelId,
        SELLER_TEAM,
        OWNER_NAME,
        sellers[0]?.createdAt,
      ],
      [
        "Globex",
        "invited",
        "not_bidding",
        "No field teams",
        "Gina Globex",
        new Date("2027-01-05T09:00:00Z"),
        globex.channelId,
        null,
        OWNER_NAME,
        sellers[1]?.createdAt,
      ],
    ]);
    expect(book.get("Invitations")).toEqual([
      ["Seller", "Email", "Status", "Slack's error", "Sent (UTC)", "Last change (UTC)"],
      ...invites.map((invite, i) => [
        ["Acme", "Globex"][i],
        invite.email,
        "sent",
        null,
        invite.createdAt,
        invite.updatedAt,
      ]),
    ]);
    expect(book.get("Requirements")).toEqual([
      [
        "Requirement",
        "Version",
        "Current version",
        "Status now",
        "Title",
        "Details",
        "Category",
        "Priority",
        "Acceptance criteria",
        "Input due",
        "Change note",
        "Influenced by replies",
        "Lessons applied",
        "By",
        "Created (UTC)",
      ],
      [
        "R-1",
        1,
        false,
        "open",
        "Offline mode",
        "Technicians work in basements without network",
        null,
        "should",
        null,
        null,
        null,
        null,
        null,
        OWNER_NAME,
        revisions[0]?.createdAt,
      ],
      [
        "R-1",
        2,
        true,
        "open",
        "Offline mode",
        "Work orders are cached on the device",
        null,
        "must",
        null,
        null,
        "Cache the work orders",
        String(question.id),
        "L-1",
        OWNER_NAME,
        revisions[1]?.createdAt,
      ],
    ]);
    expect(book.get("Replies")).toEqual([
      [
        "Reply",
        "Requirement",
        "Seller's thread",
        "Author",
        "Organisation",
        "Kind",
        "Text",
        "Late",
        "Edited",
        "Deleted",
        "Answered (UTC)",
        "Created (UTC)",
      ],
      [
        question.id,
        "R-1",
        "Acme",
        "Sam Seller",
        "Acme",
        "question",
        "Which devices, tablets too?",
        false,
        true,
        false,
        replies[0]?.answeredAt,
        replies[0]?.createdAt,
      ],
      [
        replies[1]?.id,
        "R-1",
        "Acme",
        OWNER_NAME,
        "Buyer Corp",
        "answer",
        "Android & iOS phones.",
        false,
        false,
        false,
        null,
        replies[1]?.createdAt,
      ],
    ]);
    expect(replies[0]?.answeredAt).toBeInstanceOf(Date);
    expect(book.get("Reply edits")).toEqual([
      ["Reply", "Requirement", "Seller's thread", "Text before the edit", "Edited (UTC)"],
      [question.id, "R-1", "Acme", "Which devices?", edit.editedAt],
    ]);
    expect(book.get("Clarifications")).toEqual([
      ["Clarification", "Requirement", "Question", "Answer", "Answers reply", "By", "Published (UTC)"],
      [
        clarification.id,
        "R-1",
        "Which devices?",
        "Android and iOS, tablets too",
        null,
        OWNER_NAME,
        clarification.createdAt,
      ],
    ]);
    expect(book.get("Lessons")).toEqual([
      [
        "Lesson",
        "Title",
        "Shared by",
        "Organisation",
        "Shared in",
        "Requirement",
        "Situation",
        "What was learned",
        "Recommendation",
        "Expected impact",
        "Tags",
        "Shared (UTC)",
      ],
      [
        "L-1",
        "Cache the work orders",
        "Sam Seller",
        "Acme",
        "Acme",
        "R-1",
        "Basements had no signal",
        "Technicians lost their work",
        null,
        null,
        "offline, mobile",
        lesson.createdAt,
      ],
    ]);
    expect(book.get("Lesson applications")).toEqual([
      ["Lesson", "Requirement", "Version", "Applied by", "Applied (UTC)"],
      ["L-1", "R-1", 2, OWNER_NAME, application.createdAt],
    ]);
    expect(book.get("Check-ins")).toEqual([
      [
        "Check-in",
        "Cadence",
        "Schedule (cron)",
        "Time zone",
        "Prompt",
        "Sellers",
        "Last day",
        "Status",
        "Next run (UTC)",
        "By",
        "Created (UTC)",
      ],
      [
        "C-1",
        "weekly",
        "0 10 * * 1",
        "Europe/Berlin",
        "What changed on your side?",
        "every seller",
        null,
        "active",
        seeded.checkIn.nextRunAt,
        OWNER_NAME,
        seeded.checkIn.createdAt,
      ],
    ]);
    expect(book.get("Check-in runs")).toEqual([
      ["Run", "Check-in", "Due (UTC)", "Status", "Why skipped", "Sent to", "Digest (UTC)"],
      [seeded.run.id, "C-1", new Date("2027-01-04T09:00:00Z"), "sent", null, "Acme", null],
    ]);
    const answer = await db.checkInAnswer.findFirstOrThrow();
    expect(book.get("Check-in answers")).toEqual([
      ["Run", "Check-in", "Seller", "Kind", "Text", "Lesson", "Author", "Answered (UTC)"],
      [
        seeded.run.id,
        "C-1",
        "Acme",
        "update",
        "We piloted the offline cache",
        null,
        "Sam Seller",
        answer.createdAt,
      ],
    ]);
    expect(book.get("Metrics")).toEqual([
      [
        "Metric",
        "Name",
        "Unit",
        "Better",
        "Baseline",
        "Target",
        "Weight",
        "Version",
        "Status",
        "Suggested by seller",
        "How it is measured",
        "Why it matters",
        "Requirements served",
        "By",
        "Defined (UTC)",
      ],
      [
        "M-1",
        "Mean time to repair",
        "hours",
        "lower",
        4,
        2,
        1,
        1,
        "active",
        null,
        null,
        null,
        null,
        OWNER_NAME,
        seeded.metric.createdAt,
      ],
    ]);
    const set = await db.estimateSet.findFirstOrThrow();
    expect(book.get("Estimates")).toEqual([
      [
        "Seller",
        "Estimates version",
        "Metric",
        "Made against metric version",
        "Value",
        "Unit",
        "Confidence",
        "Months after go-live",
        "Assumptions",
        "Evidence",
        "Saved by",
        "Saved (UTC)",
      ],
      ["Acme", 1, "M-1", 1, 2.5, "hours", "high", null, null, "L-1", "Sam Seller", set.createdAt],
    ]);
    const receipts = await db.noticeReceipt.findMany({ orderBy: { sellerId: "asc" } });
    expect(book.get("Acknowledgements")).toEqual([
      ["Notice", "Kind", "Seller", "Status", "Acknowledged by", "Acknowledged (UTC)", "Asked (UTC)"],
      [
        "Clarification on R-1",
        "clarification",
        "Acme",
        "acknowledged",
        "Sam Seller",
        new Date("2027-01-06T08:00:00Z"),
        receipts[0]?.createdAt,
      ],
      ["Clarification on R-1", "clarification", "Globex", "pending", null, null, receipts[1]?.createdAt],
    ]);
    const engagement = await engagementOf(db, tender.id);
    expect(book.get("Engagement")).toEqual([
      [
        "Seller",
        "Replies",
        "Questions",
        "Median hours to a first reply",
        "Check-ins sent",
        "Check-ins answered",
        "Check-in answer rate",
        "Lessons shared",
        "Lessons applied",
        "Acknowledgements asked",
        "Acknowledged on time",
      ],
      ...engagement.map((e) => [
        e.name,
        e.replies,
        e.questions,
        e.medianFirstReplyHours,
        e.checkInsAsked,
        e.checkInsAnswered,
        e.checkInsAsked ? e.checkInsAnswered / e.checkInsAsked : null,
        e.lessonsShared,
        e.lessonsApplied,
        e.acknowledgementsAsked,
        e.acknowledgedOnTime,
      ]),
    ]);
    // Acme asked a question, answered one check-in of one, shared a lesson applied in R-1 v2.
    expect(
      engagement.map((e) => [e.name, e.replies, e.questions, e.checkInsAnswered, e.lessonsApplied]),
    ).toEqual([
      ["Acme", 1, 1, 1, 1],
      ["Globex", 0, 0, 0, 0],
    ]);
    const events = await db.auditEvent.findMany({ where: { tenderId: tender.id }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action).slice(0, 3)).toEqual([
      "tender.opened",
      "seller.added",
      "seller.invited",
    ]);
    expect(book.get("Audit trail")).toEqual([
      ["Event", "When (UTC)", "Who", "Slack user", "What", "Details"],
      ...events.map((event) => [
        event.id,
        event.createdAt,
        OWNER_NAME,
        PEOPLE.owner,
        event.action,
        JSON.stringify(event.detail),
      ]),
    ]);
  });

  it("summarises the same in Markdown: stage, dates, sellers, engagement, the latest audit events", async () => {
    const { team } = await seededTender();
    await h.command("export", team);
    const summary = markdown()[0]?.bytes.toString("utf8") ?? "";
    expect(summary).toContain("# The tender record: T-1 · Field service platform\n");
    expect(summary).toContain(`The whole record is in the workbook \`tender-T1-record-${today()}.xlsx\``);
    for (const line of [
      "- Stage: courting",
      "- Goal: Fewer truck rolls",
      "- Questions close: 2027-03-01",
      "- Proposals due: 2027-04-01",
      "- Award planned: not set",
      "| Replies | 2 |",
      "| Reply edits | 1 |",
      "| Metrics | 1 |",
      "| Acme | joined | undecided |",
      "| Globex | invited | not_bidding |",
      "| Globex | 0 | 0 | – | 0 of 0 | 0 (0) | 0 of 1 |",
    ])
      expect(summary).toContain(`${line}\n`);
    expect(summary).toMatch(/\| Acme \| 1 \| 1 \| [\d.]+ h \| 1 of 1 \| 1 \(1\) \| [01] of 1 \|\n/);
    const latest = summary.split("## The latest audit events")[1] ?? "";
    expect(latest).toContain("| Olivia Owner | checkin.scheduled |");
    expect(latest.indexOf("checkin.scheduled")).toBeLessThan(latest.indexOf("tender.opened"));
  });

  it("is refused to a member who is not an owner, to a seller's person and with words it does not take", async () => {
    const { tender, acme, team } = await tenderWithRequirement();
    await h.db.tenderMember.create({
      data: { tenderId: tender.id, userId: PEOPLE.colleague, role: "member" },
    });
    const before = h.fake.messages(team.channelId).length;
    const member = await h.command("export", { userId: PEOPLE.colleague, channelId: team.channelId });
    expect(member.replies).toEqual([
      `Only the owners of T-1 (<@${PEOPLE.owner}>) can export its record. Ask one of them.`,
    ]);
    const seller = await h.command("export T-1", { userId: PEOPLE.seller, channelId: acme.channelId });
    expect(seller.replies).toEqual([SELLER_COMMANDS]);
    const stranger = await h.command("export T-1", { userId: PEOPLE.coOwner });
    expect(stranger.replies[0]).toContain("Only the owners of T-1");
    const words = await h.command("export everything now", team);
    expect(words.replies).toEqual([EXPORT_USAGE]);
    expect(h.fake.files()).toEqual([]);
    expect(h.fake.messages(team.channelId)).toHaveLength(before);
    expect(h.fake.messages(acme.channelId).some((message) => message.text.includes("Export"))).toBe(false);
  });

  it("tells the channel how far along a long export is, then replaces it with done", async () => {
    const { requirement, post, acme, team } = await tenderWithRequirement();
    await seedReplies(
      h.db,
      { requirementId: requirement.id, sellerId: acme.id, channelId: post.channelId, threadTs: post.ts },
      3_000,
    );
    // One seller wrote far more than a cell holds, and a broadcast mention, which stays text.
    const long = await h.db.reply.findFirstOrThrow({ where: { text: { startsWith: "Seeded reply 2:" } } });
    await h.db.reply.update({ where: { id: long.id }, data: { text: `<!channel> ${"x".repeat(40_000)}` } });
    h.fake.clearCalls();
    await h.command("export", team);
    const status = h.fake.messages(team.channelId).filter((message) => message.text.startsWith("Export"));
    expect(status).toHaveLength(1);
    const updates = h.fake
      .calls("chat.update")
      .filter((call) => call.args.ts === status[0]?.ts)
      .map((call) => String(call.args.text));
    const far = (done: string) =>
      `Exporting T-1: ${done} of 3,000 replies … (the tender record, for <@${PEOPLE.owner}>)`;
    expect(
      h.fake.calls("chat.postMessage").find((call) => call.args.channel === team.channelId)?.args.text,
    ).toBe(far("0"));
    expect(updates).toEqual([
      ...["300", "600", "900", "1,200", "1,500", "1,800", "2,100", "2,400", "2,700"].map(far),
      `Exported T-1: done. The tender record for <@${PEOPLE.owner}> is below: a workbook of 15 sheets (${(3_008 + (await auditCount())).toLocaleString("en-GB")} rows) and its summary in Markdown.`,
    ]);
    const rows = (await workbookOf(xlsx()[0])).get("Replies") ?? [];
    expect(rows).toHaveLength(3_001);
    // Page after page, every reply once and in order.
    const ids = rows.slice(1).map((row) => row[0]);
    const stored = await h.db.reply.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    expect(ids).toEqual(stored.map((reply) => reply.id));
    expect(rows[1]?.slice(3, 10)).toEqual([
      "Seeded Seller",
      "Acme",
      "comment",
      `Seeded reply 1: ${"our field teams would use it offline ".repeat(3)}`,
      false,
      false,
      false,
    ]);
    expect(rows[1_000]?.slice(5, 10)).toEqual([
      "question",
      expect.stringContaining("Seeded reply 1000:"),
      false,
      true,
      true,
    ]);
    const cut = String(rows[2]?.[6]);
    expect([cut.length, cut.slice(0, 12), cut.slice(-2)]).toEqual([32_767, "<!channel> x", "x…"]);
  });

  it("worked again after a crash, finds its message and files instead of sharing them twice", async () => {
    const { team } = await tenderWithRequirement();
    // The summary's upload fails the first time: the workbook is already shared.
    h.fake.failNext("files.completeUploadExternal", "fatal_error", {
      when: (args) => JSON.stringify(args.files ?? "").includes("summary"),
    });
    const first = await h.command("export", team);
    expect(first.replies).toEqual([
      expect.stringContaining("Exporting T-1 …"),
      "The export of T-1 did not finish: Slack answered “fatal_error”.",
    ]);
    expect(xlsx()).toHaveLength(1);
    expect(markdown()).toHaveLength(0);
    const status = () =>
      h.fake
        .messages(team.channelId)
        .filter((message) => message.text.startsWith("Export") || message.text.startsWith("The export"));
    expect(status().map((message) => message.text)).toEqual([
      "The export of T-1 did not finish: Slack answered “fatal_error”.",
    ]);

    await workLatestCommandAgain();
    expect(xlsx()).toHaveLength(1);
    expect(markdown()).toHaveLength(1);
    expect(status().map((message) => message.text)).toEqual([expect.stringContaining("Exported T-1: done.")]);

    // And once more, everything already there: nothing new.
    await workLatestCommandAgain();
    expect(h.fake.files()).toHaveLength(2);
    expect(status()).toHaveLength(1);
  });

  it("says clearly when Slack refuses the upload", async () => {
    const { team } = await tenderWithRequirement();
    h.fake.failNext("files.getUploadURLExternal", "not_allowed_token_type");
    const refused = await h.command("export", team);
    const why =
      "The export of T-1 did not finish: Slack does not let this kind of token upload files: the app needs its bot token (xoxb-…) with the files:write scope; reinstall it from manifest.json.";
    expect(refused.replies[1]).toBe(why);
    expect(h.fake.messages(team.channelId).at(-1)?.text).toBe(why);
    h.fake.failNext("files.getUploadURLExternal", "file_upload_size_restricted");
    const big = await h.command("export", team);
    expect(big.replies[1]).toBe(
      "The export of T-1 did not finish: the file is larger than your workspace lets apps upload; an admin of your workspace can raise the limit.",
    );
    expect(h.fake.files()).toEqual([]);
  });
});

/** What a crash after the command's work leaves behind, then the restart: the command worked again. */
async function workLatestCommandAgain(): Promise<void> {
  const item = await h.db.inboxItem.findFirstOrThrow({ where: { kind: "command" }, orderBy: { id: "desc" } });
  await h.db.inboxItem.update({
    where: { id: item.id },
    data: { status: "pending", leaseUntil: new Date(Date.now() - 1_000) },
  });
  await h.restart();
  await h.settle();
  await h.outboxDrained();
}
