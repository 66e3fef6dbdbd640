import { describe, expect, it } from "vitest";
import {
  anonymise,
  answerOrigin,
  clarificationSchema,
  commandClarificationSchema,
  parseClarifyArgs,
} from "../../src/features/clarifications/domain.js";
import { ANSWER_ALL_FORM } from "../../src/features/clarifications/ids.js";
import { answerAllModal, clarificationText } from "../../src/features/clarifications/views.js";
import {
  LONG_TEXT_MAX,
  type RequirementSummary,
  summarise,
  withdrawReasonSchema,
} from "../../src/features/requirements/domain.js";
import type { Requirement } from "../../src/features/requirements/repository.js";
import { requirementsListText, withdrawalNoteText } from "../../src/features/requirements/views.js";
import { revisionOrigin, revisionSchema } from "../../src/features/revisions/domain.js";
import { REVISION_FORM } from "../../src/features/revisions/ids.js";
import {
  historyText,
  type InfluenceChoice,
  influenceOptionText,
  type RequirementHistory,
  revisionModal,
  revisionNoteText,
} from "../../src/features/revisions/views.js";
import { fieldErrors } from "../../src/kernel/handlers.js";
import { OPTION_TEXT_MAX } from "../../src/slack/blocks.js";
import { HELP_TEXT } from "../../src/slack/commands/help.js";
import { EPHEMERAL_TEXT_MAX, firstWords, fitItems } from "../../src/slack/text.js";

const decodeAnswerOrigin = answerOrigin.decode;
const { decode: decodeRevisionOrigin, encode: encodeRevisionOrigin } = revisionOrigin;

const BROADCAST = "<!channel>";

function requirement(overrides: Partial<Requirement["current"]> = {}, version = 1): Requirement {
  return {
    id: 12,
    tenderId: 3,
    number: 4,
    version,
    status: "open",
    teamTs: null,
    metrics: [],
    current: {
      version,
      title: "Offline mode",
      details: "Technicians work in basements.",
      category: "Mobile",
      priority: "must",
      acceptanceCriteria: null,
      inputDueOn: new Date(Date.UTC(2026, 5, 30)),
      changeNote: null,
      createdBy: "UBUYER",
      createdAt: new Date(Date.UTC(2026, 0, 2)),
      ...overrides,
    },
  };
}

type Block = { type: string; block_id?: string; element?: Record<string, unknown> };
const blocksOf = (view: { blocks: unknown[] }) => view.blocks as Block[];
const choice = (
  id: number,
  text: string,
  authorName = "Sam Seller",
  sellerName = "Acme",
): InfluenceChoice => ({
  id,
  text,
  authorName,
  sellerName,
});

describe("anonymise", () => {
  const who = { sellerName: "Acme Field", authorName: "Sam Seller" };

  it("takes out the seller's name, its author's name and mentions", () => {
    expect(anonymise("Sam here from ACME FIELD, cc <@U0SELLER|sam>: can Acme host it?", who)).toBe(
      "[name] here from [seller], cc [name]: can [seller] host it?",
    );
  });

  it("leaves lower-case words that merely share a name part", () => {
    expect(anonymise("Does the seller host the field data?", who)).toBe(
      "Does the seller host the field data?",
    );
  });

  it("leaves words that only contain a name", () => {
    expect(anonymise("Samples from Acmeco", who)).toBe("Samples from Acmeco");
  });

  it("copes with names full of regular expression characters", () => {
    expect(anonymise("Ask (A+B) Ltd. about it", { sellerName: "(A+B) Ltd.", authorName: "J" })).toBe(
      "Ask [seller] about it",
    );
  });
});

describe("firstWords", () => {
  it("keeps short text on one line", () => {
    expect(firstWords("  two\nlines  ", 20)).toBe("two lines");
  });

  it("cuts at a word and marks the cut", () => {
    const cut = firstWords("We cache work orders for seventy two hours", 20);
    expect(cut).toBe("We cache work…");
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  it("cuts a word without spaces within the limit", () => {
    expect(firstWords("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("parseClarifyArgs", () => {
  it("reads a bare answer", () => {
    expect(parseClarifyArgs("Yes, 8 hours")).toEqual({ answer: "Yes, 8 hours" });
  });

  it("reads a question before the first bar", () => {
    expect(parseClarifyArgs("How long? | 8 hours | at least")).toEqual({
      question: "How long?",
      answer: "8 hours | at least",
    });
  });

  it("leaves the answer empty when nothing follows the bar, so the schema says so", () => {
    const parsed = commandClarificationSchema.safeParse(parseClarifyArgs("How long? |"));
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(fieldErrors(parsed.error)).toEqual({ answer: "Give the answer every seller will read." });
  });
});

describe("revisionSchema and the revision form", () => {
  it("needs a change note and turns chosen replies into ids", () => {
    const parsed = revisionSchema.safeParse({ title: "T", changeNote: " Why ", influencedBy: ["3", "5"] });
    expect(parsed.success && parsed.data).toMatchObject({
      changeNote: "Why",
      influencedBy: [3, 5],
      priority: "should",
    });
    const missing = revisionSchema.safeParse({ title: "", changeNote: "" });
    expect(missing.success).toBe(false);
    if (!missing.success)
      expect(Object.keys(fieldErrors(missing.error)).sort()).toEqual(["changeNote", "title"]);
  });

  it("puts every field's error on a block of the form", () => {
    const modal = revisionModal("{}", requirement(), [choice(1, "Hi")], false);
    const blockIds = new Set(blocksOf(modal).map((block) => block.block_id));
    const bad = revisionSchema.safeParse({
      title: "",
      details: "d".repeat(13_000),
      category: "c".repeat(60),
      priority: "urgent",
      acceptanceCriteria: "a".repeat(LONG_TEXT_MAX + 1),
      inputDueOn: "someday",
      changeNote: "n".repeat(2000),
      influencedBy: ["x"],
    });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    const fields = Object.keys(fieldErrors(bad.error));
    expect(fields).toHaveLength(8);
    for (const field of fields) expect(blockIds.has(field), field).toBe(true);
  });

  it("is prefilled with the current version", () => {
    const modal = revisionModal("meta", requirement(), [], false);
    const element = (block: string) => blocksOf(modal).find((b) => b.block_id === block)?.element ?? {};
    expect(element(REVISION_FORM.title.block).initial_value).toBe("Offline mode");
    expect(element(REVISION_FORM.details.block).initial_value).toBe("Technicians work in basements.");
    expect(element(REVISION_FORM.category.block).initial_value).toBe("Mobile");
    expect(element(REVISION_FORM.priority.block).initial_option).toMatchObject({ value: "must" });
    expect(element(REVISION_FORM.inputDueOn.block).initial_date).toBe("2026-06-30");
    expect(element(REVISION_FORM.acceptanceCriteria.block).initial_value).toBeUndefined();
    expect(element(REVISION_FORM.changeNote.block).initial_value).toBeUndefined();
    expect(modal.title).toEqual({ type: "plain_text", text: "Revise R-4" });
    expect(modal.submit).toEqual({ type: "plain_text", text: "Publish v2" });
  });

  it("keeps details too long for a form out of it", () => {
    const modal = revisionModal("meta", requirement({ details: "d".repeat(5000) }), [], true);
    expect(blocksOf(modal).some((b) => b.block_id === REVISION_FORM.details.block)).toBe(false);
    expect(JSON.stringify(modal)).toContain("they stay as they are");
  });

  it("offers at most 100 replies, each label within 75 characters", () => {
    const replies = Array.from({ length: 130 }, (_, i) =>
      choice(
        i + 1,
        `${"Long experience ".repeat(10)}${i}`,
        "Bartholomew Maximilian Featherstonehaugh",
        "Very Long Seller Name Ltd",
      ),
    );
    const select = blocksOf(revisionModal("m", requirement(), replies, false)).find(
      (b) => b.block_id === REVISION_FORM.influencedBy.block,
    )?.element as { type: string; options: { text: { text: string }; value: string }[] };
    expect(select.type).toBe("multi_static_select");
    expect(select.options).toHaveLength(100);
    for (const option of select.options) expect(option.text.text.length).toBeLessThanOrEqual(OPTION_TEXT_MAX);
  });

  it("labels a reply with its author, its seller and its first words", () => {
    expect(influenceOptionText(choice(1, "We cached\nwork orders."))).toBe(
      "Sam Seller (Acme): We cached work orders.",
    );
    expect(influenceOptionText(choice(1, "   "))).toBe("Sam Seller (Acme): …");
  });
});

describe("form origins", () => {
  it("round-trip, and junk decodes to nothing", () => {
    const origin = { tenderId: 1, requirementId: 2, version: 3, responseUrl: "https://hooks.example/x" };
    expect(decodeRevisionOrigin(encodeRevisionOrigin(origin))).toEqual(origin);
    expect(decodeRevisionOrigin("not json")).toBeUndefined();
    expect(decodeRevisionOrigin('{"tenderId":"1"}')).toBeUndefined();
    expect(decodeAnswerOrigin('{"replyId":9}')).toEqual({ replyId: 9 });
  });
});

describe("what sellers read", () => {
  it("says what changed, escaped, and thanks the sellers whose input led to it", () => {
    expect(revisionNoteText(4, 2, `Longer ${BROADCAST} & more`, false)).toBe(
      "R-4 revised to v2: Longer &lt;!channel&gt; &amp; more",
    );
    expect(revisionNoteText(4, 2, "Longer", true)).toBe(
      "R-4 revised to v2: Longer\n_Changed thanks to your input._",
    );
  });

  it("gives the reason of a withdrawal, escaped", () => {
    expect(withdrawalNoteText(4, BROADCAST)).toBe(
      "R-4 was withdrawn by the buyer: &lt;!channel&gt;\nIt stays here for the record.",
    );
    expect(withdrawalNoteText(4, undefined)).toBe(
      "R-4 was withdrawn by the buyer.\nIt stays here for the record.",
    );
  });

  it("shows a clarification with or without its question, escaped", () => {
    expect(clarificationText(4, { question: `Who? ${BROADCAST}`, answer: "<@U1> & co" })).toBe(
      "*Clarification on R-4*, shared with every seller:\n*Q:* Who? &lt;!channel&gt;\n*A:* &lt;@U1&gt; &amp; co",
    );
    expect(clarificationText(4, { question: "", answer: "Yes" })).toBe(
      "*Clarification on R-4*, shared with every seller:\nYes",
    );
  });
});

describe("answerAllModal", () => {
  it("prefills the question and needs both parts", () => {
    const modal = answerAllModal("m", "R-4 · Offline mode", "q".repeat(5000));
    const inputs = blocksOf(modal).filter((b) => b.type === "input");
    expect(inputs.map((b) => b.block_id)).toEqual([
      ANSWER_ALL_FORM.question.block,
      ANSWER_ALL_FORM.answer.block,
    ]);
    expect(String(inputs[0]?.element?.initial_value)).toHaveLength(LONG_TEXT_MAX);
    expect(inputs.every((b) => (b as { optional?: boolean }).optional === false)).toBe(true);
    const bad = clarificationSchema.safeParse({ question: " ", answer: "" });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(Object.keys(fieldErrors(bad.error)).sort()).toEqual(["answer", "question"]);
  });
});

describe("withdrawReasonSchema", () => {
  it("treats an empty reason as none and limits a long one", () => {
    expect(withdrawReasonSchema.parse("  ")).toBeUndefined();
    expect(withdrawReasonSchema.safeParse("r".repeat(501)).success).toBe(false);
  });
});

describe("fitItems", () => {
  it("keeps everything that fits", () => {
    expect(fitItems("head", ["a", "b"], 100, (n) => `${n} more`)).toBe("head\na\nb");
  });

  it("says how many items were left out, within the limit", () => {
    const items = Array.from({ length: 50 }, (_, i) => `item ${i} ${"x".repeat(20)}`);
    const text = fitItems("head", items, 200, (n) => `…and ${n} more`);
    expect(text.length).toBeLessThanOrEqual(200);
    const shown = text.split("\n").filter((line) => line.startsWith("item")).length;
    expect(text.endsWith(`…and ${50 - shown} more`)).toBe(true);
  });
});

describe("summarise and requirementsListText", () => {
  const names = new Map([
    [1, "Acme"],
    [2, "Beta <!here>"],
  ]);
  const row = (sellerId: number, kind: string, text: string, answeredAt: Date | null = null) => ({
    sellerId,
    authorName: "Sam",
    kind,
    text,
    answeredAt,
  });

  it("counts replies per seller and keeps the unanswered questions", () => {
    const summary = summarise(
      { number: 1, version: 2, status: "open", title: "Offline" },
      [
        row(1, "comment", "c"),
        row(2, "question", "q1"),
        row(1, "question", "q2", new Date()),
        row(2, "question", "q3"),
      ],
      names,
    );
    expect(summary.repliesBySeller).toEqual([
      { sellerName: "Acme", count: 2 },
      { sellerName: "Beta <!here>", count: 2 },
    ]);
    expect(summary.openQuestions.map((q) => q.text)).toEqual(["q1", "q3"]);
  });

  it("escapes names and questions and stays within Slack's limits however long the list", () => {
    const summaries: RequirementSummary[] = Array.from({ length: 80 }, (_, i) => ({
      number: i + 1,
      title: `${BROADCAST} ${"t".repeat(140)}`,
      version: 1,
      status: "open",
      repliesBySeller: [{ sellerName: BROADCAST, count: 3 }],
      openQuestions: Array.from({ length: 5 }, () => ({
        sellerName: "Acme",
        authorName: "<@U1>",
        text: `${BROADCAST} ${"q".repeat(400)}`,
      })),
    }));
    const text = requirementsListText({ number: 1, title: "Tender & co" }, summaries);
    expect(text.length).toBeLessThanOrEqual(EPHEMERAL_TEXT_MAX);
    expect(text).not.toMatch(/[<>]/);
    expect(text.split("\n")[0]).toBe(
      "*Requirements of T-1 · Tender &amp; co*: 80 · 400 open seller questions",
    );
    expect(text).toContain("…and 2 more open questions");
    expect(text).toMatch(/…and \d+ more requirements; `\/tender history R-&lt;n&gt;` shows any of them\.$/);
  });

  it("says when there is no requirement yet", () => {
    expect(requirementsListText({ number: 2, title: "X" }, [])).toBe(
      "*T-2 · X* has no requirement yet. `/tender require &lt;title&gt; | &lt;details&gt;` posts one.",
    );
  });
});

describe("historyText", () => {
  const version = (n: number, influences = 0) => ({
    version: n,
    title: "Offline mode",
    changeNote: n === 1 ? null : `Change ${n} ${BROADCAST}`,
    createdBy: "UBUYER",
    createdAt: new Date(Date.UTC(2026, 0, n)),
    influences: Array.from({ length: influences }, () => ({
      authorName: "Sam",
      sellerName: "Acme",
      text: "We did it",
    })),
  });
  const history = (versions: number, clarifications: number): RequirementHistory => ({
    number: 4,
    title: "Offline mode",
    version: versions,
    status: "open",
    versions: Array.from({ length: versions }, (_, i) => version(i + 1, i === versions - 1 ? 7 : 0)),
    clarifications: Array.from({ length: clarifications }, (_, i) => ({
      question: `Q${i} ${"q".repeat(200)}`,
      answer: `A${i} ${"a".repeat(400)}`,
      createdBy: "UBUYER",
      createdAt: new Date(Date.UTC(2026, 1, 1)),
    })),
  });

  it("lists versions newest first with the replies behind them, escaped", () => {
    const lines = historyText(history(2, 0)).split("\n");
    expect(lines[0]).toBe("*History of R-4 · Offline mode*: now v2");
    expect(lines[1]).toContain("*v2*");
    expect(lines[1]).toContain("Change 2 &lt;!channel&gt;");
    expect(lines.filter((line) => line.includes("↳ thanks to Sam (Acme)"))).toHaveLength(5);
    expect(lines).toContain("      ↳ and 2 more replies");
    expect(lines.at(-1)).toBe("*Clarifications*: none yet");
  });

  it("keeps room for both versions and clarifications within Slack's limits", () => {
    const text = historyText(history(60, 40));
    expect(text.length).toBeLessThanOrEqual(EPHEMERAL_TEXT_MAX);
    expect(text).toContain("*v60*");
    expect(text).toContain("*Clarifications*: 40");
    expect(text).toContain("A39");
    expect(text.match(/older entries not shown/g)).toHaveLength(2);
  });
});

describe("HELP_TEXT", () => {
  it("names the requirement commands", () => {
    for (const action of ["require", "requirements", "revise", "withdraw", "clarify", "history"]) {
      expect(HELP_TEXT, action).toContain(`\`/tender ${action}`);
    }
  });
});
