/**
 * The workspace kept across restarts of the sandbox, as Slack keeps its own: people, channels,
 * messages, pins, invitations, published Homes and shared files. What Slack itself forgets (open
 * modals, ephemeral messages, used trigger ids) is not kept.
 */
import { SlackReads } from "./reads.js";
import type { Upload } from "./state.js";
import type { FakeChannel, FakeMessage, FakeUser, FakeView, SharedInvite } from "./types.js";

const VERSION = 1;

interface SavedUpload extends Omit<Upload, "bytes"> {
  bytes: string | undefined;
}

interface SavedWorkspace {
  version: typeof VERSION;
  idsUsed: number;
  clock: number;
  users: FakeUser[];
  channels: (Omit<FakeChannel, "members"> & { members: string[] })[];
  ims: [string, string][];
  messages: [string, FakeMessage[]][];
  pins: [string, string[]][];
  invites: SharedInvite[];
  homes: FakeView[];
  uploads: SavedUpload[];
}

export class PersistentWorkspace extends SlackReads {
  /** The workspace as JSON text, to be given back to `restoreWorkspace` after a restart. */
  saveWorkspace(): string {
    const { state } = this;
    const saved: SavedWorkspace = {
      version: VERSION,
      idsUsed: state.ids.used,
      clock: state.clock.last,
      users: [...state.users.values()],
      channels: [...state.channels.values()].map((channel) => ({
        ...channel,
        members: [...channel.members],
      })),
      ims: [...state.ims],
      messages: [...state.messages],
      pins: [...state.pins],
      invites: state.invites,
      homes: [...state.views.values()].filter((view) => view.via === "views.publish"),
      uploads: [...state.uploads.values()].map((upload) => ({
        ...upload,
        bytes: upload.bytes?.toString("base64"),
      })),
    };
    return JSON.stringify(saved);
  }

  /**
   * Puts a saved workspace back in place of the current one. Text that is not a workspace this
   * version saved is refused with an Error, leaving the workspace as it was.
   */
  restoreWorkspace(text: string): void {
    const saved = JSON.parse(text) as Partial<SavedWorkspace>;
    if (saved.version !== VERSION || !Array.isArray(saved.users) || !Array.isArray(saved.channels)) {
      throw new Error("not a saved sandbox workspace of this version");
    }
    const { state } = this;
    state.clear();
    state.ids.resume(saved.idsUsed ?? 0);
    state.clock.resume(saved.clock ?? 0);
    for (const user of saved.users) state.users.set(user.id, user);
    for (const channel of saved.channels) {
      state.channels.set(channel.id, { ...channel, members: new Set(channel.members) });
    }
    state.ims = new Map(saved.ims ?? []);
    state.messages = new Map(saved.messages ?? []);
    state.pins = new Map(saved.pins ?? []);
    state.invites = saved.invites ?? [];
    for (const home of saved.homes ?? []) state.views.set(home.id, home);
    for (const upload of saved.uploads ?? []) {
      state.uploads.set(upload.id, {
        ...upload,
        bytes: upload.bytes === undefined ? undefined : Buffer.from(upload.bytes, "base64"),
      });
    }
  }
}
