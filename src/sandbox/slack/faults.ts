import { SlackClientSide } from "./client.js";
import type { Args, FailOptions, RateLimitOptions } from "./types.js";

/** What an injected fault does to the call it catches. */
export type FaultEffect =
  | { kind: "error"; error: string }
  | { kind: "ratelimit"; retryAfterSeconds: number }
  | { kind: "http"; status: number }
  /** The call is done, its answer comes only after `ms` (or never, as a lost answer). */
  | { kind: "slow"; ms: number };

interface Fault {
  method: string;
  remaining: number;
  when: ((args: Args) => boolean) | undefined;
  effect: FaultEffect;
}

/**
 * Injected failures, consumed in the order they were registered. A fault for method "*" catches
 * any method.
 */
export class Faults {
  private queue: Fault[] = [];
  private postsPerSecond: number | null = null;
  private lastPostAt = new Map<string, number>();

  add(
    method: string,
    effect: FaultEffect,
    times: number | undefined,
    when: ((args: Args) => boolean) | undefined,
  ): void {
    const remaining = times ?? 1;
    if (!Number.isInteger(remaining) || remaining < 1) throw new Error(`times must be a positive integer`);
    this.queue.push({ method, remaining, when, effect });
  }

  /** Takes one use of the first fault matching this call, if any. */
  take(method: string, args: Args): FaultEffect | undefined {
    const index = this.queue.findIndex(
      (fault) =>
        (fault.method === method || fault.method === "*") && (fault.when === undefined || fault.when(args)),
    );
    const fault = this.queue[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.queue.splice(index, 1);
    return fault.effect;
  }

  pending(): number {
    return this.queue.length;
  }

  limitPostsPerChannel(perSecond: number | null): void {
    if (perSecond !== null && !(perSecond > 0))
      throw new Error("perSecond must be a positive number or null");
    this.postsPerSecond = perSecond;
    this.lastPostAt.clear();
  }

  /** True when a post to this channel now would exceed the emulated per-channel rate. */
  postIsTooSoon(channel: string, now: number): boolean {
    if (this.postsPerSecond === null) return false;
    const last = this.lastPostAt.get(channel);
    return last !== undefined && now - last < 1000 / this.postsPerSecond;
  }

  notePost(channel: string, now: number): void {
    if (this.postsPerSecond !== null) this.lastPostAt.set(channel, now);
  }

  clear(): void {
    this.queue = [];
    this.postsPerSecond = null;
    this.lastPostAt.clear();
  }
}

/** Making the stand-in answer as Slack does when it fails, limits or is slow. */
export class FaultInjection extends SlackClientSide {
  protected readonly faults = new Faults();

  /** The next matching call(s) answer `{ ok: false, error }`; they are recorded and change nothing. */
  failNext(method: string, error: string, options: FailOptions = {}): void {
    this.faults.add(method, { kind: "error", error }, options.times, options.when);
  }

  /** The next matching call(s) answer HTTP 429 with `Retry-After` (default 1 s) and `ratelimited`. */
  rateLimitNext(method: string, options: RateLimitOptions = {}): void {
    const retryAfterSeconds = options.retryAfterSeconds ?? 1;
    this.faults.add(method, { kind: "ratelimit", retryAfterSeconds }, options.times, options.when);
  }

  /** The next matching call(s) answer with an HTTP error status (e.g. 500, 503) and an HTML body. */
  httpErrorNext(method: string, status: number, options: FailOptions = {}): void {
    if (status < 400 || status > 599) throw new Error(`status must be an HTTP error, got ${status}`);
    this.faults.add(method, { kind: "http", status }, options.times, options.when);
  }

  /**
   * The next matching call(s) are carried out, but Slack answers only after `ms`: a client that
   * gives up sooner cannot know whether the call took effect.
   */
  slowNext(method: string, ms: number, options: FailOptions = {}): void {
    this.faults.add(method, { kind: "slow", ms }, options.times, options.when);
  }

  /**
   * Emulates Slack's per-channel posting limit: a chat.postMessage to a channel that accepted a post
   * less than 1/perSecond seconds ago answers 429 with Retry-After 1. `null` turns it off.
   */
  limitPostsPerChannel(perSecond: number | null): void {
    this.faults.limitPostsPerChannel(perSecond);
  }

  /** Slack answers normally again: injected faults and the emulated rate limit are dropped. */
  clearFaults(): void {
    this.faults.clear();
  }
}
