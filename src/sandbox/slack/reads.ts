/** What the Slack stand-in holds, read without changing it: each answer is a copy. */
import { EventEmitter } from "node:events";
import type { SlackState } from "./state.js";
import type {
  FakeChannel,
  FakeEphemeral,
  FakeFile,
  FakeMessage,
  FakeUser,
  FakeView,
  SharedInvite,
} from "./types.js";

function cloneMessage(message: FakeMessage): FakeMessage {
  return structuredClone(message);
}

function cloneChannel(channel: FakeChannel): FakeChannel {
  return { ...channel, members: new Set(channel.members) };
}

export class SlackReads extends EventEmitter {
  constructor(protected readonly state: SlackState) {
    super();
  }

  /** Messages in a channel (thread replies included), oldest first. */
  messages(channelId: string): FakeMessage[] {
    return (this.state.messages.get(channelId) ?? []).map(cloneMessage);
  }

  /** Looks a message up by channel and ts. */
  message(channelId: string, ts: string): FakeMessage | undefined {
    const found = this.state.findMessage(channelId, ts);
    return found ? cloneMessage(found) : undefined;
  }

  ephemerals(channelId?: string): FakeEphemeral[] {
    return this.state.ephemerals
      .filter((ephemeral) => channelId === undefined || ephemeral.channel === channelId)
      .map((ephemeral) => structuredClone(ephemeral));
  }

  /** Every channel of the workspace, in the order they were made. */
  channels(): FakeChannel[] {
    return [...this.state.channels.keys()].flatMap((id) => this.channel(id) ?? []);
  }

  channel(id: string): FakeChannel | undefined {
    const found = this.state.channels.get(id);
    return found ? cloneChannel(found) : undefined;
  }

  channelByName(name: string): FakeChannel | undefined {
    const found = this.state.channelByName(name);
    return found ? cloneChannel(found) : undefined;
  }

  /** The IM channel between the bot and a user, if one was opened. */
  imWith(userId: string): FakeChannel | undefined {
    const id = this.state.ims.get(userId);
    return id === undefined ? undefined : this.channel(id);
  }

  user(id: string): FakeUser | undefined {
    const found = this.state.users.get(id);
    return found ? { ...found } : undefined;
  }

  /** Timestamps of the pinned messages in a channel, in pin order. */
  pins(channelId: string): string[] {
    return [...(this.state.pins.get(channelId) ?? [])];
  }

  invitesShared(): SharedInvite[] {
    return this.state.invites.map((invite) => ({ ...invite }));
  }

  /** Files whose upload was completed, in the order they were started; `bytes` are what was POSTed. */
  files(): FakeFile[] {
    return [...this.state.uploads.values()].flatMap((upload) =>
      upload.completed && upload.bytes
        ? [
            {
              id: upload.id,
              filename: upload.filename,
              bytes: Buffer.from(upload.bytes),
              ...upload.completed,
            },
          ]
        : [],
    );
  }

  /** Every modal or home view opened, pushed, updated or published, in the order first seen. */
  views(): FakeView[] {
    return [...this.state.views.values()].map((view) => structuredClone(view));
  }

  view(id: string): FakeView | undefined {
    const found = this.state.views.get(id);
    return found ? structuredClone(found) : undefined;
  }

  /** The App Home published for a person (views.publish replaces it as a whole), if any. */
  home(userId: string): FakeView | undefined {
    const found = [...this.state.views.values()].find(
      (view) => view.via === "views.publish" && view.userId === userId,
    );
    return found ? structuredClone(found) : undefined;
  }
}
