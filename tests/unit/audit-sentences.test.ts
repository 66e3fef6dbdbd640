import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { describeAudit } from "../../src/features/audit/sentences.js";

const SRC = resolve(import.meta.dirname, "../../src");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Every action the code records: `action: "a.b"` in a file that calls recordAudit. */
function recordedActions(): string[] {
  const actions = new Set<string>();
  for (const file of filesUnder(SRC).filter((f) => !f.includes("/generated/"))) {
    const source = readFileSync(file, "utf8");
    if (!source.includes("recordAudit(")) continue;
    for (const [, action = ""] of source.matchAll(/action: "([a-z_]+\.[a-z_]+)"/g)) actions.add(action);
    // Check-ins record `checkin.${change}` for each change of CheckInChange.
    if (source.includes("action: `checkin.$"))
      for (const change of ["pause", "resume", "cancel"]) actions.add(`checkin.${change}`);
  }
  return [...actions].sort();
}

describe("the audit trail's sentences", () => {
  it("has a sentence for every action the code records", () => {
    const actions = recordedActions();
    expect(actions).toContain("lesson.applied");
    expect(actions.length).toBeGreaterThan(25);
    for (const action of actions)
      expect(describeAudit({ action, detail: {} }, "T-1"), action).not.toMatch(/^`/);
  });

  it("reads the detail, whatever shape old rows have", () => {
    const read = (action: string, detail: unknown) =>
      describeAudit({ action, detail: detail as never }, "T-1");
    expect(
      read("tender.dates_changed", { changes: [{ field: "questionsDueOn", from: "2026-12-10", to: null }] }),
    ).toBe("changed the key dates: questions close 2026-12-10 → none");
    expect(read("tender.nudges_changed", { nudgesOn: false })).toBe("set the nudges: off");
    expect(read("tender.nudges_changed", { silenceNudgeDays: 3 })).toBe(
      "set the nudges: silent sellers after 3 business days",
    );
    expect(
      read("metric.defined", { metric: "M-2", name: "Fix rate", unit: "%", baseline: 1200.5, target: 80 }),
    ).toBe("defined M-2 “Fix rate”: from 1,200.5 to 80 %");
    expect(
      read("seller.intent_changed", { seller: "Acme", to: "not_bidding", reason: "<!here> too small" }),
    ).toBe("said *Acme* will not bid: “&lt;!here&gt; too small”");
    expect(
      read("requirement.revised", { requirement: "R-3", version: 2, influencedBy: [4, 5], lessons: [7] }),
    ).toBe("revised R-3 to v2, crediting 2 seller replies and lesson L-7");
    expect(read("lesson.applied", { lesson: "L-7", tender: "T-2", requirement: "R-1", version: 3 })).toBe(
      "applied lesson L-7 in R-1 v3 of T-2",
    );
    for (const odd of [null, [], "text", 3, { seller: { nested: true } }])
      expect(read("seller.joined", odd)).toBe("joined *a seller*'s channel");
    expect(
      read("tender.dates_changed", { changes: [null, 3, { field: "constructor", from: 1, to: "x" }] }),
    ).toBe("changed the key dates: constructor 1 → x");
    expect(
      read("seller.invited", {
        seller: "Acme",
        invitations: [null, { email: "a@b.example", outcome: "sent" }],
      }),
    ).toBe("invited people of *Acme*: a@b.example sent");
    expect(read("constructor", {})).toBe("`constructor`");
    expect(read("made`up", {})).toBe("`made'up`");
  });
});
