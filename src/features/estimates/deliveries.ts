import { z } from "zod";
import type { Deps } from "../../kernel/deps.js";
import { deliveryKind, type Registration, sends } from "../../outbox/index.js";
import { metricsOfTender } from "../metrics/index.js";
import { findSet } from "./repository.js";
import { estimateCard } from "./views.js";

/** A version of a seller's estimates: its card in the seller's channel (`card`) and its copy in the team channel (`mirror`). */
export const ESTIMATE_CARD = deliveryKind({
  name: "estimate_card",
  key: (setId: number, where: "card" | "mirror") => `estimates:${setId}:${where}`,
  payload: z.object({ setId: z.number().int() }),
});

export function estimateDeliveries(deps: Deps): Registration[] {
  return [
    sends(ESTIMATE_CARD, {
      async send(delivery, { setId }, slack) {
        const set = await findSet(deps.db, setId);
        if (!set) return { ts: null };
        const estimated = new Set(set.estimates.map((estimate) => estimate.metricId));
        const unestimated = (await metricsOfTender(deps.db, set.tenderId)).filter(
          (metric) => !estimated.has(metric.id),
        );
        const audience = delivery.sellerId === null ? "team" : "seller";
        return { ts: await slack.post(delivery.channelId, estimateCard(set, audience, unestimated)) };
      },
    }),
  ];
}
