import type { Button, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { tenderRef } from "../../kernel/refs.js";
import { actions, context, modal, option, section, selectInput, textInput } from "../../slack/blocks.js";
import { escapeText, mentionChannel, mentionUser } from "../../slack/text.js";
import {
  DIRECTION_LABEL,
  formatFigure,
  type MetricDirection,
  metricRef,
  NAME_MAX,
  NOTE_MAX,
  UNIT_MAX,
  WEIGHT_MAX,
} from "./domain.js";
import { METRIC_FORM } from "./ids.js";
import type { Metric } from "./repository.js";

/** `M-2 · Mean time to repair`, escaped for mrkdwn. */
export function metricHeadline(metric: Pick<Metric, "number" | "name">): string {
  return `${metricRef(metric.number)} · ${escapeText(metric.name)}`;
}

/** `from 4 hours today to 2 hours, lower is better`. */
export function metricRange(metric: Pick<Metric, "unit" | "baseline" | "target" | "direction">): string {
  const unit = escapeText(metric.unit);
  return `from ${formatFigure(metric.baseline)} ${unit} today to ${formatFigure(metric.target)} ${unit}, ${DIRECTION_LABEL[metric.direction]}`;
}

function metricDetails(metric: Metric): string[] {
  return [
    `*${metricHeadline(metric)}*: ${metricRange(metric)} · weight ${metric.weight}`,
    ...(metric.measuredHow ? [`_How it is measured:_ ${escapeText(metric.measuredHow)}`] : []),
    ...(metric.whyItMatters ? [`_Why it matters:_ ${escapeText(metric.whyItMatters)}`] : []),
  ];
}

/** What a seller channel reads when a metric is defined, changed or retired; the buttons come from the features that answer them. */
export function sellerMetricNotice(
  metric: Metric,
  what: "defined" | "changed" | "retired",
  changes: string[],
  buttons: Button[],
): { text: string; blocks: KnownBlock[] } {
  if (what === "retired") {
    const text = `*${metricHeadline(metric)}* is retired: the buyer no longer weighs it, and estimates on it no longer count.`;
    return { text, blocks: [section(text)] };
  }
  const lead =
    what === "defined"
      ? "The buyer has a key metric for this tender. Say what your offer would do to it, in its own unit:"
      : `The buyer changed *${metricHeadline(metric)}* (${changes.map(escapeText).join("; ")}). Estimates made against the earlier values need an update:`;
  const details = metricDetails(metric);
  return {
    text: `${lead} ${details[0]}`,
    blocks: [section(lead), section(details.join("\n")), ...(buttons.length ? [actions(...buttons)] : [])],
  };
}

/** The team channel's record of who did what to a metric. */
export function teamMetricNotice(
  metric: Metric,
  what: "defined" | "changed" | "retired",
  actorUserId: string,
  changes: string[],
  suggestedBy?: string,
): string {
  if (what === "defined") {
    const credit = suggestedBy ? `\n_Suggested by *${escapeText(suggestedBy)}*._` : "";
    return `${mentionUser(actorUserId)} defined ${metricDetails(metric).join("\n")}${credit}`;
  }
  if (what === "retired") return `${mentionUser(actorUserId)} retired *${metricHeadline(metric)}*.`;
  return `${mentionUser(actorUserId)} changed *${metricHeadline(metric)}*: ${changes.map(escapeText).join("; ")}.`;
}

function sellersWord(count: number): string {
  return count === 1 ? "1 seller channel" : `${count} seller channels`;
}

export function definedReply(metric: Metric, sellers: number): string {
  return `${metricHeadline(metric)} is defined and going out to ${sellersWord(sellers)}.`;
}

export function changedReply(metric: Metric, changes: string[], sellers: number): string {
  if (changes.length === 0) return `${metricHeadline(metric)} is unchanged.`;
  const told = sellers > 0 ? ` ${sellersWord(sellers)} are told.` : "";
  return `${metricHeadline(metric)} changed: ${changes.map(escapeText).join("; ")}.${told}`;
}

export function retiredReply(metric: Metric, sellers: number): string {
  return `${metricHeadline(metric)} is retired; ${sellersWord(sellers)} are told. It stays on record.`;
}

export function metricList(
  tender: { number: number; title: string; teamChannelId: string },
  metrics: Metric[],
  serving: Map<number, number[]>,
  retired: number,
): string {
  const head = `*Key metrics of ${tenderRef(tender.number)} · ${escapeText(tender.title)}*`;
  const retiredNote = retired > 0 ? [`_${retired} retired, kept on record._`] : [];
  if (metrics.length === 0)
    return [
      head,
      `None yet. Owners define them with \`/tender metric add\` or the “Key metrics” button on the card in ${mentionChannel(tender.teamChannelId)}.`,
      ...retiredNote,
    ].join("\n");
  const lines = metrics.map((metric) => {
    const requirements = serving.get(metric.id) ?? [];
    const serves = requirements.length ? ` · served by ${requirements.map((n) => `R-${n}`).join(", ")}` : "";
    return `• ${metricDetails(metric)[0]}${serves}`;
  });
  return [head, ...lines, ...retiredNote].join("\n");
}

function directionOption(direction: MetricDirection): PlainTextOption {
  return option(
    DIRECTION_LABEL[direction].replace(/^./, (c) => c.toUpperCase()),
    direction,
  );
}

export function metricModal(
  privateMetadata: string,
  tenderNumber: number,
  metric?: Metric,
  prefill?: { name: string; unit: string; whyItMatters: string },
): ModalView {
  const start = metric ?? prefill;
  const figure = (value: number | undefined) => (value === undefined ? "" : String(value));
  return modal({
    callbackId: METRIC_FORM.callbackId,
    privateMetadata,
    title: metric ? `Edit ${metricRef(metric.number)}` : "Define a key metric",
    submit: metric ? "Save" : "Define",
    blocks: [
      context(
        metric
          ? "A change of unit, baseline or target is announced to every seller; their estimates against the earlier values are marked as needing an update."
          : `A metric of ${tenderRef(tenderNumber)} every seller quantifies its offer in: posted to every seller channel.`,
      ),
      textInput(METRIC_FORM.name, "Name", {
        max: NAME_MAX,
        initial: start?.name,
        placeholder: "Mean time to repair",
      }),
      textInput(METRIC_FORM.unit, "Unit", { max: UNIT_MAX, initial: start?.unit, placeholder: "hours" }),
      textInput(METRIC_FORM.baseline, "Baseline today", { max: 24, initial: figure(metric?.baseline) }),
      textInput(METRIC_FORM.target, "Target", { max: 24, initial: figure(metric?.target) }),
      selectInput(
        METRIC_FORM.direction,
        "Which way is better",
        [directionOption("lower"), directionOption("higher")],
        {
          optional: true,
          ...(metric ? { initial: directionOption(metric.direction) } : {}),
          placeholder: "From baseline and target",
        },
      ),
      textInput(METRIC_FORM.weight, `Weight (1 to ${WEIGHT_MAX})`, {
        optional: true,
        max: 2,
        initial: metric ? String(metric.weight) : "1",
      }),
      textInput(METRIC_FORM.measuredHow, "How it is measured", {
        optional: true,
        multiline: true,
        max: NOTE_MAX,
        initial: metric?.measuredHow,
      }),
      textInput(METRIC_FORM.whyItMatters, "Why it matters", {
        optional: true,
        multiline: true,
        max: NOTE_MAX,
        initial: start?.whyItMatters,
      }),
    ],
  });
}

export const METRIC_USAGE = escapeText(
  "Usage: `/tender metric add <name> | <unit> | <baseline> | <target> [| lower|higher] [| weight <n>]`, `/tender metric edit M-<n>`, `/tender metric retire M-<n>` (no arguments: a form)",
);

export function metricGone(ref: string): string {
  return `${ref} is not a key metric of this tender. \`/tender metrics\` lists them.`;
}

export function retiredAlready(metric: Metric): string {
  return `${metricHeadline(metric)} is already retired.`;
}
