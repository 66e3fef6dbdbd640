import type { Db, PrismaClient } from "../db/client.js";
import { onCommit } from "../db/transaction.js";
import type { Logger } from "../logger.js";
import type { InFlight } from "../slack/in-flight.js";
import { Dispatcher } from "./dispatcher.js";
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
  requirementDeliveries,
  sentMessage,
} from "./reads.js";

export interface OutboxOptions {
  db: PrismaClient;
  logger: Logger;
  inFlight: InFlight;
}

/**
 * The outbox of messages to Slack: features register how each kind is sent, and queue messages
 * in the transaction of the change they tell about; the dispatcher sends them once committed, and
 * again after a crash, from the rows (see dispatcher.ts).
 */
export class Outbox {
  private readonly registry = new DeliveryRegistry();
  private readonly dispatcher: Dispatcher;

  constructor(options: OutboxOptions) {
    this.dispatcher = new Dispatcher({ ...options, senders: this.registry });
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

  /** Resolves when no pass started by a kick is running. */
  idle(): Promise<void> {
    return this.dispatcher.idle();
  }

  /** Stops after the message in hand; the rest waits in the database for the next start. */
  stop(): Promise<void> {
    return this.dispatcher.stop();
  }
}
