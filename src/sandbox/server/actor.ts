/**
 * The people of the sandbox acting through Slack's client: each action is checked against the
 * workspace as Slack would check it, then sent to the app as the signed request Slack sends.
 */
import { type SandboxActor, SandboxRefusalError } from "../actor.js";
import {
  type ActionInput,
  COMPOSER_LIMIT,
  type CommandInput,
  type InvitationInput,
  type MessageInput,
  type PersonInput,
  type SandboxSnapshot,
  type ShortcutInput,
  type SubmitInput,
} from "../contract.js";
import { SANDBOX_PEOPLE } from "../workspace.js";
import { showCommandAnswer } from "./answers.js";
import type { ClientContext } from "./context.js";
import { close, submit } from "./forms.js";
import { isOk } from "./forward.js";
import {
  inviteAccepted,
  inviteDeclined,
  memberJoined,
  messageEvent,
  messageObject,
  richText,
  slackEscape,
  VERIFICATION_TOKEN,
} from "./payloads.js";
import { channelFor, EXTERNAL_COMMAND, EXTERNAL_SHORTCUT, echo, personOf, userObject } from "./people.js";
import { press } from "./press.js";
import { pendingFor, snapshotOf } from "./snapshot.js";

export const TOO_LONG = "A message can be at most 40,000 characters.";
export const NO_TEXT = "A message needs some text.";

function composed(text: string): string {
  if (text.trim() === "") throw new SandboxRefusalError(NO_TEXT, 400);
  if (text.length > COMPOSER_LIMIT) throw new SandboxRefusalError(TOO_LONG, 413);
  return text;
}

export class ClientActor implements SandboxActor {
  constructor(
    private readonly ctx: ClientContext,
    private readonly app: { caughtUp(timeoutMs?: number): Promise<boolean> },
  ) {}

  async message(input: MessageInput): Promise<{ ts: string }> {
    const { slack, ledger } = this.ctx;
    const person = personOf(slack, input.as);
    const channel = channelFor(slack, person, input.channel);
    const text = composed(input.text);
    let threadTs: string | undefined;
    if (input.threadTs !== undefined) {
      const parent = slack.message(channel.id, input.threadTs);
      if (!parent)
        throw new SandboxRefusalError(`There is no message ${echo(input.threadTs)} in that channel.`, 404);
      threadTs = parent.threadTs ?? parent.ts;
    }
    const ts = slack.addMessage(channel.id, {
      user: person.id,
      text: slackEscape(text),
      blocks: [richText(text)],
      ...(threadTs === undefined ? {} : { threadTs }),
    });
    ledger.changed();
    const stored = slack.message(channel.id, ts);
    if (stored) await this.ctx.forward.event(messageEvent(slack, channel, person, stored));
    return { ts };
  }

  async command(input: CommandInput): Promise<void> {
    const { slack, ledger, features } = this.ctx;
    const person = personOf(slack, input.as);
    const line = composed(input.text).trim();
    const [, name = "", text = ""] = /^(\S+)\s*([\s\S]*)$/.exec(line) ?? [];
    if (!name.startsWith("/"))
      throw new SandboxRefusalError("A command starts with /, as in /tender help.", 400);
    if (!features.commands.includes(name)) {
      throw new SandboxRefusalError(`${echo(name)} is not a command here. Try /tender help.`, 400);
    }
    if (person.external) throw new SandboxRefusalError(EXTERNAL_COMMAND, 403);
    const channel = channelFor(slack, person, input.channel);
    const origin = { person: person.id, channel: channel.id };
    const answer = await this.ctx.requests.command({
      command: name,
      text: slackEscape(text),
      userId: person.id,
      channelId: channel.id,
      teamId: person.teamId,
      responseUrl: ledger.rememberResponseUrl(slack.responseUrl(), origin),
      triggerId: ledger.mintTrigger(person.id),
    });
    const shown = isOk(answer)
      ? showCommandAnswer(slack, origin, answer.body)
      : showCommandAnswer(slack, origin, `${name} failed with the error "dispatch_failed"`);
    if (shown) ledger.changed();
  }

  press(input: ActionInput): Promise<void> {
    return press(this.ctx, input);
  }

  submit(input: SubmitInput): Promise<{ errors: Record<string, string> }> {
    return submit(this.ctx, input);
  }

  close(input: { as: string; viewId: string }): Promise<void> {
    return close(this.ctx, input);
  }

  async shortcut(input: ShortcutInput): Promise<void> {
    const { slack, ledger, features, requests } = this.ctx;
    const person = personOf(slack, input.as);
    if (!features.messageShortcuts.includes(input.callbackId)) {
      throw new SandboxRefusalError(`There is no message shortcut ${echo(input.callbackId)} here.`, 400);
    }
    if (person.external) throw new SandboxRefusalError(EXTERNAL_SHORTCUT, 403);
    const channel = channelFor(slack, person, input.channel);
    const message = slack.message(channel.id, input.messageTs);
    if (!message)
      throw new SandboxRefusalError(`There is no message ${echo(input.messageTs)} in that channel.`, 404);
    const threadTs = message.threadTs === message.ts ? undefined : message.threadTs;
    const responseUrl = ledger.rememberResponseUrl(slack.responseUrl(), {
      person: person.id,
      channel: channel.id,
      ...(threadTs === undefined ? {} : { threadTs }),
    });
    await this.ctx.forward.interaction({
      type: "message_action",
      token: VERIFICATION_TOKEN,
      action_ts: message.ts,
      team: { id: slack.teamId, domain: slack.teamDomain },
      user: userObject(slack, person),
      channel: { id: channel.id, name: channel.isIm ? "directmessage" : channel.name },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: input.callbackId,
      trigger_id: ledger.mintTrigger(person.id),
      response_url: responseUrl,
      message_ts: message.ts,
      message: messageObject(slack, message),
      api_app_id: requests.apiAppId,
    });
  }

  async answerInvitation(input: InvitationInput): Promise<void> {
    const { slack, ledger, forward } = this.ctx;
    const person = personOf(slack, input.as);
    const resident = SANDBOX_PEOPLE.find((candidate) => candidate.id === person.id);
    const invite = slack.invitesShared().find((candidate) => candidate.inviteId === input.id);
    const channel = invite && slack.channel(invite.channel);
    if (!resident || !invite || !channel || channel.isArchived || !pendingFor(invite, resident)) {
      throw new SandboxRefusalError(`${person.name} has no open invitation ${echo(input.id)}.`, 404);
    }
    if (input.accept) {
      slack.acceptSharedInvite(invite.inviteId, person.id);
      ledger.changed();
      await forward.event(inviteAccepted(slack, invite, channel, person));
      await forward.event(memberJoined(channel, person));
    } else {
      slack.declineSharedInvite(invite.inviteId);
      ledger.changed();
      await forward.event(inviteDeclined(slack, invite, channel, person));
    }
  }

  async openHome(input: PersonInput): Promise<void> {
    const { slack, ledger, forward } = this.ctx;
    const person = personOf(slack, input.as);
    const channel = slack.appDm(person.id);
    const home = slack.home(person.id);
    const view = home && slack.viewPayload(home.id);
    ledger.changed();
    await forward.event({
      type: "app_home_opened",
      user: person.id,
      channel,
      tab: "home",
      ...(view ? { view } : {}),
    });
  }

  async caughtUp(): Promise<void> {
    if (!(await this.app.caughtUp())) {
      throw new Error("Tender Room did not finish its work in time.");
    }
  }

  snapshot(as: string): SandboxSnapshot {
    return snapshotOf(this.ctx.slack, this.ctx.ledger, as);
  }
}
