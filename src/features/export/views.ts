import { tenderRef } from "../../kernel/refs.js";
import { describeSlackError } from "../../slack/errors.js";
import { escapeText, mentionChannel, mentionUser } from "../../slack/text.js";
import { count } from "./domain.js";

export const EXPORT_USAGE = escapeText(
  "`/tender export [T-<n>]` takes nothing but the tender, e.g. `/tender export T-3`: the whole record goes to the team channel.",
);

/** The command's answer, at once: the work goes on in the team channel. */
export function exportStartedText(tenderNumber: number, teamChannelId: string): string {
  return `Exporting ${tenderRef(tenderNumber)} … the workbook and its summary will be shared in ${mentionChannel(teamChannelId)}, with how far along it is.`;
}

/** The message in the team channel while the record is written, kept current. */
export function progressText(
  tenderNumber: number,
  requestedBy: string,
  done: number,
  replies: number,
): string {
  const far = replies === 0 ? "" : `: ${count(done)} of ${count(replies)} replies`;
  return `Exporting ${tenderRef(tenderNumber)}${far} … (the tender record, for ${mentionUser(requestedBy)})`;
}

export function exportDoneText(
  tenderNumber: number,
  requestedBy: string,
  sheets: { name: string; rows: number }[],
): string {
  const rows = sheets.reduce((sum, sheet) => sum + sheet.rows, 0);
  return `Exported ${tenderRef(tenderNumber)}: done. The tender record for ${mentionUser(requestedBy)} is below: a workbook of ${sheets.length} sheets (${count(rows)} rows) and its summary in Markdown.`;
}

export function workbookComment(tenderNumber: number): string {
  return `${tenderRef(tenderNumber)} · the tender record: a sheet per record, times in UTC.`;
}

export function summaryComment(tenderNumber: number): string {
  return `${tenderRef(tenderNumber)} · the tender record in brief.`;
}

/** Slack's refusals of an upload, in plain words. */
const UPLOAD_REFUSALS: Record<string, string> = {
  not_allowed_token_type:
    "Slack does not let this kind of token upload files: the app needs its bot token (xoxb-…) with the files:write scope; reinstall it from manifest.json",
  file_upload_size_restricted:
    "the file is larger than your workspace lets apps upload; an admin of your workspace can raise the limit",
  file_uploads_disabled: "your workspace has turned file uploads off; an admin can turn them on",
  file_type_not_allowed: "your workspace does not allow files of this type (.xlsx, .md) to be uploaded",
};

export function uploadRefusedText(code: string): string {
  return Object.hasOwn(UPLOAD_REFUSALS, code) ? (UPLOAD_REFUSALS[code] ?? code) : describeSlackError(code);
}

/** Slack takes files of up to 1 GB. */
export const UPLOAD_MAX_BYTES = 1024 ** 3;

export function tooBigText(bytes: number): string {
  return `the workbook is ${count(Math.ceil(bytes / 1024 ** 2))} MB, more than the 1 GB Slack takes in one file`;
}

/** Why the export stopped, in the team channel and to the person who asked. */
export function exportFailedText(tenderNumber: number, why: string): string {
  return `The export of ${tenderRef(tenderNumber)} did not finish: ${why}.`;
}
