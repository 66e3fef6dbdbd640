import { z } from "zod";
import { escapeText, plainText } from "./text.js";

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
  /** The same in Slack's markup as Slack sent it, with the files shared linked by name. */
  markup: string;
}

export interface EditedMessage {
  type: "edited";
  channelId: string;
  ts: string;
  text: string;
  markup: string;
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
const sharedFile = z.object({
  name: z.string().optional(),
  title: z.string().optional(),
  permalink: z.string().optional(),
});

const innerMessage = z.object({
  ts: z.string(),
  text: z.string().optional(),
  user: z.string().optional(),
  files: z.array(sharedFile).optional(),
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
  files: z.array(sharedFile).optional(),
});

type SharedFile = z.infer<typeof sharedFile>;

/**
 * A message's text as plain text and as Slack's markup, each with a line per file shared with it
 * (its name, linked to the file in the markup), so that a file without a comment still says what
 * it is.
 */
function content(
  slackText: string | undefined,
  files: SharedFile[] | undefined,
): { text: string; markup: string } {
  const named = (files ?? []).map((file) => ({
    name: file.title || file.name || "a file",
    permalink: file.permalink?.startsWith("https://") ? file.permalink : undefined,
  }));
  const plainLines = named.map((file) => `[file: ${file.name}]`);
  const markupLines = named.map((file) =>
    file.permalink
      ? `:paperclip: <${file.permalink}|${escapeText(file.name)}>`
      : `:paperclip: ${escapeText(file.name)}`,
  );
  const text = plainText(slackText ?? "");
  const join = (first: string, rest: string[]) => [first, ...rest].filter((part) => part !== "").join("\n");
  return { text: join(text, plainLines), markup: join(slackText ?? "", markupLines) };
}

/**
 * Subtypes that are still a person writing in the thread: a reply also sent to the channel, a reply
 * with a file. Joins, leaves, topic changes and the like are not part of the dialogue.
 */
const PERSON_SUBTYPES = new Set(["thread_broadcast", "file_share"]);

/** What a `message` event means for the app's threads, without looking anything up. */
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
      ...content(message.message.text, message.message.files),
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
    ...content(message.text, message.files),
  };
}
