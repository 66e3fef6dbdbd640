import type { KnownBlock } from "@slack/types";
import { DateTime } from "luxon";
import { tenderRef } from "../../kernel/refs.js";
import { context, SECTION_MAX, section } from "../../slack/blocks.js";
import type { CommandAnswer } from "../../slack/commands/index.js";
import { escapeText, splitText } from "../../slack/text.js";
import { type Tender, tenderHeadline } from "../tenders/index.js";
import type { AuditQuery } from "./domain.js";
import type { AuditEventRow } from "./repository.js";
import { describeAudit } from "./sentences.js";

type Shown = Pick<Tender, "number" | "title">;

/** The command that shows `page` of the same trail, as a person types it. */
function commandFor(tender: Shown, query: AuditQuery, page: number): string {
  const since = query.since ? ` since:${query.since}` : "";
  return `\`/tender audit ${tenderRef(tender.number)}${since} page:${page}\``;
}

/** A Slack user id as a mention; anything else stored as the actor stays text. */
function who(userId: string): string {
  return /^[UW][A-Z0-9]{2,20}$/.test(userId) ? `<@${userId}>` : escapeText(userId.slice(0, 30));
}

/** One event: when (in the viewer's zone) · who · what. */
function auditLine(event: AuditEventRow, zone: string, here: string): string {
  const when = DateTime.fromJSDate(event.createdAt, { zone }).toFormat("yyyy-MM-dd HH:mm");
  return `${when} · ${who(event.actorUserId)} · ${describeAudit(event, here)}`;
}

export function pastTheEnd(tender: Shown, query: AuditQuery, pages: number): string {
  return (
    `The audit trail of ${tenderRef(tender.number)}${query.since ? ` since ${query.since}` : ""} has ` +
    `${pages === 1 ? "1 page" : `${pages} pages`}, so there is no page ${query.page}. ` +
    `The last one: ${commandFor(tender, query, pages)}.`
  );
}

export function auditAnswer(
  tender: Shown,
  query: AuditQuery,
  shown: { events: AuditEventRow[]; total: number; page: number; pages: number; zone: string },
): CommandAnswer {
  const since = query.since ? ` since ${query.since}` : "";
  const head = `*Audit trail of ${escapeText(tenderHeadline(tender))}*${since} · the latest first · times in ${escapeText(shown.zone)}`;
  if (shown.total === 0) {
    const text = `No events in the audit trail of ${tenderRef(tender.number)}${since}.`;
    return { text, blocks: [section(text)] };
  }
  const here = tenderRef(tender.number);
  const lines = shown.events.map((event) => auditLine(event, shown.zone, here));
  const events = shown.total === 1 ? "1 event" : `${shown.total} events`;
  const next = shown.page < shown.pages ? ` · next: ${commandFor(tender, query, shown.page + 1)}` : "";
  const footer = `Page ${shown.page} of ${shown.pages} (${events})${next}`;
  const blocks: KnownBlock[] = [
    section(head),
    ...splitText(lines.join("\n"), SECTION_MAX).map(section),
    context(footer),
  ];
  return { text: `${head}\n${footer}`, blocks };
}
