import { z } from "zod";
import type { ReplyKind } from "../../generated/prisma/enums.js";
import { LONG_TEXT_MAX } from "../requirements/domain.js";
import { QUIET_STAGES, type TenderStage } from "../tenders/domain.js";

export type { ReplyKind };

/** What the "Ask a question" and "Suggest a change" forms create. */
export type SellerInputKind = "question" | "suggestion";

/** A person's new message in a thread. */
export interface PostedMessage {
  type: "posted";
  channelId: string;
  ts: string;
  threadTs: string;
  userId: string;
  /** The author's organisation as the event tells it, when it does. */
  userTeamId?: string;
  /** Plain text: Slack's `&amp;`, `&lt;` and `&gt;` are turned back into what the person typed. */
  text: string;
}

export interface EditedMessage {
  type: "edited";
  channelId: string;
  ts: string;
  text: string;
}

export interface DeletedMessage {
  type: "deleted";
  channelId: string;
  ts: string;
}

export type ThreadMessage =
  | PostedMessage
  | EditedMessage
  | DeletedMessage
  | { type: "ignored"; reason: string };

// Slack's message events carry much more; these are the parts the app relies on.
const innerMessage = z.object({
  ts: z.string(),
  text: z.string().optional(),
  user: z.string().optional(),
});

const messageEvent = z.object({
  channel: z.string(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  user_team: z.string().optional(),
  team: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  deleted_ts: z.string().optional(),
  message: innerMessage.optional(),
});

/**
 * Subtypes that are still a person writing in the thread: a reply also sent to the channel, a reply
 * with a file. Joins, leaves, topic changes and the like are not part of the dialogue.
 */
const PERSON_SUBTYPES = new Set(["thread_broadcast", "file_share"]);

/** Slack escapes `&`, `<` and `>` in message text; the app stores what the person typed. */
export function plainText(slackText: string): string {
  return slackText.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** What a `message` event means for the requirement threads, without looking anything up. */
export function readThreadMessage(event: unknown, botUserId: string): ThreadMessage {
  const parsed = messageEvent.safeParse(event);
  if (!parsed.success) return { type: "ignored", reason: "not a message the app understands" };
  const message = parsed.data;
  if (message.subtype === "message_changed") {
    if (!message.message || message.message.text === undefined)
      return { type: "ignored", reason: "change without text" };
    // The earlier text is the one the app stored, so `previous_message` is not needed.
    return {
      type: "edited",
      channelId: message.channel,
      ts: message.message.ts,
      text: plainText(message.message.text),
    };
  }
  if (message.subtype === "message_deleted") {
    if (!message.deleted_ts) return { type: "ignored", reason: "deletion without deleted_ts" };
    return { type: "deleted", channelId: message.channel, ts: message.deleted_ts };
  }
  if (message.subtype !== undefined && !PERSON_SUBTYPES.has(message.subtype))
    return { type: "ignored", reason: `subtype ${message.subtype}` };
  if (message.bot_id !== undefined || !message.user || message.user === botUserId)
    return { type: "ignored", reason: "written by a bot" };
  if (!message.thread_ts || message.thread_ts === message.ts) return { type: "ignored", reason: "top level" };
  const userTeamId = message.user_team ?? message.team;
  return {
    type: "posted",
    channelId: message.channel,
    ts: message.ts,
    threadTs: message.thread_ts,
    userId: message.user,
    ...(userTeamId ? { userTeamId } : {}),
    text: plainText(message.text ?? ""),
  };
}

/** People whose Slack team is not the workspace the app is installed in are the seller's. */
export function isFromSeller(authorTeamId: string, installationTeamId: string): boolean {
  return authorTeamId !== installationTeamId;
}

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

/** In the quiet period a buyer's direct answer to one seller would favour that seller. */
export function needsQuietPeriodReminder(fromSeller: boolean, stage: TenderStage): boolean {
  return !fromSeller && QUIET_STAGES.includes(stage);
}

export function sellerInputSchema(kind: SellerInputKind) {
  return z.object({
    text: z
      .string()
      .trim()
      .min(1, kind === "question" ? "Write your question." : "Describe the change you suggest.")
      .max(LONG_TEXT_MAX, `Keep it within ${LONG_TEXT_MAX} characters.`),
  });
}

/** What the seller input form remembers between the click and the submission. */
const sellerInputOrigin = z.object({
  requirementId: z.number().int().positive(),
  channelId: z.string().min(1),
  kind: z.enum(["question", "suggestion"]),
  /** The button's response_url: answers reach the person in the channel they clicked in. */
  responseUrl: z.url().optional(),
});

export type SellerInputOrigin = z.infer<typeof sellerInputOrigin>;

export function encodeSellerInputOrigin(origin: SellerInputOrigin): string {
  return JSON.stringify(origin);
}

export function decodeSellerInputOrigin(privateMetadata: string): SellerInputOrigin | undefined {
  try {
    const parsed = sellerInputOrigin.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A button's value that should name a requirement, or undefined when it does not. */
export function parseRequirementId(value: string | undefined): number | undefined {
  const parsed = z.coerce.number().int().positive().safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
