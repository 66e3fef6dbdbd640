import type { z } from "zod";
import type { Db, Prisma } from "../db/client.js";
import type { Delivery } from "../generated/prisma/client.js";
import type { DeliverySlack } from "./slack.js";

export type { Delivery };

/** What sending did: the ts of the message posted (if any) and what the sender wants recorded. */
export interface Sent {
  ts: string | null;
  /** e.g. the version a requirement post shows. */
  version?: number;
}

/** Thrown by a sender whose message depends on another not yet sent (e.g. a reply before its thread). */
export class NotYet extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
    this.name = "NotYet";
  }
}

/** A row for the outbox: one message to post or update, unique by its key. */
export interface NewDelivery {
  key: string;
  kind: string;
  tenderId: number;
  channelId: string;
  requirementId?: number;
  sellerId?: number;
  payload?: Prisma.InputJsonObject;
  /** Not before this moment (e.g. a digest at the end of a window). */
  notBefore?: Date;
}

export interface DeliveryFields<P> {
  tenderId: number;
  channelId: string;
  requirementId?: number;
  sellerId?: number;
  payload?: P;
  notBefore?: Date;
}

/**
 * One kind of message the app sends through the outbox: its name (stored with each row), how the
 * key of a message of this kind is built, and what its payload holds. Keys are only ever built
 * here, so a message is recognised again wherever it is queued.
 */
export interface DeliveryKind<A extends unknown[] = unknown[], P = unknown> {
  readonly name: string;
  key(...args: A): string;
  /** A message of this kind for `enqueue`. */
  create(args: A, fields: DeliveryFields<P>): NewDelivery;
  /** The payload of a row of this kind; a row without a usable one is a bug and fails its delivery. */
  payloadOf(delivery: Pick<Delivery, "key" | "payload">): P;
}

export function deliveryKind<A extends unknown[], P = undefined>(spec: {
  name: string;
  key: (...args: A) => string;
  payload?: z.ZodType<P>;
}): DeliveryKind<A, P> {
  const { name, key, payload } = spec;
  return {
    name,
    key,
    create(args, { payload: data, ...fields }) {
      return {
        key: key(...args),
        kind: name,
        ...fields,
        ...(data === undefined ? {} : { payload: data as Prisma.InputJsonObject }),
      };
    },
    payloadOf(delivery) {
      if (!payload) return undefined as P;
      const parsed = payload.safeParse(delivery.payload);
      if (!parsed.success) throw new Error(`delivery ${delivery.key} has no usable payload`);
      return parsed.data;
    },
  };
}

/** How one kind of message is sent. */
export interface DeliverySender<P = unknown> {
  /** Posts or updates the message, through `slack`: a post is made at most once per delivery. */
  send(delivery: Delivery, payload: P, slack: DeliverySlack): Promise<Sent>;
  /**
   * Asked before sending again after an earlier attempt that may have reached Slack (the process
   * died before recording it): that message, if it did, so it is not posted twice.
   */
  findEarlier?(delivery: Delivery, payload: P): Promise<Sent | undefined>;
  /** Records what the message means, in the transaction that marks it sent. */
  recordSent?(tx: Db, delivery: Delivery, sent: Sent): Promise<void>;
  /** Follow-up once recorded (e.g. refreshing a summary); failures are logged, never retried. */
  afterSent?(delivery: Delivery): Promise<void>;
}

/** A sender as the dispatcher calls it: the payload is read from the row inside. */
export interface RegisteredSender {
  send(delivery: Delivery, slack: DeliverySlack): Promise<Sent>;
  findEarlier?(delivery: Delivery): Promise<Sent | undefined>;
  recordSent?(tx: Db, delivery: Delivery, sent: Sent): Promise<void>;
  afterSent?(delivery: Delivery): Promise<void>;
}

/** Work another feature does in the transaction that records a sent message of some kind. */
export type FollowUp = (tx: Db, delivery: Delivery, sent: Sent) => Promise<void>;

/** A sender or a follow-up, for `Outbox.register`. */
export type Registration = { name: string; sender: RegisteredSender } | { name: string; followUp: FollowUp };

/** The sender of a kind; the payload is checked before the sender sees it. */
export function sends<A extends unknown[], P>(
  kind: DeliveryKind<A, P>,
  sender: DeliverySender<P>,
): Registration {
  const { findEarlier, recordSent, afterSent } = sender;
  return {
    name: kind.name,
    sender: {
      send: (delivery, slack) => sender.send(delivery, kind.payloadOf(delivery), slack),
      ...(findEarlier
        ? {
            findEarlier: (delivery: Delivery) => findEarlier.call(sender, delivery, kind.payloadOf(delivery)),
          }
        : {}),
      ...(recordSent ? { recordSent: recordSent.bind(sender) } : {}),
      ...(afterSent ? { afterSent: afterSent.bind(sender) } : {}),
    },
  };
}

/** Work done in the transaction that records a sent message of `kind`, by a feature other than its own. */
export function whenSent<A extends unknown[], P>(kind: DeliveryKind<A, P>, followUp: FollowUp): Registration {
  return { name: kind.name, followUp };
}

/** Every kind's sender, by name; a name registered twice is refused, so nothing is silently replaced. */
export class DeliveryRegistry {
  private readonly senders = new Map<string, RegisteredSender>();
  private readonly followUps = new Map<string, FollowUp[]>();

  add(registrations: Registration[]): void {
    for (const registration of registrations) {
      if ("followUp" in registration) {
        this.followUps.set(registration.name, [
          ...(this.followUps.get(registration.name) ?? []),
          registration.followUp,
        ]);
        continue;
      }
      if (this.senders.has(registration.name))
        throw new Error(`The outbox kind ${registration.name} is registered twice.`);
      this.senders.set(registration.name, registration.sender);
    }
  }

  /** Throws when a follow-up names a kind nobody sends: a typo would otherwise never run. */
  check(): void {
    for (const name of this.followUps.keys()) {
      if (!this.senders.has(name))
        throw new Error(`A follow-up waits for the outbox kind ${name}, which nobody sends.`);
    }
  }

  /** The sender of `name`, with the follow-ups of other features run after its own record. */
  sender(name: string): RegisteredSender | undefined {
    const sender = this.senders.get(name);
    const followUps = this.followUps.get(name) ?? [];
    if (!sender || followUps.length === 0) return sender;
    return {
      ...sender,
      async recordSent(tx, delivery, sent) {
        await sender.recordSent?.(tx, delivery, sent);
        for (const followUp of followUps) await followUp(tx, delivery, sent);
      },
    };
  }
}
