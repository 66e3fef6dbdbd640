import { repliesPage } from "../src/features/export/index.js";
import { seedReplies } from "../tests/support/seed-replies.js";
import { OWNER, type Stage, timeUntil } from "./setup.js";

export interface ExportResult {
  replies: number;
  seedSeconds: number;
  /** From `/tender export` to the summary shared, the workbook before it. */
  exportSeconds: number;
  /** The floor: only reading the replies, in the same pages of 1,000 rows. */
  readSeconds: number;
  /** Resident memory of the process before the export, after a collection where it may. */
  rssBeforeMb: number;
  /** The most resident memory while exporting. */
  peakRssMb: number;
  /** How much resident memory grew while only reading the replies. */
  readGrowthMb: number;
  workbookMb: number;
  /** Times the message in the team channel was brought up to date, "done" included. */
  progressUpdates: number;
}

const PAGE = 1_000;
const MB = 1024 * 1024;

/** The process's resident memory, sampled while `work` runs: the most it reached. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * A tender whose one requirement has `replies` seller replies (stored by SQL, one statement), then
 * `/tender export` timed from the command to both files shared in the team channel, and the peak
 * resident memory of the process meanwhile (the fake Slack, which keeps the uploaded bytes, runs in
 * it too); next to the time to only read the replies in the same pages, and the memory before.
 */
export async function exportLargeRecord(stage: Stage, replies: number): Promise<ExportResult> {
  await stage.command("new Bench export", "C0GENERAL");
  const tender = await stage.db.tender.findFirstOrThrow({ orderBy: { id: "desc" } });
  await stage.command("invite Seller 1 people@seller1.example", tender.teamChannelId);
  await stage.command("require Bench requirement", tender.teamChannelId);
  await timeUntil(
    async () => (await stage.db.requirementPost.count({ where: { seller: { tenderId: tender.id } } })) > 0,
  );
  const post = await stage.db.requirementPost.findFirstOrThrow({
    where: { seller: { tenderId: tender.id } },
  });
  const seeded = performance.now();
  await seedReplies(stage.db, { ...post, threadTs: post.ts }, replies);
  const seedSeconds = (performance.now() - seeded) / 1000;
  await stage.room.settled(60_000);

  // The floor: the replies read in the same pages, the same way the export reads them.
  const requirements = await stage.db.requirement.findMany({ where: { tenderId: tender.id } });
  const requirementIds = requirements.map((requirement) => requirement.id);
  global.gc?.();
  const rssBeforeRead = process.memoryUsage.rss();
  const read = performance.now();
  const { peak: readPeak } = await peakRss(async () => {
    let after = 0;
    for (;;) {
      const page = await repliesPage(stage.db, requirementIds, after, PAGE);
      after = page.at(-1)?.id ?? after;
      if (page.length < PAGE) break;
    }
  });
  const readSeconds = (performance.now() - read) / 1000;

  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  const files = stage.fake.files().length;
  stage.fake.clearCalls();
  const started = performance.now();
  const { peak } = await peakRss(async () => {
    await stage.requests.command({ text: "export", userId: OWNER, channelId: tender.teamChannelId });
    await timeUntil(async () => stage.fake.files().length >= files + 2, 600_000);
  });
  const exportSeconds = (performance.now() - started) / 1000;
  await stage.room.settled(60_000);
  const workbook = stage.fake.files().find((file) => file.filename.endsWith(".xlsx"));
  return {
    replies,
    seedSeconds,
    exportSeconds,
    readSeconds,
    rssBeforeMb: rssBefore / MB,
    peakRssMb: peak / MB,
    workbookMb: (workbook?.bytes.length ?? 0) / MB,
    progressUpdates: stage.fake.calls("chat.update").length,
    readGrowthMb: (readPeak - rssBeforeRead) / MB,
  };
}
