import type { KnownBlock, ModalView } from "@slack/types";
import { actions, button, context, modal, section, textInput } from "../../slack/blocks.js";
import { escapeText, mentionUser } from "../../slack/text.js";
import { NAME_MAX, REASON_MAX, UNIT_MAX, WHY_MAX } from "./domain.js";
import {
  ACCEPT_SUGGESTION_BUTTON,
  DECLINE_FORM,
  DECLINE_SUGGESTION_BUTTON,
  SUGGEST_METRIC_BUTTON,
  SUGGESTION_FORM,
} from "./ids.js";
import type { Suggestion } from "./repository.js";
import { metricHeadline } from "./views.js";

export const NOT_A_SELLER_CHANNEL =
  "Metrics are suggested from a seller's own channel, with the button on a key metric's post.";
export const NOT_YOUR_CHANNEL = "This channel belongs to another seller: suggest metrics from your own.";
export const SUGGESTIONS_CLOSED = "This tender is over: it takes no more suggestions.";
export const SUGGESTION_GONE = "This suggestion no longer exists.";

export function SUGGESTION_DECIDED(suggestion: Pick<Suggestion, "status" | "name">): string {
  return `The suggestion “${escapeText(suggestion.name)}” is already ${suggestion.status}.`;
}

export function suggestButton() {
  return button(SUGGEST_METRIC_BUTTON, "Suggest a metric", "");
}

export function suggestionModal(privateMetadata: string): ModalView {
  return modal({
    callbackId: SUGGESTION_FORM.callbackId,
    privateMetadata,
    title: "Suggest a metric",
    submit: "Suggest",
    blocks: [
      context(
        "A measure of success the buyer has not thought of, from your experience. Only the buyer's team reads it.",
      ),
      textInput(SUGGESTION_FORM.name, "Name", { max: NAME_MAX, placeholder: "Truck rolls avoided" }),
      textInput(SUGGESTION_FORM.unit, "Unit", { max: UNIT_MAX, placeholder: "per month" }),
      textInput(SUGGESTION_FORM.why, "Why it matters to the buyer", { multiline: true, max: WHY_MAX }),
    ],
  });
}

export function declineModal(privateMetadata: string, suggestion: Suggestion): ModalView {
  return modal({
    callbackId: DECLINE_FORM.callbackId,
    privateMetadata,
    title: "Decline a suggestion",
    submit: "Decline",
    blocks: [
      section(
        `*${escapeText(suggestion.name)}* (${escapeText(suggestion.unit)}), suggested by *${escapeText(suggestion.seller.name)}*`,
      ),
      textInput(DECLINE_FORM.reason, "Reason, for the seller", { multiline: true, max: REASON_MAX }),
    ],
  });
}

/** The suggestion's card in the team channel: open with the owners' buttons, or decided. */
export function suggestionCard(suggestion: Suggestion): { text: string; blocks: KnownBlock[] } {
  const text = `*${escapeText(suggestion.seller.name)}* suggests a key metric: *${escapeText(suggestion.name)}* (${escapeText(suggestion.unit)})`;
  const why = `_Why it matters:_ ${escapeText(suggestion.why)}`;
  const blocks: KnownBlock[] = [section(`${text}\n${why}`)];
  if (suggestion.status === "open") {
    blocks.push(
      actions(
        button(ACCEPT_SUGGESTION_BUTTON, "Accept as a metric", String(suggestion.id), "primary"),
        button(DECLINE_SUGGESTION_BUTTON, "Decline", String(suggestion.id)),
      ),
    );
  } else if (suggestion.status === "accepted") {
    const metric = suggestion.metric ? ` as *${metricHeadline(suggestion.metric)}*` : "";
    blocks.push(context(`Accepted${metric} by ${mentionUser(suggestion.decidedBy ?? "")}.`));
  } else {
    blocks.push(
      context(
        `Declined by ${mentionUser(suggestion.decidedBy ?? "")}: ${escapeText(suggestion.declineReason ?? "")}`,
      ),
    );
  }
  return { text, blocks };
}

/** What the suggesting seller reads: the receipt, and the buyer's answer. */
export function sellerSuggestionNote(
  suggestion: Suggestion,
  event: "made" | "accepted" | "declined",
): string {
  const name = `*${escapeText(suggestion.name)}*`;
  if (event === "made") return `Your suggestion ${name} went to the buyer's team. Their answer will be here.`;
  if (event === "accepted") {
    const metric = suggestion.metric
      ? `: it is now *${metricHeadline(suggestion.metric)}*, posted in this channel`
      : "";
    return `The buyer accepted your suggestion ${name}${metric}. Thank you for shaping their case.`;
  }
  return `The buyer declined your suggestion ${name}: ${escapeText(suggestion.declineReason ?? "")}`;
}

export function acceptedReply(suggestion: Suggestion, ref: string): string {
  return `${ref} is defined from *${escapeText(suggestion.seller.name)}*'s suggestion and going out to every seller channel.`;
}

export function declinedReply(suggestion: Suggestion): string {
  return `You declined *${escapeText(suggestion.name)}*; *${escapeText(suggestion.seller.name)}* reads your reason in its channel.`;
}
