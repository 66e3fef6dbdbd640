import type { LoadResult } from "./load.js";
import type { Measured } from "./measure.js";
import type { RoundTrips } from "./round-trips.js";
import { SELLERS } from "./targets.js";

const f0 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(0));
const f1 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(1));
const f2 = (n: number) => n.toFixed(2);

function row(cells: string[], widths: number[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    .join("  ");
}

/** `value (ratio× bare)` for Tender Room's columns. */
const against = (value: number, bare: number, format: (n: number) => string) =>
  `${format(value)} (${bare > 0 ? (value / bare).toFixed(1) : "–"}×)`;

const acks = (result: LoadResult) => `${f2(result.p50Ms)} / ${f2(result.p99Ms)}`;
const acksAgainst = (result: LoadResult, bare: LoadResult) =>
  `${f2(result.p50Ms)} / ${f2(result.p99Ms)} (${(result.p50Ms / bare.p50Ms).toFixed(1)}× / ${(result.p99Ms / bare.p99Ms).toFixed(1)}×)`;

const nonOk = (result: LoadResult) =>
  [...result.statuses].filter(([status]) => status !== 200).reduce((sum, [, n]) => sum + n, 0);

export function printFloor(bare: Measured, embedded: Measured, postgres: Measured): void {
  const widths = [52, 18, 30, 30, 26];
  const lines: string[][] = [
    ["", "bare Bolt 5", "embedded (× bare)", "PostgreSQL (× bare)", "target"],
    [
      "first /healthz, existing data, ms",
      f0(bare.firstHealthyMs),
      against(embedded.firstHealthyMs, bare.firstHealthyMs, f0),
      against(postgres.firstHealthyMs, bare.firstHealthyMs, f0),
      "≤ 1500 ms",
    ],
    [
      "first /healthz, new data (creates, migrates), ms",
      "–",
      f0(embedded.fresh?.firstHealthyMs),
      f0(postgres.fresh?.firstHealthyMs),
      "",
    ],
    [
      "RSS a second after start, MB",
      f0(bare.rssAfterStartMb),
      against(embedded.rssAfterStartMb, bare.rssAfterStartMb, f0),
      against(postgres.rssAfterStartMb, bare.rssAfterStartMb, f0),
      "≤ 250 / ≤ 150 MB",
    ],
    [
      "RSS at peak (end of the run), MB",
      f0(bare.peakRssMb),
      against(embedded.peakRssMb, bare.peakRssMb, f0),
      against(postgres.peakRssMb, bare.peakRssMb, f0),
      "",
    ],
    [
      "/tender status ack p50 / p99, sequential, ms",
      acks(bare.statusSequential),
      acksAgainst(embedded.statusSequential, bare.statusSequential),
      acksAgainst(postgres.statusSequential, bare.statusSequential),
      "< 3 s (Slack)",
    ],
    [
      "/tender status ack p50 / p99, 20 clients, ms",
      acks(bare.status20),
      acksAgainst(embedded.status20, bare.status20),
      acksAgainst(postgres.status20, bare.status20),
      "< 3 s (Slack)",
    ],
    [
      "thread reply ack p50 / p99, sequential, ms",
      acks(bare.replySequential),
      acksAgainst(embedded.replySequential, bare.replySequential),
      acksAgainst(postgres.replySequential, bare.replySequential),
      "",
    ],
    [
      "thread reply ack p50 / p99, 20 clients, ms",
      acks(bare.reply20),
      acksAgainst(embedded.reply20, bare.reply20),
      acksAgainst(postgres.reply20, bare.reply20),
      "p99 ≤ 5× / ≤ 3×",
    ],
    [
      "replies acknowledged per second, 20 clients",
      f0(bare.reply20.sent / bare.reply20.seconds),
      f0(embedded.reply20.sent / embedded.reply20.seconds),
      f0(postgres.reply20.sent / postgres.reply20.seconds),
      "",
    ],
    [
      `replies stored per second, 20 clients, ${SELLERS} threads`,
      "(stores none)",
      f0(embedded.storedPerSecond),
      f0(postgres.storedPerSecond),
      "≥ 200 / ≥ 400",
    ],
    [
      "  the same, all in one thread (worked in order)",
      "",
      f0(embedded.storedPerSecondOneThread),
      f0(postgres.storedPerSecondOneThread),
      "",
    ],
    [
      "CPU per reply event (its work included), ms",
      f2(bare.cpuPerEventMs),
      against(embedded.cpuPerEventMs, bare.cpuPerEventMs, f2),
      against(postgres.cpuPerEventMs, bare.cpuPerEventMs, f2),
      "",
    ],
    [
      "not 200 in the runs above (no redelivery)",
      String(
        nonOk(bare.statusSequential) +
          nonOk(bare.status20) +
          nonOk(bare.replySequential) +
          nonOk(bare.reply20),
      ),
      String(
        nonOk(embedded.statusSequential) +
          nonOk(embedded.status20) +
          nonOk(embedded.replySequential) +
          nonOk(embedded.reply20),
      ),
      String(
        nonOk(postgres.statusSequential) +
          nonOk(postgres.status20) +
          nonOk(postgres.replySequential) +
          nonOk(postgres.reply20),
      ),
      "",
    ],
  ];
  for (const line of lines) console.log(row(line, widths));
  console.log(
    `\nOverload: ${embedded.overload.events} replies from ${embedded.overload.clients} clients at once; an event ` +
      "answered with an error is delivered again 100 ms later, as Slack does (sooner than Slack, to keep the run short).",
  );
  for (const measured of [bare, embedded, postgres]) {
    const { overload } = measured;
    const stored =
      measured.kind === "bare"
        ? "stores nothing"
        : `${measured.storedOfAcknowledged} of ${measured.acknowledged} acknowledged replies stored ` +
          `(${f1((100 * measured.storedOfAcknowledged) / measured.acknowledged)}%), ${measured.duplicates} twice`;
    console.log(
      `  ${measured.kind.padEnd(9)} ${overload.refusedFirst} of ${overload.events} refused at first ` +
        `(${overload.deliveries} deliveries), all acknowledged and worked in ${f1(overload.seconds)} s; ${stored}`,
    );
  }
}

export function printRoundTrips(trips: RoundTrips): void {
  const sum = (statements: RoundTrips["storing"]) => statements.reduce((total, s) => total + s.perReply, 0);
  console.log(
    `\nDatabase round trips per seller reply on PostgreSQL, counted on the wire (${trips.replies} replies one ` +
      `after the other; the idle app's ${f1(trips.idlePerSecond)}/s taken out). Target: ≤ 5 to store a reply.`,
  );
  console.log(`  storing the reply: ${f2(sum(trips.storing))}`);
  for (const statement of trips.storing) console.log(`    ${f2(statement.perReply)}  ${statement.what}`);
  console.log(`  posting its mirror to the team channel: ${f2(sum(trips.mirroring))}`);
  for (const statement of trips.mirroring) console.log(`    ${f2(statement.perReply)}  ${statement.what}`);
}
