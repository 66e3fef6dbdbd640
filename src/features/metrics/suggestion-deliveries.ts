import { z } from "zod";
import type { Deps } from "../../kernel/deps.js";
import {
  deliveryKind,
  deliveryStates,
  type NewDelivery,
  NotYet,
  type Registration,
  sends,
} from "../../outbox/index.js";
import { findSuggestion } from "./repository.js";
import { sellerSuggestionNote, suggestionCard } from "./suggestion-views.js";

const event = z.enum(["made", "accepted", "declined"]);
type SuggestionEvent = z.infer<typeof event>;

/**
 * A seller's suggestion told where it matters: made (the team's card with the owners' buttons, the
 * seller's receipt), then accepted or declined (the seller's answer, the team's card brought up to
 * date). Only the suggesting seller's channel ever reads of it.
 */
const SUGGESTION_NOTE = deliveryKind({
  name: "metric_suggestion_note",
  key: (suggestionId: number, happened: SuggestionEvent, where: "team" | "seller") =>
    `suggestion:${suggestionId}:${happened}:${where}`,
  payload: z.object({ suggestionId: z.number().int(), event }),
});

export function suggestionNotes(
  suggestionId: number,
  happened: SuggestionEvent,
  tender: { id: number; teamChannelId: string },
  seller: { id: number; channelId: string },
): NewDelivery[] {
  const payload = { suggestionId, event: happened };
  return [
    SUGGESTION_NOTE.create([suggestionId, happened, "team"], {
      tenderId: tender.id,
      channelId: tender.teamChannelId,
      payload,
    }),
    SUGGESTION_NOTE.create([suggestionId, happened, "seller"], {
      tenderId: tender.id,
      sellerId: seller.id,
      channelId: seller.channelId,
      payload,
    }),
  ];
}

/** How long a card update waits for the card still on its way. */
const CARD_WAIT_MS = 2_000;

export function suggestionDeliveries(deps: Deps): Registration[] {
  return [
    sends(SUGGESTION_NOTE, {
      async send(delivery, payload, slack) {
        const suggestion = await findSuggestion(deps.db, payload.suggestionId);
        if (!suggestion) return { ts: null };
        if (delivery.sellerId !== null)
          return {
            ts: await slack.post(delivery.channelId, {
              text: sellerSuggestionNote(suggestion, payload.event),
            }),
          };
        if (payload.event === "made")
          return { ts: await slack.post(delivery.channelId, suggestionCard(suggestion)) };
        const [card] = await deliveryStates(deps.db, [SUGGESTION_NOTE.key(suggestion.id, "made", "team")]);
        if (card?.status === "pending")
          throw new NotYet(CARD_WAIT_MS, "the suggestion's card is not posted yet");
        if (card?.ts) await slack.update(card.channelId, card.ts, suggestionCard(suggestion));
        return { ts: null };
      },
    }),
  ];
}
