import { isRecord, str, structured } from "./args.js";
import {
  fail,
  failInvalid,
  findChannel,
  type Handler,
  type MethodContext,
  ok,
  visibleChannel,
  writableChannel,
} from "./common.js";
import { apiMessage } from "./serialize.js";
import type { ApiBody, FakeChannel, FakeMessage } from "./types.js";
import { MESSAGE_TEXT_LIMIT, messageBlocksError } from "./validation.js";

/** Message content shared by chat.postMessage, chat.update and chat.postEphemeral. */
interface Content {
  text: string | undefined;
  blocks: unknown[] | undefined;
  metadata: Record<string, unknown> | undefined;
}

function readContent(ctx: MethodContext, requireSome: boolean): Content | ApiBody {
  const text = str(ctx.args, "text");
  const blocksArg = structured(ctx.args, "blocks");
  let blocks: unknown[] | undefined;
  if (blocksArg.present) {
    if ("invalid" in blocksArg) return fail("invalid_blocks_format");
    const invalid = messageBlocksError(blocksArg.value);
    if (invalid) return failInvalid(invalid);
    blocks = blocksArg.value as unknown[];
  }
  const attachments = structured(ctx.args, "attachments");
  const hasText = text !== undefined && text.trim() !== "";
  if (requireSome && !hasText && (blocks === undefined || blocks.length === 0) && !attachments.present) {
    return fail("no_text");
  }
  if (text !== undefined && text.length > MESSAGE_TEXT_LIMIT) return fail("msg_too_long");
  const metadataArg = structured(ctx.args, "metadata");
  let metadata: Record<string, unknown> | undefined;
  if (metadataArg.present) {
    if ("invalid" in metadataArg || !isRecord(metadataArg.value)) return fail("invalid_metadata_format");
    const value = metadataArg.value;
    if (typeof value.event_type !== "string" || value.event_type === "" || !isRecord(value.event_payload)) {
      return fail("invalid_metadata_schema");
    }
    metadata = value;
  }
  return { text, blocks, metadata };
}

function isContent(value: Content | ApiBody): value is Content {
  return !("ok" in value);
}

/** A channel id, or a user id that addresses the IM with that user (opened on the fly). */
function targetChannel(ctx: MethodContext): FakeChannel | string {
  const id = str(ctx.args, "channel") ?? "";
  if (/^[UW]/.test(id)) {
    if (!ctx.state.users.has(id) || id === ctx.state.identity.botUserId) return "channel_not_found";
    return ctx.state.openIm(id);
  }
  return writableChannel(ctx);
}

const postMessage: Handler = (ctx) => {
  const channel = targetChannel(ctx);
  if (typeof channel === "string") return fail(channel);
  const content = readContent(ctx, true);
  if (!isContent(content)) return content;
  const threadTs = str(ctx.args, "thread_ts") || undefined;
  const message: FakeMessage = {
    channel: channel.id,
    ts: ctx.state.clock.next(),
    text: content.text ?? "",
    blocks: content.blocks,
    threadTs,
    metadata: content.metadata,
    user: ctx.state.identity.botUserId,
    botId: ctx.state.identity.botId,
    edited: undefined,
    replyCount: 0,
  };
  ctx.state.appendMessage(message);
  return ok({ channel: channel.id, ts: message.ts, message: apiMessage(ctx.state, message) });
};

/** The bot's own message addressed by `channel` + `ts`, or the Slack error for it. */
function ownMessage(
  ctx: MethodContext,
  cantError: string,
): { channel: FakeChannel; message: FakeMessage } | string {
  const channel = findChannel(ctx);
  if (typeof channel === "string") return channel;
  const ts = str(ctx.args, "ts");
  const message = ts === undefined ? undefined : ctx.state.findMessage(channel.id, ts);
  if (!message) return "message_not_found";
  if (message.user !== ctx.state.identity.botUserId) return cantError;
  return { channel, message };
}

const update: Handler = (ctx) => {
  const found = ownMessage(ctx, "cant_update_message");
  if (typeof found === "string") return fail(found);
  const content = readContent(ctx, false);
  if (!isContent(content)) return content;
  if (content.text === undefined && content.blocks === undefined && content.metadata === undefined) {
    return fail("no_text");
  }
  const { channel, message } = found;
  if (content.text !== undefined) message.text = content.text;
  if (content.blocks !== undefined) message.blocks = content.blocks.length > 0 ? content.blocks : undefined;
  if (content.metadata !== undefined) message.metadata = content.metadata;
  message.edited = { user: ctx.state.identity.botUserId, ts: ctx.state.clock.next() };
  return ok({
    channel: channel.id,
    ts: message.ts,
    text: message.text,
    message: apiMessage(ctx.state, message),
  });
};

const deleteMessage: Handler = (ctx) => {
  const found = ownMessage(ctx, "cant_delete_message");
  if (typeof found === "string") return fail(found);
  const list = ctx.state.messagesIn(found.channel.id);
  list.splice(list.indexOf(found.message), 1);
  const pins = ctx.state.pinsIn(found.channel.id);
  if (pins.includes(found.message.ts)) pins.splice(pins.indexOf(found.message.ts), 1);
  return ok({ channel: found.channel.id, ts: found.message.ts });
};

const postEphemeral: Handler = (ctx) => {
  const id = str(ctx.args, "channel") ?? "";
  const channel = /^[UW]/.test(id) && ctx.state.users.has(id) ? ctx.state.openIm(id) : visibleChannel(ctx);
  if (typeof channel === "string") return fail(channel);
  if (channel.isArchived) return fail("is_archived");
  const user = str(ctx.args, "user");
  if (user === undefined || !ctx.state.users.has(user)) return fail("user_not_found");
  if (!channel.members.has(user)) return fail("user_not_in_channel");
  const content = readContent(ctx, true);
  if (!isContent(content)) return content;
  const messageTs = ctx.state.clock.next();
  ctx.state.ephemerals.push({
    channel: channel.id,
    user,
    messageTs,
    text: content.text ?? "",
    blocks: content.blocks,
    threadTs: str(ctx.args, "thread_ts") || undefined,
  });
  return ok({ message_ts: messageTs });
};

const getPermalink: Handler = (ctx) => {
  const channel = visibleChannel(ctx);
  if (typeof channel === "string") return fail(channel);
  const ts = str(ctx.args, "message_ts");
  if (ts === undefined || !ctx.state.findMessage(channel.id, ts)) return fail("message_not_found");
  return ok({
    channel: channel.id,
    permalink: `${ctx.state.teamUrl()}archives/${channel.id}/p${ts.replace(".", "")}`,
  });
};

/** The message a pins.* call points at. */
function pinTarget(ctx: MethodContext): { channel: FakeChannel; ts: string } | string {
  const channel = findChannel(ctx);
  if (typeof channel === "string") return channel;
  if (!channel.members.has(ctx.state.identity.botUserId)) return "not_in_channel";
  const ts = str(ctx.args, "timestamp");
  if (ts === undefined || ts === "") return "no_item_specified";
  if (!/^\d+\.\d+$/.test(ts)) return "bad_timestamp";
  if (!ctx.state.findMessage(channel.id, ts)) return "message_not_found";
  return { channel, ts };
}

const pinsAdd: Handler = (ctx) => {
  const target = pinTarget(ctx);
  if (typeof target === "string") return fail(target);
  const pins = ctx.state.pinsIn(target.channel.id);
  if (pins.includes(target.ts)) return fail("already_pinned");
  pins.push(target.ts);
  return ok();
};

const pinsRemove: Handler = (ctx) => {
  const target = pinTarget(ctx);
  if (typeof target === "string") return fail(target);
  const pins = ctx.state.pinsIn(target.channel.id);
  const index = pins.indexOf(target.ts);
  if (index < 0) return fail("no_pin");
  pins.splice(index, 1);
  return ok();
};

const pinsList: Handler = (ctx) => {
  const channel = visibleChannel(ctx);
  if (typeof channel === "string") return fail(channel);
  const items = ctx.state.pinsIn(channel.id).flatMap((ts) => {
    const message = ctx.state.findMessage(channel.id, ts);
    if (!message) return [];
    return [
      {
        type: "message",
        channel: channel.id,
        created_by: ctx.state.identity.botUserId,
        created: Math.floor(Date.now() / 1000),
        message: apiMessage(ctx.state, message),
      },
    ];
  });
  return ok({ items });
};

export const chatMethods: Record<string, Handler> = {
  "chat.postMessage": postMessage,
  "chat.update": update,
  "chat.delete": deleteMessage,
  "chat.postEphemeral": postEphemeral,
  "chat.getPermalink": getPermalink,
  "pins.add": pinsAdd,
  "pins.remove": pinsRemove,
  "pins.list": pinsList,
};
