import { z } from "zod";
import type { ReplyKind } from "../../generated/prisma/enums.js";
import { TEXT_INPUT_MAX } from "../../slack/blocks.js";
import { originCodec, rowId } from "../../slack/modal.js";
import { QUIET_STAGES, type TenderStage } from "../tenders/index.js";

export type { ReplyKind };

/** What the "Ask a question" and "Suggest a change" forms create. */
export type SellerInputKind = "question" | "suggestion";

/** A question mark inside a link or mention (`<https://x.example/?a=1>`) does not make a question. */
function asksSomething(text: string): boolean {
  return text.replace(/<[^>]*>/g, "").includes("?");
}

/** A seller's message asks or comments; whatever the buyer's side writes in a thread answers. */
export function replyKind(fromSeller: boolean, text: string): ReplyKind {
  if (!fromSeller) return "answer";
  return asksSomething(text) ? "question" : "comment";
}

/**
 * A seller who edits a comment into a question (or back) changed what it is, unless the buyer has
 * already answered it; suggestions and answers stay what they were.
 */
export function kindAfterEdit(
  reply: { kind: ReplyKind; fromSeller: boolean; answeredAt: Date | null },
  text: string,
): ReplyKind {
  if (!reply.fromSeller || reply.answeredAt !== null) return reply.kind;
  if (reply.kind !== "comment" && reply.kind !== "question") return reply.kind;
  return replyKind(true, text);
}

/**
 * In the quiet period a buyer's direct answer to one seller would favour that seller: it waits for
 * its author's decision (published to all sellers, or kept as a recorded exception).
 */
export function answersPrivately(fromSeller: boolean, stage: TenderStage): boolean {
  return !fromSeller && QUIET_STAGES.includes(stage);
}

export function sellerInputSchema(kind: SellerInputKind) {
  return z.object({
    text: z
      .string()
      .trim()
      .min(1, kind === "question" ? "Write your question." : "Describe the change you suggest.")
      .max(TEXT_INPUT_MAX, `Keep it within ${TEXT_INPUT_MAX} characters.`),
  });
}

/** What the seller input form remembers between the click and the submission. */
export const sellerInputOrigin = originCodec({
  requirementId: rowId,
  channelId: z.string().min(1),
  kind: z.enum(["question", "suggestion"]),
});

export type SellerInputOrigin = NonNullable<ReturnType<typeof sellerInputOrigin.decode>>;
