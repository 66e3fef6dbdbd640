import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ACCEPT_SUGGESTION_BUTTON,
  DECLINE_FORM,
  DECLINE_SUGGESTION_BUTTON,
  METRIC_FORM,
  SUGGEST_METRIC_BUTTON,
  SUGGESTION_FORM,
} from "../../src/features/metrics/ids.js";
import { type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";
import { workLatestFormAgain } from "../support/replay.js";

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

/** A tender with Acme and Globex, and M-1 posted in both channels. */
async function tenderWithMetric() {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  await h.command("invite Acme people@acme.example", { channelId: tender.teamChannelId });
  await h.command("invite Globex people@globex.example", { channelId: tender.teamChannelId });
  const [acme, globex] = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  if (!acme || !globex) throw new Error("both sellers are invited");
  await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: SELLER_TEAM } });
  await h.db.seller.update({ where: { id: globex.id }, data: { slackTeamId: GLOBEX.teamId } });
  await h.command("metric add Mean time to repair | hours | 4 | 2", { channelId: tender.teamChannelId });
  await h.outboxDrained();
  return { tender, acme, globex };
}

const texts = (channelId: string) =>
  h.fake.messages(channelId).map((message) => JSON.stringify([message.text, message.blocks]));

const typed = (value: string) => ({ type: "plain_text_input", value });

/** Acme's person suggests a metric from the button on M-1's post. */
async function acmeSuggests(acmeChannel: string, name = "Truck rolls avoided") {
  const responseUrl = h.fake.responseUrl();
  await h.requests.blockAction({
    userId: PEOPLE.seller,
    userTeamId: SELLER_TEAM,
    channelId: acmeChannel,
    actionId: SUGGEST_METRIC_BUTTON,
    value: "",
    responseUrl,
  });
  await h.settle();
  const view = h.fake.views().at(-1);
  expect(view?.view.callback_id).toBe(SUGGESTION_FORM.callbackId);
  const answer = await h.requests.viewSubmission({
    userId: PEOPLE.seller,
    userTeamId: SELLER_TEAM,
    callbackId: SUGGESTION_FORM.callbackId,
    viewId: view?.id,
    values: {
      name: { name_input: typed(name) },
      unit: { unit_input: typed("per month") },
      why: { why_input: typed("Every avoided visit saves a technician's half day.") },
    },
  });
  expect(answer.status).toBe(200);
  await h.outboxDrained();
  return h.db.metricSuggestion.findFirstOrThrow({ orderBy: { id: "desc" } });
}

async function press(actionId: string, userId: string, channelId: string, value: string) {
  const responseUrl = h.fake.responseUrl();
  await h.requests.blockAction({ userId, channelId, actionId, value, responseUrl });
  await h.settle();
  return h.fake.responses(responseUrl).map((response) => (response.body as { text?: string }).text);
}

describe("a seller suggests a metric", () => {
  it("cards it for the owners, gives Acme a receipt, and tells Globex nothing", async () => {
    const { tender, acme, globex } = await tenderWithMetric();
    expect(texts(acme.channelId).some((text) => text.includes(SUGGEST_METRIC_BUTTON))).toBe(true);
    const suggestion = await acmeSuggests(acme.channelId);
    expect(suggestion).toMatchObject({ sellerId: acme.id, status: "open", name: "Truck rolls avoided" });
    const card = texts(tender.teamChannelId).find((text) => text.includes("suggests a key metric"));
    expect(card).toContain("*Acme* suggests a key metric: *Truck rolls avoided* (per month)");
    expect(card).toContain(ACCEPT_SUGGESTION_BUTTON);
    expect(texts(acme.channelId).filter((text) => text.includes("went to the buyer's team"))).toHaveLength(1);
    expect(texts(globex.channelId).some((text) => text.includes("Truck rolls"))).toBe(false);
  });

  it("is accepted as M-2, credited to Acme for the buyer and posted to every seller without the credit", async () => {
    const { tender, acme, globex } = await tenderWithMetric();
    const suggestion = await acmeSuggests(acme.channelId);
    expect(
      await press(ACCEPT_SUGGESTION_BUTTON, PEOPLE.owner, tender.teamChannelId, String(suggestion.id)),
    ).toEqual([]);
    const form = h.fake.views().at(-1);
    expect(form?.view.callback_id).toBe(METRIC_FORM.callbackId);
    expect(JSON.stringify(form?.view.blocks)).toContain("Truck rolls avoided");
    await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: METRIC_FORM.callbackId,
      viewId: form?.id,
      values: {
        name: { name_input: typed("Truck rolls avoided") },
        unit: { unit_input: typed("per month") },
        baseline: { baseline_input: typed("0") },
        target: { target_input: typed("120") },
      },
    });
    await h.outboxDrained();
    const metric = await h.db.metric.findFirstOrThrow({ where: { number: 2 } });
    expect(metric).toMatchObject({ suggestedBySellerId: acme.id, direction: "higher" });
    expect(await h.db.metricSuggestion.findFirstOrThrow()).toMatchObject({
      status: "accepted",
      metricId: metric.id,
    });
    expect(texts(tender.teamChannelId).some((text) => text.includes("_Suggested by *Acme*._"))).toBe(true);
    expect(
      texts(tender.teamChannelId).some((text) => text.includes("Accepted as *M-2 · Truck rolls avoided*")),
    ).toBe(true);
    expect(texts(acme.channelId).some((text) => text.includes("The buyer accepted your suggestion"))).toBe(
      true,
    );
    const globexSees = texts(globex.channelId).filter((text) => text.includes("M-2 · Truck rolls avoided"));
    expect(globexSees).toHaveLength(1);
    expect(globexSees[0]).not.toContain("Acme");
    const again = await press(
      ACCEPT_SUGGESTION_BUTTON,
      PEOPLE.owner,
      tender.teamChannelId,
      String(suggestion.id),
    );
    expect(again).toEqual(["The suggestion “Truck rolls avoided” is already accepted."]);
  });

  it("is declined with a reason Acme reads; a reason is required", async () => {
    const { tender, acme } = await tenderWithMetric();
    const suggestion = await acmeSuggests(acme.channelId);
    await press(DECLINE_SUGGESTION_BUTTON, PEOPLE.owner, tender.teamChannelId, String(suggestion.id));
    const form = h.fake.views().at(-1);
    expect(form?.view.callback_id).toBe(DECLINE_FORM.callbackId);
    const empty = await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: DECLINE_FORM.callbackId,
      viewId: form?.id,
      values: { reason: { reason_input: typed("  ") } },
    });
    expect(empty.json()).toEqual({
      response_action: "errors",
      errors: { reason: "Give the seller a reason: they will read it." },
    });
    await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: DECLINE_FORM.callbackId,
      viewId: form?.id,
      values: { reason: { reason_input: typed("We count visits <!channel> in M-1 already.") } },
    });
    await h.outboxDrained();
    const note = texts(acme.channelId).find((text) => text.includes("declined your suggestion"));
    expect(note).toContain("We count visits &lt;!channel&gt; in M-1 already.");
    expect(texts(tender.teamChannelId).some((text) => text.includes("Declined by <@U0OWNER>"))).toBe(true);
    expect(await h.db.metric.count()).toBe(1);
  });
});

describe("who may suggest and decide", () => {
  it("refuses Globex's person in Acme's channel, also through a forged form, and the buyer's people", async () => {
    const { tender, acme } = await tenderWithMetric();
    const responseUrl = h.fake.responseUrl();
    await h.requests.blockAction({
      userId: GLOBEX.id,
      userTeamId: GLOBEX.teamId,
      channelId: acme.channelId,
      actionId: SUGGEST_METRIC_BUTTON,
      value: "",
      responseUrl,
    });
    const colleague = await press(SUGGEST_METRIC_BUTTON, PEOPLE.owner, tender.teamChannelId, "");
    await h.settle();
    expect(h.fake.responses(responseUrl).map((r) => (r.body as { text?: string }).text)).toEqual([
      "This channel belongs to another seller: suggest metrics from your own.",
    ]);
    expect(colleague).toEqual([
      "Metrics are suggested from a seller's own channel, with the button on a key metric's post.",
    ]);
    await h.requests.viewSubmission({
      userId: GLOBEX.id,
      userTeamId: SELLER_TEAM,
      callbackId: SUGGESTION_FORM.callbackId,
      privateMetadata: JSON.stringify({ channelId: acme.channelId }),
      values: {
        name: { name_input: typed("Sneaky") },
        unit: { unit_input: typed("each") },
        why: { why_input: typed("As Acme?") },
      },
    });
    await h.outboxDrained();
    expect(await h.db.metricSuggestion.count()).toBe(0);
    expect(h.fake.views()).toEqual([]);
  });

  it("lets only the tender's owners accept or decline", async () => {
    const { tender, acme } = await tenderWithMetric();
    const suggestion = await acmeSuggests(acme.channelId);
    const views = h.fake.views().length;
    for (const actionId of [ACCEPT_SUGGESTION_BUTTON, DECLINE_SUGGESTION_BUTTON]) {
      const told = await press(actionId, PEOPLE.colleague, tender.teamChannelId, String(suggestion.id));
      expect(told[0]).toMatch(/^Only the owners of T-1 \(<@U0OWNER>\) can decide on sellers' suggestions\./);
    }
    expect(h.fake.views()).toHaveLength(views);
    expect(await h.db.metricSuggestion.findFirstOrThrow()).toMatchObject({ status: "open" });
  });

  it("makes one suggestion when the app died after keeping it and before it marked the submission worked", async () => {
    const { tender, acme } = await tenderWithMetric();
    await acmeSuggests(acme.channelId);
    const item = { id: await workLatestFormAgain(h) };
    expect(await h.db.inboxItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      status: "done",
    });
    expect(await h.db.metricSuggestion.count()).toBe(1);
    const answers = [
      ...h.fake.responses().map((r) => r.body),
      ...h.fake.calls("chat.postMessage").map((c) => c.args),
    ];
    expect(JSON.stringify(answers)).not.toMatch(/Something went wrong/);
    expect(texts(tender.teamChannelId).filter((text) => text.includes("suggests a key metric"))).toHaveLength(
      1,
    );
    expect(texts(acme.channelId).filter((text) => text.includes("went to the buyer's team"))).toHaveLength(1);
  });
});
