import type { KnownBlock } from "@slack/types";
import { lessonRef, requirementRef } from "../../kernel/refs.js";
import { context, SECTION_MAX, section } from "../../slack/blocks.js";
import { formatDay } from "../../slack/dates.js";
import { escapeText, fitItems, mentionUser, slackTime, truncate } from "../../slack/text.js";
import { improvementShare, type latestEstimatesOf, percent } from "../estimates/index.js";
import { formatFigure, metricHeadline } from "../metrics/index.js";
import {
  type KeyDateName,
  nextKeyDate,
  questionsClosedOn,
  STAGE_MEANING,
  tenderHeadline,
} from "../tenders/index.js";
import type { AwaitingRequirement, OverviewSeller, OwnLesson } from "./repository.js";

type SellerEstimates = Awaited<ReturnType<typeof latestEstimatesOf>>[number];

/** What a seller's overview shows, all of it the seller's own. */
export interface Overview {
  seller: OverviewSeller;
  now: Date;
  awaiting: (AwaitingRequirement & { link: string | undefined })[];
  pending: { subject: string; createdAt: Date }[];
  lessons: OwnLesson[];
  estimates: SellerEstimates | undefined;
}

export const OVERVIEW_TITLE = "Your tender";

/** What the App Home shows a seller's person whose seller is no longer in the tender. */
export const OVERVIEW_GONE = "This tender's overview is no longer available.";

const KEY_DATE: Record<KeyDateName, string> = {
  questions: "Questions close",
  proposals: "Proposals due",
  award: "Award planned",
};

/** One item of a list, cut so that no single one fills a section. */
const ITEM_MAX = 400;

function list(head: string, items: string[], none: string): string {
  if (items.length === 0) return `${head}\n${none}`;
  return fitItems(
    head,
    items.map((item) => truncate(item, ITEM_MAX)),
    SECTION_MAX,
    (left) => `…and ${left} more.`,
  );
}

function datesText({ seller, now }: Overview): string {
  const { tender } = seller;
  const next = nextKeyDate(tender, now);
  const closed = questionsClosedOn(tender, now);
  const questions = closed
    ? `Questions closed on ${formatDay(closed)}; the buyer may reopen them.`
    : tender.questionsDueOn
      ? `Questions are open until the end of ${formatDay(tender.questionsDueOn)}.`
      : "Questions are open.";
  return [
    next ? `*Next key date:* ${KEY_DATE[next.name]} ${formatDay(next.day)}` : "*Next key date:* none set",
    questions,
  ].join("\n");
}

function intentText({ seller }: Overview): string {
  const by = seller.intentBy ? ` (${mentionUser(seller.intentBy)}` : "";
  const said = by ? `${by}${seller.intentAt ? `, ${slackTime(seller.intentAt)}` : ""})` : "";
  if (seller.intent === "not_bidding")
    return `*Your intention:* you said you will not bid${said}. You get no new requirements, key metrics or check-ins meanwhile; this channel and its history stay, and you may change your mind with the question in this channel while it is open.`;
  if (seller.intent === "bidding") return `*Your intention:* you intend to bid${said}.`;
  if (seller.status === "declined")
    return "*Your intention:* every invitation to this channel was declined; nothing new comes here meanwhile.";
  return "*Your intention:* not said yet. The tender asks in this channel, in the requirements stage, whether you intend to bid.";
}

function awaitingText({ awaiting }: Overview): string {
  const items = awaiting.map((requirement) => {
    const name = `${requirementRef(requirement.number)} · ${escapeText(truncate(requirement.title, 150))}`;
    const shown = requirement.link ? `<${requirement.link}|${name}>` : name;
    const due = requirement.inputDueOn ? ` — input wanted by ${formatDay(requirement.inputDueOn)}` : "";
    return `• ${shown}${due}`;
  });
  return list(
    `*Awaiting your input* (${awaiting.length})`,
    items,
    "Nothing: you have replied in the thread of every open requirement.",
  );
}

function pendingText({ pending }: Overview): string {
  const items = pending.map(
    (notice) => `• ${escapeText(notice.subject)} (since ${slackTime(notice.createdAt)})`,
  );
  return list(
    `*Acknowledgements pending* (${pending.length})`,
    items,
    "None: every change posted here is acknowledged.",
  );
}

function lessonsText({ lessons }: Overview): string {
  const items = lessons.map((lesson) => {
    const uses = lesson.applications.map((use) => `${requirementRef(use.number)} v${use.version}`);
    const applied = uses.length > 0 ? `applied in ${uses.join(", ")}` : "not applied yet";
    return `• ${lessonRef(lesson.id)} · ${escapeText(truncate(lesson.title, 150))} — ${applied}`;
  });
  return list(
    "*Your lessons learned*",
    items,
    "None shared yet: “Share a lesson learned” on a requirement or on the welcome message.",
  );
}

function estimatesText({ estimates }: Overview): string {
  if (!estimates || estimates.estimates.length === 0)
    return "*Your latest estimates*\nNone yet: “Quantify your impact” on a key metric's post.";
  const items = estimates.estimates.map((estimate) => {
    const { metric } = estimate;
    const unit = escapeText(metric.unit);
    const facts = [
      `${formatFigure(estimate.value)} ${unit} expected`,
      `${percent(improvementShare(metric, estimate.value))} of the way from ${formatFigure(metric.baseline)} to ${formatFigure(metric.target)} ${unit}`,
      `${estimate.confidence} confidence`,
      ...(metric.status === "retired" ? ["retired"] : []),
      ...(estimate.stale ? [":warning: needs an update"] : []),
    ];
    return `• ${metricHeadline(metric)}: ${facts.join(" · ")}`;
  });
  return list(
    `*Your latest estimates*: v${estimates.version}, ${slackTime(estimates.createdAt)}`,
    items,
    "None.",
  );
}

/** The seller's overview, pinned in its channel and shown on its people's App Home. */
export function overviewMessage(overview: Overview): { text: string; blocks: KnownBlock[] } {
  const { tender } = overview.seller;
  const headline = escapeText(tenderHeadline(tender));
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: OVERVIEW_TITLE } },
    section(
      truncate(`*${headline}*\n*Stage:* ${tender.stage} — ${STAGE_MEANING[tender.stage]}`, SECTION_MAX),
    ),
    section(`${datesText(overview)}\n${intentText(overview)}`),
    { type: "divider" },
    section(awaitingText(overview)),
    section(pendingText(overview)),
    section(lessonsText(overview)),
    section(estimatesText(overview)),
    context(
      `Kept current by Tender Room; only your people and the buyer's team see it. Updated ${slackTime(overview.now)}.`,
    ),
  ];
  return { text: truncate(`${OVERVIEW_TITLE}: ${headline}`, 300), blocks };
}
