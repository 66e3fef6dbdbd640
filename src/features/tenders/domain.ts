import { z } from "zod";
import type { TenderStage } from "../../generated/prisma/enums.js";

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

export function parseStage(text: string): TenderStage | undefined {
  const wanted = text.trim().toLowerCase();
  return STAGES.find((stage) => stage === wanted);
}

export function isFinalStage(stage: TenderStage): boolean {
  return FINAL_STAGES.includes(stage);
}

/**
 * Open stages can be moved between freely (a buyer may reopen requirements); a tender is awarded
 * only after evaluation; awarded and closed are final.
 */
export function stageChangeProblem(from: TenderStage, to: TenderStage): string | undefined {
  if (from === to) return `The tender is already in the ${to} stage.`;
  if (isFinalStage(from)) return `The tender is ${from}; its stage can no longer change.`;
  if (to === "awarded" && from !== "evaluation") {
    return "A tender is awarded after its evaluation: move it to `evaluation` first.";
  }
  return undefined;
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
