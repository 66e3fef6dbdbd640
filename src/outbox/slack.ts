import type { HomeView } from "@slack/types";
import type { Delivery } from "../generated/prisma/client.js";
import type { OutgoingMessage, SlackGateway } from "../slack/gateway.js";

/** Metadata that names the delivery a message was posted for, so a resend finds it. */
const DELIVERY_EVENT_TYPE = "tender_room_delivery";

/** What a sender may do in Slack for one delivery: post (at most once), update, link. */
export interface DeliverySlack {
  /**
   * Posts the message with metadata naming the delivery. When an earlier attempt may have posted it
   * already (the process died, or Slack's answer was lost), that post is looked for first and its ts
   * returned instead: each delivery is posted at most once.
   */
  post(channel: string, message: OutgoingMessage): Promise<string>;
  update(channel: string, ts: string, message: OutgoingMessage): Promise<void>;
  /**
   * A message only `user` sees. Slack keeps nothing of it to look for, so when an earlier attempt
   * may have reached Slack it is not sent again (at most once); false when it was not sent.
   */
  postEphemeral(channel: string, user: string, message: OutgoingMessage): Promise<boolean>;
  permalink(channel: string, ts: string): Promise<string | undefined>;
  /** Replaces a person's App Home: publishing it again only shows the same, so it may be repeated. */
  publishHome(user: string, view: HomeView): Promise<void>;
}

export function deliverySlack(
  gateway: SlackGateway,
  delivery: Delivery,
  mayHavePosted: boolean,
): DeliverySlack {
  return {
    async post(channel, message) {
      const named = (payload: Record<string, unknown> | undefined) => payload?.delivery === delivery.key;
      if (mayHavePosted) {
        const earlier = await gateway.findPosted(channel, message.threadTs, delivery.createdAt, (metadata) =>
          named(metadata.event_payload),
        );
        if (earlier) return earlier.ts;
      }
      // A message with metadata of its own is found again by its sender (`findEarlier`).
      const metadata = message.metadata ?? {
        event_type: DELIVERY_EVENT_TYPE,
        event_payload: { delivery: delivery.key },
      };
      return gateway.post(channel, { ...message, metadata });
    },
    update: (channel, ts, message) => gateway.update(channel, ts, message),
    async postEphemeral(channel, user, message) {
      if (mayHavePosted) return false;
      await gateway.postEphemeral(channel, user, message);
      return true;
    },
    permalink: (channel, ts) => gateway.permalink(channel, ts),
    publishHome: (user, view) => gateway.publishHome(user, view),
  };
}
