import { bool, list, str } from "./args.js";
import { fail, findChannel, type Handler, ok, page, visibleChannel, writableChannel } from "./common.js";
import { apiChannel, apiMessage } from "./serialize.js";
import type { SharedInvite } from "./types.js";
import { channelNameError, isEmail } from "./validation.js";

const TOPIC_LIMIT = 250;

const create: Handler = (ctx) => {
  const name = str(ctx.args, "name");
  const invalid = channelNameError(name);
  if (invalid !== undefined || name === undefined) return fail(invalid ?? "invalid_name_required");
  if (ctx.state.channelByName(name)) return fail("name_taken");
  const channel = ctx.state.addChannel({
    name,
    isPrivate: bool(ctx.args, "is_private", false),
    members: [ctx.state.identity.botUserId],
  });
  return ok({ channel: apiChannel(ctx.state, channel) });
};

const info: Handler = (ctx) => {
  const channel = visibleChannel(ctx);
  if (typeof channel === "string") return fail(channel);
  const body = apiChannel(ctx.state, channel);
  if (bool(ctx.args, "include_num_members", false)) body.num_members = channel.members.size;
  return ok({ channel: body });
};

const invite: Handler = (ctx) => {
  const channel = writableChannel(ctx);
  if (typeof channel === "string") return fail(channel);
  if (channel.isIm) return fail("method_not_supported_for_channel_type");
  const users = list(ctx.args, "users");
  if (users.length === 0) return fail("no_user");
  if (users.length > 1000) return fail("too_many_users");
  const force = bool(ctx.args, "force", false);
  const errors: Array<{ user: string; ok: false; error: string }> = [];
  const toAdd: string[] = [];
  let alreadyMembers = 0;
  for (const user of users) {
    if (user === ctx.state.identity.botUserId) errors.push({ user, ok: false, error: "cant_invite_self" });
    else if (!ctx.state.users.has(user)) errors.push({ user, ok: false, error: "user_not_found" });
    else if (channel.members.has(user)) alreadyMembers += 1;
    else if (!toAdd.includes(user)) toAdd.push(user);
  }
  const first = errors[0];
  if (first && !force) return fail(first.error, { errors });
  if (toAdd.length === 0) {
    if (first) return fail(first.error, { errors });
    if (alreadyMembers > 0) {
      return fail("already_in_channel", {
        errors: users.map((user) => ({ user, ok: false, error: "already_in_channel" })),
      });
    }
  }
  for (const user of toAdd) channel.members.add(user);
  ctx.state.refreshSharing(channel);
  return ok({ channel: apiChannel(ctx.state, channel), ...(errors.length > 0 ? { errors } : {}) });
};

const inviteShared: Handler = (ctx) => {
  const channel = writableChannel(ctx);
  if (channel === "is_archived") return fail("channel_archived");
  if (typeof channel === "string") return fail(channel);
  if (channel.isIm) return fail("method_not_supported_for_channel_type");
  const emails = list(ctx.args, "emails");
  const userIds = list(ctx.args, "user_ids");
  if (emails.length === 0 && userIds.length === 0) return fail("invalid_arguments");
  for (const email of emails) {
    const configured = ctx.state.inviteFailures.get(email.toLowerCase());
    if (configured !== undefined) return fail(configured);
    if (!isEmail(email)) return fail("invalid_email");
  }
  for (const userId of userIds) {
    if (!ctx.state.users.has(userId)) return fail("user_not_found");
    if (channel.members.has(userId)) return fail("already_in_channel");
  }
  const externalLimited = bool(ctx.args, "external_limited", true);
  const recorded: SharedInvite[] = [
    ...emails.map((email) => ({ email, userId: undefined })),
    ...userIds.map((userId) => ({ email: undefined, userId })),
  ].map((target) => ({
    inviteId: ctx.state.ids.next("I"),
    channel: channel.id,
    ...target,
    externalLimited,
    accepted: false,
  }));
  ctx.state.invites.push(...recorded);
  if (!channel.isExtShared) channel.isPendingExtShared = true;
  return ok({ invite_id: recorded[0]?.inviteId, is_legacy_shared_channel: false });
};

const archive: Handler = (ctx) => {
  const channel = findChannel(ctx);
  if (typeof channel === "string") return fail(channel);
  if (channel.isIm) return fail("method_not_supported_for_channel_type");
  if (channel.isArchived) return fail("already_archived");
  if (!channel.members.has(ctx.state.identity.botUserId)) return fail("not_in_channel");
  channel.isArchived = true;
  return ok();
};

const unarchive: Handler = (ctx) => {
  const channel = findChannel(ctx);
  if (typeof channel === "string") return fail(channel);
  if (!channel.isArchived) return fail("not_archived");
  if (!channel.members.has(ctx.state.identity.botUserId)) return fail("not_in_channel");
  channel.isArchived = false;
  return ok();
};

const members: Handler = (ctx) => {
  const channel = visibleChannel(ctx);
  if (typeof channel === "string") return fail(channel);
  const { items, nextCursor } = page([...channel.members], ctx.args, 100);
  return ok({ members: items, response_metadata: { next_cursor: nextCursor } });
};

const open: Handler = (ctx) => {
  const existing = str(ctx.args, "channel");
  if (existing !== undefined) {
    const channel = ctx.state.channels.get(existing);
    if (!channel?.isIm) return fail("channel_not_found");
    return ok({ no_op: true, already_open: true, channel: { id: channel.id } });
  }
  const users = list(ctx.args, "users");
  if (users.length === 0) return fail("users_list_not_supplied");
  if (users.length > 1) {
    return fail("invalid_arguments", {
      response_metadata: {
        messages: ["[ERROR] only one-to-one DMs exist in this workspace [json-pointer:/users]"],
      },
    });
  }
  const userId = users[0] ?? "";
  if (!ctx.state.users.has(userId)) return fail("user_not_found");
  const alreadyOpen = ctx.state.ims.has(userId);
  const channel = ctx.state.openIm(userId);
  const body = bool(ctx.args, "return_im", false) ? apiChannel(ctx.state, channel) : { id: channel.id };
  return ok({ no_op: alreadyOpen, already_open: alreadyOpen, channel: body });
};

function setText(field: "topic" | "purpose"): Handler {
  return (ctx) => {
    const channel = writableChannel(ctx);
    if (typeof channel === "string") return fail(channel);
    const value = str(ctx.args, field) ?? "";
    if (value.length > TOPIC_LIMIT) return fail("too_long");
    channel[field] = value;
    return ok({ channel: apiChannel(ctx.state, channel) });
  };
}

const kick: Handler = (ctx) => {
  const channel = writableChannel(ctx);
  if (typeof channel === "string") return fail(channel);
  const user = str(ctx.args, "user");
  if (user === undefined || !ctx.state.users.has(user)) return fail("user_not_found");
  if (user === ctx.state.identity.botUserId) return fail("cant_kick_self");
  if (!channel.members.has(user)) return fail("not_in_channel");
  channel.members.delete(user);
  return ok();
};

function isTopLevel(message: { ts: string; threadTs: string | undefined }): boolean {
  return message.threadTs === undefined || message.threadTs === message.ts;
}

const history: Handler = (ctx) => {
  const channel = visibleChannel(ctx);
  if (typeof channel === "string") return fail(channel);
  const newestFirst = [...ctx.state.messagesIn(channel.id)].filter(isTopLevel).reverse();
  const { items, nextCursor } = page(newestFirst, ctx.args, 100);
  return ok({
    messages: items.map((message) => apiMessage(ctx.state, message)),
    has_more: nextCursor !== "",
    pin_count: ctx.state.pinsIn(channel.id).length,
    response_metadata: { next_cursor: nextCursor },
  });
};

const replies: Handler = (ctx) => {
  const channel = visibleChannel(ctx);
  if (typeof channel === "string") return fail(channel);
  const ts = str(ctx.args, "ts");
  const parent = ts === undefined ? undefined : ctx.state.findMessage(channel.id, ts);
  if (!parent || ts === undefined) return fail("thread_not_found");
  const root = parent.threadTs ?? parent.ts;
  const thread = ctx.state
    .messagesIn(channel.id)
    .filter((message) => message.ts === root || message.threadTs === root);
  const { items, nextCursor } = page(thread, ctx.args, 1000);
  return ok({
    messages: items.map((message) => apiMessage(ctx.state, message)),
    has_more: nextCursor !== "",
    response_metadata: { next_cursor: nextCursor },
  });
};

export const conversationMethods: Record<string, Handler> = {
  "conversations.create": create,
  "conversations.info": info,
  "conversations.invite": invite,
  "conversations.inviteShared": inviteShared,
  "conversations.archive": archive,
  "conversations.unarchive": unarchive,
  "conversations.members": members,
  "conversations.open": open,
  "conversations.setTopic": setText("topic"),
  "conversations.setPurpose": setText("purpose"),
  "conversations.kick": kick,
  "conversations.history": history,
  "conversations.replies": replies,
};
