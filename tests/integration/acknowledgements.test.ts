import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACKNOWLEDGE_BUTTON, REMIND_BUTTON } from "../../src/features/acknowledgements/ids.js";
import { pendingAcknowledgements } from "../../src/features/acknowledgements/index.js";
import {
  acknowledgedAnswer,
  BUYER_ACKNOWLEDGES,
  NOBODY_PENDING,
  NOT_A_SELLER_CHANNEL,
  NOT_YOUR_CHANNEL,
  NOTICE_GONE,
  OTHER_TENDER,
  remindedAnswer,
} from "../../src/features/acknowledgements/views.js";
import { REVISION_FORM } from "../../src/features/revisions/ids.js";
import { BUTTON_NOT_READ } from "../../src/kernel/handlers.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
import { type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";

/** A person of Globex, the second seller. */
const GLOBEX = { id: "U0GLOBEX", teamId: "T0GLOBEX" };

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

/** A tender with Acme and Globex, and R-1 posted in both channels. */
async function tenderWithRequirement() {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  await h.command("invite Acme people@acme.example", { channelId: tender.teamChannelId });
  await h.command("invite Globex people@globex.example", { channelId: tender.teamChannelId });
  const [acme, globex] = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  if (!acme || !globex) throw new Error("both sellers are invited");
  await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: SELLER_TEAM } });
  await h.db.seller.update({ where: { id: globex.id }, data: { slackTeamId: GLOBEX.teamId } });
  await h.command("require Offline mode | Technicians work in basements.", {
    channelId: tender.teamChannelId,
  });
  await h.outboxDrained();
  const requirement = await h.db.requirement.findFirstOrThrow();
  return { tender, acme, globex, requirement };
}

const typed = (value: string) => ({ type: "plain_text_input", value });

/** `/tender revise R-1` by the owner, the form submitted with a change note. */
async function revise(teamChannelId: string, changeNote = "Offline for 72 hours, not 24.") {
  await h.command("revise R-1", { channelId: teamChannelId });
  const view = h.fake.views().at(-1);
  expect(view?.view.callback_id).toBe(REVISION_FORM.callbackId);
  await h.requests.viewSubmission({
    userId: PEOPLE.owner,
    callbackId: REVISION_FORM.callbackId,
    viewId: view?.id,
    values: {
      [REVISION_FORM.title.block]: { [REVISION_FORM.title.action]: typed("Offline mode for 72 hours") },
      [REVISION_FORM.details.block]: { [REVISION_FORM.details.action]: typed("Basements, 72 hours.") },
      [REVISION_FORM.priority.block]: {
        [REVISION_FORM.priority.action]: { type: "static_select", selected_option: { value: "must" } },
      },
      [REVISION_FORM.changeNote.block]: { [REVISION_FORM.changeNote.action]: typed(changeNote) },
    },
  });
  await h.outboxDrained();
}

const blocksOf = (message: FakeMessage) => JSON.stringify(message.blocks ?? []);
const everything = (channelId: string) =>
  h.fake.messages(channelId).map((message) => `${message.text}${blocksOf(message)}`);

/** The messages in a channel that carry "Acknowledge", with the notice id each names. */
function askingMessages(channelId: string): { message: FakeMessage; noticeId: string }[] {
  return h.fake.messages(channelId).flatMap((stored) => {
    const message = h.fake.message(channelId, stored.ts) ?? stored;
    const button = (message.blocks ?? [])
      .flatMap((block) => ((block as { elements?: unknown[] }).elements ?? []) as Record<string, unknown>[])
      .find((element) => element.action_id === ACKNOWLEDGE_BUTTON);
    return button ? [{ message, noticeId: String(button.value) }] : [];
  });
}

/** The board of a notice in the team channel. */
function board(teamChannelId: string, subject: string): FakeMessage {
  const found = h.fake.messages(teamChannelId).find((message) => message.text.includes(subject));
  if (!found) throw new Error(`no board for ${subject}`);
  return h.fake.message(teamChannelId, found.ts) ?? found;
}

interface PressOptions {
  userId: string;
  userTeamId?: string;
  channelId: string;
  messageTs?: string;
  triggerId?: string;
}

async function press(actionId: string, value: string, options: PressOptions): Promise<string[]> {
  const responseUrl = h.fake.responseUrl();
  await h.requests.blockAction({ ...options, actionId, value, responseUrl });
  await h.settle();
  await h.outboxDrained();
  return h.fake.responses(responseUrl).map((response) => String((response.body as { text?: string }).text));
}

/**
 * What a crash right after a press's change leaves behind, then the restart: the latest press kept
 * but not marked worked, its lease run out, worked again by the new instance.
 */
async function workLatestPressAgain(): Promise<void> {
  const item = await h.db.inboxItem.findFirstOrThrow({ where: { kind: "action" }, orderBy: { id: "desc" } });
  await h.db.inboxItem.update({
    where: { id: item.id },
    data: { status: "pending", leaseUntil: new Date(Date.now() - 1_000) },
  });
  await h.restart();
  await h.settle();
  await h.outboxDrained();
  expect(await h.db.inboxItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
    status: "done",
  });
}

const acmePerson = { userId: PEOPLE.seller, userTeamId: SELLER_TEAM };
const globexPerson = { userId: GLOBEX.id, userTeamId: GLOBEX.teamId };

/** Acme's person presses "Acknowledge" on Acme's copy of the change. */
async function acmeAcknowledges(acmeChannel: string, index = 0, extra: Partial<PressOptions> = {}) {
  const asking = askingMessages(acmeChannel)[index];
  if (!asking) throw new Error("Acme has no change to acknowledge");
  const answers = await press(ACKNOWLEDGE_BUTTON, asking.noticeId, {
    ...acmePerson,
    channelId: acmeChannel,
    messageTs: asking.message.ts,
    ...extra,
  });
  return { answers, asking };
}

describe("changes that sellers acknowledge", () => {
  it("puts Acknowledge on a revision, a clarification and a withdrawal in every seller's thread, with a board for each", async () => {
    const { tender, acme, globex, requirement } = await tenderWithRequirement();
    await revise(tender.teamChannelId);
    await h.command("clarify R-1 Does it include basements? | Yes, basements count.", {
      channelId: tender.teamChannelId,
    });
    await h.command("withdraw R-1 Covered by R-2 now.", { channelId: tender.teamChannelId });
    await h.outboxDrained();

    const notices = await h.db.notice.findMany({ orderBy: { id: "asc" }, include: { receipts: true } });
    const clarification = await h.db.clarification.findFirstOrThrow();
    expect(notices.map(({ key, kind, subject }) => ({ key, kind, subject }))).toEqual([
      { key: `revision:${requirement.id}:v2`, kind: "revision", subject: "R-1 revised to v2" },
      { key: `clarification:${clarification.id}`, kind: "clarification", subject: "Clarification on R-1" },
      { key: `withdrawal:${requirement.id}`, kind: "withdrawal", subject: "R-1 withdrawn" },
    ]);
    for (const notice of notices) {
      expect(notice.receipts.map((receipt) => [receipt.sellerId, receipt.acknowledgedAt])).toEqual([
        [acme.id, null],
        [globex.id, null],
      ]);
    }
    const post = await h.db.requirementPost.findFirstOrThrow({ where: { sellerId: acme.id } });
    for (const seller of [acme, globex]) {
      const asking = askingMessages(seller.channelId);
      expect(asking.map((found) => found.noticeId)).toEqual(notices.map((notice) => String(notice.id)));
      const [revised, clarified, withdrawn] = asking.map((found) => found.message);
      expect(revised?.text).toContain("R-1 revised to v2: Offline for 72 hours, not 24.");
      expect(clarified?.text).toContain("*Clarification on R-1*");
      expect(withdrawn?.text).toContain("R-1 was withdrawn by the buyer: Covered by R-2 now.");
      if (seller.id === acme.id) expect(revised?.threadTs).toBe(post.ts);
    }
    for (const subject of ["R-1 revised to v2", "Clarification on R-1", "R-1 withdrawn"]) {
      const shown = board(tender.teamChannelId, subject);
      expect(blocksOf(shown)).toContain("0 of 2 sellers acknowledged.");
      expect(blocksOf(shown)).toContain("• *Acme*: pending\\n• *Globex*: pending");
      expect(blocksOf(shown)).toContain(REMIND_BUTTON);
    }
    expect(everything(globex.channelId).some((text) => text.includes("Acme"))).toBe(false);
    expect(everything(acme.channelId).some((text) => text.includes("Globex"))).toBe(false);
  });

  it("asks only the sellers that get what is new; the others' copies are still updated", async () => {
    const { tender, acme, globex } = await tenderWithRequirement();
    await h.db.seller.update({ where: { id: globex.id }, data: { intent: "not_bidding" } });
    await revise(tender.teamChannelId);
    expect(askingMessages(acme.channelId)).toHaveLength(1);
    expect(askingMessages(globex.channelId)).toEqual([]);
    const post = await h.db.requirementPost.findFirstOrThrow({ where: { sellerId: globex.id } });
    expect(post.shownVersion).toBe(2);
    const notice = await h.db.notice.findFirstOrThrow({ include: { receipts: true } });
    expect(notice.receipts.map((receipt) => receipt.sellerId)).toEqual([acme.id]);
  });
});

describe("a seller invited after a clarification", () => {
  it("gets it with Acknowledge and is pending on its board", async () => {
    await h.command("new Field service platform");
    const tender = await h.db.tender.findFirstOrThrow();
    const team = { channelId: tender.teamChannelId };
    await h.command("invite Acme people@acme.example", team);
    await h.command("require Offline mode | Technicians work in basements.", team);
    await h.outboxDrained();
    await h.command("clarify R-1 Yes, basements count.", team);
    await h.outboxDrained();
    await h.command("invite Globex people@globex.example", team);
    await h.outboxDrained();
    const globex = await h.db.seller.findFirstOrThrow({ where: { name: "Globex" } });
    const notice = await h.db.notice.findFirstOrThrow();
    const asking = askingMessages(globex.channelId);
    expect(asking.map((found) => found.noticeId)).toEqual([String(notice.id)]);
    expect(asking[0]?.message.text).toContain("*Clarification on R-1*");
    expect((await pendingAcknowledgements(h.db, tender.id, globex.id)).map((found) => found.id)).toEqual([
      notice.id,
    ]);
    const shown = blocksOf(board(tender.teamChannelId, "Clarification on R-1"));
    expect(shown).toContain("0 of 2 sellers acknowledged.");
    expect(shown).toContain("• *Globex*: pending");
  });
});

describe("Acknowledge", () => {
  it("records Acme's person and the time, updates Acme's copy and shows Acme acknowledged and Globex pending", async () => {
    const { tender, acme, globex } = await tenderWithRequirement();
    await revise(tender.teamChannelId);
    const { answers, asking } = await acmeAcknowledges(acme.channelId);
    expect(answers).toEqual([acknowledgedAnswer({ subject: "R-1 revised to v2" })]);

    const receipt = await h.db.noticeReceipt.findFirstOrThrow({ where: { sellerId: acme.id } });
    expect(receipt.acknowledgedBy).toBe(PEOPLE.seller);
    expect(receipt.acknowledgedAt).toBeInstanceOf(Date);
    const copy = h.fake.message(acme.channelId, asking.message.ts);
    expect(blocksOf(copy as FakeMessage)).not.toContain(ACKNOWLEDGE_BUTTON);
    expect(blocksOf(copy as FakeMessage)).toContain(`Acknowledged by <@${PEOPLE.seller}> (<!date^`);
    expect(blocksOf(copy as FakeMessage)).toContain("R-1 revised to v2: Offline for 72 hours, not 24.");
    expect(askingMessages(globex.channelId)).toHaveLength(1);

    const shown = blocksOf(board(tender.teamChannelId, "R-1 revised to v2"));
    expect(shown).toContain("1 of 2 sellers acknowledged.");
    expect(shown).toContain(`• *Acme*: acknowledged by <@${PEOPLE.seller}> (<!date^`);
    expect(shown).toContain("• *Globex*: pending");
    expect(shown).toContain(REMIND_BUTTON);
    expect(
      await h.db.auditEvent.count({ where: { action: "notice.acknowledged", actorUserId: PEOPLE.seller } }),
    ).toBe(1);
    expect(everything(globex.channelId).some((text) => text.includes(PEOPLE.seller))).toBe(false);
  });

  it("answers a second press, by anyone of Acme, with who acknowledged and when, and changes nothing", async () => {
    const { tender, acme } = await tenderWithRequirement();
    await revise(tender.teamChannelId);
    const { asking } = await acmeAcknowledges(acme.channelId);
    const before = await h.db.noticeReceipt.findFirstOrThrow({ where: { sellerId: acme.id } });
    const updates = h.fake.calls("chat.update").length;
    for (const userId of [PEOPLE.seller, PEOPLE.sellerTwo]) {
      const answers = await press(ACKNOWLEDGE_BUTTON, asking.noticeId, {
        userId,
        userTeamId: SELLER_TEAM,
        channelId: acme.channelId,
        messageTs: asking.message.ts,
      });
      expect(answers).toHaveLength(1);
      expect(answers[0]).toMatch(
        /^\*R-1 revised to v2\* was already acknowledged by <@U0SELLER> \(<!date\^\d+\^.*\); nothing more to do\.$/,
      );
    }
    expect(await h.db.noticeReceipt.findFirstOrThrow({ where: { sellerId: acme.id } })).toEqual(before);
    expect(h.fake.calls("chat.update")).toHaveLength(updates);
    expect(await h.db.auditEvent.count({ where: { action: "notice.acknowledged" } })).toBe(1);
  });

  it("refuses Globex's person in Acme's channel, the buyer's people, and a press outside a seller channel", async () => {
    const { tender, acme } = await tenderWithRequirement();
    await revise(tender.teamChannelId);
    const [asking] = askingMessages(acme.channelId);
    if (!asking) throw new Error("Acme has no change to acknowledge");
    const at = { channelId: acme.channelId, messageTs: asking.message.ts };
    expect(await press(ACKNOWLEDGE_BUTTON, asking.noticeId, { ...globexPerson, ...at })).toEqual([
      NOT_YOUR_CHANNEL,
    ]);
    for (const userId of [PEOPLE.owner, PEOPLE.colleague]) {
      expect(await press(ACKNOWLEDGE_BUTTON, asking.noticeId, { userId, ...at })).toEqual([
        BUYER_ACKNOWLEDGES,
      ]);
    }
    expect(
      await press(ACKNOWLEDGE_BUTTON, asking.noticeId, {
        userId: PEOPLE.owner,
        channelId: tender.teamChannelId,
      }),
    ).toEqual([BUYER_ACKNOWLEDGES]);
    expect(
      await press(ACKNOWLEDGE_BUTTON, asking.noticeId, { ...acmePerson, channelId: tender.teamChannelId }),
    ).toEqual([NOT_A_SELLER_CHANNEL]);
    expect(await h.db.noticeReceipt.count({ where: { acknowledgedAt: { not: null } } })).toBe(0);
    expect(askingMessages(acme.channelId)).toHaveLength(1);
    expect(blocksOf(board(tender.teamChannelId, "R-1 revised to v2"))).toContain("0 of 2 sellers");
  });

  it("answers values the app never wrote: not a number, an unknown notice, another tender's", async () => {
    const { tender, acme } = await tenderWithRequirement();
    await revise(tender.teamChannelId);
    await h.command("new Another tender");
    const other = await h.db.tender.findFirstOrThrow({ where: { number: 2 } });
    const foreign = await h.db.notice.create({
      data: {
        tenderId: other.id,
        key: "revision:other",
        kind: "revision",
        subject: "R-9 revised to v2",
        createdBy: PEOPLE.owner,
      },
    });
    const at = { ...acmePerson, channelId: acme.channelId };
    for (const value of ["abc", "-1", "1.5", "<!channel>", ""]) {
      expect(await press(ACKNOWLEDGE_BUTTON, value, at)).toEqual([BUTTON_NOT_READ]);
      expect(
        await press(REMIND_BUTTON, value, { userId: PEOPLE.owner, channelId: tender.teamChannelId }),
      ).toEqual([BUTTON_NOT_READ]);
    }
    expect(await press(ACKNOWLEDGE_BUTTON, "999999", at)).toEqual([NOTICE_GONE]);
    expect(
      await press(REMIND_BUTTON, "999999", { userId: PEOPLE.owner, channelId: tender.teamChannelId }),
    ).toEqual([NOTICE_GONE]);
    expect(await press(ACKNOWLEDGE_BUTTON, String(foreign.id), at)).toEqual([OTHER_TENDER]);
    expect(await h.db.noticeReceipt.count({ where: { acknowledgedAt: { not: null } } })).toBe(0);
    expect(await h.db.noticeReceipt.count({ where: { noticeId: foreign.id } })).toBe(0);
  });

  it("records a seller that had no receipt yet, e.g. one that got the change later", async () => {
    const { tender, acme } = await tenderWithRequirement();
    await revise(tender.teamChannelId);
    await h.db.noticeReceipt.deleteMany({ where: { sellerId: acme.id } });
    const { answers } = await acmeAcknowledges(acme.channelId);
    expect(answers).toEqual([acknowledgedAnswer({ subject: "R-1 revised to v2" })]);
    const notice = await h.db.notice.findFirstOrThrow();
    expect(await pendingAcknowledgements(h.db, tender.id, acme.id)).toEqual([]);
    expect(await h.db.noticeReceipt.findFirstOrThrow({ where: { sellerId: acme.id } })).toMatchObject({
      noticeId: notice.id,
      acknowledgedBy: PEOPLE.seller,
    });
  });

  it("does one press once: delivered twice, and worked again after a crash", async () => {
    const { tender, acme } = await tenderWithRequirement();
    await revise(tender.teamChannelId);
    const triggerId = "1234567890123.1234567890.acknowledgeonce";
    const [asking] = askingMessages(acme.channelId);
    if (!asking) throw new Error("Acme has no change to acknowledge");
    const once = { ...acmePerson, channelId: acme.channelId, messageTs: asking.message.ts, triggerId };
    expect(await press(ACKNOWLEDGE_BUTTON, asking.noticeId, once)).toEqual([
      acknowledgedAnswer({ subject: "R-1 revised to v2" }),
    ]);
    expect(await press(ACKNOWLEDGE_BUTTON, asking.noticeId, once)).toEqual([]);
    const deliveries = await h.db.delivery.count();
    const updates = h.fake.calls("chat.update").length;
    const posts = h.fake.calls("chat.postMessage").length;

    await workLatestPressAgain();
    expect(await h.db.auditEvent.count({ where: { action: "notice.acknowledged" } })).toBe(1);
    expect(await h.db.delivery.count()).toBe(deliveries);
    expect(h.fake.calls("chat.update")).toHaveLength(updates);
    expect(h.fake.calls("chat.postMessage")).toHaveLength(posts);
    const receipt = await h.db.noticeReceipt.findFirstOrThrow({ where: { sellerId: acme.id } });
    expect(receipt.acknowledgedBy).toBe(PEOPLE.seller);
  });
});

describe("Remind pending sellers", () => {
  it("reminds each pending seller once a day, for the owners only, until every seller has acknowledged", async () => {
    const { tender, acme, globex } = await tenderWithRequirement();
    await revise(tender.teamChannelId);
    await acmeAcknowledges(acme.channelId);
    const notice = await h.db.notice.findFirstOrThrow();
    const owner = { userId: PEOPLE.owner, channelId: tender.teamChannelId };
    const reminders = (channelId: string) =>
      h.fake.messages(channelId).filter((message) => message.text.startsWith("*Reminder:*"));

    const refused = await press(REMIND_BUTTON, String(notice.id), { ...owner, userId: PEOPLE.colleague });
    expect(refused[0]).toMatch(
      /^Only the owners of T-1 \(<@U0OWNER>\) can remind sellers to acknowledge changes\./,
    );
    expect(reminders(globex.channelId)).toEqual([]);

    expect(await press(REMIND_BUTTON, String(notice.id), owner)).toEqual([remindedAnswer(1)]);
    expect(reminders(acme.channelId)).toEqual([]);
    const [reminder] = reminders(globex.channelId);
    expect(reminder?.text).toContain("acknowledge *R-1 revised to v2*, posted <!date^");
    expect(askingMessages(globex.channelId).map((found) => found.noticeId)).toEqual([
      String(notice.id),
      String(notice.id),
    ]);
    expect(blocksOf(board(tender.teamChannelId, "R-1 revised to v2"))).toContain(
      "Pending sellers reminded <!date^",
    );
    const remindedAt = (await h.db.notice.findUniqueOrThrow({ where: { id: notice.id } })).remindedAt;
    expect(remindedAt).toBeInstanceOf(Date);

    const tooSoon = await press(REMIND_BUTTON, String(notice.id), owner);
    expect(tooSoon[0]).toMatch(
      /^Pending sellers were reminded <!date\^\d+\^.*>; the next reminder is possible from <!date\^\d+\^.*>\.$/,
    );
    const next = Math.floor(((remindedAt?.getTime() ?? 0) + 24 * 3_600_000) / 1000);
    expect(tooSoon[0]).toContain(`<!date^${next}^`);
    expect(reminders(globex.channelId)).toHaveLength(1);

    // A day later the owners may remind again.
    await h.db.notice.update({
      where: { id: notice.id },
      data: { remindedAt: new Date(Date.now() - 24 * 3_600_000 - 1_000) },
    });
    expect(await press(REMIND_BUTTON, String(notice.id), { ...owner, userId: PEOPLE.owner })).toEqual([
      remindedAnswer(1),
    ]);
    expect(reminders(globex.channelId)).toHaveLength(2);
    expect(await h.db.auditEvent.count({ where: { action: "notice.reminded" } })).toBe(2);

    // Globex acknowledges from the latest reminder: it says so, and there is nobody left to remind.
    const latest = reminders(globex.channelId).at(-1);
    const answers = await press(ACKNOWLEDGE_BUTTON, String(notice.id), {
      ...globexPerson,
      channelId: globex.channelId,
      messageTs: latest?.ts,
    });
    expect(answers).toEqual([acknowledgedAnswer({ subject: "R-1 revised to v2" })]);
    expect(blocksOf(h.fake.message(globex.channelId, latest?.ts ?? "") as FakeMessage)).toContain(
      `Acknowledged by <@${GLOBEX.id}>`,
    );
    const shown = blocksOf(board(tender.teamChannelId, "R-1 revised to v2"));
    expect(shown).toContain("2 of 2 sellers acknowledged.");
    expect(shown).not.toContain(REMIND_BUTTON);
    await h.db.notice.update({ where: { id: notice.id }, data: { remindedAt: null } });
    expect(await press(REMIND_BUTTON, String(notice.id), owner)).toEqual([NOBODY_PENDING]);
    expect(reminders(globex.channelId)).toHaveLength(2);
    expect(everything(globex.channelId).some((text) => text.includes("Acme"))).toBe(false);
  });

  it("reminds once when the same press is delivered twice and worked again after a crash", async () => {
    const { tender, globex } = await tenderWithRequirement();
    await revise(tender.teamChannelId);
    const notice = await h.db.notice.findFirstOrThrow();
    const once = {
      userId: PEOPLE.owner,
      channelId: tender.teamChannelId,
      triggerId: "1234567890123.1234567890.remindonce",
    };
    expect(await press(REMIND_BUTTON, String(notice.id), once)).toEqual([remindedAnswer(2)]);
    expect(await press(REMIND_BUTTON, String(notice.id), once)).toEqual([]);
    const posts = h.fake.calls("chat.postMessage").length;
    const deliveries = await h.db.delivery.count();
    await workLatestPressAgain();
    expect(h.fake.calls("chat.postMessage")).toHaveLength(posts);
    expect(await h.db.delivery.count()).toBe(deliveries);
    expect(await h.db.auditEvent.count({ where: { action: "notice.reminded" } })).toBe(1);
    expect(h.fake.messages(globex.channelId).filter((m) => m.text.startsWith("*Reminder:*"))).toHaveLength(1);
  });
});

describe("/tender status", () => {
  it("lists each seller's pending acknowledgements", async () => {
    const { tender, acme, globex } = await tenderWithRequirement();
    await revise(tender.teamChannelId);
    await h.command("clarify R-1 Yes, basements count.", { channelId: tender.teamChannelId });
    await h.outboxDrained();
    await acmeAcknowledges(acme.channelId);
    const { replies } = await h.command("status", { channelId: tender.teamChannelId });
    const lines = replies[0]?.split("\n") ?? [];
    const linesOf = (name: string) => lines.slice(lines.findIndex((line) => line.startsWith(`• *${name}*`)));
    expect(linesOf("Acme").find((line) => line.includes("Acknowledgements pending"))).toBe(
      "   Acknowledgements pending: Clarification on R-1",
    );
    expect(linesOf("Globex").find((line) => line.includes("Acknowledgements pending"))).toBe(
      "   Acknowledgements pending: R-1 revised to v2, Clarification on R-1",
    );
    expect(
      (await pendingAcknowledgements(h.db, tender.id, globex.id)).map((notice) => notice.subject),
    ).toEqual(["R-1 revised to v2", "Clarification on R-1"]);
  });
});
