import type { SlackState } from "./state.js";
import type { FakeChannel, FakeMessage, FakeUser, FakeView } from "./types.js";

/** Offset of a time zone from UTC in seconds, right now (as Slack reports `tz_offset`). */
function tzOffsetSeconds(tz: string): number {
  try {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      timeZoneName: "longOffset",
    }).formatToParts(new Date());
    const label = parts.find((part) => part.type === "timeZoneName")?.value ?? "";
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(label);
    if (!match) return 0;
    const sign = match[1] === "-" ? -1 : 1;
    return sign * (Number(match[2]) * 3600 + Number(match[3]) * 60);
  } catch {
    return 0;
  }
}

export function apiUser(state: SlackState, user: FakeUser): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    real_name: user.realName,
    real_name_normalized: user.realName,
    display_name: user.name,
    display_name_normalized: user.name,
    team: user.teamId,
  };
  if (user.email !== undefined) profile.email = user.email;
  if (user.isBot) {
    profile.bot_id = state.identity.botId;
    profile.api_app_id = state.identity.appId;
  }
  return {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    deleted: false,
    real_name: user.realName,
    tz: user.tz,
    tz_label: user.tz,
    tz_offset: tzOffsetSeconds(user.tz),
    profile,
    is_admin: false,
    is_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.isBot,
    is_app_user: false,
    is_stranger: state.isExternal(user.id) ? true : undefined,
    updated: Math.floor(Date.now() / 1000),
  };
}

export function apiChannel(state: SlackState, channel: FakeChannel): Record<string, unknown> {
  const isMember = channel.members.has(state.identity.botUserId);
  if (channel.isIm) {
    const user = [...channel.members].find((member) => member !== state.identity.botUserId);
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      user,
      is_user_deleted: false,
      priority: 0,
      is_open: true,
    };
  }
  const isGroup = channel.id.startsWith("G");
  return {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: !isGroup,
    is_group: isGroup,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate,
    created: channel.created,
    is_archived: channel.isArchived,
    is_general: false,
    unlinked: 0,
    is_shared: channel.isShared,
    is_ext_shared: channel.isExtShared,
    is_org_shared: false,
    pending_shared: [],
    is_pending_ext_shared: channel.isPendingExtShared,
    is_member: isMember,
    creator: channel.creator,
    context_team_id: state.identity.teamId,
    shared_team_ids: [state.identity.teamId],
    topic: { value: channel.topic, creator: channel.topic ? channel.creator : "", last_set: 0 },
    purpose: { value: channel.purpose, creator: channel.purpose ? channel.creator : "", last_set: 0 },
    previous_names: [],
  };
}

export function apiMessage(state: SlackState, message: FakeMessage): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: "message",
    user: message.user,
    text: message.text,
    ts: message.ts,
    team: state.users.get(message.user)?.teamId ?? state.identity.teamId,
  };
  if (message.botId !== undefined) {
    body.bot_id = message.botId;
    body.app_id = state.identity.appId;
    body.bot_profile = {
      id: message.botId,
      app_id: state.identity.appId,
      name: "Tender Room",
      team_id: state.identity.teamId,
      deleted: false,
    };
  }
  if (message.blocks !== undefined) body.blocks = message.blocks;
  if (message.threadTs !== undefined) {
    body.thread_ts = message.threadTs;
    const parent = state.findMessage(message.channel, message.threadTs);
    if (message.threadTs !== message.ts && parent) body.parent_user_id = parent.user;
  }
  if (message.replyCount > 0) body.reply_count = message.replyCount;
  if (message.metadata !== undefined) body.metadata = message.metadata;
  if (message.edited !== undefined) body.edited = message.edited;
  if (message.files !== undefined) {
    body.files = message.files.map((file) => apiFile(state, file));
    body.upload = true;
    body.display_as_bot = false;
  }
  return body;
}

const MIME_TYPES: Record<string, string> = {
  png: "image/png",
  svg: "image/svg+xml",
  pdf: "application/pdf",
  csv: "text/csv",
  txt: "text/plain",
  json: "application/json",
};

/** A file object as Slack describes an uploaded file (files.completeUploadExternal, a file share). */
export function apiFile(
  state: SlackState,
  file: { id: string; name: string; title: string },
): Record<string, unknown> {
  const upload = state.uploads.get(file.id);
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  const user = state.identity.botUserId;
  return {
    id: file.id,
    created: Math.floor(Date.now() / 1000),
    name: file.name,
    title: file.title,
    mimetype: MIME_TYPES[extension] ?? "application/octet-stream",
    filetype: extension || "binary",
    user,
    user_team: state.identity.teamId,
    size: upload?.bytes?.length ?? 0,
    is_external: false,
    url_private: `https://files.slack.com/files-pri/${state.identity.teamId}-${file.id}/${encodeURIComponent(file.name)}`,
    permalink: `${state.teamUrl()}files/${user}/${file.id}/${encodeURIComponent(file.name)}`,
  };
}

export function apiView(state: SlackState, stored: FakeView): Record<string, unknown> {
  const view = stored.view;
  return {
    type: "modal",
    blocks: [],
    private_metadata: "",
    callback_id: "",
    title: null,
    close: null,
    submit: null,
    clear_on_close: false,
    notify_on_close: false,
    ...view,
    id: stored.id,
    team_id: state.identity.teamId,
    state: { values: {} },
    hash: stored.hash,
    previous_view_id: null,
    root_view_id: stored.id,
    app_id: state.identity.appId,
    external_id: stored.externalId ?? "",
    app_installed_team_id: state.identity.teamId,
    bot_id: state.identity.botId,
  };
}
