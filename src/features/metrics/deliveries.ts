import type { Button } from "@slack/types";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import type { Deps } from "../../kernel/deps.js";
import {
  deliveryKind,
  existingKeys,
  type NewDelivery,
  type Registration,
  sends,
} from "../../outbox/index.js";
import { findMetricById, type Metric, suggestingSellerName } from "./repository.js";
import { suggestButton } from "./suggestion-views.js";
import { sellerMetricNotice, teamMetricNotice } from "./views.js";

const what = z.enum(["defined", "changed", "retired"]);
export type MetricEvent = z.infer<typeof what>;

/**
 * A metric defined, changed (baseline, target or unit: a new version) or retired, told in one
 * channel: a seller's (`seller:<id>`) or the team's (`team`). The event is in the key, so each
 * reaches each channel once.
 */
const METRIC_NOTICE = deliveryKind({
  name: "metric_notice",
  key: (metricId: number, event: string, where: string) => `metric:${metricId}:${event}:${where}`,
  payload: z.object({
    metricId: z.number().int(),
    what,
    changes: z.array(z.string()),
    actorUserId: z.string(),
  }),
});

/**
 * The key's event: for sellers, the version a definition or change announces, or the retirement;
 * the team hears of every change (a new weight too), each told by when it was saved.
 */
function eventOf(
  metric: Pick<Metric, "version" | "updatedAt">,
  happened: MetricEvent,
  where: string,
): string {
  if (happened === "retired") return "retired";
  if (happened === "changed" && where === "team") return `changed-${metric.updatedAt.getTime()}`;
  return `v${metric.version}`;
}

export function metricNotices(
  metric: Metric,
  happened: MetricEvent,
  notice: {
    actorUserId: string;
    changes: string[];
    teamChannelId?: string;
    sellers: { id: number; channelId: string }[];
  },
): NewDelivery[] {
  const payload = {
    metricId: metric.id,
    what: happened,
    changes: notice.changes,
    actorUserId: notice.actorUserId,
  };
  return [
    ...(notice.teamChannelId
      ? [
          METRIC_NOTICE.create([metric.id, eventOf(metric, happened, "team"), "team"], {
            tenderId: metric.tenderId,
            channelId: notice.teamChannelId,
            payload,
          }),
        ]
      : []),
    ...notice.sellers.map((seller) =>
      METRIC_NOTICE.create([metric.id, eventOf(metric, happened, "seller"), `seller:${seller.id}`], {
        tenderId: metric.tenderId,
        sellerId: seller.id,
        channelId: seller.channelId,
        payload,
      }),
    ),
  ];
}

/** Which of `sellers` were sent the metric, in any of its versions. */
export async function sellersTold(
  db: Db,
  metric: Pick<Metric, "id" | "version">,
  sellers: { id: number }[],
): Promise<Set<number>> {
  const keysOf = (sellerId: number) =>
    Array.from({ length: metric.version }, (_, at) =>
      METRIC_NOTICE.key(metric.id, `v${at + 1}`, `seller:${sellerId}`),
    );
  const known = await existingKeys(
    db,
    sellers.flatMap((seller) => keysOf(seller.id)),
  );
  return new Set(
    sellers.filter((seller) => keysOf(seller.id).some((key) => known.has(key))).map((seller) => seller.id),
  );
}

export interface MetricDeliveryOptions {
  /** The buttons of the features working on a metric, on its post in a seller channel. */
  sellerButtons: (metricId: number) => Button[];
}

export function metricDeliveries(deps: Deps, options: MetricDeliveryOptions): Registration[] {
  return [
    sends(METRIC_NOTICE, {
      async send(delivery, payload, slack) {
        const metric = await findMetricById(deps.db, payload.metricId);
        if (!metric) return { ts: null };
        if (delivery.sellerId === null) {
          const suggestedBy = await suggestingSellerName(deps.db, metric);
          const text = teamMetricNotice(
            metric,
            payload.what,
            payload.actorUserId,
            payload.changes,
            suggestedBy,
          );
          return { ts: await slack.post(delivery.channelId, { text }) };
        }
        // A notice still on its way after the metric was retired would invite estimates nobody weighs.
        if (metric.status === "retired" && payload.what !== "retired") return { ts: null };
        const message = sellerMetricNotice(metric, payload.what, payload.changes, [
          ...options.sellerButtons(metric.id),
          suggestButton(),
        ]);
        return { ts: await slack.post(delivery.channelId, message) };
      },
    }),
  ];
}
