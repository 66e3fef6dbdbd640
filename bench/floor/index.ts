import { edgeCostMicros } from "./edge.js";
import { measure } from "./measure.js";
import { printFloor, printRoundTrips } from "./report.js";
import { countRoundTrips } from "./round-trips.js";
import { buildApp, startBare, startTenderRoom, type Target } from "./targets.js";

async function measured(start: () => Promise<Target>) {
  const target = await start();
  try {
    return await measure(target);
  } finally {
    await target.stop();
    await target.dispose();
  }
}

/**
 * Tender Room against the floor: a bare Bolt 5 app, each in a process of its own (as `npm start`
 * runs it), on the same machine, under the same load client, in the same run.
 */
export async function compareWithFloor(): Promise<void> {
  console.log("\n## Tender Room against the floor (a bare Bolt 5 app), one process each, same load");
  buildApp();
  const bare = await measured(startBare);
  const embedded = await measured(() => startTenderRoom("embedded"));
  const postgres = await measured(() => startTenderRoom("postgres"));
  printFloor(bare, embedded, postgres);
  printRoundTrips(await countRoundTrips());
  const edge = edgeCostMicros();
  console.log(
    `\nThe edge's checks of a request (control characters removed, Slack's shape, response URLs), on the four shapes above: ${edge.toFixed(1)} µs per request (target < 500 µs)`,
  );
}
