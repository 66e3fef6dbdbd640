import type { MemberRole } from "../generated/prisma/enums.js";
import { mentionUser } from "../slack/text.js";
import { TenderError } from "./errors.js";
import { tenderRef } from "./refs.js";

/**
 * Who may do what, decided on the server from who the person is: never from what a button or a
 * form carries. A tender's people are its owners and members (the buyer's side); a seller's people
 * are of another Slack organisation and act only in their seller's channel.
 */
export interface TenderPeople {
  number: number;
  teamChannelId: string;
  members: readonly { userId: string; role: MemberRole }[];
}

export function isOwner(members: TenderPeople["members"], userId: string): boolean {
  return members.some((member) => member.userId === userId && member.role === "owner");
}

function ownersOf(tender: TenderPeople): string {
  return tender.members
    .filter((member) => member.role === "owner")
    .map((member) => mentionUser(member.userId))
    .join(", ");
}

export function requireOwner(tender: TenderPeople, userId: string, doing: string): void {
  if (isOwner(tender.members, userId)) return;
  throw new TenderError(
    "forbidden",
    `Only the owners of ${tenderRef(tender.number)} (${ownersOf(tender)}) can ${doing}. Ask one of them.`,
  );
}

/** Requirements, check-ins and answers are for the tender's people: its owners and members. */
export function requireMember(tender: TenderPeople, userId: string, doing: string): void {
  if (tender.members.some((member) => member.userId === userId)) return;
  throw new TenderError(
    "forbidden",
    `Only the people of ${tenderRef(tender.number)} can ${doing}. Ask one of its owners (${ownersOf(tender)}).`,
  );
}

/** Tender details are for its members, or anyone already inside its private team channel. */
export function requireInsider(tender: TenderPeople, userId: string, channelId: string): void {
  if (channelId === tender.teamChannelId || tender.members.some((member) => member.userId === userId)) return;
  throw new TenderError(
    "forbidden",
    `${tenderRef(tender.number)} is private to its team. Ask one of its owners to add you to its channel.`,
  );
}

/** People whose Slack team is not the workspace the app is installed in are a seller's. */
export function isFromSeller(authorTeamId: string, installationTeamId: string): boolean {
  return authorTeamId !== installationTeamId;
}

/** A person of another organisation, when Slack names the person's team at all. */
export function isExternal(userTeamId: string | undefined, installationTeamId: string): boolean {
  return userTeamId !== undefined && isFromSeller(userTeamId, installationTeamId);
}

/**
 * Speaks for the seller whose channel this is: of another organisation than the buyer, and once
 * the seller's organisation is known, of that one; nobody else acts in a seller's name.
 */
export function speaksForSeller(
  seller: { slackTeamId: string | null },
  userTeamId: string | undefined,
  installationTeamId: string,
): boolean {
  if (!isExternal(userTeamId, installationTeamId)) return false;
  return !seller.slackTeamId || seller.slackTeamId === userTeamId;
}
