import { PAGE_SIZE, parseLessonQuery } from "../src/features/lessons/domain.js";
import { lessonsByIds, searchLessonIds } from "../src/features/lessons/repository.js";
import { percentile, type Stage } from "./setup.js";

export interface SearchResult {
  lessons: number;
  loadSeconds: number;
  searches: number;
  p50Ms: number;
  p99Ms: number;
  sellerP50Ms: number;
  sellerP99Ms: number;
}

const DOMAIN_WORDS = (
  "offline sync battery depot technician signal forms migration invoice contract warranty " +
  "training union safety spare parts routing schedule dispatch mobile tablet rugged cloud " +
  "integration legacy erp sap identity login audit report dashboard latency outage backup " +
  "pilot rollout change adoption support helpdesk vendor licence cost budget risk quality"
).split(" ");
const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "do", "fe", "gu", "ho", "ji"];
/** A vocabulary of 5,000 words: the domain's first (the most frequent), then made-up ones. */
const WORDS = [
  ...DOMAIN_WORDS,
  ...Array.from({ length: 5_000 - DOMAIN_WORDS.length }, (_, i) => {
    const a = SYLLABLES[i % 15] ?? "";
    const b = SYLLABLES[Math.floor(i / 15) % 15] ?? "";
    const c = SYLLABLES[Math.floor(i / 225) % 15] ?? "";
    return `${a}${b}${c}x`;
  }),
];
const TAGS = ["offline", "hardware", "people", "security", "integration", "cost", "rollout", "data"];
const CHUNK = 1_000;

/** A small deterministic generator, so every run searches the same library. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Words drawn log-uniformly, so a few are common and most are rare, as in real text. */
function words(next: () => number, count: number): string {
  return Array.from({ length: count }, () => WORDS[Math.floor(WORDS.length ** next()) - 1]).join(" ");
}

/**
 * Stores `count` lessons in the stage's tender, spread over its sellers and the buyer's side, then
 * times a search page (ranked ids, then the lessons shown) for a mix of queries: words alone,
 * words with a tag or seller filter, the latest of the tender, and a seller's own view.
 */
export async function searchLessons(stage: Stage, count: number, searches: number): Promise<SearchResult> {
  const tender = await stage.db.tender.findFirstOrThrow({ select: { id: true, installationId: true } });
  const sellers = await stage.db.seller.findMany({
    where: { tenderId: tender.id },
    select: { id: true, name: true },
  });
  const next = random(42);
  const loadStarted = performance.now();
  for (let start = 0; start < count; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, count - start) }, () => {
      const seller = next() < 0.8 ? sellers[Math.floor(next() * sellers.length)] : undefined;
      const tags = [TAGS[Math.floor(next() * TAGS.length)] ?? "data"];
      return {
        tenderId: tender.id,
        sellerId: seller?.id ?? null,
        authorUserId: "U0BENCH",
        authorTeamId: seller ? "T0BENCHSELLER" : "T0BUYER",
        authorName: "Bench Author",
        organisation: seller?.name ?? "Buyer",
        fromSeller: seller !== undefined,
        title: words(next, 5),
        situation: words(next, 25),
        lesson: words(next, 40),
        recommendation: words(next, 20),
        tags,
        tagsText: tags.join(" "),
        channelId: "C0BENCH",
      };
    });
    await stage.db.lesson.createMany({ data: rows });
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000;

  const buyer: number[] = [];
  const seller: number[] = [];
  for (let i = 0; i < searches; i++) {
    const asSeller = i % 4 === 3;
    const kind = i % 8;
    const text =
      kind === 0
        ? ""
        : kind === 1
          ? `${words(next, 1)} tag:${TAGS[i % TAGS.length]}`
          : kind === 2
            ? `${words(next, 2)} seller:"${sellers[i % sellers.length]?.name ?? ""}"`
            : words(next, 1 + (i % 3));
    const parsed = parseLessonQuery(text);
    if (!parsed.ok) throw new Error(parsed.problem);
    const { query } = parsed;
    const started = performance.now();
    const ids = await searchLessonIds(stage.db, {
      installationId: tender.installationId,
      ...(asSeller ? { sellerId: sellers[i % sellers.length]?.id ?? 0 } : {}),
      ...(query.text ? {} : { tenderId: tender.id }),
      ...(query.seller ? { sellerName: query.seller } : {}),
      ...(query.tag ? { tag: query.tag } : {}),
      text: query.text,
      limit: PAGE_SIZE + 1,
      offset: 0,
    });
    await lessonsByIds(stage.db, ids.slice(0, PAGE_SIZE));
    (asSeller ? seller : buyer).push(performance.now() - started);
  }
  const all = [...buyer, ...seller];
  return {
    lessons: await stage.db.lesson.count(),
    loadSeconds,
    searches: all.length,
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    sellerP50Ms: percentile(seller, 50),
    sellerP99Ms: percentile(seller, 99),
  };
}
