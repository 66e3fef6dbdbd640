import { assembleCases } from "./business-case.js";
import { captureReplies } from "./capture.js";
import { dispatchLag, drainCheckIns } from "./checkins.js";
import { exportLargeRecord } from "./export.js";
import { fanOut, tenderWithSellers } from "./fan-out.js";
import { compareWithFloor } from "./floor/index.js";
import { publishHomes } from "./home.js";
import { searchLessons } from "./lessons.js";
import { type DatabaseKind, startStage } from "./setup.js";

/**
 * `npm run bench`: figures for the performance targets, on the embedded database and on PostgreSQL
 * (127.0.0.1:5432, or BENCH_POSTGRES_URL), against the fake Slack with Slack's rate limits emulated.
 * First Tender Room against the floor (a bare Bolt app, each in a process of its own); then the
 * features' figures, the app in the bench's process. `--floor-only` stops after the first part,
 * `--skip-floor` leaves it out.
 */
const kinds: DatabaseKind[] = process.argv.includes("--embedded-only")
  ? ["embedded"]
  : ["embedded", "postgres"];

if (!process.argv.includes("--skip-floor")) await compareWithFloor();
if (process.argv.includes("--floor-only")) process.exit(0);

const fmt = (n: number, digits = 2) => n.toFixed(digits);

for (const kind of kinds) {
  console.log(`\n## ${kind === "embedded" ? "embedded database (PGlite)" : "PostgreSQL"}`);
  const stage = await startStage(kind);
  try {
    const teamChannelId = await tenderWithSellers(stage, 50);
    for (const requirements of [1, 5]) {
      const result = await fanOut(stage, teamChannelId, requirements);
      console.log(
        `fan-out of ${result.requirements} requirement(s) to ${result.sellers} seller channels: ` +
          `${fmt(result.seconds)} s (floor at 1 message/s per channel: ${fmt(result.floorSeconds, 0)} s; ` +
          `429 answers ridden out: ${result.throttled}; duplicates: ${result.duplicates})`,
      );
    }
    const burst = await captureReplies(stage, 1_000, { concurrency: 20 });
    console.log(
      `capture, ${burst.events} seller thread replies delivered as fast as acknowledged (20 at a time): ` +
        `${fmt(burst.eventsPerSecond, 0)} events/s stored; delivery to stored reply p50 ${fmt(burst.p50Ms, 0)} ms, ` +
        `p99 ${fmt(burst.p99Ms, 0)} ms (mostly queueing)`,
    );
    const steady = await captureReplies(stage, 300, { concurrency: 20, perSecond: 30 });
    console.log(
      `capture, ${steady.events} replies arriving at 30 per second: delivery to stored reply ` +
        `p50 ${fmt(steady.p50Ms, 0)} ms, p99 ${fmt(steady.p99Ms, 0)} ms`,
    );
    const library = await searchLessons(stage, 100_000, 200);
    console.log(
      `lessons search over ${library.lessons} lessons (loaded in ${fmt(library.loadSeconds, 1)} s), ` +
        `${library.searches} search pages: p50 ${fmt(library.p50Ms, 1)} ms, p99 ${fmt(library.p99Ms, 1)} ms; ` +
        `of which a seller's own view p50 ${fmt(library.sellerP50Ms, 1)} ms, p99 ${fmt(library.sellerP99Ms, 1)} ms`,
    );
  } finally {
    await stage.close();
  }
  // The business case on a stage of its own: the replies captured above still wait to be mirrored
  // to the team channel, a message a second, and the case's messages would queue behind them.
  const caseStage = await startStage(kind);
  try {
    await tenderWithSellers(caseStage, 50);
    const cases = await assembleCases(caseStage, 20, 20);
    console.log(
      `business case, ${cases.sellers} sellers × ${cases.metrics} metrics, ${cases.runs} runs each: /tender compare ` +
        `(${cases.compareMessages} messages and a chart) command to chart shared p50 ${fmt(cases.compareP50Ms, 0)} ms, ` +
        `p99 ${fmt(cases.compareP99Ms, 0)} ms (floor for runs back to back at 1 message/s in the team channel, ` +
        `the messages and the file: ${fmt((cases.compareMessages + 1) * 1000, 0)} ms); /tender business-case ` +
        `(summary and Markdown file) p50 ${fmt(cases.caseP50Ms, 0)} ms, p99 ${fmt(cases.caseP99Ms, 0)} ms ` +
        `(floor: 2000 ms); the chart alone p50 ` +
        `${fmt(cases.chartP50Ms, 0)} ms, p99 ${fmt(cases.chartP99Ms, 0)} ms`,
    );
  } finally {
    await caseStage.close();
  }
  // The tender record on a stage of its own: nothing else queued in the team channel.
  const exportStage = await startStage(kind);
  try {
    const record = await exportLargeRecord(exportStage, 100_000);
    console.log(
      `tender record export, ${record.replies.toLocaleString("en-GB")} replies (stored by SQL in ` +
        `${fmt(record.seedSeconds, 1)} s): /tender export to workbook and summary shared ${fmt(record.exportSeconds, 1)} s ` +
        `(floor, only reading the replies in the same pages of 1,000: ${fmt(record.readSeconds, 1)} s); workbook ` +
        `${fmt(record.workbookMb, 1)} MB, ${record.progressUpdates} updates of the progress message; resident memory of ` +
        `the process ${fmt(record.rssBeforeMb, 0)} MB before, peak ${fmt(record.peakRssMb, 0)} MB while exporting ` +
        `(+${fmt(record.peakRssMb - record.rssBeforeMb, 0)} MB; reading alone +${fmt(record.readGrowthMb, 0)} MB)`,
    );
  } finally {
    await exportStage.close();
  }
  // The App Home on a stage of its own: nothing else queued, nothing else working.
  const homeStage = await startStage(kind);
  try {
    const homes = await publishHomes(homeStage, 50, 40);
    console.log(
      `App Home of a person in ${homes.tenders} tenders (each ${homes.sellers} sellers, ${homes.questions} open ` +
        `questions, a change to acknowledge, a silent seller, a check-in due; ${homes.blocks} blocks), ` +
        `${homes.samples} opens: app_home_opened to views.publish p50 ${fmt(homes.p50Ms, 0)} ms, ` +
        `p99 ${fmt(homes.p99Ms, 0)} ms (floor, a bare views.publish of the same view: p50 ${fmt(homes.floorP50Ms, 1)} ms, ` +
        `p99 ${fmt(homes.floorP99Ms, 1)} ms)`,
    );
  } finally {
    await homeStage.close();
  }
  // Check-ins on a stage of their own: the replies captured above still wait to be copied to one
  // team channel, a message a second, and that queue would be measured along.
  const checkInStage = await startStage(kind);
  try {
    const due = await drainCheckIns(checkInStage, 1_000, 10);
    console.log(
      `check-ins, ${due.checkIns} due in the same minute (${due.tenders} tenders of 10 sellers, one check-in ` +
        `per seller; stored in ${fmt(due.seedSeconds, 1)} s): planned ${fmt(due.planSeconds, 1)} s after the due ` +
        `minute; ${due.messages} prompts and team notices sent ${fmt(due.seconds, 1)} s after it, ` +
        `${fmt(due.messagesPerSecond, 0)} messages/s (floor at 1 message/s per channel: ${fmt(due.floorSeconds, 0)} s; ` +
        `429 answers ridden out: ${due.throttled}; duplicates: ${due.duplicates}; failed: ${due.failed})`,
    );
    // The default tick on the app itself; one second on a second instance beside it.
    for (const lag of [await dispatchLag(checkInStage, 8), await dispatchLag(checkInStage, 40, 1)]) {
      console.log(
        `check-in dispatch lag, ${lag.samples} single occurrences, scheduler tick ${lag.tickSeconds} s: due time to ` +
          `prompt received p50 ${fmt(lag.p50Ms, 0)} ms, p99 ${fmt(lag.p99Ms, 0)} ms; of which planning and ` +
          `sending after the tick p50 ${fmt(lag.afterTickP50Ms, 0)} ms, p99 ${fmt(lag.afterTickP99Ms, 0)} ms`,
      );
    }
    console.log(
      "  (a run is planned at the first scheduler tick at or after its due time: the lag is bounded by the " +
        "tick period plus the planning and the send)",
    );
  } finally {
    await checkInStage.close();
  }
}
