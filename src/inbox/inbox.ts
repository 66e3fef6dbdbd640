import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import type { Prisma, PrismaClient } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { InFlight } from "../slack/in-flight.js";
import { workAttempt } from "../slack/work-scope.js";
import { formItem, intakeOf } from "./classify.js";
import { type InboxContext, type InboxFigures, InboxRefused } from "./contract.js";
import {
  claimDue,
  type InboxItem,
  keep,
  markDone,
  markFailed,
  type NewItem,
  reclaimWaiting,
  release,
  retryLater,
} from "./repository.js";
import { InboxTimers } from "./timers.js";

export interface InboxOptions {
  db: PrismaClient;
  logger: Logger;
  inFlight: InFlight;
  /** How long an item belongs to the instance working it. */
  leaseMs?: number;
  /** Items being kept at once (about the database pool); beyond, Slack gets an error. */
  maxKeeping?: number;
  /** Items worked at once; more wait in the database for a claim. */
  maxWorking?: number;
  maxAttempts?: number;
}

type Body = Record<string, unknown>;

const RETRY_WITHOUT_DATABASE_MS = 5_000;
type Work = Pick<InboxItem, "id" | "lane" | "attempts" | "key" | "receivedAt"> & { body: unknown };

/**
 * Everything Slack sends that the app acts on is kept here before Slack gets its answer (see
 * README, Architecture), then worked by replaying it through the Bolt app: lane by lane in the
 * order it came, with a lease, and again after a failure or a crash.
 */
export class Inbox {
  private app: App | undefined;
  private keeping = 0;
  private working = 0;
  private stopped = false;
  private claiming: Promise<void> | undefined;
  private claimAgain = false;
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly timers = new InboxTimers(() => this.kick());
  /** Items were kept for a claim while all hands were busy: claim once a hand is free. */
  private leftForClaim = false;
  private readonly ignores: ((event: Body) => string | undefined)[] = [];
  private refused: (body: Body, error: unknown) => Promise<void> = async () => undefined;
  private readonly leaseMs: number;
  private readonly maxKeeping: number;
  private readonly maxWorking: number;
  private readonly maxAttempts: number;
  private readonly counts = { kept: 0, redelivered: 0, refused: 0, worked: 0, failed: 0 };

  constructor(private readonly options: InboxOptions) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxKeeping = options.maxKeeping ?? 32;
    this.maxWorking = options.maxWorking ?? 8;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  /** The receiver Bolt is given: it hands what Slack sends to the inbox, which keeps it first. */
  receiver(inner: Receiver): Receiver {
    return {
      init: (app: App) => {
        this.app = app;
        // The inner receiver verifies and parses requests and answers Slack through `ack`.
        inner.init({ processEvent: (event: ReceiverEvent) => this.receive(event) } as unknown as App);
      },
      start: (...args: unknown[]) => inner.start(...args),
      stop: (...args: unknown[]) => inner.stop(...args),
    };
  }

  /** Events no feature acts on (`reason` says why), acknowledged without being kept. */
  ignore(reason: (event: Body) => string | undefined): void {
    this.ignores.push(reason);
  }

  /** Tells the person whose command or button could not be kept; Slack would not deliver it again. */
  onRefused(tell: (body: Body, error: unknown) => Promise<void>): void {
    this.refused = tell;
  }

  figures(): InboxFigures {
    return { ...this.counts, keeping: this.keeping, working: this.working };
  }

  private async receive(event: ReceiverEvent): Promise<void> {
    const body = event.body as Body;
    const intake = intakeOf(body, (e) => this.ignores.map((reason) => reason(e)).find(Boolean));
    if (intake.take === "direct") return this.appOf().processEvent(event);
    if (intake.take === "ignore") {
      this.options.logger.debug({ reason: intake.reason }, "event ignored");
      return event.ack();
    }
    try {
      await this.keepAndWork({ ...intake, body: body as Prisma.InputJsonObject });
    } catch (error) {
      // Not acknowledged: Slack delivers the event again.
      if (intake.kind === "event") throw error;
      await event.ack();
      await this.options.inFlight.track(this.refused(body, error));
      return;
    }
    await event.ack();
  }

  /** A form's submission, its fields checked: kept before Slack closes the form, then worked. */
  async keepForm(body: Body): Promise<void> {
    await this.keepAndWork({ ...formItem(body), body: body as Prisma.InputJsonObject });
  }

  private async keepAndWork(item: NewItem): Promise<void> {
    try {
      await this.keepThenWork(item);
    } catch (error) {
      this.counts.refused++;
      throw error;
    }
  }

  private async keepThenWork(item: NewItem): Promise<void> {
    if (this.stopped) throw new InboxRefused("the app is stopping");
    if (this.keeping >= this.maxKeeping) throw new InboxRefused("the app is busy");
    this.keeping++;
    try {
      const now = this.working < this.maxWorking;
      const receivedAt = new Date();
      const id = await keep(this.options.db, item, now ? this.leaseMs : undefined);
      if (id !== null) {
        this.counts.kept++;
        if (now) this.work({ id, lane: item.lane, body: item.body, attempts: 1, key: item.key, receivedAt });
        else this.kick();
        return;
      }
      // Kept before: a redelivery. If its last attempt failed, this is the moment to try again.
      this.counts.redelivered++;
      const waiting = await reclaimWaiting(this.options.db, item.key, this.leaseMs);
      if (waiting) this.work(waiting);
      else this.options.logger.info({ key: item.key }, "event already handled; redelivery ignored");
    } finally {
      this.keeping--;
    }
  }

  /** Works kept items: at once for those just kept; on start, on a tick and after a retry time. */
  kick(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = this.options.inFlight.track(this.claimAll()).finally(() => {
      this.claiming = undefined;
      if (this.claimAgain) {
        this.claimAgain = false;
        this.kick();
      }
    });
  }

  /** One pass for the scheduler's tick: claims what is due (crashed instances' items too). */
  async runOnce(now: Date = new Date()): Promise<number> {
    let claimed = 0;
    while (!this.stopped) {
      if (this.working >= this.maxWorking) {
        // All hands busy: the next hand to come free claims again.
        this.leftForClaim = true;
        break;
      }
      const limit = this.maxWorking - this.working;
      const batch = await claimDue(this.options.db, now, limit, this.leaseMs, 10);
      claimed += batch.length;
      for (const item of batch) this.work(item);
      if (batch.length < limit) break;
      now = new Date();
    }
    return claimed;
  }

  /** Resolves when nothing is being worked or claimed. */
  async idle(): Promise<void> {
    while (this.claiming || this.working > 0 || this.timers.retrying > 0) {
      await this.claiming;
      await Promise.all([...this.lanes.values()]);
      if (this.timers.retrying > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Takes nothing new; what is being worked finishes (the rest waits in the database). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.stop();
    await this.idle();
  }

  private appOf(): App {
    if (!this.app) throw new Error("the inbox was not given to the Bolt app as its receiver");
    return this.app;
  }

  private async claimAll(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      this.options.logger.error({ err: error }, "inbox claim failed");
    }
  }

  /**
   * Items of a lane one after the other, in the order they came. At most `maxWorking` items are
   * scheduled at once; what is kept beyond waits in the database for a claim.
   */
  private work(item: Work): void {
    this.working++;
    const previous = this.lanes.get(item.lane) ?? Promise.resolve();
    const turn = previous
      .then(() => this.replay(item))
      .finally(() => {
        this.working--;
        if (this.lanes.get(item.lane) === turn) this.lanes.delete(item.lane);
        if (this.leftForClaim) {
          this.leftForClaim = false;
          this.kick();
        }
      });
    this.lanes.set(item.lane, turn);
    void this.options.inFlight.track(turn);
  }

  private async replay(item: Work): Promise<void> {
    if (this.stopped) {
      await release(this.options.db, [item.id]);
      return;
    }
    const { db, logger } = this.options;
    try {
      // A post of the work is named by it, so that a later attempt finds it instead of posting again.
      const context: InboxContext = {
        inboxItem: item.id,
        work: workAttempt(item.key, item.attempts, item.receivedAt),
      };
      await this.appOf().processEvent({
        body: item.body as Record<string, unknown>,
        ack: async () => undefined,
        customProperties: { ...context },
      });
      await markDone(db, item.id);
      this.counts.worked++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (item.attempts >= this.maxAttempts) {
        logger.error({ err: error, key: item.key, attempts: item.attempts }, "inbox item failed for good");
        await markFailed(db, item.id, reason).catch(() => undefined);
        this.counts.failed++;
        return;
      }
      const backoffMs = Math.min(1_000 * 2 ** (item.attempts - 1), 5 * 60_000);
      logger.warn({ err: error, key: item.key, attempts: item.attempts }, "inbox item failed; will retry");
      const at = Date.now() + backoffMs;
      const recorded = await retryLater(db, item.id, new Date(at), reason).then(
        () => true,
        () => false,
      );
      if (recorded) this.timers.wakeUpAt(at);
      // The database could not take the retry time (it is down): this instance still holds the
      // item's lease, so it tries again itself rather than leave it until the lease runs out.
      else this.workAgainAt(item, at);
    }
  }

  /** At most every few seconds while the database is away, so that its return is soon noticed. */
  private workAgainAt(item: Work, at: number): void {
    this.timers.retryLater(
      () => {
        if (!this.stopped) this.work({ ...item, attempts: item.attempts + 1 });
      },
      Math.min(at - Date.now(), RETRY_WITHOUT_DATABASE_MS),
    );
  }
}
