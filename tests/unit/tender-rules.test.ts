import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  GOAL_MAX,
  newTenderSchema,
  STAGES,
  type TenderStage,
  TITLE_MAX,
} from "../../src/features/tenders/domain.js";
import { parseStage, stageChangeProblem } from "../../src/features/timeline/domain.js";
import { isOwner } from "../../src/kernel/access.js";
import { fieldErrors } from "../../src/kernel/handlers.js";
import { nextFreeName, sellerChannelName, slugify, teamChannelName } from "../../src/slack/channel-names.js";

const OPEN_STAGES: TenderStage[] = ["courting", "requirements", "proposal", "evaluation"];
const FINAL_STAGES: TenderStage[] = ["awarded", "closed"];
const SLACK_CHANNEL_NAME = /^[a-z0-9_-]{1,80}$/;

function tenderErrors(input: unknown): Record<string, string> {
  const result = newTenderSchema.safeParse(input);
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return fieldErrors(result.error);
}

describe("parseStage", () => {
  it("knows every stage, whatever the case and surrounding spaces", () => {
    for (const stage of STAGES) {
      expect(parseStage(stage)).toBe(stage);
      expect(parseStage(`  ${stage.toUpperCase()} `)).toBe(stage);
    }
  });

  it("refuses anything else", () => {
    for (const text of ["", "award", "open", "proposals", "courting requirements"]) {
      expect(parseStage(text), text).toBeUndefined();
    }
  });

  it("lists the stages in their natural order", () => {
    expect(STAGES).toEqual(["courting", "requirements", "proposal", "evaluation", "awarded", "closed"]);
  });
});

describe("stageChangeProblem", () => {
  it("refuses a move to the stage the tender is already in", () => {
    for (const stage of STAGES) {
      expect(stageChangeProblem(stage, stage)).toBe(`The tender is already in the ${stage} stage.`);
    }
  });

  it("refuses every move out of awarded or closed", () => {
    for (const from of FINAL_STAGES) {
      for (const to of STAGES.filter((stage) => stage !== from)) {
        expect(stageChangeProblem(from, to), `${from} → ${to}`).toBe(
          `The tender is ${from}; its stage can no longer change.`,
        );
      }
    }
  });

  it("awards a tender only from evaluation", () => {
    expect(stageChangeProblem("evaluation", "awarded")).toBeUndefined();
    for (const from of ["courting", "requirements", "proposal"] as const) {
      expect(stageChangeProblem(from, "awarded"), from).toBe(
        "A tender is awarded after its evaluation: move it to `evaluation` first.",
      );
    }
  });

  it("moves freely between open stages, backwards too", () => {
    for (const from of OPEN_STAGES) {
      for (const to of OPEN_STAGES.filter((stage) => stage !== from)) {
        expect(stageChangeProblem(from, to), `${from} → ${to}`).toBeUndefined();
      }
    }
  });

  it("closes a tender from any open stage", () => {
    for (const from of OPEN_STAGES) {
      expect(stageChangeProblem(from, "closed"), from).toBeUndefined();
    }
  });
});

describe("isOwner", () => {
  const members = [
    { userId: "U1", role: "owner" as const },
    { userId: "U2", role: "member" as const },
  ];

  it("is true for an owner", () => {
    expect(isOwner(members, "U1")).toBe(true);
  });

  it("is false for a plain member, a stranger and an empty list", () => {
    expect(isOwner(members, "U2")).toBe(false);
    expect(isOwner(members, "U3")).toBe(false);
    expect(isOwner([], "U1")).toBe(false);
  });
});

describe("newTenderSchema", () => {
  it("accepts a full tender, trimming the text", () => {
    expect(
      newTenderSchema.parse({
        title: "  Field service platform  ",
        goal: "  Fewer missed visits  ",
        coOwners: ["U1", "U2"],
        questionsDueOn: "2026-03-01",
        proposalsDueOn: "2026-04-01",
        awardPlannedOn: "2026-05-01",
      }),
    ).toEqual({
      title: "Field service platform",
      goal: "Fewer missed visits",
      coOwners: ["U1", "U2"],
      questionsDueOn: "2026-03-01",
      proposalsDueOn: "2026-04-01",
      awardPlannedOn: "2026-05-01",
    });
  });

  it("needs only a title; co-owners default to none", () => {
    expect(newTenderSchema.parse({ title: "Platform" })).toEqual({ title: "Platform", coOwners: [] });
  });

  it("refuses an empty or blank title", () => {
    expect(tenderErrors({ title: "" })).toEqual({ title: "Give the tender a title." });
    expect(tenderErrors({ title: " \n\t " })).toEqual({ title: "Give the tender a title." });
  });

  it(`refuses a title over ${TITLE_MAX} characters but accepts one at the limit`, () => {
    expect(tenderErrors({ title: "t".repeat(TITLE_MAX + 1) })).toEqual({
      title: `Keep the title within ${TITLE_MAX} characters.`,
    });
    expect(newTenderSchema.parse({ title: "t".repeat(TITLE_MAX) }).title).toHaveLength(TITLE_MAX);
  });

  it(`refuses a goal over ${GOAL_MAX} characters but accepts one at the limit`, () => {
    expect(tenderErrors({ title: "Platform", goal: "g".repeat(GOAL_MAX + 1) })).toEqual({
      goal: `Keep the goal within ${GOAL_MAX} characters.`,
    });
    expect(newTenderSchema.parse({ title: "Platform", goal: "g".repeat(GOAL_MAX) }).goal).toHaveLength(
      GOAL_MAX,
    );
  });

  it("turns a blank goal into no goal", () => {
    expect(newTenderSchema.parse({ title: "Platform", goal: "   \n " })).toEqual({
      title: "Platform",
      goal: undefined,
      coOwners: [],
    });
  });

  it("refuses a malformed date", () => {
    for (const date of ["2026-13-01", "2026-02-30", "01/03/2026", "2026-3-1", "tomorrow"]) {
      expect(tenderErrors({ title: "Platform", questionsDueOn: date }), date).toEqual({
        questionsDueOn: "Pick a date.",
      });
    }
  });

  it("accepts key dates on the same day", () => {
    expect(
      newTenderSchema.safeParse({
        title: "Platform",
        questionsDueOn: "2026-04-01",
        proposalsDueOn: "2026-04-01",
        awardPlannedOn: "2026-04-01",
      }).success,
    ).toBe(true);
  });

  it("puts the error of key dates out of order on the later field", () => {
    expect(
      tenderErrors({ title: "Platform", questionsDueOn: "2026-04-02", proposalsDueOn: "2026-04-01" }),
    ).toEqual({ proposalsDueOn: "This date comes before an earlier key date." });
    expect(
      tenderErrors({ title: "Platform", proposalsDueOn: "2026-05-01", awardPlannedOn: "2026-04-30" }),
    ).toEqual({ awardPlannedOn: "This date comes before an earlier key date." });
  });

  it("compares key dates across a missing one", () => {
    expect(
      tenderErrors({ title: "Platform", questionsDueOn: "2026-06-01", awardPlannedOn: "2026-05-01" }),
    ).toEqual({ awardPlannedOn: "This date comes before an earlier key date." });
  });

  it("compares dates as days, not as digits", () => {
    expect(
      newTenderSchema.safeParse({
        title: "Platform",
        questionsDueOn: "2026-09-30",
        proposalsDueOn: "2026-10-01",
      }).success,
    ).toBe(true);
    expect(
      newTenderSchema.safeParse({
        title: "Platform",
        questionsDueOn: "2026-12-31",
        proposalsDueOn: "2027-01-01",
      }).success,
    ).toBe(true);
    expect(
      tenderErrors({ title: "Platform", questionsDueOn: "2027-01-01", proposalsDueOn: "2026-12-31" }),
    ).toEqual({ proposalsDueOn: "This date comes before an earlier key date." });
  });

  it("refuses more than 10 co-owners but accepts 10", () => {
    const users = (count: number) => Array.from({ length: count }, (_, i) => `U${i}`);
    expect(tenderErrors({ title: "Platform", coOwners: users(11) })).toEqual({
      coOwners: "Name at most 10 co-owners.",
    });
    expect(newTenderSchema.parse({ title: "Platform", coOwners: users(10) }).coOwners).toHaveLength(10);
  });

  it("reports every faulty field at once", () => {
    expect(tenderErrors({ title: "", goal: "g".repeat(GOAL_MAX + 1), awardPlannedOn: "someday" })).toEqual({
      title: "Give the tender a title.",
      goal: `Keep the goal within ${GOAL_MAX} characters.`,
      awardPlannedOn: "Pick a date.",
    });
  });
});

describe("fieldErrors", () => {
  it("keeps the first message of each field", () => {
    const error = new z.ZodError([
      { code: "custom", path: ["title"], message: "first on title", input: "" },
      { code: "custom", path: ["goal"], message: "first on goal", input: "" },
      { code: "custom", path: ["title"], message: "second on title", input: "" },
    ]);
    expect(fieldErrors(error)).toEqual({ title: "first on title", goal: "first on goal" });
  });

  it("files an issue by the top-level field of a nested path", () => {
    const error = new z.ZodError([{ code: "custom", path: ["coOwners", 3], message: "bad user", input: "" }]);
    expect(fieldErrors(error)).toEqual({ coOwners: "bad user" });
  });

  it("gives nothing for no issues", () => {
    expect(fieldErrors(new z.ZodError([]))).toEqual({});
  });
});

describe("slugify", () => {
  it("lowercases and strips accents", () => {
    expect(slugify("Café Crème Brûlée")).toBe("cafe-creme-brulee");
    expect(slugify("ÅNGSTRÖM Øresund")).toBe("angstrom-resund");
  });

  it("collapses runs of punctuation and spaces into one hyphen", () => {
    expect(slugify("Field   service -- platform / 2027 (phase #2)")).toBe(
      "field-service-platform-2027-phase-2",
    );
  });

  it("leaves no hyphen at either end", () => {
    expect(slugify("  --!Platform!--  ")).toBe("platform");
  });

  it("respects the maximum length without ending in a hyphen", () => {
    expect(slugify("abcde fghij", 6)).toBe("abcde");
    const slug = slugify("word ".repeat(30));
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe("word-word-word-word-word-word-word-word");
    expect(slugify("a".repeat(100), 80)).toBe("a".repeat(80));
  });

  it("gives an empty slug for text without Latin letters or digits", () => {
    expect(slugify("Тендер на платформу")).toBe("");
    expect(slugify("入札")).toBe("");
    expect(slugify("!!! ---")).toBe("");
    expect(slugify("")).toBe("");
  });

  it("keeps the Latin part of mixed text", () => {
    expect(slugify("Тендер CRM 2027")).toBe("crm-2027");
  });
});

describe("channel names", () => {
  it("prefixes the team and seller channels of a tender", () => {
    expect(teamChannelName("field-service")).toBe("tender-field-service");
    expect(sellerChannelName("field-service", "acme")).toBe("tender-field-service-acme");
  });

  it("never exceeds Slack's 80 characters", () => {
    const long = slugify("x".repeat(200), 80);
    expect(teamChannelName(long)).toHaveLength(80);
    expect(sellerChannelName(long, long)).toHaveLength(80);
    expect(sellerChannelName(slugify("t".repeat(60)), slugify("s".repeat(60)))).toMatch(SLACK_CHANNEL_NAME);
  });
});

describe("nextFreeName", () => {
  it("tries the name itself first", () => {
    expect(nextFreeName("tender-acme", 1)).toBe("tender-acme");
  });

  it("appends the attempt number after that", () => {
    expect(nextFreeName("tender-acme", 2)).toBe("tender-acme-2");
    expect(nextFreeName("tender-acme", 10)).toBe("tender-acme-10");
  });

  it("stays within 80 characters for a base of 80", () => {
    const base = "a".repeat(80);
    for (const attempt of [2, 9, 10, 99, 100, 1000]) {
      const name = nextFreeName(base, attempt);
      expect(name, String(attempt)).toHaveLength(80);
      expect(name.endsWith(`-${attempt}`)).toBe(true);
    }
  });

  it("does not double a hyphen where the base is cut", () => {
    const base = `${"a".repeat(77)}-bc`;
    expect(nextFreeName(base, 2)).toBe(`${"a".repeat(77)}-2`);
  });

  it("gives names Slack accepts for real channel names", () => {
    const base = sellerChannelName(
      slugify("Field service platform for the whole region"),
      slugify("Acme Consulting"),
    );
    for (let attempt = 1; attempt <= 12; attempt++) {
      expect(nextFreeName(base, attempt)).toMatch(SLACK_CHANNEL_NAME);
    }
  });
});
