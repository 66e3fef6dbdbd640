import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { QUANTIFY_BUTTON } from "../../src/features/estimates/ids.js";
import { METRIC_FORM } from "../../src/features/metrics/ids.js";
import { REQUIREMENT_FORM } from "../../src/features/requirements/ids.js";
import { KEY_METRICS_BUTTON } from "../../src/features/tenders/ids.js";
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

async function tenderWithSellers(count: number) {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  for (let i = 1; i <= count; i++) {
    await h.command(`invite Seller ${i} people@seller${i}.example`, { channelId: tender.teamChannelId });
  }
  const sellers = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  await h.outboxDrained();
  return { tender, sellers };
}

const MTTR = "metric add Mean time to repair | hours | 4 | 2 | lower | weight 3";

/** What the app posted in a channel mentioning `text`. */
const said = (channelId: string, text: string) =>
  h.fake
    .messages(channelId)
    .filter((message) => JSON.stringify([message.text, message.blocks]).includes(text));

/** A metric form's fields, filled as typed. */
function metricValues(fields: Partial<Record<keyof typeof METRIC_FORM, string>>) {
  const values: Record<string, Record<string, { type: string } & Record<string, unknown>>> = {};
  for (const [name, value] of Object.entries(fields)) {
    const field = METRIC_FORM[name as keyof typeof METRIC_FORM];
    if (typeof field !== "object") continue;
    values[field.block] =
      name === "direction"
        ? { [field.action]: { type: "static_select", selected_option: { value } } }
        : { [field.action]: { type: "plain_text_input", value } };
  }
  return values;
}

describe("/tender metric add", () => {
  it("defines M-1 and tells the team channel and every seller channel once", async () => {
    const { tender, sellers } = await tenderWithSellers(2);
    const { replies } = await h.command(MTTR, { channelId: tender.teamChannelId });
    expect(replies).toEqual(["M-1 · Mean time to repair is defined and going out to 2 seller channels."]);
    await h.outboxDrained();
    const metric = await h.db.metric.findFirstOrThrow();
    expect(metric).toMatchObject({
      number: 1,
      name: "Mean time to repair",
      unit: "hours",
      baseline: 4,
      target: 2,
      direction: "lower",
      weight: 3,
      version: 1,
      status: "active",
    });
    expect(said(tender.teamChannelId, "defined *M-1 · Mean time to repair*")).toHaveLength(1);
    for (const seller of sellers) {
      const notices = said(seller.channelId, "M-1 · Mean time to repair");
      expect(notices).toHaveLength(1);
      expect(JSON.stringify(notices[0]?.blocks)).toContain("from 4 hours today to 2 hours, lower is better");
    }
    expect(await h.db.auditEvent.count({ where: { action: "metric.defined" } })).toBe(1);
  });

  it("reads which way is better from baseline and target when not told, and numbers as people write them", async () => {
    const { tender } = await tenderWithSellers(0);
    await h.command("metric add First-time fix rate | % | 72.5 | 85", { channelId: tender.teamChannelId });
    await h.command("metric add Spare parts cost | EUR per year | 1,200,000 | 950 000", {
      channelId: tender.teamChannelId,
    });
    const metrics = await h.db.metric.findMany({ orderBy: { number: "asc" } });
    expect(metrics.map((m) => [m.number, m.direction, m.baseline, m.target, m.weight])).toEqual([
      [1, "higher", 72.5, 85, 1],
      [2, "lower", 1_200_000, 950_000, 1],
    ]);
  });

  it("refuses bad numbers, units, weights and directions with a precise message, and defines nothing", async () => {
    const { tender } = await tenderWithSellers(1);
    const cases: [string, RegExp][] = [
      [
        "metric add MTTR | hours | 12,5 | 2",
        /“12,5” is not a number: write the baseline like 12, 3\.5 or 1,200\./,
      ],
      ["metric add MTTR | hours | 4 | two", /“two” is not a number: write the target/],
      ["metric add MTTR | hours | 4 | 4", /The target must differ from the baseline\./],
      [
        "metric add MTTR | hours | 4 | 6 | lower",
        /With lower is better, the target must be below the baseline\./,
      ],
      ["metric add MTTR | hours | 4 | 2 | weight 11", /The weight is a whole number from 1 to 10\./],
      ["metric add MTTR | hours | 4 | 2 | weight 0", /The weight is a whole number from 1 to 10\./],
      ["metric add MTTR |  | 4 | 2", /Give the unit it is measured in/],
      ["metric add MTTR | hours | 4", /Give the target\./],
      [
        "metric add MTTR | hours | 4 | 2 | sideways",
        /“sideways” is neither `lower`, `higher` nor `weight &lt;n&gt;`\./,
      ],
      ["metric add MTTR | hours | 1e400 | 2", /“1e400” is not a number/],
      [`metric add ${"x".repeat(81)} | hours | 4 | 2`, /Keep the name within 80 characters\./],
      ["metric add <!channel> | hours | 4 | <!here>", /“&lt;!here&gt;” is not a number/],
      ["metric frobnicate", /Usage: `\/tender metric add/],
    ];
    for (const [text, message] of cases) {
      const { replies } = await h.command(text, { channelId: tender.teamChannelId });
      expect(replies, text).toHaveLength(1);
      expect(replies[0], text).toMatch(message);
    }
    expect(await h.db.metric.count()).toBe(0);
  });

  it("is for the tender's owners: a member, a colleague and a seller's person are refused", async () => {
    const { tender, sellers } = await tenderWithSellers(1);
    await h.db.tenderMember.create({ data: { tenderId: tender.id, userId: PEOPLE.coOwner, role: "member" } });
    for (const userId of [PEOPLE.coOwner, PEOPLE.colleague]) {
      const { replies } = await h.command(MTTR, { userId, channelId: tender.teamChannelId });
      expect(replies[0], userId).toMatch(/^Only the owners of T-1 \(<@U0OWNER>\) can define key metrics\./);
    }
    await h.db.seller.updateMany({ data: { slackTeamId: SELLER_TEAM } });
    const seller = await h.command(MTTR, { userId: PEOPLE.seller, channelId: sellers[0]?.channelId });
    expect(seller.replies[0]).not.toMatch(/defined/);
    expect(await h.db.metric.count()).toBe(0);
  });
});

describe("the metric form", () => {
  it("opens from the card's button, shows errors on their fields, and defines the metric", async () => {
    const { tender, sellers } = await tenderWithSellers(1);
    await h.requests.blockAction({
      userId: PEOPLE.owner,
      channelId: tender.teamChannelId,
      actionId: KEY_METRICS_BUTTON,
      value: String(tender.id),
    });
    await h.settle();
    const view = h.fake.views().at(-1);
    expect(view?.view.callback_id).toBe(METRIC_FORM.callbackId);
    const wrong = await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: METRIC_FORM.callbackId,
      viewId: view?.id,
      values: metricValues({
        name: "Availability",
        unit: "%",
        baseline: "97",
        target: "ninety",
        weight: "12",
      }),
    });
    expect(wrong.json()).toEqual({
      response_action: "errors",
      errors: {
        target: "“ninety” is not a number: write the target like 12, 3.5 or 1,200.",
        weight: "The weight is a whole number from 1 to 10.",
      },
    });
    const right = await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: METRIC_FORM.callbackId,
      viewId: view?.id,
      values: metricValues({
        name: "Availability",
        unit: "%",
        baseline: "97",
        target: "99.5",
        direction: "higher",
        measuredHow: "Monthly uptime of the dispatch app",
      }),
    });
    expect(right.status).toBe(200);
    await h.outboxDrained();
    expect(await h.db.metric.findFirstOrThrow()).toMatchObject({
      name: "Availability",
      direction: "higher",
      measuredHow: "Monthly uptime of the dispatch app",
    });
    expect(said(sellers[0]?.channelId ?? "", "Monthly uptime of the dispatch app")).toHaveLength(1);
  });

  it("refuses a member pressing the card's button", async () => {
    const { tender } = await tenderWithSellers(0);
    const responseUrl = h.fake.responseUrl();
    await h.requests.blockAction({
      userId: PEOPLE.colleague,
      channelId: tender.teamChannelId,
      actionId: KEY_METRICS_BUTTON,
      value: String(tender.id),
      responseUrl,
    });
    await h.settle();
    expect(h.fake.views()).toEqual([]);
    const told = h.fake.responses(responseUrl).map((response) => (response.body as { text?: string }).text);
    expect(told).toEqual([expect.stringMatching(/can define key metrics/)]);
  });
});

describe("changing and retiring a metric", () => {
  async function metricDefined() {
    const setup = await tenderWithSellers(2);
    await h.command(MTTR, { channelId: setup.tender.teamChannelId });
    await h.outboxDrained();
    return setup;
  }

  async function edit(fields: Partial<Record<keyof typeof METRIC_FORM, string>>, channelId: string) {
    await h.command("metric edit M-1", { channelId });
    const view = h.fake.views().at(-1);
    expect(JSON.stringify(view?.view.blocks)).toContain("Mean time to repair");
    return h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: METRIC_FORM.callbackId,
      viewId: view?.id,
      values: metricValues({
        name: "Mean time to repair",
        unit: "hours",
        baseline: "4",
        target: "2",
        weight: "3",
        ...fields,
      }),
    });
  }

  it("announces a new target to every seller once, as a new version", async () => {
    const { tender, sellers } = await metricDefined();
    await edit({ target: "1.5" }, tender.teamChannelId);
    await h.outboxDrained();
    expect(await h.db.metric.findFirstOrThrow()).toMatchObject({ target: 1.5, version: 2 });
    for (const seller of sellers) {
      const notices = said(
        seller.channelId,
        "changed *M-1 · Mean time to repair* (target 2 hours → 1.5 hours)",
      );
      expect(notices).toHaveLength(1);
      expect(JSON.stringify(notices[0]?.blocks)).toContain(
        "Estimates made against the earlier values need an update",
      );
    }
    expect(
      said(tender.teamChannelId, "changed *M-1 · Mean time to repair*: target 2 hours → 1.5 hours."),
    ).toHaveLength(1);
  });

  it("tells only the team of a new weight: sellers' estimates stand", async () => {
    const { tender, sellers } = await metricDefined();
    await edit({ weight: "5" }, tender.teamChannelId);
    await h.outboxDrained();
    expect(await h.db.metric.findFirstOrThrow()).toMatchObject({ weight: 5, version: 1 });
    for (const seller of sellers) expect(said(seller.channelId, "changed")).toHaveLength(0);
    expect(said(tender.teamChannelId, "weight 3 → 5")).toHaveLength(1);
  });

  it("retires a metric, tells the sellers, and keeps it on record", async () => {
    const { tender, sellers } = await metricDefined();
    const { replies } = await h.command("metric retire M-1", { channelId: tender.teamChannelId });
    expect(replies).toEqual([
      "M-1 · Mean time to repair is retired; 2 seller channels are told. It stays on record.",
    ]);
    await h.outboxDrained();
    for (const seller of sellers) expect(said(seller.channelId, "is retired")).toHaveLength(1);
    const again = await h.command("metric retire M-1", { channelId: tender.teamChannelId });
    expect(again.replies).toEqual(["M-1 · Mean time to repair is already retired."]);
    const editing = await h.command("metric edit M-1", { channelId: tender.teamChannelId });
    expect(editing.replies).toEqual(["M-1 · Mean time to repair is already retired."]);
    const unknown = await h.command("metric retire M-9", { channelId: tender.teamChannelId });
    expect(unknown.replies).toEqual([
      "M-9 is not a key metric of this tender. `/tender metrics` lists them.",
    ]);
    const { replies: list } = await h.command("metrics", { channelId: tender.teamChannelId });
    expect(list[0]).toContain("None yet");
    expect(list[0]).toContain("1 retired, kept on record.");
  });

  it("gives a seller invited later the active metrics, not the retired ones", async () => {
    const { tender } = await metricDefined();
    await h.command("metric add First-time fix rate | % | 72 | 85", { channelId: tender.teamChannelId });
    await h.command("metric retire M-1", { channelId: tender.teamChannelId });
    await h.command("invite Latecomer people@late.example", { channelId: tender.teamChannelId });
    await h.outboxDrained();
    const late = await h.db.seller.findFirstOrThrow({ where: { name: "Latecomer" } });
    expect(said(late.channelId, "M-2 · First-time fix rate")).toHaveLength(1);
    expect(said(late.channelId, "M-1")).toHaveLength(0);
  });

  it("lists the metrics for the tender's people", async () => {
    const { tender } = await metricDefined();
    await h.command("metric add First-time fix rate | % | 72 | 85", { channelId: tender.teamChannelId });
    const { replies } = await h.command("metrics", { channelId: tender.teamChannelId });
    expect(replies[0]).toBe(
      [
        "*Key metrics of T-1 · Field service platform*",
        "• *M-1 · Mean time to repair*: from 4 hours today to 2 hours, lower is better · weight 3",
        "• *M-2 · First-time fix rate*: from 72 % today to 85 %, higher is better · weight 1",
      ].join("\n"),
    );
  });
});

describe("requirements that serve key metrics", () => {
  it("names the metrics a requirement serves, in its posts and in /tender metrics", async () => {
    const { tender, sellers } = await tenderWithSellers(1);
    await h.command(MTTR, { channelId: tender.teamChannelId });
    await h.command("metric add First-time fix rate | % | 72 | 85", { channelId: tender.teamChannelId });
    const { replies } = await h.command("require Offline mode | Work without network | metrics: M-1, m-2", {
      channelId: tender.teamChannelId,
    });
    expect(replies[0]).toMatch(/^R-1 · Offline mode is going out/);
    await h.outboxDrained();
    const revision = await h.db.requirementRevision.findFirstOrThrow();
    expect(revision.details).toBe("Work without network");
    expect(await h.db.requirementMetric.count()).toBe(2);
    // Not the seller's overview, which lists the requirement too.
    const post = said(sellers[0]?.channelId ?? "", "Offline mode").find(
      (message) => !message.text.startsWith("Your tender"),
    );
    expect(JSON.stringify(post?.blocks)).toContain(
      "*Serves key metrics*\\nM-1 · Mean time to repair\\nM-2 · First-time fix rate",
    );
    const metric = await h.db.metric.findFirstOrThrow({ where: { number: 1 } });
    expect(JSON.stringify(post?.blocks)).toContain(`"action_id":"${QUANTIFY_BUTTON}"`);
    expect(JSON.stringify(post?.blocks)).toContain(`"value":"${metric.id}"`);
    const { replies: list } = await h.command("metrics", { channelId: tender.teamChannelId });
    expect(list[0]).toContain("weight 3 · served by R-1");
  });

  it("refuses a metric that is not the tender's, or not a reference, and posts nothing", async () => {
    const { tender } = await tenderWithSellers(1);
    await h.command(MTTR, { channelId: tender.teamChannelId });
    await h.command("metric add Spare parts | EUR | 10 | 5", { channelId: tender.teamChannelId });
    await h.command("metric retire M-2", { channelId: tender.teamChannelId });
    const cases: [string, string][] = [
      [
        "require Offline mode | metrics: M-9",
        "M-9 is no active key metric of T-1. `/tender metrics` lists them.",
      ],
      [
        "require Offline mode | metrics: M-2",
        "M-2 is no active key metric of T-1. `/tender metrics` lists them.",
      ],
      ["require Offline mode | metrics: X-1", "“X-1” is not a key metric's reference: write M-1, M-2."],
    ];
    for (const [text, message] of cases) {
      const { replies } = await h.command(text, { channelId: tender.teamChannelId });
      expect(replies[0], text).toContain(message);
    }
    expect(await h.db.requirement.count()).toBe(0);
    expect((await h.db.tender.findFirstOrThrow()).requirementSeq).toBe(0);
  });

  it("offers the tender's metrics in the requirement form", async () => {
    const { tender } = await tenderWithSellers(1);
    await h.command(MTTR, { channelId: tender.teamChannelId });
    await h.command("require", { channelId: tender.teamChannelId });
    const view = h.fake.views().at(-1);
    expect(JSON.stringify(view?.view.blocks)).toContain("M-1 · Mean time to repair");
    await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: REQUIREMENT_FORM.callbackId,
      viewId: view?.id,
      values: {
        title: { title_input: { type: "plain_text_input", value: "Offline mode" } },
        metrics: { metrics_select: { type: "multi_static_select", selected_options: [{ value: "M-1" }] } },
      },
    });
    await h.outboxDrained();
    expect(await h.db.requirementMetric.count()).toBe(1);
  });
});
