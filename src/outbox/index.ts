import type { Db, PrismaClient } from "../db/client.js";
import { onCommit } from "../db/transaction.js";
import type { Logger } from "../logger.js";
import type { SlackGateway } from "../slack/gateway.js";
import type { InFlight } from "../slack/in-flight.js";
import { Dispatcher } from "./dispatcher.js";
import type { Hold } from "./hold.js";

export { type Hold, TOKEN_REFUSED } from "./hold.js";
export type { DeliverySlack } from "./slack.js";

import { DeliveryRegistry, type NewDelivery, type Registration } from "./kinds.js";
import { enqueue } from "./repository.js";

export {
  type Delivery,
  deliveryKind,
  type NewDelivery,
  NotYet,
  type Registration,
  type Sent,
  sends,
  whenSent,
} from "./kinds.js";
export {
  deliveryState,
  deliveryStates,
  existingKeys,
  notQueued,
  pendingSoon,
  requirementDeliveries,
  sentMessage,
  waitingPerTender,
} from "./reads.js";
export { refreshSlot } from "./slots.js";

export interface OutboxOptions {
  db: PrismaClient;
  logger: Logger;
  inFlight: InFlight;
  /** The Web API calls senders make: a client that neither waits out a 429 nor retries by itself. */
  slack: SlackGateway;
  /** While held: whether Slack takes the app's token again (`auth.test`). */
  tokenWorks: () => Promise<boolean>;
  /** First wait before asking again whether the token works (tests shorten it). */
  recheckMs?: number;
  /** The longest one Slack call may take (the client's timeout). */
  callTimeoutMs?: number;
}

/**
 * The outbox of messages to Slack: features register how each kind is sent, and queue messages
 * in the transaction of the change they tell about; the dispatcher sends them once committed, and
 * again after a crash, from the rows (see dispatcher.ts).
 */
export class Outbox {
  private readonly registry = new DeliveryRegistry();
  private readonly dispatcher: Dispatcher;
  private readonly resumedListeners: ((hold: Hold & { until: Date }) => Promise<void>)[] = [];

  constructor(options: OutboxOptions) {
    this.dispatcher = new Dispatcher({
      ...options,
      senders: this.registry,
      resumed: async (hold) => {
        for (const listener of this.resumedListeners) await listener(hold);
      },
    });
  }

  /** Why nothing is sent just now (Slack refuses the app's token), or undefined. */
  get held(): Hold | undefined {
    return this.dispatcher.held;
  }

  /** Holds every message until Slack takes the app's token again (e.g. on `tokens_revoked`). */
  hold(reason: string): void {
    this.dispatcher.holdAll(reason);
  }

  /** Told once the token works again after a hold, before what waited is sent. */
  onResumed(listener: (hold: Hold & { until: Date }) => Promise<void>): void {
    this.resumedListeners.push(listener);
  }

  /** Declares senders and follow-ups; a kind registered twice fails here, at start. */
  register(...registrations: Registration[][]): void {
    for (const group of registrations) this.registry.add(group);
    this.registry.check();
  }

  /**
   * Queues messages (a key already queued is left as it is) and sends them once `db`'s
   * transaction has committed, or at once outside a transaction.
   */
  async enqueue(db: Db, deliveries: NewDelivery[]): Promise<number> {
    const added = await enqueue(db, deliveries);
    if (added > 0) onCommit(db, () => this.dispatcher.kick());
    return added;
  }

  /** Sends what is due now, soon (after a start, or when a retry time has come). */
  kick(): void {
    this.dispatcher.kick();
  }

  /** One pass, for the scheduler's tick: claims and sends everything due at `now`. */
  runOnce(now?: Date): Promise<number> {
    return this.dispatcher.runOnce(now);
  }

  /** Resolves when no pass (started by a kick or by the scheduler's tick) is running. */
  idle(): Promise<void> {
    return this.dispatcher.idle();
  }

  /** Stops after the message in hand; the rest waits in the database for the next start. */
  stop(): Promise<void> {
    return this.dispatcher.stop();
  }
}
