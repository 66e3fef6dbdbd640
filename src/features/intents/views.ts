import type { KnownBlock, ModalView } from "@slack/types";
import { actions, button, context, modal, section, textInput } from "../../slack/blocks.js";
import { formatDay } from "../../slack/dates.js";
import { escapeText, mentionChannel, mentionUser, slackTime, truncate } from "../../slack/text.js";
import { tenderHeadline } from "../tenders/index.js";
import { type BidIntent, type IntentWindow, REASON_MAX } from "./domain.js";
import { INTEND_TO_BID_BUTTON, NOT_BIDDING_FORM, WILL_NOT_BID_BUTTON } from "./ids.js";
import type { SellerIntent } from "./repository.js";

export const NOT_A_SELLER_CHANNEL =
  "Whether a seller will bid is said in its own channel, with the buttons on the tender's question there.";

export function ONLY_THE_SELLER(sellerName: string): string {
  const name = escapeText(sellerName);
  return `Only ${name}'s own people can say whether ${name} will bid.`;
}

export function INTENT_REFUSED(window: Exclude<IntentWindow, { open: true }>, stage: string): string {
  if (window.why === "proposals_due")
    return `Proposals were due on ${formatDay(window.day)}: whether you bid can no longer change.`;
  if (window.why === "not_yet")
    return "The tender asks whether you will bid once it is in the requirements stage.";
  return `The tender is in the ${stage} stage: whether you bid can no longer change.`;
}

const SAID: Record<BidIntent, string> = {
  undecided: "has not said whether it will bid",
  bidding: "intends to bid",
  not_bidding: "will not bid",
};

export function ALREADY_SAID(sellerName: string, intent: BidIntent): string {
  return `*${escapeText(sellerName)}* has already said it ${SAID[intent]}.`;
}

/** Until when the seller may change its mind. */
function changeUntil(proposalsDueOn: Date | null): string {
  return proposalsDueOn
    ? `You can change your mind until the end of ${formatDay(proposalsDueOn)}, when proposals are due.`
    : "You can change your mind until proposals are due.";
}

export function biddingThanks(sellerName: string): string {
  return `Thank you: the buyer's team now knows *${escapeText(sellerName)}* intends to bid.`;
}

export function notBiddingThanks(sellerName: string, proposalsDueOn: Date | null): string {
  return (
    `Thank you: the buyer's team now knows *${escapeText(sellerName)}* will not bid, and why. ` +
    `This channel and its history stay. ${changeUntil(proposalsDueOn)}`
  );
}

/** The reason as typed, escaped and kept short enough for any message. */
function quoted(reason: string | null): string {
  return `“${truncate(escapeText(reason ?? ""), 1200)}”`;
}

/** The prompt in a seller's channel, rendered from what the seller has said so far. */
export function intentPrompt(seller: SellerIntent): { text: string; blocks: KnownBlock[] } {
  const name = escapeText(seller.name);
  const { tender } = seller;
  const text = `Will ${name} bid for ${escapeText(tenderHeadline(tender))}?`;
  const asks = tender.goal
    ? `_What the tender asks:_ ${truncate(escapeText(tender.goal), 2000)}`
    : "_What the tender asks:_ its requirements, each posted in this channel in a thread of its own.";
  const said = seller.intentBy ? ` — ${mentionUser(seller.intentBy)}` : "";
  const at = seller.intentAt ? `, ${slackTime(seller.intentAt)}` : "";
  const intend = button(INTEND_TO_BID_BUTTON, "We intend to bid", String(seller.id), "primary");
  const notBid = button(WILL_NOT_BID_BUTTON, "We will not bid", String(seller.id));
  const blocks: KnownBlock[] = [section(`*${text}*\n${asks}`)];
  if (seller.intent === "undecided") {
    blocks.push(
      section("Tell the buyer's team whether you intend to bid. Only they read your answer."),
      actions(intend, notBid),
    );
  } else if (seller.intent === "bidding") {
    blocks.push(section(`*Your answer:* ${name} intends to bid${said}${at}.`), actions(notBid));
  } else {
    blocks.push(
      section(
        `*Your answer:* ${name} will not bid: ${quoted(seller.intentReason)}${said}${at}.\n` +
          "Meanwhile this channel gets no new requirements, key metrics or nudges; it keeps its history.",
      ),
      actions(intend),
    );
  }
  blocks.push(context(changeUntil(tender.proposalsDueOn)));
  return { text, blocks };
}

/** What the team channel is told when a seller says whether it bids. */
export function teamIntentNote(
  seller: { name: string; channelId: string },
  said: { intent: BidIntent; from: BidIntent; reason?: string | undefined; by: string },
): string {
  const name = `*${escapeText(seller.name)}*`;
  const who = `(${mentionUser(said.by)} in ${mentionChannel(seller.channelId)})`;
  if (said.intent === "not_bidding")
    return (
      `:no_entry_sign: ${name} will not bid: ${quoted(said.reason ?? null)} ${who}. ` +
      "It gets no new requirements, key metrics or nudges unless it changes its mind."
    );
  const back =
    said.from === "not_bidding"
      ? " It changed its mind and gets the open requirements, key metrics and clarifications it missed."
      : "";
  return `:white_check_mark: ${name} intends to bid ${who}.${back}`;
}

export function notBiddingModal(
  privateMetadata: string,
  seller: { name: string },
  proposalsDueOn: Date | null,
): ModalView {
  return modal({
    callbackId: NOT_BIDDING_FORM.callbackId,
    privateMetadata,
    title: "We will not bid",
    submit: "Send",
    blocks: [
      context(
        `Why ${escapeText(seller.name)} will not bid, for the buyer's team only. Your channel and its history stay. ${changeUntil(proposalsDueOn)}`,
      ),
      textInput(NOT_BIDDING_FORM.reason, "Reason", { multiline: true, max: REASON_MAX }),
    ],
  });
}
