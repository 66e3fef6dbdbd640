import type { KnownBlock, ModalView } from "@slack/types";
import { context, modal, section, textInput } from "../../slack/blocks.js";
import { escapeText, mentionChannel, mentionUser } from "../../slack/text.js";
import { lessonButtons } from "../lessons/index.js";
import { STAGE_MEANING, type TenderStage, tenderHeadline } from "../tenders/index.js";
import { canShareByHand, describeInviteError, EMAILS_MAX, SELLER_NAME_MAX } from "./domain.js";
import { INVITE_SELLER } from "./ids.js";

export function inviteSellerModal(privateMetadata: string, tenderHeadlineText: string): ModalView {
  return modal({
    callbackId: INVITE_SELLER.callbackId,
    privateMetadata,
    title: "Invite a seller",
    submit: "Invite",
    blocks: [
      context(
        `${tenderHeadlineText}: the seller gets a private Slack Connect channel of its own; other sellers never see it.`,
        "plain_text",
      ),
      textInput(INVITE_SELLER.name, "Seller", { max: SELLER_NAME_MAX, placeholder: "e.g. Acme Consulting" }),
      textInput(INVITE_SELLER.emails, "Email addresses", {
        hint: `The seller's people to invite, up to ${EMAILS_MAX}, separated by commas or new lines.`,
        multiline: true,
      }),
    ],
  });
}

export function welcomeText(
  tender: { number: number; title: string; stage: TenderStage },
  sellerName: string,
  buyerName: string,
): string {
  return [
    `*Welcome to ${escapeText(tenderHeadline(tender))}, ${escapeText(sellerName)}!*`,
    `This channel is private between ${escapeText(buyerName)} and ${escapeText(sellerName)}: other sellers never see it.`,
    "",
    "*How the dialogue works*",
    "• The buyer shares the tender's goal and requirements here, each in a thread of its own. Answer in the thread: questions, suggestions and experience from similar projects are all welcome.",
    "• Anything you write here reaches the buyer's team. Where an answer must be fair to every seller, the buyer publishes it to all sellers without naming who asked.",
    "• Use the buttons on the app's messages; slash commands are for the buyer's side.",
    "",
    `*Stage now: ${tender.stage}.* ${STAGE_MEANING[tender.stage]}`,
  ].join("\n");
}

/** The welcome as a message: its text, and the buttons that share and browse lessons learned. */
export function welcomeMessage(
  tender: { number: number; title: string; stage: TenderStage },
  sellerName: string,
  buyerName: string,
): { text: string; blocks: KnownBlock[] } {
  const text = welcomeText(tender, sellerName, buyerName);
  return { text, blocks: [section(text), lessonButtons()] };
}

export interface InviteLine {
  email: string;
  outcome: "sent" | "already" | { error: string };
}

export function inviteReport(args: {
  actorUserId: string;
  sellerName: string;
  channelId: string;
  isNew: boolean;
  lines: InviteLine[];
}): string {
  const { actorUserId, sellerName, channelId, isNew, lines } = args;
  const header = isNew
    ? `${mentionUser(actorUserId)} invited *${escapeText(sellerName)}* into ${mentionChannel(channelId)}:`
    : `${mentionUser(actorUserId)} invited more people of *${escapeText(sellerName)}* into ${mentionChannel(channelId)}:`;
  const body = lines.map(({ email, outcome }) => {
    if (outcome === "sent") return `• ${escapeText(email)}: invitation sent`;
    if (outcome === "already") return `• ${escapeText(email)}: already invited earlier`;
    return `• ${escapeText(email)}: not sent, ${describeInviteError(outcome.error)}`;
  });
  const byHand = lines.some(({ outcome }) => typeof outcome === "object" && canShareByHand(outcome.error));
  if (byHand) body.push("", manualShareText(channelId));
  return [header, ...body].join("\n");
}

export function manualShareText(channelId: string): string {
  return (
    `*Share the channel by hand instead:* open ${mentionChannel(channelId)}, click the channel name at the top ` +
    "and choose to share it with people outside your organisation (or ask a Slack admin to). " +
    "Tender Room picks the seller up as soon as their people join."
  );
}

export function invitedReply(sellerName: string, channelId: string, teamChannelId: string): string {
  return (
    `*${escapeText(sellerName)}* has its channel ${mentionChannel(channelId)}. ` +
    `The invitation report is in ${mentionChannel(teamChannelId)}.`
  );
}

export function acceptedText(
  sellerName: string,
  userId: string,
  teamName: string | undefined,
  channelId: string,
): string {
  const from = teamName ? ` of ${escapeText(teamName)}` : "";
  return `${mentionUser(userId)}${from} accepted the invitation: *${escapeText(sellerName)}* is in ${mentionChannel(channelId)}.`;
}

/**
 * Accepted, but an admin of either organisation has yet to approve the Slack Connect channel:
 * until then the seller's people are not in it.
 */
export function awaitingApprovalText(
  sellerName: string,
  userId: string,
  teamName: string | undefined,
  channelId: string,
): string {
  const from = teamName ? ` of ${escapeText(teamName)}` : "";
  const seller = `*${escapeText(sellerName)}*`;
  return (
    `${mentionUser(userId)}${from} accepted the invitation to ${mentionChannel(channelId)} (${seller}), ` +
    `but a Slack admin still has to approve the shared channel. ${seller} is not in until then; ` +
    "you will see here when its people join."
  );
}

export function declinedText(sellerName: string, who: string, channelId: string): string {
  return `${escapeText(who)} declined the invitation to ${mentionChannel(channelId)} (*${escapeText(sellerName)}*).`;
}

export function joinedText(sellerName: string, userId: string, channelId: string): string {
  return `${mentionUser(userId)} of *${escapeText(sellerName)}* joined ${mentionChannel(channelId)}.`;
}

export const couldNotPost = (where: string) => (why: string) =>
  `The message for ${where} could not be posted: ${why}.`;
