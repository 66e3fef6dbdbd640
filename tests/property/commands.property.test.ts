import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";
import { hostileText, PROPERTY_RUNS, PROPERTY_SEED, shownSafely } from "./generators.js";

/**
 * Every `/tender` word with generated arguments, through the real path, as the tender's owner in
 * its team channel and as a seller's person in the seller's channel: answered at once, in a clear
 * sentence (no stack, no SQL), nothing raw of `<!…>` in what the app says, and nothing written
 * outside the caller's rights.
 */
const KNOWN_WORDS = [
  "new",
  "stage",
  "dates",
  "status",
  "invite",
  "require",
  "requirements",
  "withdraw",
  "revise",
  "history",
  "clarify",
  "lesson",
  "lessons",
  "checkin",
  "checkins",
  "nudges",
  "quiet",
  "audit",
  "export",
  "metric",
  "metrics",
  "help",
  "",
];

/** A word the router knows, or anything at all in its place. */
const word = () => fc.oneof(fc.constantFrom(...KNOWN_WORDS), hostileText());

let h: Harness;
let teamChannelId = "";
let sellerChannelId = "";

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  await h.command("new Field service platform");
  teamChannelId = (await h.db.tender.findFirstOrThrow()).teamChannelId;
  await h.command("invite Acme people@acme.example", { channelId: teamChannelId });
  await h.command("require Offline mode", { channelId: teamChannelId });
  await h.outboxDrained();
  sellerChannelId = (await h.db.seller.findFirstOrThrow()).channelId;
  await h.db.seller.updateMany({ data: { slackTeamId: SELLER_TEAM } });
});

const counts = async () => ({
  tenders: await h.db.tender.count(),
  requirements: await h.db.requirementRevision.count(),
  sellers: await h.db.seller.count(),
  lessons: await h.db.lesson.count(),
  checkIns: await h.db.checkIn.count(),
  clarifications: await h.db.clarification.count(),
});

async function run(text: string, userId: string, channelId: string) {
  const started = Date.now();
  const { response, replies } = await h.command(text, { userId, channelId });
  return { status: response.status, ms: Date.now() - started, replies };
}

describe("/tender with generated input", () => {
  it("answers the owner at once and clearly, whatever follows the word", async () => {
    await fc.assert(
      fc.asyncProperty(word(), hostileText(), async (word, args) => {
        const answer = await run(`${word} ${args}`, PEOPLE.owner, teamChannelId);
        expect(answer.status).toBe(200);
        expect(answer.ms).toBeLessThan(3_000);
        for (const reply of answer.replies) expect(shownSafely(reply)).toEqual([]);
        await h.outboxDrained();
        for (const call of h.fake.calls("chat.postMessage")) {
          expect(shownSafely(String(call.args.text ?? ""))).toEqual([]);
        }
      }),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
  }, 300_000);

  it("changes nothing for a seller's person, whatever they send and wherever", async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        word(),
        hostileText(),
        fc.constantFrom(
          () => sellerChannelId,
          () => teamChannelId,
          () => "C0GENERAL",
        ),
        async (word, args, where) => {
          const answer = await run(`${word} ${args}`, PEOPLE.seller, where());
          expect(answer.status).toBe(200);
          expect(answer.ms).toBeLessThan(3_000);
          for (const reply of answer.replies) expect(shownSafely(reply)).toEqual([]);
        },
      ),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
    await h.outboxDrained();
    expect(await counts()).toEqual(before);
  }, 300_000);
});
