import { DateTime } from "luxon";
import { z } from "zod";
import type { BidIntent, SellerStatus, TenderStage } from "../../generated/prisma/enums.js";

export type { TenderStage };

export const STAGES: readonly TenderStage[] = [
  "courting",
  "requirements",
  "proposal",
  "evaluation",
  "awarded",
  "closed",
];

const FINAL_STAGES: readonly TenderStage[] = ["awarded", "closed"];

/** In these stages sellers prepare or are judged: answers go to all sellers alike. */
export const QUIET_STAGES: readonly TenderStage[] = ["proposal", "evaluation"];

export const STAGE_MEANING: Record<TenderStage, string> = {
  courting:
    "Getting to know each other: sellers share their experience and ideas before any requirement is fixed.",
  requirements:
    "Requirements are being written with the sellers' input: ask questions, suggest changes, share lessons learned.",
  proposal:
    "Quiet period: sellers prepare their proposals. Questions still reach the buyer; answers go to every seller alike.",
  evaluation:
    "Quiet period: the buyer evaluates the proposals. Questions still reach the buyer; answers go to every seller alike.",
  awarded: "The tender has been awarded. Thank you all for the dialogue.",
  closed: "The tender is closed. Thank you all for the dialogue.",
};

export function isFinalStage(stage: TenderStage): boolean {
  return FINAL_STAGES.includes(stage);
}

export const TITLE_MAX = 120;
export const GOAL_MAX = 2000;

const isoDate = z.iso.date({ error: "Pick a date." });

export const newTenderSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "Give the tender a title.")
      .max(TITLE_MAX, `Keep the title within ${TITLE_MAX} characters.`),
    goal: z
      .string()
      .trim()
      .max(GOAL_MAX, `Keep the goal within ${GOAL_MAX} characters.`)
      .optional()
      .transform((goal) => (goal ? goal : undefined)),
    coOwners: z.array(z.string()).max(10, "Name at most 10 co-owners.").default([]),
    questionsDueOn: isoDate.optional(),
    proposalsDueOn: isoDate.optional(),
    awardPlannedOn: isoDate.optional(),
  })
  .superRefine((input, ctx) => {
    const ordered: [keyof typeof input, string | undefined][] = [
      ["questionsDueOn", input.questionsDueOn],
      ["proposalsDueOn", input.proposalsDueOn],
      ["awardPlannedOn", input.awardPlannedOn],
    ];
    let previous: string | undefined;
    for (const [field, date] of ordered) {
      if (!date) continue;
      if (previous && date < previous) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: "This date comes before an earlier key date.",
        });
      }
      previous = date;
    }
  });

export type NewTenderInput = z.output<typeof newTenderSchema>;

/**
 * Whether a seller gets what is new in its tender (requirements, key metrics, notices, nudges,
 * check-ins): not when every invitation it had was declined, nor once it said it will not bid.
 * Its channel and history stay; earlier posts are still kept current.
 */
export function receivesNewPosts(seller: { status: SellerStatus; intent: BidIntent }): boolean {
  return seller.status !== "declined" && seller.intent !== "not_bidding";
}

/** The sellers that get what is new in the tender (see `receivesNewPosts`). */
export function activeSellers<S extends { status: SellerStatus; intent: BidIntent }>(tender: {
  sellers: S[];
}): S[] {
  return tender.sellers.filter(receivesNewPosts);
}

/** Why a seller gets nothing new, for the status; undefined when it does. */
export function whyNothingNew(seller: { status: SellerStatus; intent: BidIntent }): string | undefined {
  if (seller.intent === "not_bidding") return "said it will not bid";
  if (seller.status === "declined") return "declined every invitation";
  return undefined;
}

/** The end of a key date (stored as midnight UTC of its day): midnight after it in the tender's zone. */
export function endOfKeyDay(day: Date, zone: string): Date {
  const iso = day.toISOString().slice(0, 10);
  return DateTime.fromISO(iso, { zone }).plus({ days: 1 }).toJSDate();
}

/**
 * The questions-due date once it has passed (questions close at the end of that day in the tender's
 * zone), else undefined: questions are open.
 */
export function questionsClosedOn(
  tender: { questionsDueOn: Date | null; timezone: string },
  now: Date,
): Date | undefined {
  const due = tender.questionsDueOn;
  return due && now >= endOfKeyDay(due, tender.timezone) ? due : undefined;
}

export type KeyDateName = "questions" | "proposals" | "award";

/** The first key date whose day has not ended yet in the tender's zone. */
export function nextKeyDate(
  tender: {
    timezone: string;
    questionsDueOn: Date | null;
    proposalsDueOn: Date | null;
    awardPlannedOn: Date | null;
  },
  now: Date,
): { name: KeyDateName; day: Date } | undefined {
  const dates: [KeyDateName, Date | null][] = [
    ["questions", tender.questionsDueOn],
    ["proposals", tender.proposalsDueOn],
    ["award", tender.awardPlannedOn],
  ];
  for (const [name, day] of dates) {
    if (day && now < endOfKeyDay(day, tender.timezone)) return { name, day };
  }
  return undefined;
}
