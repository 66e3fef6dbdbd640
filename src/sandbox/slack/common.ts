import { str } from "./args.js";
import type { SlackState } from "./state.js";
import type { ApiBody, Args, FakeChannel } from "./types.js";
import type { Invalid } from "./validation.js";

export interface MethodContext {
  state: SlackState;
  args: Args;
}

export type Handler = (ctx: MethodContext) => ApiBody;

export function ok(body: Record<string, unknown> = {}): ApiBody {
  return { ok: true, ...body };
}

export function fail(error: string, extra: Record<string, unknown> = {}): ApiBody {
  return { ok: false, error, ...extra };
}

export function failInvalid(invalid: Invalid): ApiBody {
  return fail(invalid.error, { response_metadata: { messages: invalid.messages } });
}

/**
 * The channel named by an argument. Private channels the bot is not in stay visible here so that
 * write methods can answer `not_in_channel`; read methods hide them with {@link visibleChannel}.
 */
export function findChannel(ctx: MethodContext, key = "channel"): FakeChannel | string {
  const id = str(ctx.args, key);
  if (id === undefined || id === "") return "channel_not_found";
  return ctx.state.channels.get(id) ?? "channel_not_found";
}

/** Like {@link findChannel}, but a private channel the bot is not in does not exist, as in Slack. */
export function visibleChannel(ctx: MethodContext, key = "channel"): FakeChannel | string {
  const channel = findChannel(ctx, key);
  if (typeof channel === "string") return channel;
  if (channel.isPrivate && !channel.members.has(ctx.state.identity.botUserId)) return "channel_not_found";
  return channel;
}

/** A channel the bot must be a member of (and which must not be archived) to write to. */
export function writableChannel(ctx: MethodContext, key = "channel"): FakeChannel | string {
  const channel = findChannel(ctx, key);
  if (typeof channel === "string") return channel;
  if (!channel.members.has(ctx.state.identity.botUserId)) return "not_in_channel";
  if (channel.isArchived) return "is_archived";
  return channel;
}

/** Offset-based cursors, opaque like Slack's. */
export function page<T>(items: T[], args: Args, defaultLimit: number): { items: T[]; nextCursor: string } {
  const limitArg = Number(args.limit);
  const limit = Number.isFinite(limitArg) && limitArg > 0 ? Math.trunc(limitArg) : defaultLimit;
  const cursor = str(args, "cursor");
  const decoded = cursor ? /^offset:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8")) : null;
  const start = decoded ? Number(decoded[1]) : 0;
  const end = start + limit;
  const nextCursor = end < items.length ? Buffer.from(`offset:${end}`).toString("base64") : "";
  return { items: items.slice(start, end), nextCursor };
}
