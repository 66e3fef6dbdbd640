import { requireInsider } from "../../kernel/access.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { zoneOf, zoneOr } from "../../kernel/zones.js";
import type { Tender } from "../tenders/index.js";
import { AUDIT_PAGE_SIZE, type AuditQuery, pagesOf, startOfDay } from "./domain.js";
import { type AuditEventRow, auditEvents } from "./repository.js";
import { pastTheEnd } from "./views.js";

export interface AuditPage {
  events: AuditEventRow[];
  total: number;
  page: number;
  pages: number;
  /** The viewer's zone: times are shown in it, and `since:` is a day in it. */
  zone: string;
}

/** The tender's audit trail for one of its people, a page at a time, the latest first. */
export async function auditTrail(
  deps: Deps,
  tender: Tender,
  viewer: { userId: string; channelId: string },
  query: AuditQuery,
): Promise<AuditPage> {
  requireInsider(tender, viewer.userId, viewer.channelId);
  const zone = await zoneOf(deps, viewer.userId, zoneOr(tender.timezone, "UTC"));
  const { total, events } = await auditEvents(deps.db, tender.id, {
    since: query.since ? startOfDay(query.since, zone) : undefined,
    skip: (query.page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  const pages = pagesOf(total);
  if (query.page > pages) throw new TenderError("invalid_input", pastTheEnd(tender, query, pages));
  return { events, total, page: query.page, pages, zone };
}
