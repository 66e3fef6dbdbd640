import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ESTIMATE_FORM_CALLBACK, estimateField, QUANTIFY_BUTTON } from "../../src/features/estimates/ids.js";
import { METRIC_FORM } from "../../src/features/metrics/ids.js";
import { NUDGE_QUANTIFY, NUDGE_STALE_ESTIMATE } from "../../src/features/nudges/deliveries.js";
import { quantifyKey, staleKey } from "../../src/features/nudges/ids.js";
import { QUANTIFY_NUDGE } from "../../src/features/nudges/views.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
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

const BERLIN = "Europe/Berlin";

/**
 * Monday 00:00 in Berlin (the owner's zone, and so the tender's) of a week some weeks ahead: every
 * moment the tests pick is still to come for the real clock, so the outbox holds what they plan
 * until the test's own `runJobs(moment)`.
 */
const WEEK = DateTime.now().setZone(BERLIN).plus({ weeks: 3 }).startOf("week");
const MON = 0;
const TUE = 1;
const WED = 2;

/** A moment of the test weeks on the Berlin clock: `day` 0 is Monday, 7 the next Monday. */
function when(day: number, time: string): Date {
  const [hour, minute] = time.split(":").map(Number);
  return WEEK.plus({ days: day }).set({ hour, minute }).toJSDate();
}

const MTTR = "metric add Mean time to repair | hours | 4 | 2";

/**
 * A tender with these sellers (Acme's people are Sam and Sue) and M-1, defined on Monday 10:00 of
 * the test week as far as the nudges can tell.
 */
async function tenderWithMetric(...sellerNames: string[]) {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow({ orderBy: { id: "desc" } });
  for (const name of sellerNames)
    await h.command(`invite ${name} people@${name.toLowerCase()}.example`, {
      channelId: tender.teamChannelId,
    });
  const sellers = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  const acme = sellers.find((seller) => seller.name === "Acme");
  if (acme) await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: SELLER_TEAM } });
  await h.command(MTTR, { channelId: tender.teamChannelId });
  await h.outboxDrained();
  const defined = when(MON, "10:00");
  const metric = await h.db.metric.update({
    where: { tenderId_number: { tenderId: tender.id, number: 1 } },
    data: { createdAt: defined, updatedAt: defined },
  });
  return { tender, sellers, metric };
}

const quantifyNudges = (channelId: string): FakeMessage[] =>
  h.fake.messages(channelId).filter((message) => message.text === QUANTIFY_NUDGE);

const updateNudges = (channelId: string): FakeMessage[] =>
  h.fake.messages(channelId).filter((message) => message.text.includes("please update it"));

/** The value of the message's "Quantify your impact" button. */
function quantifyValue(message: FakeMessage | undefined): string | undefined {
  return ((message?.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[])
    .flatMap((block) => block.elements ?? [])
    .find((element) => element.action_id === QUANTIFY_BUTTON)?.value;
}

/** Sam presses "Quantify your impact" in Acme's channel; the form that opened. */
async function pressQuantify(channelId: string, metricId: number) {
  const views = h.fake.views().length;
  await h.requests.blockAction({
    userId: PEOPLE.seller,
    channelId,
    actionId: QUANTIFY_BUTTON,
    value: String(metricId),
    responseUrl: h.fake.responseUrl(),
  });
  await h.settle();
  return h.fake.views().length > views ? h.fake.views().at(-1) : undefined;
}

/** Sam saves Acme's estimate on M-1 with the form. */
async function quantifyWithForm(channelId: string, metricId: number, value: string) {
  const view = await pressQuantify(channelId, metricId);
  expect(view?.view.callback_id).toBe(ESTIMATE_FORM_CALLBACK);
  const field = (part: "value" | "confidence") => estimateField(metricId, part);
  const response = await h.requests.viewSubmission({
    userId: PEOPLE.seller,
    callbackId: ESTIMATE_FORM_CALLBACK,
    viewId: view?.id,
    values: {
      [field("value").block]: { [field("value").action]: { type: "plain_text_input", value } },
      [field("confidence").block]: {
        [field("confidence").action]: { type: "static_select", selected_option: { value: "high" } },
      },
    },
  });
  expect(response.status).toBe(200);
  await h.settle();
  await h.outboxDrained();
}

/** A seller's estimates saved as version `version`, on M-1 as it was in `metricVersion`. */
async function estimatesOf(
  seller: { id: number; tenderId: number },
  metric: { id: number },
  version: number,
  metricVersion: number,
) {
  await h.db.estimateSet.create({
    data: {
      tenderId: seller.tenderId,
      sellerId: seller.id,
      version,
      authorUserId: "U0GLOBEX",
      authorTeamId: "T0GLOBEX",
      authorName: "Gina Globex",
      estimates: { create: [{ metricId: metric.id, metricVersion, value: 3, confidence: "medium" }] },
    },
  });
}

/** An owner changes M-1 with `/tender metric edit M-1`; `at` is when, as the nudges see it. */
async function changeMetric(
  teamChannelId: string,
  metricId: number,
  change: { target: string; name?: string },
  at: Date,
) {
  await h.command("metric edit M-1", { channelId: teamChannelId });
  const view = h.fake.views().at(-1);
  const typed = { name: "Mean time to repair", unit: "hours", baseline: "4", weight: "1", ...change };
  const values: Record<string, Record<string, { type: string; value: string }>> = {};
  for (const [name, value] of Object.entries(typed)) {
    const field = METRIC_FORM[name as keyof typeof typed];
    values[field.block] = { [field.action]: { type: "plain_text_input", value } };
  }
  const response = await h.requests.viewSubmission({
    userId: PEOPLE.owner,
    callbackId: METRIC_FORM.callbackId,
    viewId: view?.id,
    values,
  });
  expect(response.status).toBe(200);
  await h.settle();
  await h.outboxDrained();
  return h.db.metric.update({ where: { id: metricId }, data: { updatedAt: at } });
}

describe("a seller that has not quantified", () => {
  it("gets one nudge in its channel with the button, 5 business days after the first key metric", async () => {
    const { sellers, metric } = await tenderWithMetric("Acme", "Globex");
    const [acme, globex] = sellers;
    if (!acme || !globex) throw new Error("the sellers were not invited");

    await h.room.runJobs(when(MON + 7, "09:59"));
    expect(await h.db.delivery.count({ where: { kind: NUDGE_QUANTIFY.name } })).toBe(0);

    await h.room.runJobs(when(MON + 7, "10:00"));
    for (const seller of [acme, globex]) {
      const [nudge, ...more] = quantifyNudges(seller.channelId);
      expect(more).toEqual([]);
      expect(nudge?.threadTs).toBeUndefined();
      expect(quantifyValue(nudge)).toBe(String(metric.id));
      expect(JSON.stringify(nudge?.blocks)).toContain("Quantify your impact");
      expect(await h.db.delivery.findUniqueOrThrow({ where: { key: quantifyKey(seller.id) } })).toMatchObject(
        {
          kind: NUDGE_QUANTIFY.name,
          status: "sent",
          channelId: seller.channelId,
          sellerId: seller.id,
          ts: nudge?.ts,
        },
      );
    }
    expect(JSON.stringify(quantifyNudges(acme.channelId)[0]?.blocks)).toContain(
      "The buyer weighs every offer in its key metrics",
    );

    // The button opens the seller's estimates form.
    const form = await pressQuantify(acme.channelId, metric.id);
    expect(form?.view.callback_id).toBe(ESTIMATE_FORM_CALLBACK);
    expect(JSON.stringify(form?.view)).toContain("M-1 · Mean time to repair");

    for (const moment of [when(MON + 7, "15:00"), when(TUE + 7, "10:00"), when(MON + 14, "10:00")])
      await h.room.runJobs(moment);
    expect(quantifyNudges(acme.channelId)).toHaveLength(1);
    expect(quantifyNudges(globex.channelId)).toHaveLength(1);
    expect(await h.db.delivery.count({ where: { kind: NUDGE_QUANTIFY.name } })).toBe(2);
  });

  it("is not nudged once it quantified, nor when it quantifies before the nudge's morning", async () => {
    const { sellers, metric } = await tenderWithMetric("Acme", "Globex");
    const [acme, globex] = sellers;
    if (!acme || !globex) throw new Error("the sellers were not invited");
    await quantifyWithForm(acme.channelId, metric.id, "2.5");
    expect(await h.db.estimateSet.count({ where: { sellerId: acme.id } })).toBe(1);

    // Found due in the evening: Globex's nudge waits for the morning.
    await h.room.runJobs(when(MON + 7, "20:00"));
    expect(await h.db.delivery.findUnique({ where: { key: quantifyKey(acme.id) } })).toBeNull();
    expect(await h.db.delivery.findUniqueOrThrow({ where: { key: quantifyKey(globex.id) } })).toMatchObject({
      status: "pending",
      leaseUntil: when(TUE + 7, "09:00"),
    });
    await estimatesOf(globex, metric, 1, 1);
    await h.room.runJobs(when(TUE + 7, "09:00"));

    expect(quantifyNudges(acme.channelId)).toEqual([]);
    expect(quantifyNudges(globex.channelId)).toEqual([]);
    expect(await h.db.delivery.findUniqueOrThrow({ where: { key: quantifyKey(globex.id) } })).toMatchObject({
      status: "sent",
      ts: null,
    });
  });

  it("is not nudged while nudges are off or the tender is in a quiet stage", async () => {
    const { tender, sellers } = await tenderWithMetric("Acme");
    const [acme] = sellers;
    if (!acme) throw new Error("the seller was not invited");
    await h.command("nudges off", { channelId: tender.teamChannelId });
    await h.room.runJobs(when(MON + 7, "10:00"));
    expect(await h.db.delivery.count({ where: { kind: NUDGE_QUANTIFY.name } })).toBe(0);

    await h.command("nudges on", { channelId: tender.teamChannelId });
    await h.command("stage proposal", { channelId: tender.teamChannelId });
    await h.room.runJobs(when(TUE + 7, "10:00"));
    expect(await h.db.delivery.count({ where: { kind: NUDGE_QUANTIFY.name } })).toBe(0);

    // Planned in the evening, then nudges are turned off before the morning: nothing is posted.
    await h.command("stage requirements", { channelId: tender.teamChannelId });
    await h.outboxDrained();
    await h.room.runJobs(when(TUE + 7, "20:00"));
    expect(await h.db.delivery.count({ where: { kind: NUDGE_QUANTIFY.name, status: "pending" } })).toBe(1);
    await h.command("nudges off", { channelId: tender.teamChannelId });
    await h.room.runJobs(when(WED + 7, "09:00"));
    expect(quantifyNudges(acme.channelId)).toEqual([]);
    expect(await h.db.delivery.findUniqueOrThrow({ where: { key: quantifyKey(acme.id) } })).toMatchObject({
      status: "sent",
      ts: null,
    });
  });

  it("skips a seller whose invitation was declined, and a tender whose metrics are all retired", async () => {
    const { tender, sellers } = await tenderWithMetric("Acme", "Globex");
    const [acme, globex] = sellers;
    if (!acme || !globex) throw new Error("the sellers were not invited");
    await h.db.seller.update({ where: { id: globex.id }, data: { status: "declined" } });
    await h.room.runJobs(when(MON + 7, "20:00"));
    const planned = await h.db.delivery.findMany({ where: { kind: NUDGE_QUANTIFY.name } });
    expect(planned.map((delivery) => delivery.key)).toEqual([quantifyKey(acme.id)]);

    // The nudge is held until the morning: no waiting for an empty outbox from here on.
    await h.command("metric retire M-1", { channelId: tender.teamChannelId });
    await h.room.runJobs(when(TUE + 7, "09:00"));
    expect(quantifyNudges(acme.channelId)).toEqual([]);
    expect(quantifyNudges(globex.channelId)).toEqual([]);
  });
});

describe("an estimate made before its metric changed", () => {
  it("gets one nudge per version of the metric, 5 business days after the change", async () => {
    const { tender, sellers, metric } = await tenderWithMetric("Acme");
    const [acme] = sellers;
    if (!acme) throw new Error("the seller was not invited");
    await quantifyWithForm(acme.channelId, metric.id, "2.5");
    await changeMetric(
      tender.teamChannelId,
      metric.id,
      { target: "1.5", name: "Mean time to <repair> & return" },
      when(MON, "10:00"),
    );
    expect(await h.db.metric.findUniqueOrThrow({ where: { id: metric.id } })).toMatchObject({ version: 2 });

    await h.room.runJobs(when(MON + 7, "09:59"));
    expect(await h.db.delivery.count({ where: { kind: NUDGE_STALE_ESTIMATE.name } })).toBe(0);

    await h.room.runJobs(when(MON + 7, "10:00"));
    const [nudge, ...more] = updateNudges(acme.channelId);
    expect(more).toEqual([]);
    expect(nudge?.text).toBe(
      "*M-1 · Mean time to &lt;repair&gt; &amp; return* changed (now from 4 hours today to 1.5 hours, lower is better); your estimate was made against the earlier values: please update it.",
    );
    expect(quantifyValue(nudge)).toBe(String(metric.id));
    expect(
      await h.db.delivery.findUniqueOrThrow({ where: { key: staleKey(acme.id, metric.id, 2) } }),
    ).toMatchObject({ status: "sent", channelId: acme.channelId, ts: nudge?.ts });
    expect(quantifyNudges(acme.channelId)).toEqual([]);

    for (const moment of [when(MON + 7, "15:00"), when(TUE + 7, "10:00")]) await h.room.runJobs(moment);
    expect(updateNudges(acme.channelId)).toHaveLength(1);

    // Changed again: a nudge of its own once the new version has waited as long.
    await changeMetric(tender.teamChannelId, metric.id, { target: "1" }, when(TUE + 7, "11:00"));
    await h.room.runJobs(when(TUE + 14, "10:59"));
    expect(updateNudges(acme.channelId)).toHaveLength(1);
    await h.room.runJobs(when(TUE + 14, "11:00"));
    const texts = updateNudges(acme.channelId).map((message) => message.text);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain("to 1 hours");
    expect(await h.db.delivery.count({ where: { kind: NUDGE_STALE_ESTIMATE.name } })).toBe(2);
  });

  it("is not nudged when the estimate was updated before the planning or before the sending", async () => {
    const { tender, sellers, metric } = await tenderWithMetric("Acme", "Globex", "Initech");
    const [acme, globex, initech] = sellers;
    if (!acme || !globex || !initech) throw new Error("the sellers were not invited");
    await quantifyWithForm(acme.channelId, metric.id, "2.5");
    await estimatesOf(globex, metric, 1, 1);
    await estimatesOf(initech, metric, 1, 1);
    await changeMetric(tender.teamChannelId, metric.id, { target: "1.5" }, when(MON, "10:00"));
    // Acme updates at once: its earlier version's estimate no longer counts.
    await quantifyWithForm(acme.channelId, metric.id, "1.8");

    await h.room.runJobs(when(MON + 7, "20:00"));
    const planned = await h.db.delivery.findMany({
      where: { kind: NUDGE_STALE_ESTIMATE.name },
      orderBy: { sellerId: "asc" },
    });
    expect(planned.map((delivery) => [delivery.key, delivery.status])).toEqual([
      [staleKey(globex.id, metric.id, 2), "pending"],
      [staleKey(initech.id, metric.id, 2), "pending"],
    ]);
    // Globex updates in the evening, before its nudge's morning.
    await estimatesOf(globex, metric, 2, 2);
    await h.room.runJobs(when(TUE + 7, "09:00"));
    expect(updateNudges(acme.channelId)).toEqual([]);
    expect(updateNudges(globex.channelId)).toEqual([]);
    expect(updateNudges(initech.channelId)).toHaveLength(1);
    expect(
      await h.db.delivery.findUniqueOrThrow({ where: { key: staleKey(globex.id, metric.id, 2) } }),
    ).toMatchObject({ status: "sent", ts: null });
  });

  it("is not nudged once the metric is retired, nor for a seller that declined", async () => {
    const { tender, sellers, metric } = await tenderWithMetric("Acme", "Globex");
    const [acme, globex] = sellers;
    if (!acme || !globex) throw new Error("the sellers were not invited");
    await estimatesOf(acme, metric, 1, 1);
    await estimatesOf(globex, metric, 1, 1);
    await h.db.seller.update({ where: { id: globex.id }, data: { status: "declined" } });
    await changeMetric(tender.teamChannelId, metric.id, { target: "1.5" }, when(MON, "10:00"));

    await h.room.runJobs(when(MON + 7, "20:00"));
    const planned = await h.db.delivery.findMany({ where: { kind: NUDGE_STALE_ESTIMATE.name } });
    expect(planned.map((delivery) => delivery.key)).toEqual([staleKey(acme.id, metric.id, 2)]);
    // The nudge is held until the morning: no waiting for an empty outbox from here on.
    await h.command("metric retire M-1", { channelId: tender.teamChannelId });
    await h.room.runJobs(when(TUE + 7, "09:00"));
    expect(updateNudges(acme.channelId)).toEqual([]);
    expect(updateNudges(globex.channelId)).toEqual([]);
    expect(await h.db.delivery.count({ where: { kind: NUDGE_STALE_ESTIMATE.name, ts: { not: null } } })).toBe(
      0,
    );
  });
});
