import type { PrismaClient } from "../db/client.js";
import { transaction } from "../db/transaction.js";
import type { Logger } from "../logger.js";
import { slackErrorCode } from "../slack/errors.js";
import type { InFlight } from "../slack/in-flight.js";
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

/** At about a second a message per channel, this many stay well within a 60-second lease. */
const PER_CHANNEL_PER_BATCH = 10;

/** Slack refusals worth trying again later; any other refusal will not change by retrying. */
const TRANSIENT = new Set([
  "ratelimited",
  "slack_unreachable",
  "fatal_error",
  "internal_error",
  "service_unavailable",
  "request_timeout",
]);

export interface DispatcherOptions {
  db: PrismaClient;
  logger: Logger;
  inFlight: InFlight;
  /** The sender of each kind, by name. */
  senders: { sender(name: string): RegisteredSender | undefined };
  /** Channels served side by side; messages within one channel go in order. */
  concurrency?: number;
  leaseMs?: number;
  batchSize?: number;
  maxAttempts?: number;
}

export class Dispatcher {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private wakeUp: NodeJS.Timeout | undefined;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;

  constructor(private readonly options: DispatcherOptions) {
    this.concurrency = options.concurrency ?? 16;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batchSize = options.batchSize ?? 50;
    this.maxAttempts = options.maxAttempts ?? 10;
  }

  /** Sends what is due now, soon; called after a change enqueued messages. */
  kick(): void {
    if (this.stopped) return;
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
  async runOnce(now: Date = new Date()): Promise<number> {
    let sent = 0;
    while (!this.stopped) {
      const batch = await claimDue(this.options.db, now, this.batchSize, this.leaseMs, PER_CHANNEL_PER_BATCH);
      if (batch.length === 0) return sent;
      sent += await this.sendBatch(batch);
      now = new Date();
    }
    return sent;
  }

  /** Resolves when no drain started by `kick` is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wakeUp);
    await this.running;
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
    if (next === undefined || this.stopped) return;
    const delay = Math.max(0, Math.min((next?.getTime() ?? 0) - Date.now(), 30_000));
    clearTimeout(this.wakeUp);
    this.wakeUp = setTimeout(() => this.kick(), delay + 5);
    this.wakeUp.unref();
  }

  private async sendBatch(batch: Delivery[]): Promise<number> {
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
          if (this.stopped) {
            // Shutting down: what is not sent yet waits for the next start or another instance.
            await release(
              this.options.db,
              queue.slice(index).map((rest) => rest.id),
            );
            break;
          }
          if (await this.sendOne(delivery)) sent++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queues.length) }, worker));
    return sent;
  }

  private async sendOne(delivery: Delivery): Promise<boolean> {
    const { db, logger, senders } = this.options;
    const kind = senders.sender(delivery.kind);
    if (!kind) {
      await markFailed(db, delivery.id, `no sender for kind ${delivery.kind}`);
      return false;
    }
    try {
      const earlier =
        delivery.attempts > 1 && kind.findEarlier ? await kind.findEarlier(delivery) : undefined;
      const sent = earlier ?? (await kind.send(delivery));
      await transaction(db, async (tx) => {
        await markSent(tx, delivery.id, sent.ts, new Date());
        await kind.recordSent?.(tx, delivery, sent);
      });
      await kind.afterSent?.(delivery).catch((error: unknown) => {
        logger.warn({ err: error, delivery: delivery.key }, "follow-up after a delivery failed");
      });
      return true;
    } catch (error) {
      await this.handleFailure(delivery, error);
      return false;
    }
  }

  private async handleFailure(delivery: Delivery, error: unknown): Promise<void> {
    const { db, logger } = this.options;
    if (error instanceof NotYet) {
      await retryLater(db, delivery.id, new Date(Date.now() + error.delayMs), error.message);
      return;
    }
    const code = slackErrorCode(error);
    const transient = code === undefined || TRANSIENT.has(code);
    const reason = code ?? (error instanceof Error ? error.message : String(error));
    if (!transient || delivery.attempts >= this.maxAttempts) {
      logger.warn(
        { delivery: delivery.key, error: reason, attempts: delivery.attempts },
        "delivery failed for good",
      );
      await markFailed(db, delivery.id, reason);
      return;
    }
    if (code === undefined)
      logger.error({ err: error, delivery: delivery.key }, "delivery failed; will retry");
    const backoffMs = Math.min(1_000 * 2 ** (delivery.attempts - 1), 5 * 60_000);
    await retryLater(db, delivery.id, new Date(Date.now() + backoffMs), reason);
  }
}
