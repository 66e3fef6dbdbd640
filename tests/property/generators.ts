import fc from "fast-check";

/**
 * The property suite's settings: a fixed seed and a bounded number of runs in CI;
 * `PROPERTY_SEED=<n> PROPERTY_RUNS=<n> npm test -- tests/property` runs longer locally.
 */
export const PROPERTY_SEED = Number(process.env.PROPERTY_SEED ?? 20261130);
export const PROPERTY_RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

/** Pieces a hostile or careless person types: markup, broadcasts, control characters, ids. */
const PIECES = [
  "<!channel>",
  "<!here|here>",
  "<!everyone>",
  "<@U0OWNER>",
  "<#C0GENERAL|general>",
  "<https://evil.example|click>",
  "&amp;",
  "&lt;",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u202e",
  "\ud800",
  "\udc00x",
  "T-1",
  "T-2",
  "T-99999999999999999999",
  "R-1",
  "R-2",
  "C-1",
  "L-1",
  "|",
  " | ",
  '\'; DROP TABLE "Tender"; --',
  "every day 09:00 UTC",
  'cron "* * * * *"',
  "people@acme.example",
  "NaN",
  "1e400",
  "-1",
  "0",
  "👩‍💻",
  "\n",
];

/** Text made of those pieces and arbitrary unicode, from empty to very long. */
export function hostileText(): fc.Arbitrary<string> {
  const piece = fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "grapheme", maxLength: 20 }));
  const short = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(" "));
  const huge = fc
    .tuple(piece, fc.integer({ min: 5_000, max: 60_000 }))
    .map(([part, n]) => part.repeat(Math.ceil(n / Math.max(part.length, 1))).slice(0, n));
  return fc.oneof({ arbitrary: short, weight: 9 }, { arbitrary: huge, weight: 1 });
}

/** What must never be in a message the app shows: a stack, SQL or a raw broadcast mention. */
export function shownSafely(text: string): string[] {
  const problems: string[] = [];
  if (/\n\s+at .+\(.+:\d+:\d+\)|\bError: /.test(text))
    problems.push(`a stack or error: ${text.slice(0, 120)}`);
  if (/\bSELECT\b|\bINSERT INTO\b|UPDATE "|[Pp]risma|violates .*constraint|syntax error at/.test(text))
    problems.push(`SQL or the database: ${text.slice(0, 120)}`);
  if (/<!(channel|here|everyone)[|>]/.test(text)) problems.push(`a broadcast mention: ${text.slice(0, 120)}`);
  if (text.length > 40_000) problems.push(`${text.length} characters`);
  return problems;
}
