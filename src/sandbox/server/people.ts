/**
 * Who is acting and what they can see, checked against the workspace before anything reaches the
 * app: a person of the sandbox, in a channel they are a member of.
 */
import { SandboxRefusalError } from "../actor.js";
import type { SandboxPerson } from "../contract.js";
import type { FakeChannel, FakeSlack } from "../slack/index.js";
import { BUYER, SANDBOX_PEOPLE, sandboxPerson } from "../workspace.js";

/** The app's name, as its messages and its DM show it. */
export const APP_NAME = "Tender Room";

/** An id the page sent, echoed back in a refusal: never longer than a real one. */
export function echo(id: string): string {
  return id.length > 40 ? `${id.slice(0, 40)}…` : id;
}

export function personOf(slack: FakeSlack, as: string): SandboxPerson {
  const person = sandboxPerson(as);
  if (!person || !slack.user(as)) {
    throw new SandboxRefusalError(`There is no one called ${echo(as)} in the sandbox.`, 404);
  }
  return person;
}

/** A person sees a channel they are a member of and that is not archived; their app DM is one. */
export function canSee(channel: FakeChannel, person: SandboxPerson): boolean {
  return channel.members.has(person.id) && !channel.isArchived;
}

/** The channel, when the person can see it; otherwise a refusal that names nothing of it. */
export function channelFor(slack: FakeSlack, person: SandboxPerson, channelId: string): FakeChannel {
  const channel = slack.channel(channelId);
  if (!channel) {
    throw new SandboxRefusalError(`There is no channel ${echo(channelId)} in the sandbox.`, 404);
  }
  if (!canSee(channel, person)) {
    throw new SandboxRefusalError(`${person.name} is not a member of that channel.`, 403);
  }
  return channel;
}

/** The organisation of a team, the workspace's own being the buyer's. */
export function organisationOf(slack: FakeSlack, teamId: string): string {
  if (teamId === slack.teamId) return BUYER.name;
  return SANDBOX_PEOPLE.find((person) => person.teamId === teamId)?.organisation ?? teamId;
}

/** How Slack names the author of a message. */
export function authorName(slack: FakeSlack, userId: string): string {
  if (userId === slack.botUserId) return APP_NAME;
  return sandboxPerson(userId)?.name ?? slack.user(userId)?.realName ?? userId;
}

/** The `user` object of an interaction payload. */
export function userObject(slack: FakeSlack, person: SandboxPerson): Record<string, unknown> {
  const name = slack.user(person.id)?.name ?? person.id.toLowerCase();
  return { id: person.id, username: name, name, team_id: person.teamId };
}

/** Slack's "Slack Connect" rule: apps of another organisation take no commands from its guests. */
export const EXTERNAL_COMMAND =
  "Slash commands of apps from other organisations aren't available to you in this channel.";
export const EXTERNAL_SHORTCUT =
  "Shortcuts of apps from other organisations aren't available to you in this channel.";
