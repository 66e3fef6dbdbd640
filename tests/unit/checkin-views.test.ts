import { describe, expect, it } from "vitest";
import { answerPost } from "../../src/features/checkins/answers/views.js";
import { NOTHING_NEW_BUTTON, OCCURRENCE_VALUE_PREFIX } from "../../src/features/checkins/ids.js";
import { digestMessage, promptMessage } from "../../src/features/checkins/runs/views.js";

const sectionTexts = (blocks: unknown[] | undefined) =>
  (blocks ?? []).flatMap((block) => {
    const text = (block as { type: string; text?: { text: string } }).text?.text;
    return text === undefined ? [] : [text];
  });

describe("check-in messages", () => {
  it("keeps a long prompt within Slack's section limit and escapes it", () => {
    const message = promptMessage({
      tenderNumber: 3,
      tenderTitle: "Depot <!here>",
      checkInNumber: 2,
      prompt: `<!channel> ${"How is it going? ".repeat(400)}`,
      occurrenceId: 41,
      digestAt: new Date("2026-12-01T09:00:00Z"),
      timezone: "Europe/Berlin",
    });
    for (const text of sectionTexts(message.blocks)) {
      expect(text.length).toBeLessThanOrEqual(3000);
      expect(text).not.toContain("<!");
    }
    const actions = JSON.stringify(message.blocks);
    expect(actions).toContain(NOTHING_NEW_BUTTON);
    expect(actions).toContain(`"value":"${OCCURRENCE_VALUE_PREFIX}41"`);
    expect(message.text.length).toBeLessThan(300);
  });

  it("summarises many long answers within the limits", () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({
      sellerName: `Seller ${i}`,
      answers: i % 3 === 0 ? [] : [{ kind: "update" as const, text: "x".repeat(3000), authorName: "Sam" }],
    }));
    const digest = digestMessage(1, new Date("2026-11-30T09:00:00Z"), "Europe/Berlin", lines);
    expect(digest.text.length).toBeLessThanOrEqual(3900);
    for (const text of sectionTexts(digest.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(digest.text).toContain("40 of 60 sellers answered");
    expect(digest.text).toContain("No answer from: Seller 0, Seller 3,");
    expect(digest.text).toContain("Seller 57.");
  });

  it("attributes answers with the right words", () => {
    expect(answerPost("nothing_new", "Sam <x>", "Acme", "")).toBe(
      "*Sam &lt;x&gt;* (Acme): nothing new this time.",
    );
    expect(answerPost("meeting", "Sam", "Acme", "Tue 1 Dec")).toBe(
      "*Sam* (Acme) shared a meeting proposal:\nTue 1 Dec",
    );
  });
});
