import { percentile } from "../setup.js";

export interface LoadResult {
  sent: number;
  seconds: number;
  /** Time to Slack's answer of each request, ms. */
  p50Ms: number;
  p99Ms: number;
  /** How many requests got each HTTP status. */
  statuses: Map<number, number>;
}

/**
 * Sends `count` requests from `clients` senders, each waiting for its answer before its next
 * request, as Slack's deliveries to one app do. `send(i)` sends the i-th and gives its status.
 */
export async function load(
  count: number,
  clients: number,
  send: (i: number) => Promise<number>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    for (let i = next++; i < count; i = next++) {
      const at = performance.now();
      const status = await send(i);
      latencies.push(performance.now() - at);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: clients }, sender));
  return {
    sent: count,
    seconds: (performance.now() - started) / 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    statuses,
  };
}

/** Polls until `done` holds; false when `timeoutMs` passed first. */
export async function until(done: () => Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return false;
}
