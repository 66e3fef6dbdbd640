/**
 * What the sandbox page and the sandbox server say to each other. The page only ever sends who is
 * acting and what they pointed at; the server looks everything else up in the local Slack and sends
 * the app exactly what Slack would, signed, to its receiver.
 */

/** Every route of the sandbox server, shared by the page and the server. */
export const SANDBOX_ROUTES = {
  /** GET: the page. */
  page: "/",
  /** GET: the page's script and style, built by `npm run build` into dist/sandbox-page. */
  script: "/sandbox/page.js",
  style: "/sandbox/page.css",
  /** GET `?as=<person>`: a SandboxSnapshot of what that person sees. */
  state: "/sandbox/state",
  /** GET `?as=<person>`: Server-Sent Events; an event `changed` whenever the workspace changed. */
  stream: "/sandbox/stream",
  /** POST MessageInput: a person writes in a channel or thread. */
  message: "/sandbox/message",
  /** POST CommandInput: a person runs a slash command from the composer. */
  command: "/sandbox/command",
  /** POST ActionInput: a person presses a button or picks an option (message, ephemeral, modal, Home). */
  action: "/sandbox/action",
  /** POST SubmitInput: a person submits the modal on top of their stack. */
  submit: "/sandbox/submit",
  /** POST CloseInput: a person closes the modal on top of their stack. */
  close: "/sandbox/close",
  /** POST ShortcutInput: a person runs a message shortcut on a message. */
  shortcut: "/sandbox/shortcut",
  /** POST InvitationInput: a seller's person accepts or declines a Slack Connect invitation. */
  invitation: "/sandbox/invitation",
  /** POST PersonInput: a person opens the app's Home tab. */
  home: "/sandbox/home",
  /** POST PersonInput: fills a demo tender through the app's real handlers. */
  demo: "/sandbox/demo",
  /** GET `/sandbox/files/<file id>?as=<person>`: a file shared where that person can see it. */
  files: "/sandbox/files/",
} as const;

/** The most a person may type into the composer, as in Slack's message box. */
export const COMPOSER_LIMIT = 40_000;

export interface SandboxPerson {
  id: string;
  name: string;
  /** What they do, e.g. "Procurement lead". */
  title: string;
  organisation: string;
  teamId: string;
  /** Not of the workspace the app is installed in: joins channels through Slack Connect. */
  external: boolean;
}

export interface SandboxChannel {
  id: string;
  /** Without "#"; for the app's DM the app's name. */
  name: string;
  kind: "channel" | "app";
  isPrivate: boolean;
  /** Shared with another organisation through Slack Connect. */
  shared: boolean;
  /** Organisations with people in the channel, the viewer's own first: the others are who it is shared with. */
  organisations: string[];
  topic: string;
}

export interface SandboxFile {
  id: string;
  name: string;
  title: string;
  /** Where the page downloads it (already carries `as`). */
  url: string;
}

export interface SandboxMessage {
  ts: string;
  /** Set on replies (and on a thread's root, equal to its ts). */
  threadTs?: string;
  user: string;
  /** The author's display name, the app's name for the app. */
  author: string;
  fromApp: boolean;
  /** Seen only by this person ("Only visible to you"). */
  ephemeral: boolean;
  text: string;
  blocks?: unknown[];
  edited: boolean;
  replyCount: number;
  pinned: boolean;
  files: SandboxFile[];
}

export interface SandboxInvitation {
  id: string;
  channelName: string;
  /** The organisation that invited. */
  from: string;
}

export interface SandboxModal {
  id: string;
  /** The view as the app last opened, pushed or updated it (Slack's view object). */
  view: Record<string, unknown>;
  /** Errors the app answered to the last submission, by block_id. */
  errors: Record<string, string>;
}

export interface SandboxSnapshot {
  me: SandboxPerson;
  /** Everyone the sandbox can play (the person switcher). */
  people: SandboxPerson[];
  /** The channels this person is in, the app's DM last. */
  channels: SandboxChannel[];
  /** Per channel id: its messages oldest first, thread replies included, ephemerals for this person. */
  messages: Record<string, SandboxMessage[]>;
  invitations: SandboxInvitation[];
  /** The person's open modals, the one on top last. */
  modals: SandboxModal[];
  /** The app's Home as last published for this person. */
  home: Record<string, unknown> | undefined;
  /** Grows with every change of the workspace. */
  version: number;
}

export interface PersonInput {
  as: string;
}

export interface MessageInput extends PersonInput {
  channel: string;
  text: string;
  threadTs?: string;
}

export interface CommandInput extends PersonInput {
  channel: string;
  /** The whole composer line, e.g. "/tender status". */
  text: string;
}

/**
 * What was pressed. Exactly one of: `messageTs` (a message or an ephemeral in `channel`), `viewId`
 * (a modal of the person's), `home: true` (the person's Home).
 */
export interface ActionInput extends PersonInput {
  channel?: string;
  messageTs?: string;
  viewId?: string;
  home?: boolean;
  blockId: string;
  actionId: string;
  /** For selects, radio buttons and overflow menus: the value of the option picked. */
  selected?: string;
  /** For date pickers: yyyy-mm-dd. */
  date?: string;
  /** In a modal: what the person has filled in so far, sent along as Slack does. */
  values?: SubmittedValues;
}

/** A submitted input's value as the page collected it, per block_id then action_id. */
export type SubmittedValues = Record<string, Record<string, SubmittedValue>>;

export type SubmittedValue =
  | { type: "plain_text_input" | "email_text_input" | "url_text_input" | "number_input"; value: string }
  | { type: "static_select" | "radio_buttons"; selected: string | null }
  | { type: "checkboxes" | "multi_static_select" | "multi_users_select"; selected: string[] }
  | { type: "datepicker"; date: string | null }
  | { type: "timepicker"; time: string | null }
  | { type: "users_select" | "conversations_select" | "channels_select"; selected: string | null };

export interface SubmitInput extends PersonInput {
  viewId: string;
  values: SubmittedValues;
}

export interface CloseInput extends PersonInput {
  viewId: string;
}

export interface ShortcutInput extends PersonInput {
  channel: string;
  messageTs: string;
  callbackId: string;
}

export interface InvitationInput extends PersonInput {
  id: string;
  accept: boolean;
}

/** Every refusal of the sandbox server: HTTP 4xx with this body, in plain words. */
export interface SandboxRefusal {
  error: string;
}
