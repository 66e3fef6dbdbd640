import type { PrismaClient } from "../db/client.js";
import { transaction } from "../db/transaction.js";
import type { Logger } from "../logger.js";
import { slackErrorCode } from "../slack/errors.js";
import type { SlackGateway } from "../slack/gateway.js";
import type { InFlight } from "../slack/in-flight.js";
import { type Hold, TOKEN_REFUSED, TokenHold } from "./hold.js";
import { NotYet, type RegisteredSender } from "./kinds.js";
import {
  claimDue,
  type Delivery,
  markFailed,
  markSent,
  nextDueAt,
  release,
  retryLater,
} from "./repository.js";
import { deliverySlack } from "./slack.js";

/** At about a second a message per channel, this many stay well within a 60-second lease. */
const PER_CHANNEL_PER_BATCH = 10;

/**
 * Slack's answers that leave it open whether the message was posted (the request timed out, Slack
 * failed inside): before trying again, the outbox looks for the earlier post.
 */
const OUTCOME_UNKNOWN = new Set([
  "slack_unreachable",
  "fatal_error",
  "internal_error",
  "service_unavailable",
  "request_timeout",
]);

/** A failure of the app's own (no answer of Slack's) may have come before or after the post. */
const OWN_ERROR = "error: ";

function mayHavePosted(delivery: Delivery): boolean {
  const { attempts, lastError } = delivery;
  if (attempts <= 1) return false;
  return lastError === null || OUTCOME_UNKNOWN.has(lastError) || lastError.startsWith(OWN_ERROR);
}

export interface DispatcherOptions {
  db: PrismaClient;
  logger: Logger;
  inFlight: InFlight;
  /** The sender of each kind, by name. */
  senders: { sender(name: string): RegisteredSender | undefined };
  /** The Web API calls senders make: a client that neither waits out a 429 nor retries by itself. */
  slack: SlackGateway;
  /** While held: whether Slack takes the app's token again (`auth.test`). */
  tokenWorks?: () => Promise<boolean>;
  /** Told once the token works again after a hold. */
  resumed?: (hold: Hold & { until: Date }) => Promise<void>;
  /** Channels served side by side; messages within one channel go in order. */
  concurrency?: number;
  leaseMs?: number;
  /** The longest one Slack call may take (the client's timeout): no send starts without that much lease left. */
  callTimeoutMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** First wait before asking again whether the token works; it doubles up to five minutes. */
  recheckMs?: number;
}

type Outcome = "next" | "hold" | { channelWaitsUntil: Date };

export class Dispatcher {
  private running: Promise<void> | undefined;
  private again = false;
  /** Passes started by the scheduler's tick, still running. */
  private readonly passes = new Set<Promise<number>>();
  private stopped = false;
  private wakeUp: NodeJS.Timeout | undefined;
  private readonly tokenHold: TokenHold;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly callTimeoutMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;

  constructor(private readonly options: DispatcherOptions) {
    this.concurrency = options.concurrency ?? 16;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 10_000;
    this.batchSize = options.batchSize ?? 50;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.tokenHold = new TokenHold({
      ...options,
      resumed: async (hold) => {
        await options.resumed?.(hold);
        this.kick();
      },
    });
  }

  /** Why nothing is sent just now, when Slack refuses the app's token. */
  get held(): Hold | undefined {
    return this.tokenHold.current;
  }

  /** Sends what is due now, soon; called after a change enqueued messages. */
  kick(): void {
    if (this.stopped || this.held) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.options.inFlight.track(this.drainAll()).finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** One pass, for the scheduler's tick: claims and sends everything due at `now`. */
  runOnce(now: Date = new Date()): Promise<number> {
    const pass = this.pass(now);
    this.passes.add(pass);
    const forget = () => this.passes.delete(pass);
    pass.then(forget, forget);
    return pass;
  }

  private async pass(now: Date): Promise<number> {
    let sent = 0;
    while (!this.stopped && !this.held) {
      const batch = await claimDue(this.options.db, now, this.batchSize, this.leaseMs, PER_CHANNEL_PER_BATCH);
      if (batch.length === 0) return sent;
      sent += await this.sendBatch(batch, now.getTime() + this.leaseMs);
      now = new Date();
    }
    return sent;
  }

  /** Resolves when no drain started by `kick` and no tick's pass is running. */
  async idle(): Promise<void> {
    while (this.running || this.passes.size > 0) {
      await this.running;
      await Promise.allSettled([...this.passes]);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wakeUp);
    this.tokenHold.stop();
    await this.running;
  }

  /** Holds every message until Slack takes the app's token again (see hold.ts). */
  holdAll(reason: string): void {
    if (!this.stopped) this.tokenHold.start(reason);
  }

  private async drainAll(): Promise<void> {
    try {
      await this.runOnce();
      await this.sleepUntilNextDue();
    } catch (error) {
      this.options.logger.error({ err: error }, "outbox dispatch failed");
    }
  }

  /** Wakes up for rows waiting on a retry time, so they go out without waiting for the tick. */
  private async sleepUntilNextDue(): Promise<void> {
    const next = await nextDueAt(this.options.db);
    if (next === undefined || this.stopped || this.held) return;
    const delay = Math.max(0, Math.min((next?.getTime() ?? 0) - Date.now(), 30_000));
    clearTimeout(this.wakeUp);
    this.wakeUp = setTimeout(() => this.kick(), delay + 5);
    this.wakeUp.unref();
  }

  private async sendBatch(batch: Delivery[], leaseUntil: number): Promise<number> {
    const byChannel = new Map<string, Delivery[]>();
    for (const delivery of batch) {
      byChannel.set(delivery.channelId, [...(byChannel.get(delivery.channelId) ?? []), delivery]);
    }
    // One channel takes about a second a message: keep only a few per channel, well within the
    // lease, and give the rest back for the next round.
    const queues = [...byChannel.values()].map((queue) => queue.slice(0, PER_CHANNEL_PER_BATCH));
    await release(
      this.options.db,
      [...byChannel.values()].flatMap((queue) =>
        queue.slice(PER_CHANNEL_PER_BATCH).map((delivery) => delivery.id),
      ),
    );
    let sent = 0;
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const [index, delivery] of queue.entries()) {
          const rest = queue.slice(index).map((row) => row.id);
          // Stopping, held, or too little lease left for one more call: the rest waits for a claim.
          if (this.stopped || this.held || Date.now() + this.callTimeoutMs + 5_000 > leaseUntil) {
            await release(this.options.db, rest);
            break;
          }
          const outcome = await this.sendOne(delivery);
          if (outcome === "next") {
            sent++;
            continue;
          }
          if (outcome === "hold") {
            await release(this.options.db, rest);
            break;
          }
          // A 429 holds back this channel only: its other messages wait as long.
          await retryLaterAll(this.options.db, rest.slice(1), outcome.channelWaitsUntil);
          break;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queues.length) }, worker));
    return sent;
  }

  private async sendOne(delivery: Delivery): Promise<Outcome> {
    const { db, logger, senders } = this.options;
    const kind = senders.sender(delivery.kind);
    if (!kind) {
      await markFailed(db, delivery.id, `no sender for kind ${delivery.kind}`);
      return "next";
    }
    // An earlier claim ended without an answer (the process died, or Slack's answer was lost).
    const uncertain = mayHavePosted(delivery);
    try {
      const earlier = uncertain && kind.findEarlier ? await kind.findEarlier(delivery) : undefined;
      const sent =
        earlier ?? (await kind.send(delivery, deliverySlack(this.options.slack, delivery, uncertain)));
      await transaction(db, async (tx) => {
        await markSent(tx, delivery.id, sent.ts, new Date());
        await kind.recordSent?.(tx, delivery, sent);
      });
      await kind.afterSent?.(delivery).catch((error: unknown) => {
        logger.warn({ err: error, delivery: delivery.key }, "follow-up after a delivery failed");
      });
      return "next";
    } catch (error) {
      return this.handleFailure(delivery, error);
    }
  }

  private async handleFailure(delivery: Delivery, error: unknown): Promise<Outcome> {
    const { db, logger } = this.options;
    if (error instanceof NotYet) {
      await retryLater(db, delivery.id, new Date(Date.now() + error.delayMs), error.message);
      return "next";
    }
    const code = slackErrorCode(error);
    if (code && TOKEN_REFUSED.has(code)) {
      await release(db, [delivery.id]);
      this.holdAll(code);
      return "hold";
    }
    if (code === "ratelimited") {
      const seconds = (error as { retryAfter?: unknown }).retryAfter;
      const until = new Date(Date.now() + (typeof seconds === "number" ? seconds : 1) * 1_000);
      await retryLater(db, delivery.id, until, code);
      return { channelWaitsUntil: until };
    }
    const transient = code === undefined || OUTCOME_UNKNOWN.has(code);
    const reason = code ?? `${OWN_ERROR}${error instanceof Error ? error.message : String(error)}`;
    if (!transient || delivery.attempts >= this.maxAttempts) {
      logger.warn(
        { delivery: delivery.key, error: reason, attempts: delivery.attempts },
        "delivery failed for good",
      );
      await markFailed(db, delivery.id, reason);
      return "next";
    }
    if (code === undefined)
      logger.error({ err: error, delivery: delivery.key }, "delivery failed; will retry");
    const backoffMs = Math.min(1_000 * 2 ** (delivery.attempts - 1), 5 * 60_000);
    await retryLater(db, delivery.id, new Date(Date.now() + backoffMs), reason);
    return "next";
  }
}

async function retryLaterAll(db: PrismaClient, ids: number[], at: Date): Promise<void> {
  for (const id of ids) await retryLater(db, id, at, "ratelimited");
}
