import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * What the lint's dependency rules cannot see: that the README's feature graph shows exactly the
 * imports the code has, and the house rules that keep the layers honest.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const FEATURES = join(ROOT, "src/features");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const sources = filesUnder(join(ROOT, "src")).filter((file) => !file.includes("/src/generated/"));
const rel = (file: string) => relative(ROOT, file);

/** The README's arrows `a --> b`, as "a -> b". */
function drawnEdges(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.split("### The features and what builds on what")[1] ?? "";
  const mermaid = section.split("```mermaid")[1]?.split("```")[0] ?? "";
  return [...mermaid.matchAll(/^\s*([a-z-]+)\s*-->\s*([a-z-]+)\s*$/gm)]
    .map(([, a, b]) => `${a} -> ${b}`)
    .sort();
}

/** The feature imports the code has, as "a -> b". */
function importedEdges(): string[] {
  const edges = new Set<string>();
  for (const file of sources.filter((f) => f.startsWith(`${FEATURES}/`))) {
    const from = relative(FEATURES, file).split("/")[0];
    for (const [, specifier = ""] of readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)"/g)) {
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(`${FEATURES}/`)) continue;
      const to = relative(FEATURES, target).split("/")[0];
      if (to !== from) edges.add(`${from} -> ${to}`);
    }
  }
  return [...edges].sort();
}

describe("the architecture", () => {
  it("is the feature graph the README draws, arrow for arrow", () => {
    expect(importedEdges()).toEqual(drawnEdges());
  });

  it("draws and describes every feature folder", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const folders = readdirSync(FEATURES).sort();
    const drawn = new Set(drawnEdges().flatMap((edge) => edge.split(" -> ")));
    expect([...drawn].sort()).toEqual(folders);
    for (const folder of folders) expect(readme, folder).toContain(`| \`${folder}\` |`);
  });

  it("keeps every source file short enough to read in one go", () => {
    const long = sources
      .map((file) => ({ file: rel(file), lines: readFileSync(file, "utf8").split("\n").length - 1 }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });

  it("leaves the Delivery table to the outbox and transactions to src/db", () => {
    const offenders = sources.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      const where = rel(file);
      return [
        ...(!where.startsWith("src/outbox/") && /\.delivery\.|"Delivery"/.test(text)
          ? [`${where}: Delivery`]
          : []),
        ...(where !== "src/db/transaction.ts" && /\$transaction\(/.test(text)
          ? [`${where}: $transaction`]
          : []),
        ...(where !== "src/scheduler/index.ts" && /from "node-cron"/.test(text)
          ? [`${where}: node-cron`]
          : []),
        ...(!["src/main.ts", "src/config.ts"].includes(where) && /process\.env/.test(text)
          ? [`${where}: env`]
          : []),
      ];
    });
    expect(offenders).toEqual([]);
  });
});
