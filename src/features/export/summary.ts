import { tenderRef } from "../../kernel/refs.js";
import type { SellerEngagement } from "../engagement/index.js";
import type { Tender } from "../tenders/index.js";
import { count } from "./domain.js";

/** What the Markdown summary tells beside the workbook. */
export interface RecordSummary {
  tender: Pick<
    Tender,
    | "number"
    | "title"
    | "goal"
    | "stage"
    | "timezone"
    | "questionsDueOn"
    | "proposalsDueOn"
    | "awardPlannedOn"
  >;
  requestedBy: string;
  requestedAt: Date;
  workbook: string;
  /** Rows per sheet, in the workbook's order. */
  sheets: { name: string; rows: number }[];
  sellers: { name: string; status: string; intent: string }[];
  engagement: SellerEngagement[];
  /** The latest audit events, newest first. */
  latestEvents: { at: Date; who: string; what: string }[];
}

/** Text as Markdown shows it literally: what a person typed never becomes a heading, link or table cell. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (char) => `\\${char}`).replace(/\s*\n\s*/g, " ");
}

function day(at: Date | null): string {
  return at ? at.toISOString().slice(0, 10) : "not set";
}

function moment(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function hours(value: number | null): string {
  return value === null ? "–" : `${value} h`;
}

/** The tender record in brief, as a Markdown file that travels with the workbook. */
export function recordSummaryMarkdown(summary: RecordSummary): string {
  const { tender } = summary;
  const lines = [
    `# The tender record: ${tenderRef(tender.number)} · ${md(tender.title)}`,
    "",
    `_Exported by Tender Room on ${moment(summary.requestedAt)} for ${md(summary.requestedBy)}. The whole record is in the workbook \`${summary.workbook}\`; times there are UTC._`,
    "",
    "## The tender",
    "",
    `- Stage: ${tender.stage}`,
    `- Goal: ${tender.goal ? md(tender.goal) : "not written"}`,
    `- Questions close: ${day(tender.questionsDueOn)}`,
    `- Proposals due: ${day(tender.proposalsDueOn)}`,
    `- Award planned: ${day(tender.awardPlannedOn)}`,
    `- Time zone: ${md(tender.timezone)}`,
    "",
    "## What the workbook holds",
    "",
    "| Sheet | Rows |",
    "|---|---|",
    ...summary.sheets.map((sheet) => `| ${sheet.name} | ${count(sheet.rows)} |`),
    "",
    "## Sellers",
    "",
  ];
  if (summary.sellers.length === 0) lines.push("No seller has been invited.");
  else {
    lines.push("| Seller | Status | Intent |", "|---|---|---|");
    for (const seller of summary.sellers)
      lines.push(`| ${md(seller.name)} | ${seller.status} | ${seller.intent} |`);
  }
  lines.push("", "## Engagement", "");
  if (summary.engagement.length === 0) lines.push("No seller yet.");
  else {
    lines.push(
      "| Seller | Replies | Questions | Median to a first reply | Check-ins answered | Lessons shared (applied) | Acknowledged on time |",
      "|---|---|---|---|---|---|---|",
    );
    for (const e of summary.engagement) {
      lines.push(
        `| ${md(e.name)} | ${count(e.replies)} | ${count(e.questions)} | ${hours(e.medianFirstReplyHours)} | ${e.checkInsAnswered} of ${e.checkInsAsked} | ${e.lessonsShared} (${e.lessonsApplied}) | ${e.acknowledgedOnTime} of ${e.acknowledgementsAsked} |`,
      );
    }
  }
  lines.push("", `## The latest audit events`, "");
  if (summary.latestEvents.length === 0) lines.push("None recorded.");
  else {
    lines.push("| When | Who | What |", "|---|---|---|");
    for (const event of summary.latestEvents)
      lines.push(`| ${moment(event.at)} | ${md(event.who)} | ${md(event.what)} |`);
  }
  return `${lines.join("\n")}\n`;
}
