import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, PEOPLE, startHarness } from "../support/harness.js";
import { PROPERTY_RUNS, PROPERTY_SEED, shownSafely } from "./generators.js";
import {
  BUTTONS,
  channel,
  idLike,
  memory,
  PERSONS,
  type Person,
  rightValue,
  setUpWorld,
  submission,
  type Value,
  world,
} from "./interactions.js";

/**
 * Every button and every form of the app, pressed and submitted with generated values and forged
 * memories (ids of other tenders, sellers and rows; wrong types; hostile text) by the tender's
 * owner, a buyer-side colleague outside the tender, Acme's person and Globex's person, in any of
 * the channels: answered at once, in clear sentences (no stack, no SQL, no raw `<!…>`, no
 * "something went wrong"), and nothing written or shown outside the person's rights.
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await setUpWorld(h);
});

/** Rows only a seller's own people may write for it; a person of one seller writing for the other is a breach. */
async function writtenFor() {
  return {
    replies: await h.db.reply.findMany({ select: { userId: true, sellerId: true, channelId: true } }),
    lessons: await h.db.lesson.findMany({ select: { authorUserId: true, sellerId: true } }),
    answers: await h.db.checkInAnswer.findMany({ select: { userId: true, sellerId: true } }),
    suggestions: await h.db.metricSuggestion.findMany({ select: { authorUserId: true, sellerId: true } }),
    receipts: await h.db.noticeReceipt.findMany({
      where: { acknowledgedBy: { not: null } },
      select: { acknowledgedBy: true, sellerId: true },
    }),
    intents: await h.db.seller.findMany({
      where: { intentBy: { not: null } },
      select: { intentBy: true, id: true },
    }),
  };
}

/** Every row people's words or decisions make, in one figure. */
const allRows = async () =>
  (await h.db.tender.count()) +
  (await h.db.seller.count()) +
  (await h.db.requirementRevision.count()) +
  (await h.db.reply.count()) +
  (await h.db.lesson.count()) +
  (await h.db.clarification.count()) +
  (await h.db.checkIn.count()) +
  (await h.db.checkInAnswer.count()) +
  (await h.db.estimateSet.count());

/** Rows only the buyer's people write, in every tender and in the world's own. */
async function buyerSideRows() {
  const count = async (tenderId?: number) => {
    const tender = tenderId === undefined ? {} : { tenderId };
    const requirement = tenderId === undefined ? {} : { requirement: { tenderId } };
    return {
      sellers: await h.db.seller.count({ where: tender }),
      revisions: await h.db.requirementRevision.count({ where: requirement }),
      clarifications: await h.db.clarification.count({ where: requirement }),
      checkIns: await h.db.checkIn.count({ where: tender }),
      metrics: await h.db.metric.count({ where: tender }),
      notices: await h.db.notice.count({ where: tender }),
      reminded: await h.db.notice.count({ where: { ...tender, remindedAt: { not: null } } }),
      quietDecided: await h.db.quietAnswer.count({ where: { ...tender, status: { not: "pending" } } }),
    };
  };
  return {
    tenders: await h.db.tender.count(),
    everywhere: await count(),
    world: await count(world.tenderId),
  };
}

/** Everything the app said since `from` calls and responses: safe, and never the unexpected failure. */
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

/** What a person of one seller was shown or could write must not name the other seller. */
async function withinRights(
  person: Person,
  fromView: number,
  before: Awaited<ReturnType<typeof buyerSideRows>>,
) {
  // Estimates are a seller's own: the buyer's people write none, a seller's person only its seller's.
  const sellerIds = { acme: world.acmeSellerId, globex: world.globexSellerId };
  const estimates = await h.db.estimateSet.findMany({
    where: { authorUserId: person.id },
    select: { sellerId: true },
  });
  for (const set of estimates)
    expect(set.sellerId).toBe(person.seller ? sellerIds[person.seller] : undefined);
  if (person.id === PEOPLE.owner) return;
  const after = await buyerSideRows();
  if (!person.seller) {
    // Anyone of the buyer's workspace may open a tender of their own and run it; nothing in this one.
    expect(after.world).toEqual(before.world);
    return;
  }
  expect(after).toEqual(before);
  const own = person.seller === "acme" ? world.acmeSellerId : world.globexSellerId;
  const other = person.seller === "acme" ? world.globex : world.acme;
  const otherName = person.seller === "acme" ? "Globex" : "Acme";
  for (const view of h.fake.views().slice(fromView)) {
    const shown = JSON.stringify(view.view);
    expect(shown).not.toContain(other);
    expect(shown).not.toContain(otherName);
  }
  const written = await writtenFor();
  for (const reply of written.replies.filter((row) => row.userId === person.id))
    expect(reply.sellerId).toBe(own);
  for (const lesson of written.lessons.filter((row) => row.authorUserId === person.id))
    expect(lesson.sellerId).toBe(own);
  for (const answer of written.answers.filter((row) => row.userId === person.id))
    expect(answer.sellerId).toBe(own);
  for (const suggestion of written.suggestions.filter((row) => row.authorUserId === person.id))
    expect(suggestion.sellerId).toBe(own);
  for (const receipt of written.receipts.filter((row) => row.acknowledgedBy === person.id))
    expect(receipt.sellerId).toBe(own);
  for (const intent of written.intents.filter((row) => row.intentBy === person.id))
    expect(intent.id).toBe(own);
}

describe("buttons with generated values", () => {
  it("answer every person at once and clearly, and act only within their rights", async () => {
    const reached = { opened: 0, told: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BUTTONS),
        fc.oneof(
          { weight: 2, arbitrary: fc.constant(undefined) },
          { weight: 2, arbitrary: idLike() },
          { weight: 1, arbitrary: fc.constant(undefined).map(() => "") },
        ),
        fc.constantFrom(...PERSONS),
        channel(),
        async (actionId, forged, person, where) => {
          const value = forged ?? rightValue(actionId);
          const [calls, responses, views] = [
            h.fake.calls().length,
            h.fake.responses().length,
            h.fake.views().length,
          ];
          const before = await buyerSideRows();
          const channelId = where(person);
          const messageTs = world.posts.get(channelId);
          const started = Date.now();
          const answer = await h.requests.blockAction({
            userId: person.id,
            ...(person.teamId ? { userTeamId: person.teamId } : {}),
            channelId,
            ...(messageTs ? { messageTs } : {}),
            actionId,
            ...(value !== undefined ? { value } : {}),
          });
          expect(answer.status).toBe(200);
          expect(Date.now() - started).toBeLessThan(3_000);
          await h.outboxDrained();
          saidSafely(calls, responses);
          await withinRights(person, views, before);
          reached.opened += h.fake.views().length - views;
          reached.told += h.fake.responses().length - responses;
        },
      ),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
    // The generated presses reached both the buttons' checks and the forms they open.
    expect(reached.opened).toBeGreaterThan(0);
    expect(reached.told).toBeGreaterThan(0);
  }, 300_000);
});

describe("forms with generated values and forged memories", () => {
  it("answer every person at once and clearly, and act only within their rights", async () => {
    const reached = { refused: 0, written: 0 };
    await fc.assert(
      fc.asyncProperty(
        submission(),
        memory(),
        fc.constantFrom(...PERSONS),
        async ({ form, values }, remembered, person) => {
          const [calls, responses, views] = [
            h.fake.calls().length,
            h.fake.responses().length,
            h.fake.views().length,
          ];
          const before = await buyerSideRows();
          const rowsBefore = await allRows();
          const state: Record<string, Record<string, Value>> = {};
          for (const { field, value } of values) if (value) state[field.block] = { [field.action]: value };
          const memo = remembered(person);
          const started = Date.now();
          const answer = await h.requests.viewSubmission({
            userId: person.id,
            ...(person.teamId ? { userTeamId: person.teamId } : {}),
            callbackId: form.callbackId,
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
          await withinRights(person, views, before);
          if ((await allRows()) > rowsBefore) reached.written++;
        },
      ),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
    // The generated submissions reached both the forms' checks and their use cases.
    expect(reached.refused).toBeGreaterThan(0);
    expect(reached.written).toBeGreaterThan(0);
  }, 300_000);
});
