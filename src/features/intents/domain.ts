import { z } from "zod";
import type { BidIntent } from "../../generated/prisma/enums.js";
import { originCodec } from "../../slack/modal.js";
import { endOfKeyDay, type TenderStage } from "../tenders/index.js";

export type { BidIntent };

export const REASON_MAX = 500;

export const notBiddingSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "Give the buyer's team a reason: they will read it.")
    .max(REASON_MAX, `Keep the reason within ${REASON_MAX} characters.`),
});

/** The "We will not bid" form remembers the seller channel it was opened in. */
export const notBiddingOrigin = originCodec({ channelId: z.string().min(1) });

/** The stages in which a seller says whether it will bid, and may change its mind. */
const INTENT_STAGES: readonly TenderStage[] = ["requirements", "proposal"];

export type IntentWindow =
  | { open: true }
  | { open: false; why: "not_yet" | "stage_over" }
  | { open: false; why: "proposals_due"; day: Date };

/**
 * Whether a seller may say (or change) whether it bids: in the requirements and proposal stages,
 * until the end of the proposals-due day in the tender's zone when that date is set.
 */
export function intentWindow(
  tender: { stage: TenderStage; proposalsDueOn: Date | null; timezone: string },
  now: Date,
): IntentWindow {
  if (!INTENT_STAGES.includes(tender.stage))
    return { open: false, why: tender.stage === "courting" ? "not_yet" : "stage_over" };
  const due = tender.proposalsDueOn;
  if (due && now >= endOfKeyDay(due, tender.timezone)) return { open: false, why: "proposals_due", day: due };
  return { open: true };
}
