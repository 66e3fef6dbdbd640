import { createHash } from "node:crypto";
import type {
  FakeChannel,
  FakeEphemeral,
  FakeFile,
  FakeMessage,
  FakeUser,
  FakeView,
  NewChannel,
  NewUser,
  SharedInvite,
} from "./types.js";

export interface Identity {
  botToken: string;
  teamId: string;
  teamName: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
}

/** Sequential, Slack-looking ids: prefix + 10 upper-case base-36 digits (e.g. C000000001A). */
class IdSource {
  private counter = 0;
  /** How many ids were handed out, to go on from after a restore. */
  get used(): number {
    return this.counter;
  }
  resume(used: number): void {
    this.counter = Math.max(this.counter, used);
  }
  next(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter.toString(36).toUpperCase().padStart(10, "0")}`;
  }
}

/** Message timestamps: "<seconds>.<microseconds>", strictly increasing, unique for the fake's lifetime. */
class TsClock {
  private lastMicros = 0;
  get last(): number {
    return this.lastMicros;
  }
  resume(lastMicros: number): void {
    this.lastMicros = Math.max(this.lastMicros, lastMicros);
  }
  next(): string {
    const micros = Math.max(Date.now() * 1000, this.lastMicros + 100);
    this.lastMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, "0")}`;
  }
}

export function viewHash(view: unknown, salt: string): string {
  const digest = createHash("sha1")
    .update(`${salt}:${JSON.stringify(view)}`)
    .digest("hex");
  return `${Math.floor(Date.now() / 1000)}.${digest.slice(0, 8)}`;
}

/** A file from files.getUploadURLExternal on: its bytes once POSTed, its share once completed. */
export interface Upload {
  id: string;
  filename: string;
  /** The declared length, in bytes. */
  length: number;
  /** The secret part of its upload URL. */
  token: string;
  bytes: Buffer | undefined;
  completed: Omit<FakeFile, "id" | "filename" | "bytes"> | undefined;
}

/** Everything the fake workspace knows. Methods mutate it; tests read it through FakeSlack. */
export class SlackState {
  readonly ids = new IdSource();
  readonly clock = new TsClock();
  users = new Map<string, FakeUser>();
  channels = new Map<string, FakeChannel>();
  /** IM channel id by the other party's user id. */
  ims = new Map<string, string>();
  messages = new Map<string, FakeMessage[]>();
  ephemerals: FakeEphemeral[] = [];
  pins = new Map<string, string[]>();
  invites: SharedInvite[] = [];
  views = new Map<string, FakeView>();
  /** Uploads by file id, in the order they were started. */
  uploads = new Map<string, Upload>();
  expiredTriggers = new Set<string>();
  usedTriggers = new Set<string>();
  /** Error to answer conversations.inviteShared with, by lower-cased email. */
  inviteFailures = new Map<string, string>();

  constructor(readonly identity: Identity) {
    this.clear();
  }

  /** Drops everything except the bot user and the home team. */
  clear(): void {
    this.users = new Map();
    this.channels = new Map();
    this.ims = new Map();
    this.messages = new Map();
    this.ephemerals = [];
    this.pins = new Map();
    this.invites = [];
    this.views = new Map();
    this.uploads = new Map();
    this.expiredTriggers = new Set();
    this.usedTriggers = new Set();
    this.inviteFailures = new Map();
    this.addUser({
      id: this.identity.botUserId,
      name: "tender_room",
      realName: "Tender Room",
      isBot: true,
    });
  }

  addUser(user: NewUser): FakeUser {
    const teamId = user.teamId ?? this.identity.teamId;
    const handle = (user.name ?? user.id).toLowerCase();
    const stored: FakeUser = {
      id: user.id,
      teamId,
      name: user.name ?? user.id.toLowerCase(),
      realName: user.realName ?? user.name ?? user.id,
      tz: user.tz ?? "Europe/London",
      email: user.isBot ? user.email : (user.email ?? `${handle}@${teamId.toLowerCase()}.example.com`),
      isBot: user.isBot ?? false,
    };
    this.users.set(stored.id, stored);
    return stored;
  }

  isExternal(userId: string): boolean {
    const user = this.users.get(userId);
    return user !== undefined && user.teamId !== this.identity.teamId;
  }

  addChannel(channel: NewChannel, creator = this.identity.botUserId): FakeChannel {
    const isPrivate = channel.isPrivate ?? false;
    const stored: FakeChannel = {
      id: channel.id ?? this.ids.next("C"),
      name: channel.name,
      isPrivate,
      isIm: false,
      isArchived: false,
      isShared: false,
      isExtShared: false,
      isPendingExtShared: false,
      creator,
      created: Math.floor(Date.now() / 1000),
      members: new Set(channel.members ?? []),
      topic: "",
      purpose: "",
    };
    this.channels.set(stored.id, stored);
    this.refreshSharing(stored);
    return stored;
  }

  /** The IM between the bot and a user, opened on first use like Slack does. */
  openIm(userId: string): FakeChannel {
    const existing = this.ims.get(userId);
    const found = existing === undefined ? undefined : this.channels.get(existing);
    if (found) return found;
    const im: FakeChannel = {
      id: this.ids.next("D"),
      name: userId,
      isPrivate: true,
      isIm: true,
      isArchived: false,
      isShared: false,
      isExtShared: false,
      isPendingExtShared: false,
      creator: this.identity.botUserId,
      created: Math.floor(Date.now() / 1000),
      members: new Set([this.identity.botUserId, userId]),
      topic: "",
      purpose: "",
    };
    this.channels.set(im.id, im);
    this.ims.set(userId, im.id);
    this.refreshSharing(im);
    return im;
  }

  /** A channel becomes (externally) shared once a member from another team is in it. */
  refreshSharing(channel: FakeChannel): void {
    const external = [...channel.members].some((member) => this.isExternal(member));
    if (external) {
      channel.isShared = true;
      channel.isExtShared = true;
      channel.isPendingExtShared = false;
    }
  }

  channelByName(name: string): FakeChannel | undefined {
    const wanted = name.replace(/^#/, "");
    for (const channel of this.channels.values()) {
      if (!channel.isIm && channel.name === wanted) return channel;
    }
    return undefined;
  }

  messagesIn(channelId: string): FakeMessage[] {
    let list = this.messages.get(channelId);
    if (!list) {
      list = [];
      this.messages.set(channelId, list);
    }
    return list;
  }

  /** Appends a message; a reply bumps its parent's reply count and makes the parent a thread root. */
  appendMessage(message: FakeMessage): void {
    if (message.threadTs !== undefined) {
      const parent = this.findMessage(message.channel, message.threadTs);
      if (parent) {
        parent.threadTs = parent.threadTs ?? parent.ts;
        parent.replyCount += 1;
      }
    }
    this.messagesIn(message.channel).push(message);
  }

  findMessage(channelId: string, ts: string): FakeMessage | undefined {
    return this.messages.get(channelId)?.find((message) => message.ts === ts);
  }

  pinsIn(channelId: string): string[] {
    let list = this.pins.get(channelId);
    if (!list) {
      list = [];
      this.pins.set(channelId, list);
    }
    return list;
  }

  teamUrl(): string {
    return `https://${this.identity.teamDomain}.slack.com/`;
  }
}

export function teamDomainOf(teamName: string): string {
  const domain = teamName.toLowerCase().replace(/[^a-z0-9-]/g, "");
  return domain === "" ? "workspace" : domain;
}
