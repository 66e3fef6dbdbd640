import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ESTIMATE_FORM_CALLBACK,
  ESTIMATE_PARTS,
  type EstimatePart,
  estimateField,
  QUANTIFY_BUTTON,
} from "../../src/features/estimates/ids.js";
import { type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";
import { hostileText, PROPERTY_RUNS, PROPERTY_SEED, shownSafely } from "./generators.js";
import { channel, idLike, PERSONS, type Person, setUpWorld, type Value, world } from "./interactions.js";

/**
 * "Quantify your impact" and its form, pressed and submitted with generated values and forged
 * memories (another seller's channel, another tender's metrics, ids of any row, hostile text) by
 * the tender's owner, a colleague, Acme's and Globex's people, in any channel: answered at once and
 * clearly, and estimates written only by a seller's own people, for their seller, in its channel.
 */

let h: Harness;

/** Beside the interaction world: a second metric, another tender's metric, a lesson of each seller. */
const more = { metricIds: [] as number[], foreignMetricId: 0, acmeLesson: 0, globexLesson: 0 };

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await setUpWorld(h);
  await h.command("metric add First-time fix rate | % | 72 | 85", { channelId: world.team });
  await h.command("new Fleet telematics");
  const other = await h.db.tender.findFirstOrThrow({ where: { id: { not: world.tenderId } } });
  await h.command("metric add Uptime | % | 97 | 99.5", { channelId: other.teamChannelId });
  await h.outboxDrained();
  const metrics = await h.db.metric.findMany({ orderBy: { id: "asc" } });
  more.metricIds = metrics.filter((m) => m.tenderId === world.tenderId).map((m) => m.id);
  more.foreignMetricId = metrics.find((m) => m.tenderId === other.id)?.id ?? 0;
  const lesson = (sellerId: number, teamId: string) =>
    h.db.lesson.create({
      data: {
        tenderId: world.tenderId,
        sellerId,
        authorUserId: PEOPLE.seller,
        authorTeamId: teamId,
        authorName: "Someone",
        organisation: "Someone's",
        fromSeller: true,
        title: "Remote diagnosis",
        situation: "A utility",
        lesson: "Diagnose before driving.",
        tags: [],
        channelId: "C0ANY",
      },
    });
  more.acmeLesson = (await lesson(world.acmeSellerId, SELLER_TEAM)).id;
  more.globexLesson = (await lesson(world.globexSellerId, "T0GLOBEX")).id;
});

function home(person: Person): string {
  if (person.seller === "acme") return world.acme;
  if (person.seller === "globex") return world.globex;
  return world.team;
}

/** Everything the app said since `fromCall` calls and `fromResponse` responses: safe, never the unexpected failure. */
function saidSafely(fromCall: number, fromResponse: number) {
  const said = [
    ...h.fake
      .calls()
      .slice(fromCall)
      .filter((call) => call.method.startsWith("chat."))
      .map((call) => JSON.stringify([call.args.text, call.args.blocks ?? []])),
    ...h.fake
      .responses()
      .slice(fromResponse)
      .map((response) => JSON.stringify(response.body)),
  ];
  for (const text of said) {
    expect(shownSafely(text)).toEqual([]);
    expect(text).not.toMatch(/Something went wrong/);
  }
}

/** A metric id as a button or a memory could carry it: the tender's, another tender's, any row's, or anything. */
const metricId = () =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(0, 1).map((i) => String(more.metricIds[i])) },
    { weight: 1, arbitrary: fc.constant(0).map(() => String(more.foreignMetricId)) },
    { weight: 1, arbitrary: idLike() },
  );

const text = (value: string): Value => ({ type: "plain_text_input", value });
const choice = (value: string): Value => ({ type: "static_select", selected_option: { value } });

/** What a careful person puts into each field of a metric's group. */
const CAREFUL: Record<EstimatePart, () => fc.Arbitrary<Value>> = {
  value: () => fc.constantFrom("2.5", "1,200", "-3", "0").map(text),
  confidence: () => fc.constantFrom("low", "medium", "high").map(choice),
  months: () => fc.constantFrom("0", "6", "120").map(text),
  assumptions: () => fc.constant(text("Spare parts in the van")),
  evidence: () => fc.constantFrom("https://example.com/case", "Contoso <!channel>").map(text),
};

/** What a careless or hostile person puts there, a lesson of either seller among it. */
const ANY: Record<EstimatePart, () => fc.Arbitrary<Value>> = {
  value: () => fc.oneof(fc.constantFrom("2.5", "12,5", "NaN", "1e400").map(text), hostileText().map(text)),
  confidence: () => fc.oneof(fc.constantFrom("low", "high").map(choice), hostileText().map(choice)),
  months: () => fc.oneof(fc.constantFrom("6", "121", "1.5", "-1").map(text), hostileText().map(text)),
  assumptions: () => fc.oneof(fc.constant(text("x".repeat(1001))), hostileText().map(text)),
  evidence: () =>
    fc.oneof(
      fc
        .constantFrom(
          () => `L-${more.acmeLesson}`,
          () => `L-${more.globexLesson}`,
          () => "L-99999",
          () => "http://example.com/case",
          () => "https://<!here>",
        )
        .map((value) => text(value())),
      hostileText().map(text),
    ),
};

/** A metric's group: each field from `values` or left out. */
const group = (values: Record<EstimatePart, () => fc.Arbitrary<Value>>) =>
  fc.record(
    Object.fromEntries(
      (Object.keys(ESTIMATE_PARTS) as EstimatePart[]).map((part) => [
        part,
        fc.option(values[part](), { nil: undefined, freq: 4 }),
      ]),
    ) as Record<EstimatePart, fc.Arbitrary<Value | undefined>>,
  );

/** A careful person's groups, or groups where anything goes. */
const groups = () =>
  fc.oneof(
    fc.array(group(CAREFUL), { minLength: 3, maxLength: 3 }),
    fc.array(fc.oneof(group(CAREFUL), group(ANY)), { minLength: 3, maxLength: 3 }),
  );

/** The form's memory: what the app writes for the person, a forged one, or hostile text. */
const memory = () =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constant((person: Person) => ({ channelId: home(person), metricIds: more.metricIds })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ where: channel(), ids: fc.array(metricId(), { minLength: 1, maxLength: 3 }) })
        .map(({ where, ids }) => (person: Person) => ({
          channelId: where(person),
          metricIds: ids.map(Number),
        })),
    },
    { weight: 1, arbitrary: hostileText().map((text) => () => text) },
  );

describe("Quantify your impact, pressed with generated values", () => {
  it("answers every person at once and clearly, and opens the form only for a seller's people in their channel", async () => {
    const reached = { opened: 0, told: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.option(metricId(), { nil: undefined }),
        fc.constantFrom(...PERSONS),
        channel(),
        async (value, person, where) => {
          const [calls, responses, views] = [
            h.fake.calls().length,
            h.fake.responses().length,
            h.fake.views().length,
          ];
          const channelId = where(person);
          const started = Date.now();
          const answer = await h.requests.blockAction({
            userId: person.id,
            ...(person.teamId ? { userTeamId: person.teamId } : {}),
            channelId,
            actionId: QUANTIFY_BUTTON,
            ...(value !== undefined ? { value } : {}),
          });
          expect(answer.status).toBe(200);
          expect(Date.now() - started).toBeLessThan(3_000);
          await h.settle();
          saidSafely(calls, responses);
          for (const view of h.fake.views().slice(views)) {
            expect(person.seller).toBeDefined();
            expect(channelId).toBe(home(person));
            const shown = JSON.stringify(view.view);
            expect(shown).not.toContain(person.seller === "acme" ? "Globex" : "Acme");
            expect(JSON.parse(String(view.view.private_metadata)).metricIds).toEqual(more.metricIds);
          }
          reached.opened += h.fake.views().length - views;
          reached.told += h.fake.responses().length - responses;
        },
      ),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
    expect(reached.opened).toBeGreaterThan(0);
    expect(reached.told).toBeGreaterThan(0);
  }, 300_000);
});

describe("the estimates form, with generated values and forged memories", () => {
  it("answers every person at once and clearly, and saves only a seller's own estimates, in its channel", async () => {
    const reached = { refused: 0, written: 0 };
    await fc.assert(
      fc.asyncProperty(
        memory(),
        groups(),
        fc.constantFrom(...PERSONS),
        async (remembered, filled, person) => {
          const [calls, responses] = [h.fake.calls().length, h.fake.responses().length];
          const setsBefore = await h.db.estimateSet.count();
          const memo = remembered(person);
          const ids = typeof memo === "string" ? more.metricIds : memo.metricIds;
          const state: Record<string, Record<string, Value>> = {};
          for (const [i, id] of ids.entries())
            for (const [part, value] of Object.entries(filled[i % filled.length] ?? {}))
              if (value) {
                const field = estimateField(id, part as EstimatePart);
                state[field.block] = { [field.action]: value };
              }
          const started = Date.now();
          const answer = await h.requests.viewSubmission({
            userId: person.id,
            ...(person.teamId ? { userTeamId: person.teamId } : {}),
            callbackId: ESTIMATE_FORM_CALLBACK,
            privateMetadata:
              typeof memo === "string"
                ? memo
                : JSON.stringify({ ...memo, responseUrl: h.fake.responseUrl() }),
            values: state,
          });
          expect(answer.status).toBe(200);
          expect(Date.now() - started).toBeLessThan(3_000);
          if (answer.body) {
            expect(shownSafely(answer.body)).toEqual([]);
            reached.refused++;
          }
          await h.outboxDrained();
          saidSafely(calls, responses);
          const written = await h.db.estimateSet.findMany({
            skip: setsBefore,
            orderBy: { id: "asc" },
            include: { estimates: { select: { metricId: true } } },
          });
          for (const set of written) {
            // Only the seller's own people, from the form of their own channel, for their own seller.
            expect(person.seller).toBeDefined();
            expect(typeof memo === "string" ? undefined : memo.channelId).toBe(home(person));
            expect(set.authorUserId).toBe(person.id);
            expect(set.sellerId).toBe(person.seller === "acme" ? world.acmeSellerId : world.globexSellerId);
            for (const estimate of set.estimates) expect(more.metricIds).toContain(estimate.metricId);
          }
          const cards = h.fake
            .calls()
            .slice(calls)
            .filter(
              (call) => call.method === "chat.postMessage" && String(call.args.text).includes("estimates, v"),
            );
          for (const card of cards) expect([home(person), world.team]).toContain(card.args.channel);
          if (written.length > 0) reached.written++;
        },
      ),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
    // The generated submissions reached both the form's checks and its use case.
    expect(reached.refused).toBeGreaterThan(0);
    expect(reached.written).toBeGreaterThan(0);
  }, 300_000);
});
