import { z } from "zod";
import type { Deps } from "../../kernel/deps.js";
import {
  deliveryKind,
  deliveryState,
  type NewDelivery,
  NotYet,
  type Registration,
  sends,
} from "../../outbox/index.js";
import { findSellerIntent } from "./repository.js";
import { intentPrompt, teamIntentNote } from "./views.js";

const intent = z.enum(["undecided", "bidding", "not_bidding"]);

/** The question in a seller's channel whether it will bid: one per seller, ever. */
const INTENT_PROMPT = deliveryKind({
  name: "intent_prompt",
  key: (sellerId: number) => `intent:${sellerId}:prompt`,
});

/** The prompt brought up to date after the seller answered (`said`: the answer and when). */
export const INTENT_PROMPT_UPDATE = deliveryKind({
  name: "intent_prompt_update",
  key: (sellerId: number, said: string) => `intent:${sellerId}:${said}:prompt_update`,
});

/** The team channel told what the seller said. */
const INTENT_TEAM_NOTE = deliveryKind({
  name: "intent_team_note",
  key: (sellerId: number, said: string) => `intent:${sellerId}:${said}:team`,
  payload: z.object({
    sellerId: z.number().int(),
    intent,
    from: intent,
    reason: z.string().optional(),
    by: z.string(),
  }),
});

/** How long an update waits for the prompt still on its way. */
const PROMPT_WAIT_MS = 2_000;

export function intentPromptFor(tenderId: number, seller: { id: number; channelId: string }): NewDelivery {
  return INTENT_PROMPT.create([seller.id], { tenderId, sellerId: seller.id, channelId: seller.channelId });
}

/** What a seller's answer sends: its prompt updated, and the team channel told. */
export function intentNotes(
  tender: { id: number; teamChannelId: string },
  seller: { id: number; channelId: string },
  said: {
    intent: z.infer<typeof intent>;
    from: z.infer<typeof intent>;
    reason?: string;
    by: string;
    at: Date;
  },
): NewDelivery[] {
  const key = `${said.intent}:${said.at.getTime()}`;
  const payload = {
    sellerId: seller.id,
    intent: said.intent,
    from: said.from,
    by: said.by,
    ...(said.reason ? { reason: said.reason } : {}),
  };
  return [
    INTENT_PROMPT_UPDATE.create([seller.id, key], {
      tenderId: tender.id,
      sellerId: seller.id,
      channelId: seller.channelId,
    }),
    INTENT_TEAM_NOTE.create([seller.id, key], {
      tenderId: tender.id,
      channelId: tender.teamChannelId,
      payload,
    }),
  ];
}

/** Each message is rendered from the database when it is sent, so a late one shows what is true then. */
export function intentDeliveries(deps: Deps): Registration[] {
  return [
    sends(INTENT_PROMPT, {
      async send(delivery, _payload, slack) {
        const seller = delivery.sellerId ? await findSellerIntent(deps.db, delivery.sellerId) : null;
        if (!seller) return { ts: null };
        return { ts: await slack.post(delivery.channelId, intentPrompt(seller)) };
      },
    }),
    sends(INTENT_PROMPT_UPDATE, {
      async send(delivery, _payload, slack) {
        const seller = delivery.sellerId ? await findSellerIntent(deps.db, delivery.sellerId) : null;
        if (!seller) return { ts: null };
        const prompt = await deliveryState(deps.db, INTENT_PROMPT.key(seller.id));
        if (prompt?.status === "pending")
          throw new NotYet(PROMPT_WAIT_MS, "the intent prompt is not posted yet");
        if (prompt?.ts) await slack.update(prompt.channelId, prompt.ts, intentPrompt(seller));
        return { ts: null };
      },
    }),
    sends(INTENT_TEAM_NOTE, {
      async send(delivery, payload, slack) {
        const seller = await findSellerIntent(deps.db, payload.sellerId);
        if (!seller) return { ts: null };
        return { ts: await slack.post(delivery.channelId, { text: teamIntentNote(seller, payload) }) };
      },
    }),
  ];
}
