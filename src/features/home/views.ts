import type { HomeView, KnownBlock, ModalView } from "@slack/types";
import type { MemberRole } from "../../generated/prisma/enums.js";
import { checkInRef, requirementRef, tenderRef } from "../../kernel/refs.js";
import { actions, button, context, SECTION_MAX, section } from "../../slack/blocks.js";
import { formatDay } from "../../slack/dates.js";
import {
  escapeText,
  firstWords,
  fitItems,
  mentionChannel,
  slackTime,
  splitText,
  truncate,
} from "../../slack/text.js";
import {
  INVITE_SELLER_BUTTON,
  isFinalStage,
  KEY_METRICS_BUTTON,
  type KeyDateName,
  POST_REQUIREMENT_BUTTON,
  type Tender,
  tenderHeadline,
} from "../tenders/index.js";
import { HOME_STATUS_BUTTON, STATUS_VIEW } from "./ids.js";

/** What needs the buyer's people in one open tender. */
export interface TenderNeeds {
  questions: { requirementNumber: number; sellerName: string; askedAt: Date; text: string; link?: string }[];
  /** All the tender's unanswered questions; the oldest few are listed. */
  questionsInAll: number;
  /** Changes some sellers have still to acknowledge. */
  pending: { subject: string; sellerNames: string[] }[];
  /** Sellers silent on open requirements for the tender's silence setting. */
  silent: { sellerName: string; requirementNumbers: number[] }[];
  /** Sellers without estimates while the tender has key metrics. */
  notQuantified: string[];
  /** Check-ins that run within a day. */
  checkIns: { number: number; at: Date }[];
}

export interface HomeTender {
  tender: Tender;
  role: MemberRole;
  nextKeyDate: { name: KeyDateName; day: Date } | undefined;
  needs: TenderNeeds;
  engagement: { sellerName: string; line: string }[];
}

export interface BuyerHome {
  tenders: HomeTender[];
  /** How many tenders the person is in, of which `tenders` are the newest. */
  total: number;
  now: Date;
}

/** Slack shows at most 100 blocks on a Home. */
const HOME_BLOCKS_MAX = 100;
/** Small print stays well within what Slack takes in one element. */
const CONTEXT_MAX = 2000;

export const NEEDS_YOU = "Needs you";
export const YOUR_TENDERS = "Your tenders";
export const NOTHING_NEEDS_YOU = "Nothing waits for you right now.";
const HOME_FOOTER = "Kept current as your tenders change. `/tender help` lists every command.";

const HOME_INTRO =
  "*Tender Room* keeps buyer and sellers in a real dialogue during a tender. Each seller gets a private " +
  "Slack Connect channel of its own; requirements are discussed in threads there and every reply reaches " +
  "your team; sellers acknowledge every change; lessons learned are kept for the next tender.";

export const HOW_TO_START =
  "*How to start*\n`/tender new &lt;title&gt;` opens a tender: a private team channel with a pinned card. " +
  "From there invite each seller (`/tender invite &lt;seller&gt; &lt;email&gt;`), post requirements " +
  "(`/tender require`) and move the stage along (`/tender stage`). `/tender help` lists every command.";

export const NO_TENDER_YET =
  "You are in no tender yet. Once you open one, or a colleague adds you to theirs, it shows here with what needs you.";

export const SELLER_NOT_KNOWN =
  "Tender Room works in the channel your organisation shares with the buyer: its pinned message " +
  "“Your tender” shows what awaits you. It shows here too once your organisation has joined that channel.";

const KEY_DATE: Record<KeyDateName, string> = {
  questions: "Questions close",
  proposals: "Proposals due",
  award: "Award planned",
};

function header(text: string): KnownBlock {
  return { type: "header", text: { type: "plain_text", text: truncate(text, 150) } };
}

/** How long ago, in the largest whole unit. */
export function age(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? "1 day ago" : `${days} days ago`;
}

const names = (list: string[]) =>
  list.length <= 1
    ? escapeText(list[0] ?? "")
    : `${list.slice(0, -1).map(escapeText).join(", ")} and ${escapeText(list.at(-1) ?? "")}`;

function needLines(needs: TenderNeeds, now: Date): string[] {
  const lines = needs.questions.map(
    (q) =>
      `• :question: *${escapeText(q.sellerName)}* asked on ${requirementRef(q.requirementNumber)}, ${age(q.askedAt, now)}: ` +
      `“${escapeText(firstWords(q.text, 120))}”${q.link ? ` <${q.link}|Open>` : ""}`,
  );
  const more = needs.questionsInAll - needs.questions.length;
  if (more > 0) lines.push(`   …and ${more} more unanswered ${more === 1 ? "question" : "questions"}`);
  for (const change of needs.pending)
    lines.push(
      `• :hourglass: *${escapeText(change.subject)}*: waiting for ${names(change.sellerNames)} to acknowledge`,
    );
  for (const silent of needs.silent)
    lines.push(
      `• :zzz: *${escapeText(silent.sellerName)}* has not replied to ${silent.requirementNumbers.map(requirementRef).join(", ")}`,
    );
  for (const seller of needs.notQuantified)
    lines.push(`• :bar_chart: *${escapeText(seller)}* has not quantified its impact in the key metrics`);
  for (const checkIn of needs.checkIns)
    lines.push(
      `• :calendar: Check-in ${checkInRef(checkIn.number)} ${checkIn.at <= now ? "is due now" : `runs ${slackTime(checkIn.at)}`}`,
    );
  return lines;
}

/** One item of a list, cut so that no single one fills a section. */
const ITEM_MAX = 500;

function tenderTitle(tender: Tender): string {
  return `*${truncate(escapeText(tenderHeadline(tender)), 200)}* in ${mentionChannel(tender.teamChannelId)}`;
}

function needsBlock({ tender, needs }: HomeTender, now: Date): KnownBlock | undefined {
  const lines = needLines(needs, now);
  if (lines.length === 0) return undefined;
  const items = lines.map((line) => truncate(line, ITEM_MAX));
  return section(fitItems(tenderTitle(tender), items, SECTION_MAX, (left) => `…and ${left} more`));
}

function tenderBlocks({ tender, role, nextKeyDate, engagement }: HomeTender): KnownBlock[] {
  const next = nextKeyDate ? `${KEY_DATE[nextKeyDate.name]} ${formatDay(nextKeyDate.day)}` : "none set";
  const blocks: KnownBlock[] = [
    section(
      `${tenderTitle(tender)}\nStage *${tender.stage}* · Next key date: ${next} · ` +
        (role === "owner" ? "you own it" : "you are a member"),
    ),
  ];
  if (engagement.length > 0) {
    const lines = engagement.map((e) => truncate(`*${escapeText(e.sellerName)}* — ${e.line}`, ITEM_MAX));
    blocks.push(context(fitItems("", lines, CONTEXT_MAX, (left) => `…and ${left} more sellers`).trim()));
  }
  const value = String(tender.id);
  const buttons = [button(HOME_STATUS_BUTTON, "Status", value)];
  if (!isFinalStage(tender.stage)) {
    buttons.push(button(POST_REQUIREMENT_BUTTON, "Post a requirement", value));
    // The owners' buttons only for the owners: the listeners refuse everyone else anyway.
    if (role === "owner")
      buttons.push(
        button(INVITE_SELLER_BUTTON, "Invite a seller", value),
        button(KEY_METRICS_BUTTON, "Key metrics", value),
      );
  }
  blocks.push(actions(...buttons));
  return blocks;
}

/** Within Slack's 100 blocks: what does not fit is counted at the end. */
function within(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= HOME_BLOCKS_MAX) return blocks;
  return [
    ...blocks.slice(0, HOME_BLOCKS_MAX - 1),
    context("…more than fits here; `/tender status` shows each tender."),
  ];
}

function home(blocks: KnownBlock[]): HomeView {
  return { type: "home", blocks: within(blocks) };
}

/** The Home of a person of the buyer's workspace in at least one tender. */
export function buyerHomeView(view: BuyerHome): HomeView {
  const needs = view.tenders.flatMap((tender) => needsBlock(tender, view.now) ?? []);
  const more = view.total - view.tenders.length;
  return home([
    header(NEEDS_YOU),
    ...(needs.length > 0 ? needs : [context(NOTHING_NEEDS_YOU)]),
    { type: "divider" },
    header(YOUR_TENDERS),
    ...view.tenders.flatMap(tenderBlocks),
    ...(more > 0
      ? [
          context(
            `…and ${more} older ${more === 1 ? "tender" : "tenders"}: \`/tender status T-&lt;n&gt;\` shows one.`,
          ),
        ]
      : []),
    context(HOME_FOOTER),
  ]);
}

/** The Home of a person of the buyer's workspace who is in no tender: what the app is and how to start. */
export function strangerHomeView(): HomeView {
  return home([header("Tender Room"), section(HOME_INTRO), section(HOW_TO_START), context(NO_TENDER_YET)]);
}

/** The Home of a seller's person: its sellers' overviews (the same as pinned in their channels). */
export function sellerHomeView(overviews: KnownBlock[][]): HomeView {
  if (overviews.length === 0) return home([header("Tender Room"), section(SELLER_NOT_KNOWN)]);
  return home(
    overviews.flatMap((blocks, index) => (index === 0 ? blocks : [{ type: "divider" }, ...blocks])),
  );
}

/** What `/tender status` shows, in a modal opened from the Home (which has no channel to answer in). */
export function statusModal(tender: Pick<Tender, "number">, text: string): ModalView {
  const pieces = splitText(text, SECTION_MAX);
  return {
    type: "modal",
    callback_id: STATUS_VIEW,
    title: { type: "plain_text", text: truncate(`${tenderRef(tender.number)} status`, 24) },
    close: { type: "plain_text", text: "Close" },
    blocks: pieces.slice(0, HOME_BLOCKS_MAX).map((piece) => section(piece)),
  };
}
