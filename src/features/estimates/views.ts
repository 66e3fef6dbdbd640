import type { Button, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { lessonRef, tenderRef } from "../../kernel/refs.js";
import {
  button,
  context,
  modal,
  option,
  SECTION_MAX,
  section,
  selectInput,
  textInput,
} from "../../slack/blocks.js";
import { escapeText, mentionChannel, truncate } from "../../slack/text.js";
import { formatFigure, type Metric, metricHeadline, metricRange, metricRef } from "../metrics/index.js";
import {
  ASSUMPTIONS_MAX,
  CONFIDENCES,
  type Confidence,
  EVIDENCE_MAX,
  improvementShare,
  isStale,
  MONTHS_MAX,
  VALUE_MAX,
} from "./domain.js";
import { ESTIMATE_FORM_CALLBACK, type EstimatePart, estimateField, QUANTIFY_BUTTON } from "./ids.js";
import type { EstimateRow, EstimateSet } from "./repository.js";

const QUANTIFY_LABEL = "Quantify your impact";

export const BUYER_QUANTIFIES_NOT =
  "Sellers quantify their own offer in the buyer's key metrics; the buyer's team sees each seller's estimates in the team channel.";
export const SELLER_ELSEWHERE =
  "Your estimates are made in your own channel with the buyer, with “Quantify your impact” on a key metric posted there.";
export const ESTIMATE_FORM_LOST =
  "The form lost track of where it was opened. Press “Quantify your impact” on a key metric again.";
export const FORM_OUT_OF_DATE =
  "This form no longer matches the key metrics of your channel's tender, so nothing was saved. Press “Quantify your impact” on a key metric again.";
export const NO_METRICS_YET =
  "The buyer has no key metrics for this tender yet. Each one is posted here with a “Quantify your impact” button.";

export function tenderOver(tender: { number: number; stage: string }): string {
  return `${tenderRef(tender.number)} is ${tender.stage}: its estimates can no longer change.`;
}

/** On a key metric's post in a seller channel; opens the form at the page holding that metric. */
export function quantifyButton(metricId: number): Button {
  return button(QUANTIFY_BUTTON, QUANTIFY_LABEL, String(metricId));
}

const CONFIDENCE_LABEL: Record<Confidence, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
};

function confidenceOption(confidence: Confidence): PlainTextOption {
  return option(CONFIDENCE_LABEL[confidence], confidence);
}

/** An estimate's evidence as the seller typed it, to fill the form again. */
function evidenceText(estimate: EstimateRow): string | undefined {
  if (estimate.evidenceLessonId !== null) return lessonRef(estimate.evidenceLessonId);
  return estimate.evidenceLink ?? estimate.evidenceReference ?? undefined;
}

const STALE_IN_FORM =
  ":warning: _Your estimate was made before its unit, baseline or target changed: check it and save again._";

function metricGroup(metric: Metric, previous: EstimateRow | undefined): KnownBlock[] {
  const field = (part: EstimatePart) => estimateField(metric.id, part);
  const stale = previous && isStale(previous, metric) ? `\n${STALE_IN_FORM}` : "";
  return [
    { type: "divider" },
    section(`*${metricHeadline(metric)}*\n${metricRange(metric)}${stale}`),
    textInput(field("value"), `Value you expect to reach (${metric.unit})`, {
      optional: true,
      max: VALUE_MAX,
      initial: previous ? String(previous.value) : undefined,
      placeholder: "e.g. 2.5",
    }),
    selectInput(field("confidence"), "Confidence", CONFIDENCES.map(confidenceOption), {
      optional: true,
      ...(previous ? { initial: confidenceOption(previous.confidence) } : {}),
      placeholder: "How sure are you?",
    }),
    textInput(field("months"), "Reached how many months after go-live", {
      optional: true,
      max: 3,
      initial: previous?.monthsAfterGoLive?.toString(),
      hint: `A whole number from 0 to ${MONTHS_MAX}.`,
    }),
    textInput(field("assumptions"), "Assumptions", {
      optional: true,
      multiline: true,
      max: ASSUMPTIONS_MAX,
      initial: previous?.assumptions,
    }),
    textInput(field("evidence"), "Evidence", {
      optional: true,
      max: EVIDENCE_MAX,
      initial: previous ? evidenceText(previous) : undefined,
      hint: "L-<n> for a lesson your team shared here, an https link, or a reference customer's name.",
    }),
  ];
}

export interface EstimateFormPage {
  tender: { number: number; title: string };
  metrics: Metric[];
  /** The place of the page's first metric among the tender's active ones, from 1. */
  first: number;
  total: number;
  /** The seller's latest estimates, by metric id. */
  previous: Map<number, EstimateRow>;
}

/** One group of fields per metric of the page, filled from the seller's latest estimates. */
export function estimateModal(privateMetadata: string, page: EstimateFormPage): ModalView {
  const last = page.first + page.metrics.length - 1;
  const others =
    page.total > page.metrics.length ? " The others are on the form opened from their own posts." : "";
  return modal({
    callbackId: ESTIMATE_FORM_CALLBACK,
    privateMetadata,
    title: QUANTIFY_LABEL,
    submit: "Save",
    blocks: [
      context(
        truncate(
          `${tenderRef(page.tender.number)} · ${escapeText(page.tender.title)}: what your offer would do to the buyer's key metrics, in their own units. Each version you save is shown to the buyer's team; a metric left without a value gets no estimate.`,
          2000,
        ),
      ),
      context(`Metrics ${page.first}–${last} of ${page.total}.${others}`),
      ...page.metrics.flatMap((metric) => metricGroup(metric, page.previous.get(metric.id))),
    ],
  });
}

/** `75%`: the share of the way from baseline to target. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function evidenceLine(estimate: EstimateRow): string | undefined {
  if (estimate.evidenceLessonId !== null) return `_Evidence:_ lesson ${lessonRef(estimate.evidenceLessonId)}`;
  if (estimate.evidenceLink && /^https:\/\/[^\s<>|]+$/.test(estimate.evidenceLink))
    return `_Evidence:_ <${estimate.evidenceLink}>`;
  const reference = estimate.evidenceReference ?? estimate.evidenceLink;
  return reference ? `_Evidence:_ reference customer ${truncate(escapeText(reference), 250)}` : undefined;
}

/** One metric of a card: the value, how far it goes, how sure, when, why, and whether it needs an update. */
function estimateText(estimate: EstimateSet["estimates"][number]): string {
  const { metric } = estimate;
  const unit = escapeText(metric.unit);
  const share = percent(improvementShare(metric, estimate.value));
  const facts = [
    `*${formatFigure(estimate.value)} ${unit}* expected`,
    `${share} of the way from ${formatFigure(metric.baseline)} to ${formatFigure(metric.target)} ${unit}`,
    `${CONFIDENCE_LABEL[estimate.confidence].toLowerCase()} confidence`,
    ...(estimate.monthsAfterGoLive === null
      ? []
      : [
          estimate.monthsAfterGoLive === 0
            ? "at go-live"
            : `${estimate.monthsAfterGoLive} months after go-live`,
        ]),
  ];
  const retired = metric.status === "retired" ? " · _retired, no longer weighed_" : "";
  const lines = [
    `*${metricHeadline(metric)}* · weight ${metric.weight}${retired}`,
    facts.join(" · "),
    ...(estimate.assumptions ? [`_Assumptions:_ ${truncate(escapeText(estimate.assumptions), 600)}`] : []),
    ...[evidenceLine(estimate)].filter((line): line is string => line !== undefined),
    ...(isStale(estimate, metric)
      ? [
          `:warning: *${metricRef(metric.number)} changed since*: its baseline, target or unit is new, so this estimate needs an update.`,
        ]
      : []),
  ];
  return truncate(lines.join("\n"), SECTION_MAX);
}

/** Slack shows at most 50 blocks in a message: the estimates are packed into sections. */
const SECTIONS_MAX = 45;

function packed(texts: string[]): { sections: string[]; left: number } {
  const sections: string[] = [];
  let left = 0;
  for (const text of texts) {
    const lastIndex = sections.length - 1;
    const last = sections[lastIndex];
    if (last !== undefined && last.length + 2 + text.length <= SECTION_MAX)
      sections[lastIndex] = `${last}\n\n${text}`;
    else if (sections.length < SECTIONS_MAX) sections.push(text);
    else left++;
  }
  return { sections, left };
}

/**
 * A version of a seller's estimates: in its channel (`seller`, which names no other seller) and in
 * the team channel (`team`, naming the seller and the person who saved it).
 */
export function estimateCard(
  set: EstimateSet,
  audience: "seller" | "team",
  unestimated: Pick<Metric, "number">[],
): { text: string; blocks: KnownBlock[] } {
  const author = escapeText(set.authorName);
  const head =
    audience === "seller"
      ? `*Your estimates, v${set.version}*, saved by ${author}`
      : `*${escapeText(set.seller.name)}'s estimates, v${set.version}*, saved by ${author}`;
  const { sections, left } = packed(set.estimates.map(estimateText));
  const more = left > 0 ? [`…and ${left} more metrics.`] : [];
  const none = unestimated.length
    ? [`No estimate on ${unestimated.map((metric) => metricRef(metric.number)).join(", ")}.`]
    : [];
  const notes = [...more, ...none];
  return {
    text: truncate(`${head}: ${set.estimates.length} key metrics.`, 300),
    blocks: [
      section(truncate(head, SECTION_MAX)),
      ...sections.map(section),
      ...(notes.length ? [context(truncate(notes.join(" "), 2000))] : []),
    ],
  };
}

export function savedReply(version: number, count: number, channelId: string): string {
  const metrics = count === 1 ? "1 key metric" : `${count} key metrics`;
  return `Your estimates v${version} are saved (${metrics}) and shown in ${mentionChannel(channelId)} and to the buyer's team.`;
}
