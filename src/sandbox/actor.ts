/**
 * What a person can do in the sandbox, done as Slack would do it: each call sends the app the
 * request Slack would send, signed, to its receiver. The page's routes and the demo tender both act
 * through it. A call that Slack itself would refuse (an unknown person, a channel the person is not
 * in, a button that is not on the message) throws a SandboxRefusalError and sends the app nothing.
 */
import type {
  ActionInput,
  CommandInput,
  InvitationInput,
  MessageInput,
  PersonInput,
  SandboxSnapshot,
  ShortcutInput,
  SubmitInput,
} from "./contract.js";

export class SandboxRefusalError extends Error {
  /** The HTTP status the page gets: 400 bad input, 403 not allowed, 404 not found, 413 too long. */
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 413 = 400,
  ) {
    super(message);
    this.name = "SandboxRefusalError";
  }
}

export interface SandboxActor {
  /** Writes a message; resolves with its ts once the app has the event. */
  message(input: MessageInput): Promise<{ ts: string }>;
  command(input: CommandInput): Promise<void>;
  press(input: ActionInput): Promise<void>;
  /** Submits the person's top modal; resolves with the errors the app answered, if any. */
  submit(input: SubmitInput): Promise<{ errors: Record<string, string> }>;
  close(input: { as: string; viewId: string }): Promise<void>;
  shortcut(input: ShortcutInput): Promise<void>;
  answerInvitation(input: InvitationInput): Promise<void>;
  openHome(input: PersonInput): Promise<void>;
  /** Resolves once the app finished what it acknowledged and sent what it queued. */
  caughtUp(): Promise<void>;
  snapshot(as: string): SandboxSnapshot;
}
