import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACKNOWLEDGE_BUTTON } from "../../src/features/acknowledgements/ids.js";
import { INTEND_TO_BID_BUTTON } from "../../src/features/intents/ids.js";
import { NUDGE_DATE_SELLER, NUDGE_DATE_TEAM } from "../../src/features/nudges/deliveries.js";
import { dateKey } from "../../src/features/nudges/ids.js";
import { questionsClosedOn } from "../../src/features/tenders/domain.js";
import {
  DATE_OUT_OF_ORDER,
  DATE_PASSED,
  DATES_USAGE,
  type KeyDays,
  NOTE_MAX,
  NOTE_TOO_LONG,
  NOTHING_CHANGED,
  PICK_A_DAY,
} from "../../src/features/timeline/domain.js";
import { DATES_FORM } from "../../src/features/timeline/ids.js";
import { DATES_FORM_LOST } from "../../src/features/timeline/views.js";
import { SELLER_COMMANDS } from "../../src/kernel/actor.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
import { formatDay, parseDay } from "../../src/slack/dates.js";
import { GENERAL_CHANNEL, type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";
import { workLatestFormAgain } from "../support/replay.js";

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

/** The owner's zone, and so the tender's. */
const BERLIN = "Europe/Berlin";

/** A day counted from today in the tender's zone, as the date pickers give it. */
function dayFromToday(days: number): string {
  return DateTime.now().setZone(BERLIN).plus({ days }).toISODate() ?? "";
}

const shownDay = (day: string) => formatDay(parseDay(day));
const HEADLINE = "T-1 · Field service platform";

/** A tender with Acme (active), Globex (said it will not bid) and Initech (declined every invitation). */
async function tenderWithSellers(dates: Partial<KeyDays> = {}) {
  await h.command("new Field service platform");
  const opened = await h.db.tender.findFirstOrThrow();
  const stored = Object.fromEntries(
    Object.entries(dates).map(([field, day]) => [field, day && parseDay(day)]),
  );
  await h.db.tender.update({ where: { id: opened.id }, data: stored });
  const team = { channelId: opened.teamChannelId };
  for (const name of ["Acme", "Globex", "Initech"]) {
    await h.command(`invite ${name} people@${name.toLowerCase()}.example`, team);
  }
  const [acme, globex, initech] = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  if (!acme || !globex || !initech) throw new Error("the sellers were not invited");
  await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: SELLER_TEAM } });
  await h.db.seller.update({
    where: { id: globex.id },
    data: { intent: "not_bidding", intentReason: "No capacity", intentAt: new Date() },
  });
  await h.db.seller.update({ where: { id: initech.id }, data: { status: "declined" } });
  await h.outboxDrained();
  const tender = await h.db.tender.findUniqueOrThrow({ where: { id: opened.id } });
  return { tender, team, acme, globex, initech };
}

const shown = (message: FakeMessage | undefined) => JSON.stringify([message?.text, message?.blocks]);

function including(channelId: string, text: string): FakeMessage[] {
  return h.fake.messages(channelId).filter((message) => message.text.includes(text));
}

/** The Acknowledge button's value on a message, if it has one. */
function acknowledgeValue(message: FakeMessage | undefined): string | undefined {
  for (const block of (message?.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]) {
    const found = block.elements?.find((element) => element.action_id === ACKNOWLEDGE_BUTTON);
    if (found) return found.value;
  }
  return undefined;
}

describe("/tender stage", () => {
  it("announces the new stage in the team channel and every active seller channel, with the Acknowledge button", async () => {
    const { tender, team, acme, globex, initech } = await tenderWithSellers();
    const { replies } = await h.command("stage requirements", team);
    await h.outboxDrained();
    expect(replies).toEqual([
      "T-1 is now in the *requirements* stage. Announced in the team channel and 1 seller channel, each asked to acknowledge.",
    ]);
    expect((await h.db.tender.findUniqueOrThrow({ where: { id: tender.id } })).stage).toBe("requirements");

    expect(including(tender.teamChannelId, "moved T-1").map((message) => message.text)).toEqual([
      `<@${PEOPLE.owner}> moved ${HEADLINE} from *courting* to *requirements*.\n` +
        "Requirements are being written with the sellers' input: ask questions, suggest changes, share lessons learned.",
    ]);
    const [announcement, ...more] = including(acme.channelId, "is now in the *requirements* stage");
    expect(more).toEqual([]);
    expect(announcement?.text).toContain(`${HEADLINE} is now in the *requirements* stage.`);
    expect(shown(announcement)).not.toContain(PEOPLE.owner);
    const notice = await h.db.notice.findFirstOrThrow({ include: { receipts: true } });
    expect(notice).toMatchObject({
      kind: "stage",
      subject: "Stage moved to requirements",
      createdBy: PEOPLE.owner,
    });
    expect(notice.receipts.map((receipt) => receipt.sellerId)).toEqual([acme.id]);
    expect(acknowledgeValue(announcement)).toBe(String(notice.id));

    // Neither the seller that will not bid nor the one that declined hears of it, nor is asked to bid.
    for (const quiet of [globex, initech]) {
      expect(including(quiet.channelId, "is now in the *")).toEqual([]);
      expect(
        h.fake.messages(quiet.channelId).some((message) => shown(message).includes(INTEND_TO_BID_BUTTON)),
      ).toBe(false);
    }
    // Entering requirements asks the active seller whether it will bid.
    expect(
      h.fake.messages(acme.channelId).some((message) => shown(message).includes(INTEND_TO_BID_BUTTON)),
    ).toBe(true);

    // The card's latest update (each seller's overview is updated too).
    const update = h.fake
      .calls("chat.update")
      .filter((call) => call.args.ts === tender.cardTs)
      .at(-1);
    expect(update?.args.ts).toBe(tender.cardTs);
    expect(JSON.stringify(update?.args.blocks)).toContain("*Stage*\\nrequirements");
    const audit = await h.db.auditEvent.findFirstOrThrow({ where: { action: "tender.stage_changed" } });
    expect(audit.detail).toEqual({ from: "courting", to: "requirements" });
  });

  it("asks once per change: requirements, courting and requirements again are three notices", async () => {
    const { team, acme } = await tenderWithSellers();
    for (const stage of ["requirements", "courting", "requirements"]) await h.command(`stage ${stage}`, team);
    await h.outboxDrained();
    const notices = await h.db.notice.findMany({ orderBy: { id: "asc" } });
    expect(notices.map((notice) => notice.subject)).toEqual([
      "Stage moved to requirements",
      "Stage moved to courting",
      "Stage moved to requirements",
    ]);
    const announcements = including(acme.channelId, "is now in the *");
    expect(announcements.map(acknowledgeValue)).toEqual(notices.map((notice) => String(notice.id)));
  });

  it("announces a command Slack sends again, or the app works again after a crash, once", async () => {
    const { tender, team, acme } = await tenderWithSellers();
    const first = await h.command("stage proposal", team);
    await h.requests.command({
      text: "stage proposal",
      userId: PEOPLE.owner,
      channelId: tender.teamChannelId,
      responseUrl: first.responseUrl,
      triggerId: first.triggerId,
    });
    await h.settle();
    const item = await h.db.inboxItem.findFirstOrThrow({
      where: { kind: "command" },
      orderBy: { id: "desc" },
    });
    await h.db.inboxItem.update({
      where: { id: item.id },
      data: { status: "pending", leaseUntil: new Date(Date.now() - 1_000) },
    });
    await h.restart();
    await h.settle();
    await h.outboxDrained();
    expect(including(acme.channelId, "is now in the *proposal* stage")).toHaveLength(1);
    expect(including(tender.teamChannelId, "from *courting* to *proposal*")).toHaveLength(1);
    expect(await h.db.notice.count()).toBe(1);
    expect(await h.db.auditEvent.count({ where: { action: "tender.stage_changed" } })).toBe(1);
  });

  it("accepts an explicit T-<n> from a channel outside the tender, and nothing after closed", async () => {
    await tenderWithSellers();
    const { replies } = await h.command("stage T-1 closed", { channelId: GENERAL_CHANNEL });
    expect(replies[0]).toMatch(/^T-1 is now in the \*closed\* stage\./);
    const again = await h.command("stage T-1 courting");
    expect(again.replies).toEqual(["The tender is closed; its stage can no longer change."]);
  });

  it("refuses awarding before evaluation, unknown stages and a missing stage", async () => {
    const { tender, team } = await tenderWithSellers();
    expect((await h.command("stage awarded", team)).replies).toEqual([
      "A tender is awarded after its evaluation: move it to `evaluation` first.",
    ]);
    expect((await h.command("stage <!channel>", team)).replies[0]).toBe(
      "There is no stage called “&lt;!channel&gt;”. Usage: `/tender stage &lt;courting|requirements|proposal|evaluation|awarded|closed&gt;`",
    );
    expect((await h.command("stage", team)).replies[0]).toBe(
      "Usage: `/tender stage &lt;courting|requirements|proposal|evaluation|awarded|closed&gt;`",
    );
    expect((await h.db.tender.findUniqueOrThrow({ where: { id: tender.id } })).stage).toBe("courting");
  });

  it("refuses someone who is not an owner, politely, and says how to pick a tender elsewhere", async () => {
    const { tender, team } = await tenderWithSellers();
    const { replies } = await h.command("stage requirements", { ...team, userId: PEOPLE.colleague });
    expect(replies).toEqual([
      `Only the owners of T-1 (<@${PEOPLE.owner}>) can change its stage. Ask one of them.`,
    ]);
    expect((await h.db.tender.findUniqueOrThrow({ where: { id: tender.id } })).stage).toBe("courting");
    const elsewhere = await h.command("stage requirements", { channelId: GENERAL_CHANNEL });
    expect(elsewhere.replies[0]).toContain("This channel belongs to no tender.");
    expect(elsewhere.replies[0]).toContain("Your open tenders: T-1 (<#");
    expect(await h.db.notice.count()).toBe(0);
  });
});

const datepicker = (day: string | null) => ({ type: "datepicker", selected_date: day });

/** The form's values as Slack sends them: every date as it stands in the form, and the note. */
function formValues(dates: KeyDays, note?: string) {
  return {
    [DATES_FORM.questionsDueOn.block]: {
      [DATES_FORM.questionsDueOn.action]: datepicker(dates.questionsDueOn),
    },
    [DATES_FORM.proposalsDueOn.block]: {
      [DATES_FORM.proposalsDueOn.action]: datepicker(dates.proposalsDueOn),
    },
    [DATES_FORM.awardPlannedOn.block]: {
      [DATES_FORM.awardPlannedOn.action]: datepicker(dates.awardPlannedOn),
    },
    [DATES_FORM.note.block]: { [DATES_FORM.note.action]: { type: "plain_text_input", value: note ?? null } },
  };
}

/** `/tender dates` in the team channel: the form Slack shows, and where its answer goes. */
async function openDatesForm(channelId: string, userId: string = PEOPLE.owner) {
  const result = await h.command("dates", { channelId, userId });
  const view = h.fake.views().at(-1);
  return { ...result, view };
}

async function submitDates(
  view: { id: string } | undefined,
  dates: KeyDays,
  options: { note?: string; userId?: string; userTeamId?: string; privateMetadata?: string } = {},
) {
  const response = await h.requests.viewSubmission({
    userId: options.userId ?? PEOPLE.owner,
    ...(options.userTeamId ? { userTeamId: options.userTeamId } : {}),
    callbackId: DATES_FORM.callbackId,
    ...(view ? { viewId: view.id } : {}),
    ...(options.privateMetadata === undefined ? {} : { privateMetadata: options.privateMetadata }),
    values: formValues(dates, options.note),
  });
  await h.settle();
  return response;
}

const answers = (responseUrl: string) =>
  h.fake.responses(responseUrl).map((response) => String((response.body as { text?: string }).text));

async function keyDays(tenderId: number): Promise<KeyDays> {
  const tender = await h.db.tender.findUniqueOrThrow({ where: { id: tenderId } });
  const iso = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null;
  return {
    questionsDueOn: iso(tender.questionsDueOn),
    proposalsDueOn: iso(tender.proposalsDueOn),
    awardPlannedOn: iso(tender.awardPlannedOn),
  };
}

describe("/tender dates: the form", () => {
  const current = {
    questionsDueOn: dayFromToday(10),
    proposalsDueOn: dayFromToday(20),
    awardPlannedOn: null,
  };

  it("opens for an owner with the current dates and remembers them", async () => {
    const { tender } = await tenderWithSellers(current);
    const { view, replies } = await openDatesForm(tender.teamChannelId);
    expect(replies).toEqual([]);
    expect(view?.view.callback_id).toBe(DATES_FORM.callbackId);
    const blocks = JSON.stringify(view?.view.blocks);
    expect(blocks).toContain(`"initial_date":"${current.questionsDueOn}"`);
    expect(blocks).toContain(`"initial_date":"${current.proposalsDueOn}"`);
    expect(JSON.parse(String(view?.view.private_metadata))).toMatchObject({
      tenderId: tender.id,
      opened: current,
    });
  });

  it("is refused to a colleague who is not an owner, to a seller's person and on a closed tender", async () => {
    const { tender, team, acme } = await tenderWithSellers(current);
    const before = h.fake.views().length;
    expect((await h.command("dates", { ...team, userId: PEOPLE.colleague })).replies).toEqual([
      `Only the owners of T-1 (<@${PEOPLE.owner}>) can move its key dates. Ask one of them.`,
    ]);
    expect((await h.command("dates", { channelId: acme.channelId, userId: PEOPLE.seller })).replies).toEqual([
      SELLER_COMMANDS,
    ]);
    await h.command("stage closed", team);
    expect((await h.command("dates", team)).replies).toEqual([
      "T-1 is closed: its key dates can no longer change.",
    ]);
    expect(h.fake.views()).toHaveLength(before);
    expect(await keyDays(tender.id)).toEqual(current);
  });

  it("puts each problem on its field and saves nothing", async () => {
    const { tender } = await tenderWithSellers(current);
    const { view } = await openDatesForm(tender.teamChannelId);
    const errorsOf = async (dates: KeyDays, note?: string) =>
      (await submitDates(view, dates, note === undefined ? {} : { note })).json();

    expect(await errorsOf(current)).toEqual({
      response_action: "errors",
      errors: { [DATES_FORM.questionsDueOn.block]: NOTHING_CHANGED },
    });
    expect(await errorsOf({ ...current, questionsDueOn: dayFromToday(-1) })).toEqual({
      response_action: "errors",
      errors: { [DATES_FORM.questionsDueOn.block]: DATE_PASSED },
    });
    expect(
      await errorsOf({ ...current, questionsDueOn: dayFromToday(25), awardPlannedOn: dayFromToday(22) }),
    ).toEqual({
      response_action: "errors",
      errors: {
        [DATES_FORM.proposalsDueOn.block]: DATE_OUT_OF_ORDER,
        [DATES_FORM.awardPlannedOn.block]: DATE_OUT_OF_ORDER,
      },
    });
    expect(
      await errorsOf({ ...current, awardPlannedOn: dayFromToday(30) }, "x".repeat(NOTE_MAX + 1)),
    ).toEqual({
      response_action: "errors",
      errors: { [DATES_FORM.note.block]: NOTE_TOO_LONG },
    });
    // No date picker sends these: a made-up request.
    expect(await errorsOf({ ...current, proposalsDueOn: "2030-02-30", awardPlannedOn: "tomorrow" })).toEqual({
      response_action: "errors",
      errors: {
        [DATES_FORM.proposalsDueOn.block]: PICK_A_DAY,
        [DATES_FORM.awardPlannedOn.block]: PICK_A_DAY,
      },
    });
    expect(await keyDays(tender.id)).toEqual(current);
    expect(await h.db.auditEvent.count({ where: { action: "tender.dates_changed" } })).toBe(0);
  });

  it("refuses a form whose memory was forged or names no tender of the workspace, and a seller's person", async () => {
    const { tender, acme } = await tenderWithSellers(current);
    const moved = { ...current, awardPlannedOn: dayFromToday(30) };
    for (const privateMetadata of [
      "",
      "not json",
      JSON.stringify({ tenderId: "1; DROP" }),
      '{"tenderId":-1}',
    ]) {
      const response = await submitDates(undefined, moved, { privateMetadata });
      expect(response.json(), privateMetadata).toEqual({
        response_action: "errors",
        errors: { [DATES_FORM.questionsDueOn.block]: DATES_FORM_LOST },
      });
    }
    const elsewhere = JSON.stringify({ tenderId: tender.id + 100, opened: current });
    expect((await submitDates(undefined, moved, { privateMetadata: elsewhere })).json()).toEqual({
      response_action: "errors",
      errors: { [DATES_FORM.questionsDueOn.block]: "This tender no longer exists." },
    });
    // A seller's person with a form made up to look like the owner's: checked on the server.
    const forged = JSON.stringify({ tenderId: tender.id, opened: current });
    await submitDates(undefined, moved, {
      privateMetadata: forged,
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
    });
    await h.outboxDrained();
    const dm = h.fake.imWith(PEOPLE.seller);
    expect(dm && h.fake.messages(dm.id).map((message) => message.text)).toEqual([
      `Only the owners of T-1 (<@${PEOPLE.owner}>) can move its key dates. Ask one of them.`,
    ]);
    expect(await keyDays(tender.id)).toEqual(current);
    expect(including(acme.channelId, "key dates")).toEqual([]);
  });
});

describe("/tender dates: saving", () => {
  const current = {
    questionsDueOn: dayFromToday(10),
    proposalsDueOn: dayFromToday(20),
    awardPlannedOn: null,
  };

  it("moves the dates, tells the team who moved what and every active seller channel with the Acknowledge button", async () => {
    const { tender, acme, globex, initech } = await tenderWithSellers(current);
    const { view, responseUrl } = await openDatesForm(tender.teamChannelId);
    const wanted = {
      questionsDueOn: dayFromToday(12),
      proposalsDueOn: dayFromToday(20),
      awardPlannedOn: dayFromToday(40),
    };
    const response = await submitDates(view, wanted, {
      note: "More time for <!channel> questions & site visits",
    });
    expect(response.body).toBe("");
    await h.outboxDrained();
    expect(await keyDays(tender.id)).toEqual(wanted);

    const lines = [
      `• *Questions close* ${shownDay(current.questionsDueOn)} → ${shownDay(wanted.questionsDueOn)}`,
      `• *Award planned* not set → ${shownDay(wanted.awardPlannedOn)}`,
    ];
    expect(answers(responseUrl)).toEqual([
      [
        "Key dates of T-1 saved. The team channel and 1 seller channel are told; sellers are asked to acknowledge.",
        ...lines,
      ].join("\n"),
    ]);
    const note = ["Note from the buyer:", ">More time for &lt;!channel&gt; questions &amp; site visits"];
    expect(including(tender.teamChannelId, "changed the key dates").map((message) => message.text)).toEqual([
      [`<@${PEOPLE.owner}> changed the key dates of ${HEADLINE}:`, ...lines, ...note].join("\n"),
    ]);
    const [told, ...more] = including(acme.channelId, "key dates");
    expect(more).toEqual([]);
    expect(told?.text).toBe([`The key dates of ${HEADLINE} have changed:`, ...lines, ...note].join("\n"));
    expect(shown(told)).not.toContain(PEOPLE.owner);
    const notice = await h.db.notice.findFirstOrThrow({ include: { receipts: true } });
    expect(notice).toMatchObject({
      kind: "dates",
      subject: "Key dates moved: questions close, award planned",
    });
    expect(notice.receipts.map((receipt) => receipt.sellerId)).toEqual([acme.id]);
    expect(acknowledgeValue(told)).toBe(String(notice.id));
    for (const quiet of [globex, initech]) expect(including(quiet.channelId, "key dates")).toEqual([]);

    const card = JSON.stringify(
      h.fake
        .calls("chat.update")
        .filter((call) => call.args.ts === tender.cardTs)
        .at(-1)?.args.blocks,
    );
    expect(card).toContain(`Questions close ${shownDay(wanted.questionsDueOn)}`);
    expect(card).toContain(`Award planned ${shownDay(wanted.awardPlannedOn)}`);
    const audit = await h.db.auditEvent.findFirstOrThrow({ where: { action: "tender.dates_changed" } });
    expect(audit).toMatchObject({ actorUserId: PEOPLE.owner });
    expect(audit.detail).toMatchObject({
      changes: [
        { field: "questionsDueOn", from: current.questionsDueOn, to: wanted.questionsDueOn },
        { field: "awardPlannedOn", from: null, to: wanted.awardPlannedOn },
      ],
    });
  });

  it("clears a date, keeps one already past, and asks again for each change", async () => {
    const past = { ...current, questionsDueOn: dayFromToday(-3) };
    const { tender, acme } = await tenderWithSellers(past);
    const first = await openDatesForm(tender.teamChannelId);
    await submitDates(first.view, { ...past, proposalsDueOn: null });
    const second = await openDatesForm(tender.teamChannelId);
    await submitDates(second.view, { ...past, proposalsDueOn: dayFromToday(21) });
    await h.outboxDrained();
    expect(await keyDays(tender.id)).toEqual({ ...past, proposalsDueOn: dayFromToday(21) });
    const told = including(acme.channelId, "key dates").map((message) => message.text);
    expect(told).toHaveLength(2);
    expect(told[0]).toContain(`• *Proposals due* ${shownDay(current.proposalsDueOn)} → no longer set`);
    expect(told[1]).toContain(`• *Proposals due* not set → ${shownDay(dayFromToday(21))}`);
    expect(await h.db.notice.count({ where: { kind: "dates" } })).toBe(2);
  });

  it("reopens questions when the questions date moves later", async () => {
    const closed = { ...current, questionsDueOn: dayFromToday(-2) };
    const { tender, acme } = await tenderWithSellers(closed);
    expect(
      questionsClosedOn(await h.db.tender.findUniqueOrThrow({ where: { id: tender.id } }), new Date()),
    ).toEqual(parseDay(closed.questionsDueOn));
    const { view } = await openDatesForm(tender.teamChannelId);
    await submitDates(view, { ...closed, questionsDueOn: dayFromToday(5) });
    await h.outboxDrained();
    const stored = await h.db.tender.findUniqueOrThrow({ where: { id: tender.id } });
    expect(questionsClosedOn(stored, new Date())).toBeUndefined();
    const reopened = `Questions are open again until ${shownDay(dayFromToday(5))}.`;
    expect(including(acme.channelId, "key dates")[0]?.text).toContain(reopened);
    expect(including(tender.teamChannelId, "changed the key dates")[0]?.text).toContain(reopened);
  });

  it("saves a form worked again after a crash once, and nothing from a form opened before another change", async () => {
    const { tender, acme } = await tenderWithSellers(current);
    const stale = await openDatesForm(tender.teamChannelId);
    const fresh = await openDatesForm(tender.teamChannelId);
    const wanted = { ...current, proposalsDueOn: dayFromToday(25) };
    await submitDates(fresh.view, wanted);
    await workLatestFormAgain(h);
    expect(answers(fresh.responseUrl)).toEqual([
      expect.stringMatching(/^Key dates of T-1 saved\./),
      "The key dates of T-1 are already as this form sets them; nothing changed.",
    ]);

    await submitDates(stale.view, { ...current, awardPlannedOn: dayFromToday(30) });
    await h.outboxDrained();
    expect(answers(stale.responseUrl)).toEqual([
      "The key dates of T-1 changed after this form was opened, so nothing was saved. Run `/tender dates` again to see them.",
    ]);
    expect(await keyDays(tender.id)).toEqual(wanted);
    expect(await h.db.auditEvent.count({ where: { action: "tender.dates_changed" } })).toBe(1);
    expect(await h.db.notice.count()).toBe(1);
    expect(including(acme.channelId, "key dates")).toHaveLength(1);
    expect(including(tender.teamChannelId, "changed the key dates")).toHaveLength(1);
  });

  it("takes the dates on the command line too", async () => {
    const { tender, team, acme } = await tenderWithSellers(current);
    const { replies } = await h.command(`dates questions ${dayFromToday(11)} proposals none`, team);
    await h.outboxDrained();
    expect(replies[0]).toMatch(/^Key dates of T-1 saved\./);
    expect(await keyDays(tender.id)).toEqual({
      ...current,
      questionsDueOn: dayFromToday(11),
      proposalsDueOn: null,
    });
    expect(including(acme.channelId, "key dates")).toHaveLength(1);

    expect((await h.command("dates questions", team)).replies).toEqual([DATES_USAGE]);
    expect((await h.command("dates deadline 2030-01-01", team)).replies).toEqual([DATES_USAGE]);
    expect((await h.command("dates award <!here>", team)).replies).toEqual([
      `“&lt;!here&gt;” is not a day: write it as yyyy-mm-dd, or none. ${DATES_USAGE}`,
    ]);
    expect((await h.command(`dates questions ${dayFromToday(11)}`, team)).replies).toEqual([NOTHING_CHANGED]);
    expect((await h.command(`dates award ${dayFromToday(-1)}`, team)).replies).toEqual([DATE_PASSED]);
    expect(await h.db.auditEvent.count({ where: { action: "tender.dates_changed" } })).toBe(1);
  });
});

describe("/tender dates: the nudges follow", () => {
  /** Monday 00:00 in Berlin some weeks ahead: the moments the tests pick are still to come. */
  const WEEK = DateTime.now().setZone(BERLIN).plus({ weeks: 3 }).startOf("week");
  const when = (day: number, time: string) => {
    const [hour, minute] = time.split(":").map(Number);
    return WEEK.plus({ days: day }).set({ hour, minute }).toJSDate();
  };
  const isoDayOf = (day: number) => WEEK.plus({ days: day }).toISODate() ?? "";

  it("reminds of the new date and not of the old one already planned", async () => {
    const THU = 3;
    const { tender, acme } = await tenderWithSellers({ questionsDueOn: isoDayOf(THU) });
    // Monday evening: the reminders of Thursday's date are planned for Tuesday morning.
    await h.room.runJobs(when(0, "20:00"));
    const planned = await h.db.delivery.findMany({
      where: { kind: { in: [NUDGE_DATE_TEAM.name, NUDGE_DATE_SELLER.name] } },
    });
    expect(planned.map((delivery) => delivery.key)).toEqual(
      expect.arrayContaining([
        dateKey(tender.id, "questions", isoDayOf(THU)),
        dateKey(tender.id, "questions", isoDayOf(THU), acme.id),
      ]),
    );
    expect(planned.every((delivery) => delivery.status === "pending")).toBe(true);

    const { view } = await openDatesForm(tender.teamChannelId);
    const moved = { questionsDueOn: isoDayOf(THU + 7), proposalsDueOn: null, awardPlannedOn: null };
    await submitDates(view, moved);
    await h.room.runJobs(when(1, "10:00"));
    // Their time came, and each found its date moved: nothing was posted.
    expect(
      await h.db.delivery.count({ where: { id: { in: planned.map((d) => d.id) }, status: "pending" } }),
    ).toBe(0);
    expect(including(tender.teamChannelId, ":calendar:")).toEqual([]);
    expect(including(acme.channelId, ":calendar:")).toEqual([]);

    await h.room.runJobs(when(7, "10:00"));
    const newDay = shownDay(isoDayOf(THU + 7));
    expect(including(tender.teamChannelId, ":calendar:").map((message) => message.text)).toEqual([
      `:calendar: ${HEADLINE}: *Questions due* in 3 days, ${newDay}.`,
    ]);
    expect(including(acme.channelId, ":calendar:").map((message) => message.text)).toEqual([
      `:calendar: Questions for *${HEADLINE}* are due in 3 days, ${newDay}. Ask yours in the requirement threads here.`,
    ]);
  });
});
