import type { HomeView, KnownBlock, MessageMetadata, View } from "@slack/types";
import type { FilesCompleteUploadExternalResponse, WebClient } from "@slack/web-api";
import type { Logger } from "../logger.js";
import { nextFreeName } from "./channel-names.js";
import { isSlackUrl } from "./edge.js";
import { slackErrorCode } from "./errors.js";
import type { ChannelPacer } from "./pacer.js";
import { ExpiringCache } from "./people-cache.js";
import { nextPostMark, WORK_EVENT_TYPE, type Work } from "./work-scope.js";

export interface OutgoingMessage {
  /** Notification and fallback text (mrkdwn; escape what people typed). */
  text: string;
  blocks?: KnownBlock[];
  threadTs?: string;
  metadata?: MessageMetadata;
}

export interface SlackUser {
  id: string;
  teamId: string;
  name: string;
  timezone?: string;
  isBot: boolean;
}

export interface OutgoingFile {
  filename: string;
  title: string;
  /** The file's bytes; a string is sent as UTF-8. */
  content: Buffer | string;
  /** The message the file is shared with (mrkdwn; escape what people typed). */
  initialComment?: string;
  threadTs?: string;
}

export type SharedInviteResult = { sent: true; inviteId?: string } | { sent: false; error: string };

const NAME_ATTEMPTS = 20;

/** The Web API calls the app makes, with Slack's quirks handled in one place. */
export class SlackGateway {
  private readonly people: ExpiringCache<SlackUser>;

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    /** Spaces the posts to one channel; shared by every gateway of the app. */
    private readonly pacer: ChannelPacer,
    /** How long who a person is (users.info) is remembered (0 asks Slack every time), or the cache. */
    people: number | ExpiringCache<SlackUser> = 10 * 60_000,
    /** The item of work this gateway posts for (see `forWork`). */
    private readonly work?: Work,
  ) {
    this.people = typeof people === "number" ? new ExpiringCache(people, 5_000) : people;
  }

  /** Whether an answer may be sent to `url`: one of Slack's response URLs (see `edge.ts`). */
  isSlackUrl(url: string): boolean {
    return isSlackUrl(url, this.client.slackApiUrl);
  }

  /**
   * The same gateway posting for an item of work (see `work-scope.ts`): each of its posts is made
   * once, however often the work is tried.
   */
  forWork(work: Work | undefined): SlackGateway {
    return work ? new SlackGateway(this.client, this.logger, this.pacer, this.people, work) : this;
  }

  /** Creates a private channel, adding `-2`, `-3`, ... while the name is taken. */
  async createPrivateChannel(baseName: string): Promise<{ id: string; name: string }> {
    for (let attempt = 1; attempt <= NAME_ATTEMPTS; attempt++) {
      const name = nextFreeName(baseName, attempt);
      try {
        const result = await this.client.conversations.create({ name, is_private: true });
        const id = result.channel?.id;
        if (!id) throw new Error("conversations.create answered without a channel id");
        return { id, name: result.channel?.name ?? name };
      } catch (error) {
        if (slackErrorCode(error) !== "name_taken") throw error;
      }
    }
    throw new Error(`No free channel name near ${baseName}`);
  }

  /** Adds people to a channel one by one so that one refusal does not stop the others. */
  async addToChannel(channel: string, userIds: string[]): Promise<{ userId: string; error: string }[]> {
    const failures: { userId: string; error: string }[] = [];
    for (const userId of userIds) {
      try {
        await this.client.conversations.invite({ channel, users: userId });
      } catch (error) {
        const code = slackErrorCode(error);
        if (code === "already_in_channel" || code === "cant_invite_self") continue;
        if (code === undefined) throw error;
        failures.push({ userId, error: code });
      }
    }
    return failures;
  }

  async archiveChannel(channel: string): Promise<void> {
    try {
      await this.client.conversations.archive({ channel });
    } catch (error) {
      this.logger.warn(
        { channel, error: slackErrorCode(error) ?? String(error) },
        "could not archive channel",
      );
    }
  }

  /**
   * Posts a message. One posted for an item of work (something Slack sent, being worked) without
   * metadata of its own is named by the work and its place in it, and a later attempt at the same
   * work finds that message instead of posting it again.
   */
  async post(channel: string, message: OutgoingMessage): Promise<string> {
    const { work } = this;
    const mark = work && !message.metadata ? nextPostMark(work, channel, message.threadTs) : undefined;
    if (mark && work && work.attempt > 1) {
      const earlier = await this.findPosted(
        channel,
        message.threadTs,
        work.since,
        (metadata) => metadata.event_type === WORK_EVENT_TYPE && metadata.event_payload?.post === mark,
      );
      if (earlier) return earlier.ts;
    }
    const metadata = mark ? { event_type: WORK_EVENT_TYPE, event_payload: { post: mark } } : message.metadata;
    const result = await this.pacer.run(channel, () =>
      this.client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        thread_ts: message.threadTs,
        metadata,
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    if (!result.ts) throw new Error("chat.postMessage answered without a ts");
    return result.ts;
  }

  /**
   * Uploads a file and shares it in a channel (in the thread `threadTs`), paced like a post: Slack
   * hands out an upload URL, takes the bytes there, and completing the upload posts the share.
   * A file uploaded for an item of work is found on a later attempt (the app's file of the same
   * name and title there since the work was kept) instead of uploaded again.
   */
  async uploadFile(channelId: string, file: OutgoingFile): Promise<{ fileId: string; permalink?: string }> {
    const { work } = this;
    if (work && work.attempt > 1) {
      const oldest = String(Math.floor(work.since.getTime() / 1000) - 60);
      const { messages = [] } = file.threadTs
        ? await this.client.conversations.replies({
            channel: channelId,
            ts: file.threadTs,
            oldest,
            limit: 100,
          })
        : await this.client.conversations.history({ channel: channelId, oldest, limit: 100 });
      const earlier = messages
        .filter((message) => message.bot_id !== undefined)
        .flatMap((message) => message.files ?? [])
        .find((shared) => shared.name === file.filename && shared.title === file.title);
      if (earlier?.id) return { fileId: earlier.id, permalink: earlier.permalink };
    }
    const upload = {
      filename: file.filename,
      title: file.title,
      file: typeof file.content === "string" ? Buffer.from(file.content) : file.content,
      initial_comment: file.initialComment,
    };
    const result = await this.pacer.run(channelId, () =>
      this.client.files.uploadV2(
        file.threadTs
          ? { ...upload, channel_id: channelId, thread_ts: file.threadTs }
          : { ...upload, channel_id: channelId },
      ),
    );
    const { files } = result as { files?: FilesCompleteUploadExternalResponse[] };
    const uploaded = files?.[0]?.files?.[0];
    if (!uploaded?.id) throw new Error("files.completeUploadExternal answered without a file id");
    return { fileId: uploaded.id, permalink: uploaded.permalink };
  }

  async update(channel: string, ts: string, message: OutgoingMessage): Promise<void> {
    await this.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks ?? [] });
  }

  async pin(channel: string, ts: string): Promise<void> {
    try {
      await this.client.pins.add({ channel, timestamp: ts });
    } catch (error) {
      if (slackErrorCode(error) !== "already_pinned") throw error;
    }
  }

  /** One Slack Connect invitation; `external_limited: false` lets the seller press the app's buttons. */
  async inviteShared(channel: string, email: string): Promise<SharedInviteResult> {
    try {
      const result = await this.client.conversations.inviteShared({
        channel,
        emails: [email],
        external_limited: false,
      });
      return { sent: true, inviteId: typeof result.invite_id === "string" ? result.invite_id : undefined };
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === undefined) throw error;
      return { sent: false, error: code };
    }
  }

  /**
   * The app's recent message whose metadata matches, e.g. a post an earlier attempt made before the
   * process died or Slack's answer was lost: in the thread `threadTs`, else at the top of the
   * channel. Looks at the newest 100 messages since `since`.
   */
  async findPosted(
    channel: string,
    threadTs: string | undefined,
    since: Date,
    matches: (metadata: { event_type?: string; event_payload?: Record<string, unknown> }) => boolean,
  ): Promise<{ ts: string; payload: Record<string, unknown> } | undefined> {
    const oldest = String(Math.floor(since.getTime() / 1000) - 60);
    const result = threadTs
      ? await this.client.conversations.replies({
          channel,
          ts: threadTs,
          oldest,
          include_all_metadata: true,
          limit: 100,
        })
      : await this.client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 100 });
    for (const message of result.messages ?? []) {
      const metadata = message.metadata as
        | { event_type?: string; event_payload?: Record<string, unknown> }
        | undefined;
      if (message.ts && metadata && matches(metadata))
        return { ts: message.ts, payload: metadata.event_payload ?? {} };
    }
    return undefined;
  }

  async user(userId: string): Promise<SlackUser> {
    const known = this.people.get(userId);
    if (known) return known;
    const { user } = await this.client.users.info({ user: userId });
    const person: SlackUser = {
      id: userId,
      teamId: user?.team_id ?? "",
      name: user?.real_name || user?.profile?.real_name || user?.name || userId,
      timezone: user?.tz,
      isBot: Boolean(user?.is_bot),
    };
    this.people.set(userId, person);
    return person;
  }

  async openModal(triggerId: string, view: View): Promise<void> {
    await this.client.views.open({ trigger_id: triggerId, view });
  }

  /** A person's App Home, replaced as a whole (publishing the same view again changes nothing). */
  async publishHome(userId: string, view: HomeView): Promise<void> {
    await this.client.views.publish({ user_id: userId, view });
  }

  /** A message only `user` sees, in a channel they are in (inside a thread with `threadTs`). */
  async postEphemeral(channel: string, user: string, message: OutgoingMessage): Promise<void> {
    await this.client.chat.postEphemeral({
      channel,
      user,
      text: message.text,
      blocks: message.blocks,
      thread_ts: message.threadTs,
    });
  }

  /** A link to a message; undefined when Slack gives none, as a link is never worth failing over. */
  async permalink(channel: string, ts: string): Promise<string | undefined> {
    try {
      const result = await this.client.chat.getPermalink({ channel, message_ts: ts });
      return result.permalink;
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === undefined) throw error;
      this.logger.warn({ channel, ts, error: code }, "no permalink for a message");
      return undefined;
    }
  }
}
