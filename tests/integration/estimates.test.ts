import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  CONFIDENCE_MISSING,
  HTTPS_ONLY,
  MONTHS_WRONG,
  NOTHING_GIVEN,
  VALUE_MISSING,
} from "../../src/features/estimates/domain.js";
import { ESTIMATE_FORM_CALLBACK, estimateField, QUANTIFY_BUTTON } from "../../src/features/estimates/ids.js";
import { improvementShare, latestEstimatesOf } from "../../src/features/estimates/index.js";
import {
  BUYER_QUANTIFIES_NOT,
  ESTIMATE_FORM_LOST,
  FORM_OUT_OF_DATE,
  SELLER_ELSEWHERE,
} from "../../src/features/estimates/views.js";
import { METRIC_FORM } from "../../src/features/metrics/ids.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
import type { SubmittedValue } from "../../src/sandbox/slack/requests.js";
import { type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";
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
  h.fake.addUser({ id: GLOBEX.id, teamId: GLOBEX.teamId, realName: "Gina Globex" });
});

/** A person of the second seller's organisation. */
const GLOBEX = { id: "U0GLOBEX", teamId: "T0GLOBEX" };

const MTTR = "metric add Mean time to repair | hours | 4 | 2 | lower | weight 3";
const FIX_RATE = "metric add First-time fix rate | % | 72 | 85";

/** A tender with Acme and Globex, their people known, and the key metrics these commands define. */
async function tenderWithMetrics(
  metricCommands: string[] = [MTTR, FIX_RATE],
  title = "Field service platform",
) {
  await h.command(`new ${title}`);
  const tender = await h.db.tender.findFirstOrThrow({ orderBy: { id: "desc" } });
  const team = tender.teamChannelId;
  await h.command("invite Acme people@acme.example", { channelId: team });
  await h.command("invite Globex people@globex.example", { channelId: team });
  const [acme, globex] = await h.db.seller.findMany({
    where: { tenderId: tender.id },
    orderBy: { id: "asc" },
  });
  if (!acme || !globex) throw new Error("both sellers are invited");
  await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: SELLER_TEAM } });
  await h.db.seller.update({ where: { id: globex.id }, data: { slackTeamId: GLOBEX.teamId } });
  for (const command of metricCommands) await h.command(command, { channelId: team });
  await h.outboxDrained();
  const metrics = await h.db.metric.findMany({ where: { tenderId: tender.id }, orderBy: { number: "asc" } });
  return { tender, team, acme, globex, metrics };
}

/** The post of `M-<n>` in a channel, with its "Quantify your impact" button's value. */
function metricPost(channelId: string, number: number): { post: FakeMessage; value: string } {
  for (const post of h.fake.messages(channelId)) {
    if (!JSON.stringify(post.blocks ?? []).includes(`M-${number} ·`)) continue;
    const button = ((post.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id === QUANTIFY_BUTTON);
    if (button?.value) return { post, value: button.value };
  }
  throw new Error(`no post of M-${number} with the button in ${channelId}`);
}

/** Presses "Quantify your impact" on M-<n>'s post; what the person was told, and the form if one opened. */
async function quantify(userId: string, channelId: string, value: string) {
  const responseUrl = h.fake.responseUrl();
  const views = h.fake.views().length;
  await h.requests.blockAction({ userId, channelId, actionId: QUANTIFY_BUTTON, value, responseUrl });
  await h.settle();
  const told = h.fake.responses(responseUrl).map((r) => String((r.body as { text?: unknown }).text));
  const view = h.fake.views().length > views ? h.fake.views().at(-1) : undefined;
  return { responseUrl, told, view };
}

interface Fields {
  value?: string;
  confidence?: string;
  months?: string;
  assumptions?: string;
  evidence?: string;
}

const text = (value: string): SubmittedValue => ({ type: "plain_text_input", value });

/** The form's state: each metric's fields as typed. */
function estimateValues(byMetric: Record<number, Fields>) {
  const values: Record<string, Record<string, SubmittedValue>> = {};
  for (const [id, fields] of Object.entries(byMetric)) {
    for (const [part, value] of Object.entries(fields) as [keyof Fields, string][]) {
      const field = estimateField(Number(id), part);
      values[field.block] = {
        [field.action]:
          part === "confidence" ? { type: "static_select", selected_option: { value } } : text(value),
      };
    }
  }
  return values;
}

/** Submits an estimates form as `userId`; Slack's answer, and what the person was told. */
async function submit(
  userId: string,
  byMetric: Record<number, Fields>,
  options: { viewId?: string; privateMetadata?: string; responseUrl?: string } = {},
) {
  const response = await h.requests.viewSubmission({
    userId,
    callbackId: ESTIMATE_FORM_CALLBACK,
    ...(options.viewId ? { viewId: options.viewId } : {}),
    ...(options.privateMetadata ? { privateMetadata: options.privateMetadata } : {}),
    values: estimateValues(byMetric),
  });
  await h.settle();
  await h.outboxDrained();
  const told = options.responseUrl
    ? h.fake.responses(options.responseUrl).map((r) => String((r.body as { text?: unknown }).text))
    : [];
  return {
    response,
    errors: response.body ? (response.json() as { errors?: unknown }).errors : undefined,
    told,
  };
}

/** What the app posted in a channel mentioning `text`. */
const said = (channelId: string, needle: string) =>
  h.fake
    .messages(channelId)
    .filter((message) => JSON.stringify([message.text, message.blocks]).includes(needle));

async function lessonOf(tenderId: number, sellerId: number, organisation: string) {
  return h.db.lesson.create({
    data: {
      tenderId,
      sellerId,
      authorUserId: PEOPLE.seller,
      authorTeamId: SELLER_TEAM,
      authorName: "Sam Seller",
      organisation,
      fromSeller: true,
      title: "Remote diagnosis halves repeat visits",
      situation: "A utility",
      lesson: "Diagnose before driving.",
      tags: [],
      channelId: "C0ANY",
    },
  });
}

describe("quantifying the impact", () => {
  it("a seller's person quantifies: the card in its channel, the mirror in the team channel, the values and their share", async () => {
    const { tender, team, acme, globex, metrics } = await tenderWithMetrics();
    const [mttr, fixRate] = metrics;
    if (!mttr || !fixRate) throw new Error("metrics missing");
    const lesson = await lessonOf(tender.id, acme.id, "Acme");
    const { value } = metricPost(acme.channelId, 1);
    expect(value).toBe(String(mttr.id));

    const { view, responseUrl, told: pressed } = await quantify(PEOPLE.seller, acme.channelId, value);
    expect(pressed).toEqual([]);
    const form = JSON.stringify(view?.view);
    expect(view?.view.callback_id).toBe(ESTIMATE_FORM_CALLBACK);
    expect(form).toContain("M-1 · Mean time to repair");
    expect(form).toContain("from 4 hours today to 2 hours, lower is better");
    expect(form).toContain("Metrics 1–2 of 2.");
    expect(form).not.toContain("Globex");

    const { errors, told } = await submit(
      PEOPLE.seller,
      {
        [mttr.id]: {
          value: "2.5",
          confidence: "high",
          months: "6",
          assumptions: "Remote diagnosis <!channel> & spare parts in the van",
          evidence: `L-${lesson.id}`,
        },
        [fixRate.id]: { value: "80", confidence: "medium", evidence: "https://example.com/case-study" },
      },
      { viewId: view?.id, responseUrl },
    );
    expect(errors).toBeUndefined();
    expect(told).toEqual([
      `Your estimates v1 are saved (2 key metrics) and shown in <#${acme.channelId}> and to the buyer's team.`,
    ]);

    const set = await h.db.estimateSet.findFirstOrThrow({
      include: { estimates: { orderBy: { metricId: "asc" } } },
    });
    expect(set).toMatchObject({
      sellerId: acme.id,
      version: 1,
      authorUserId: PEOPLE.seller,
      authorName: "Sam Seller",
    });
    expect(set.estimates).toEqual([
      expect.objectContaining({
        metricId: mttr.id,
        metricVersion: 1,
        value: 2.5,
        confidence: "high",
        monthsAfterGoLive: 6,
        assumptions: "Remote diagnosis <!channel> & spare parts in the van",
        evidenceLessonId: lesson.id,
        evidenceLink: null,
        evidenceReference: null,
      }),
      expect.objectContaining({
        metricId: fixRate.id,
        value: 80,
        confidence: "medium",
        monthsAfterGoLive: null,
        evidenceLink: "https://example.com/case-study",
      }),
    ]);
    expect(await h.db.auditEvent.count({ where: { action: "estimates.saved" } })).toBe(1);

    const [card] = said(acme.channelId, "Your estimates, v1");
    const [mirror] = said(team, "Acme's estimates, v1");
    for (const message of [card, mirror]) {
      const shown = JSON.stringify([message?.text, message?.blocks]);
      expect(shown).toContain("*2.5 hours* expected");
      expect(shown).toContain("75% of the way from 4 to 2 hours");
      expect(shown).toContain("high confidence · 6 months after go-live");
      expect(shown).toContain("Remote diagnosis &lt;!channel&gt; &amp; spare parts");
      expect(shown).not.toContain("<!channel>");
      expect(shown).toContain(`lesson L-${lesson.id}`);
      expect(shown).toContain("*80 %* expected · 62% of the way from 72 to 85 %");
      expect(shown).toContain("<https://example.com/case-study>");
      expect(shown).not.toContain("changed since");
    }
    expect(JSON.stringify(mirror)).toContain("saved by Sam Seller");
    expect(JSON.stringify(card)).not.toContain("Globex");
    expect(said(globex.channelId, "Your estimates")).toEqual([]);

    const latest = await latestEstimatesOf(h.db, tender.id);
    expect(
      latest.map((entry) => [entry.seller.name, entry.version, entry.estimates.map((e) => e.stale)]),
    ).toEqual([["Acme", 1, [false, false]]]);
    expect(improvementShare(mttr, 2.5)).toBe(0.75);
    expect(improvementShare(fixRate, 72)).toBe(0);
  });

  it("an update is version 2: the form is filled from version 1, which is kept; a metric left empty has no estimate", async () => {
    const { acme, metrics, team } = await tenderWithMetrics();
    const [mttr, fixRate] = metrics;
    if (!mttr || !fixRate) throw new Error("metrics missing");
    const first = await quantify(PEOPLE.seller, acme.channelId, String(mttr.id));
    await submit(
      PEOPLE.seller,
      {
        [mttr.id]: { value: "2.5", confidence: "high", evidence: "Contoso <Utilities>" },
        [fixRate.id]: { value: "80", confidence: "medium" },
      },
      { viewId: first.view?.id },
    );

    const again = await quantify(PEOPLE.sellerTwo, acme.channelId, String(fixRate.id));
    const form = JSON.stringify(again.view?.view);
    expect(form).toContain('"initial_value":"2.5"');
    expect(form).toContain('"initial_value":"Contoso <Utilities>"');
    expect(form).toContain('"initial_value":"80"');
    const { told } = await submit(
      PEOPLE.sellerTwo,
      { [mttr.id]: { value: "3", confidence: "low", months: "0" }, [fixRate.id]: { value: "" } },
      { viewId: again.view?.id, responseUrl: again.responseUrl },
    );
    expect(told[0]).toMatch(/^Your estimates v2 are saved \(1 key metric\)/);

    const sets = await h.db.estimateSet.findMany({
      orderBy: { version: "asc" },
      include: { estimates: true },
    });
    expect(sets.map((set) => [set.version, set.authorName, set.estimates.length])).toEqual([
      [1, "Sam Seller", 2],
      [2, "Sue Seller", 1],
    ]);
    expect(sets[1]?.estimates[0]).toMatchObject({ metricId: mttr.id, value: 3, monthsAfterGoLive: 0 });
    const [mirror] = said(team, "Acme's estimates, v2");
    expect(JSON.stringify(mirror?.blocks)).toContain("low confidence · at go-live");
    expect(JSON.stringify(mirror?.blocks)).toContain("No estimate on M-2.");
    // The first version's card stays as it was.
    expect(said(acme.channelId, "Your estimates, v1")).toHaveLength(1);
    expect(said(acme.channelId, "reference customer Contoso &lt;Utilities&gt;")).toHaveLength(1);
  });

  it("refuses bad numbers, months, links and lessons on their own fields, and saves nothing", async () => {
    const { tender, acme, globex, metrics } = await tenderWithMetrics();
    const [mttr, fixRate] = metrics;
    if (!mttr || !fixRate) throw new Error("metrics missing");
    const theirs = await lessonOf(tender.id, globex.id, "Globex");
    const { view } = await quantify(PEOPLE.seller, acme.channelId, String(mttr.id));
    const field = (id: number, part: Parameters<typeof estimateField>[1]) => estimateField(id, part).block;
    const cases: [Record<number, Fields>, Record<string, string>][] = [
      [
        {
          [mttr.id]: { value: "two", confidence: "high" },
          [fixRate.id]: { value: "80", confidence: "low", months: "121" },
        },
        {
          [field(mttr.id, "value")]: "“two” is not a number: write the value like 12, 3.5 or 1,200.",
          [field(fixRate.id, "months")]: MONTHS_WRONG,
        },
      ],
      [
        { [mttr.id]: { value: "12,5", confidence: "high" }, [fixRate.id]: { value: "80", months: "1.5" } },
        {
          [field(mttr.id, "value")]: "“12,5” is not a number: write the value like 12, 3.5 or 1,200.",
          [field(fixRate.id, "confidence")]: CONFIDENCE_MISSING,
          [field(fixRate.id, "months")]: MONTHS_WRONG,
        },
      ],
      [
        {
          [mttr.id]: { value: "3", confidence: "high", evidence: "http://example.com" },
          [fixRate.id]: { assumptions: "Faster" },
        },
        { [field(mttr.id, "evidence")]: HTTPS_ONLY, [field(fixRate.id, "value")]: VALUE_MISSING },
      ],
      [
        { [mttr.id]: { value: "3", confidence: "high", evidence: "https://<!here>.example" } },
        { [field(mttr.id, "evidence")]: "“https://&lt;!here&gt;.example” is not a link a browser opens." },
      ],
      [
        { [mttr.id]: { value: "3", confidence: "high", evidence: "x".repeat(201) } },
        { [field(mttr.id, "evidence")]: "Keep the reference customer's name within 200 characters." },
      ],
      [
        { [mttr.id]: { value: "3", confidence: "high", assumptions: "y".repeat(1001) } },
        { [field(mttr.id, "assumptions")]: "Keep the assumptions within 1000 characters." },
      ],
      [
        { [mttr.id]: { value: "" }, [fixRate.id]: { value: " " } },
        { [field(mttr.id, "value")]: NOTHING_GIVEN },
      ],
      [
        {
          [mttr.id]: { value: "3", confidence: "high", evidence: `L-${theirs.id}` },
          [fixRate.id]: { value: "80", confidence: "low", evidence: "l-999999" },
        },
        {
          [field(mttr.id, "evidence")]:
            `L-${theirs.id} is not a lesson your team shared in this channel. Share it with “Share a lesson learned” first.`,
          [field(fixRate.id, "evidence")]:
            "L-999999 is not a lesson your team shared in this channel. Share it with “Share a lesson learned” first.",
        },
      ],
    ];
    for (const [fields, expected] of cases) {
      const { errors } = await submit(PEOPLE.seller, fields, { viewId: view?.id });
      expect(errors, JSON.stringify(fields).slice(0, 200)).toEqual(expected);
    }
    expect(await h.db.estimateSet.count()).toBe(0);
  });
});

describe("who quantifies", () => {
  it("only the seller's own people, in their own channel: the buyer and another seller's person are refused", async () => {
    const { team, acme, globex, metrics } = await tenderWithMetrics();
    const value = String(metrics[0]?.id);
    const buyer = await quantify(PEOPLE.owner, acme.channelId, value);
    expect(buyer.told).toEqual([BUYER_QUANTIFIES_NOT]);
    const buyerInTeam = await quantify(PEOPLE.colleague, team, value);
    expect(buyerInTeam.told).toEqual([BUYER_QUANTIFIES_NOT]);
    const other = await quantify(GLOBEX.id, acme.channelId, value);
    expect(other.told).toEqual([SELLER_ELSEWHERE]);
    const inTeam = await quantify(PEOPLE.seller, team, value);
    expect(inTeam.told).toEqual([SELLER_ELSEWHERE]);
    for (const refused of [buyer, buyerInTeam, other, inTeam]) expect(refused.view).toBeUndefined();

    // Acme's form, submitted by Globex's person and by the buyer: nothing is saved.
    const { view } = await quantify(PEOPLE.seller, acme.channelId, value);
    const fields = { [metrics[0]?.id ?? 0]: { value: "3", confidence: "high" } };
    for (const [userId, refusal] of [
      [GLOBEX.id, SELLER_ELSEWHERE],
      [PEOPLE.owner, BUYER_QUANTIFIES_NOT],
    ] as const) {
      const responseUrl = h.fake.responseUrl();
      const metadata = JSON.parse(String(view?.view.private_metadata ?? "{}"));
      const { told } = await submit(userId, fields, {
        privateMetadata: JSON.stringify({ ...metadata, responseUrl }),
        responseUrl,
      });
      expect(told).toEqual([refusal]);
    }
    expect(await h.db.estimateSet.count()).toBe(0);
    expect(said(globex.channelId, "Your estimates")).toEqual([]);
  });

  it("a closed tender's estimates no longer change", async () => {
    const { team, acme, metrics } = await tenderWithMetrics();
    const value = String(metrics[0]?.id);
    const { view } = await quantify(PEOPLE.seller, acme.channelId, value);
    await h.command("stage closed", { channelId: team });
    const closed = "T-1 is closed: its estimates can no longer change.";
    expect((await quantify(PEOPLE.seller, acme.channelId, value)).told).toEqual([closed]);
    const responseUrl = h.fake.responseUrl();
    const metadata = JSON.parse(String(view?.view.private_metadata ?? "{}"));
    const { told } = await submit(
      PEOPLE.seller,
      { [metrics[0]?.id ?? 0]: { value: "3", confidence: "high" } },
      { privateMetadata: JSON.stringify({ ...metadata, responseUrl }), responseUrl },
    );
    expect(told).toEqual([closed]);
    expect(await h.db.estimateSet.count()).toBe(0);
  });

  it("a forged form memory changes nothing: another seller's channel, another tender's metrics, or none", async () => {
    const { acme, globex, metrics } = await tenderWithMetrics();
    const other = await tenderWithMetrics(["metric add Uptime | % | 97 | 99.5"], "Fleet telematics");
    const [foreign] = other.metrics;
    const [mttr] = metrics;
    if (!foreign || !mttr) throw new Error("metrics missing");
    const cases: [Record<string, unknown> | string, number, string][] = [
      [{ channelId: globex.channelId, metricIds: [mttr.id] }, mttr.id, SELLER_ELSEWHERE],
      [{ channelId: acme.channelId, metricIds: [foreign.id] }, foreign.id, FORM_OUT_OF_DATE],
      [{ channelId: acme.channelId, metricIds: [mttr.id, foreign.id] }, foreign.id, FORM_OUT_OF_DATE],
      [{ channelId: other.acme.channelId, metricIds: [mttr.id] }, mttr.id, FORM_OUT_OF_DATE],
      ["not what the app wrote", mttr.id, ESTIMATE_FORM_LOST],
    ];
    for (const [memory, metricId, refusal] of cases) {
      const responseUrl = h.fake.responseUrl();
      const privateMetadata =
        typeof memory === "string" ? memory : JSON.stringify({ ...memory, responseUrl });
      const { told } = await submit(
        PEOPLE.seller,
        { [metricId]: { value: "3", confidence: "high" } },
        { privateMetadata, responseUrl },
      );
      if (typeof memory !== "string") expect(told, JSON.stringify(memory)).toEqual([refusal]);
    }
    expect(await h.db.estimateSet.count()).toBe(0);
    expect(await h.db.auditEvent.count({ where: { action: "estimates.saved" } })).toBe(0);
  });
});

describe("estimates and the metrics they are made in", () => {
  const MTTR_FIELDS = { name: "Mean time to repair", unit: "hours", baseline: "4", target: "2", weight: "3" };

  /** `/tender metric edit M-1` and its form saved with these fields. */
  async function editM1(team: string, fields: typeof MTTR_FIELDS) {
    await h.command("metric edit M-1", { channelId: team });
    const view = h.fake.views().at(-1);
    const values: Record<string, Record<string, SubmittedValue>> = {};
    for (const [name, value] of Object.entries(fields)) {
      const field = METRIC_FORM[name as keyof typeof fields];
      values[field.block] = { [field.action]: text(value) };
    }
    await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: METRIC_FORM.callbackId,
      viewId: view?.id,
      values,
    });
    await h.outboxDrained();
  }

  it("an estimate made before the metric's target changed needs an update, until saved again", async () => {
    const { tender, team, acme, metrics } = await tenderWithMetrics();
    const [mttr, fixRate] = metrics;
    if (!mttr || !fixRate) throw new Error("metrics missing");
    const first = await quantify(PEOPLE.seller, acme.channelId, String(mttr.id));
    await submit(
      PEOPLE.seller,
      { [mttr.id]: { value: "2.5", confidence: "high" }, [fixRate.id]: { value: "80", confidence: "low" } },
      { viewId: first.view?.id },
    );
    await editM1(team, { ...MTTR_FIELDS, target: "1.5" });
    expect(await h.db.metric.findUniqueOrThrow({ where: { id: mttr.id } })).toMatchObject({ version: 2 });
    const stale = await latestEstimatesOf(h.db, tender.id);
    expect(stale[0]?.estimates.map((e) => [e.metricId, e.stale])).toEqual([
      [mttr.id, true],
      [fixRate.id, false],
    ]);

    const { view } = await quantify(PEOPLE.seller, acme.channelId, String(mttr.id));
    const groups = ((view?.view.blocks ?? []) as { type: string }[])
      .filter((block) => block.type === "section")
      .map((b) => JSON.stringify(b));
    expect(groups).toHaveLength(2);
    expect(groups[0]).toContain("from 4 hours today to 1.5 hours");
    expect(groups[0]).toContain("made before its unit, baseline or target changed");
    expect(groups[1]).not.toContain("changed");

    await submit(
      PEOPLE.seller,
      { [mttr.id]: { value: "2", confidence: "high" }, [fixRate.id]: { value: "80", confidence: "low" } },
      { viewId: view?.id },
    );
    const fresh = await latestEstimatesOf(h.db, tender.id);
    expect(fresh[0]?.version).toBe(2);
    expect(fresh[0]?.estimates.map((e) => [e.metricVersion, e.stale])).toEqual([
      [2, false],
      [1, false],
    ]);
    expect(JSON.stringify(said(acme.channelId, "Your estimates, v2")[0]?.blocks)).toContain(
      "80% of the way from 4 to 1.5 hours",
    );
  });

  it("a retired metric is not in the form, and its estimate is not carried over", async () => {
    const { team, acme, metrics } = await tenderWithMetrics();
    const [mttr, fixRate] = metrics;
    if (!mttr || !fixRate) throw new Error("metrics missing");
    const first = await quantify(PEOPLE.seller, acme.channelId, String(mttr.id));
    await submit(
      PEOPLE.seller,
      { [mttr.id]: { value: "2.5", confidence: "high" }, [fixRate.id]: { value: "80", confidence: "low" } },
      { viewId: first.view?.id },
    );
    await h.command("metric retire M-1", { channelId: team });
    await h.outboxDrained();
    // The button on the retired metric's post opens the form of the metrics that still count.
    const { view } = await quantify(PEOPLE.seller, acme.channelId, String(mttr.id));
    const form = JSON.stringify(view?.view);
    expect(form).not.toContain("Mean time to repair");
    expect(form).not.toContain(estimateField(mttr.id, "value").block);
    expect(form).toContain("Metrics 1–1 of 1.");
    await submit(PEOPLE.seller, { [fixRate.id]: { value: "82", confidence: "low" } }, { viewId: view?.id });
    const latest = await h.db.estimateSet.findFirstOrThrow({
      where: { version: 2 },
      include: { estimates: true },
    });
    expect(latest.estimates.map((e) => [e.metricId, e.value])).toEqual([[fixRate.id, 82]]);
  });

  it("pages 14 metrics, 12 to a form, and carries the other page's estimates over into each version", async () => {
    const commands = Array.from(
      { length: 14 },
      (_, i) => `metric add Measure ${i + 1} | hours | ${20 + i} | ${10 + i}`,
    );
    const { team, acme, metrics } = await tenderWithMetrics(commands);
    expect(metrics).toHaveLength(14);
    const m = (n: number) => metrics[n - 1]?.id ?? 0;

    const firstPage = await quantify(PEOPLE.seller, acme.channelId, metricPost(acme.channelId, 1).value);
    const first = JSON.stringify(firstPage.view?.view);
    expect(((firstPage.view?.view.blocks ?? []) as unknown[]).length).toBeLessThanOrEqual(100);
    expect(first).toContain("Metrics 1–12 of 14. The others are on the form opened from their own posts.");
    expect(first).toContain(estimateField(m(12), "value").block);
    expect(first).not.toContain(estimateField(m(13), "value").block);
    expect(JSON.parse(String(firstPage.view?.view.private_metadata ?? "{}")).metricIds).toEqual(
      Array.from({ length: 12 }, (_, i) => m(i + 1)),
    );
    await submit(
      PEOPLE.seller,
      { [m(1)]: { value: "15", confidence: "medium" } },
      { viewId: firstPage.view?.id },
    );

    const secondPage = await quantify(PEOPLE.seller, acme.channelId, metricPost(acme.channelId, 14).value);
    const second = JSON.stringify(secondPage.view?.view);
    expect(second).toContain("Metrics 13–14 of 14.");
    expect(second).toContain("M-13 · Measure 13");
    expect(second).not.toContain(estimateField(m(1), "value").block);
    await submit(
      PEOPLE.seller,
      { [m(14)]: { value: "20", confidence: "high" } },
      { viewId: secondPage.view?.id },
    );

    const v2 = await h.db.estimateSet.findFirstOrThrow({
      where: { version: 2 },
      include: { estimates: true },
    });
    expect(v2.estimates.map((e) => [e.metricId, e.value]).sort()).toEqual(
      [
        [m(1), 15],
        [m(14), 20],
      ].sort(),
    );
    const [card] = said(acme.channelId, "Your estimates, v2");
    expect(JSON.stringify(card?.blocks)).toContain("M-1 · Measure 1");
    expect(JSON.stringify(card?.blocks)).toContain("50% of the way from 20 to 10 hours");

    // M-1 changes; saving the second page again carries M-1's estimate over, marked as needing an update.
    await editM1(team, { name: "Measure 1", unit: "hours", baseline: "20", target: "12", weight: "1" });
    const again = await quantify(PEOPLE.seller, acme.channelId, metricPost(acme.channelId, 13).value);
    await submit(PEOPLE.seller, { [m(13)]: { value: "25", confidence: "low" } }, { viewId: again.view?.id });
    const [v3] = said(acme.channelId, "Your estimates, v3");
    const shown = JSON.stringify(v3?.blocks);
    expect(shown).toContain(
      "*M-1 changed since*: its baseline, target or unit is new, so this estimate needs an update.",
    );
    expect(shown.match(/changed since/g)).toHaveLength(1);
    const v3Row = await h.db.estimateSet.findFirstOrThrow({
      where: { version: 3 },
      include: { estimates: true },
    });
    expect(v3Row.estimates.find((e) => e.metricId === m(1))?.metricVersion).toBe(1);
  });

  it("saves once when the app died after saving and before it marked the submission worked", async () => {
    const { team, acme, metrics } = await tenderWithMetrics([MTTR]);
    const [mttr] = metrics;
    if (!mttr) throw new Error("metric missing");
    const { view } = await quantify(PEOPLE.seller, acme.channelId, String(mttr.id));
    await submit(PEOPLE.seller, { [mttr.id]: { value: "3", confidence: "medium" } }, { viewId: view?.id });
    const item = { id: await workLatestFormAgain(h) };
    expect(await h.db.inboxItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      status: "done",
    });
    expect(await h.db.estimateSet.count()).toBe(1);
    const answers = [
      ...h.fake.responses().map((r) => r.body),
      ...h.fake.calls("chat.postMessage").map((c) => c.args),
    ];
    expect(JSON.stringify(answers)).not.toMatch(/Something went wrong/);
    expect(said(acme.channelId, "*Your estimates, v")).toHaveLength(1);
    expect(said(team, "*Acme's estimates, v")).toHaveLength(1);
  });
});
