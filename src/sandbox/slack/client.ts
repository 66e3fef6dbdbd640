/**
 * What Slack's own client and servers do to the workspace, beside the Web API the app calls: the
 * ephemeral and in-channel answers a response_url posts, the message it replaces or deletes, the
 * app DM a person opens, an invitation declined, and the modal a form's `response_action` pushes or
 * updates.
 */
import { PersistentWorkspace } from "./persist.js";
import { apiView } from "./serialize.js";
import { viewHash } from "./state.js";
import type { FakeView } from "./types.js";
import { viewError } from "./validation.js";

/** What a response_url body (or a slash command's answer) shows. */
export interface ShownContent {
  text: string;
  blocks: unknown[] | undefined;
}

export class SlackClientSide extends PersistentWorkspace {
  /** The id of the person's DM with the app, opened as Slack opens it on first use. */
  appDm(userId: string): string {
    if (!this.state.users.has(userId)) throw new Error(`unknown user ${userId}: addUser() it first`);
    return this.state.openIm(userId).id;
  }

  /** An ephemeral message from the app to one person in a channel; returns its message_ts. */
  addEphemeral(ephemeral: { channel: string; user: string; threadTs?: string } & ShownContent): string {
    const messageTs = this.state.clock.next();
    this.state.ephemerals.push({
      channel: ephemeral.channel,
      user: ephemeral.user,
      messageTs,
      text: ephemeral.text,
      blocks: ephemeral.blocks,
      threadTs: ephemeral.threadTs,
    });
    return messageTs;
  }

  /** Replaces what an ephemeral shows; false when it is gone. */
  replaceEphemeral(channel: string, user: string, messageTs: string, content: ShownContent): boolean {
    const found = this.state.ephemerals.find(
      (e) => e.channel === channel && e.user === user && e.messageTs === messageTs,
    );
    if (!found) return false;
    found.text = content.text;
    found.blocks = content.blocks;
    return true;
  }

  deleteEphemeral(channel: string, user: string, messageTs: string): boolean {
    const index = this.state.ephemerals.findIndex(
      (e) => e.channel === channel && e.user === user && e.messageTs === messageTs,
    );
    if (index < 0) return false;
    this.state.ephemerals.splice(index, 1);
    return true;
  }

  /** A message the app posts through a response_url with `response_type: "in_channel"`. */
  postAsApp(channel: string, content: ShownContent & { threadTs?: string }): string {
    if (!this.state.channels.has(channel)) throw new Error(`unknown channel ${channel}`);
    const ts = this.state.clock.next();
    this.state.appendMessage({
      channel,
      ts,
      text: content.text,
      blocks: content.blocks,
      threadTs: content.threadTs,
      metadata: undefined,
      user: this.state.identity.botUserId,
      botId: this.state.identity.botId,
      edited: undefined,
      replyCount: 0,
    });
    return ts;
  }

  /** `replace_original`: the message shows the new content, without an "edited" mark. */
  replaceMessage(channel: string, ts: string, content: ShownContent): boolean {
    const message = this.state.findMessage(channel, ts);
    if (!message) return false;
    message.text = content.text;
    message.blocks = content.blocks;
    return true;
  }

  /** `delete_original`: the message is gone, and its pin with it. */
  removeMessage(channel: string, ts: string): boolean {
    const list = this.state.messages.get(channel);
    const index = list?.findIndex((message) => message.ts === ts) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    const pins = this.state.pinsIn(channel);
    if (pins.includes(ts)) pins.splice(pins.indexOf(ts), 1);
    return true;
  }

  /** The invited party turns a Slack Connect invitation down. */
  declineSharedInvite(inviteId: string): void {
    const invite = this.state.invites.find((candidate) => candidate.inviteId === inviteId);
    if (!invite) throw new Error(`no shared invite ${inviteId}`);
    invite.declined = true;
  }

  /**
   * A modal a form's answer (`response_action: "push"`) puts on top of a person's stack; Slack
   * checks it as views.push would. Returns its id.
   */
  pushViewFor(userId: string, view: Record<string, unknown>): string {
    const invalid = viewError(view, ["modal"]);
    if (invalid) throw new Error(`the app answered an invalid view: ${invalid.messages.join(" ")}`);
    const id = this.state.ids.next("V");
    this.storeView({ id, view, via: "views.push", triggerId: undefined, userId });
    return id;
  }

  /** `response_action: "update"`: the modal shows the new view under the same id. */
  replaceView(viewId: string, view: Record<string, unknown>): void {
    const existing = this.state.views.get(viewId);
    if (!existing) throw new Error(`no view ${viewId}`);
    const invalid = viewError(view, ["modal"]);
    if (invalid) throw new Error(`the app answered an invalid view: ${invalid.messages.join(" ")}`);
    this.storeView({ ...existing, view, via: "views.update" });
  }

  /** A stored view as Slack sends it in payloads (id, hash, team, app …), if it exists. */
  viewPayload(viewId: string): Record<string, unknown> | undefined {
    const stored = this.state.views.get(viewId);
    return stored ? structuredClone(apiView(this.state, stored)) : undefined;
  }

  private storeView(fields: Omit<FakeView, "hash" | "externalId">): void {
    const { view } = fields;
    const externalId =
      typeof view.external_id === "string" && view.external_id !== "" ? view.external_id : undefined;
    const hash = viewHash(view, `${fields.id}:${this.state.clock.next()}`);
    this.state.views.set(fields.id, { ...fields, hash, externalId });
  }
}
