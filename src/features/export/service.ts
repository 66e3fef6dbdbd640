import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireOwner } from "../../kernel/access.js";
import { type Deps, forWork } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import type { CommandRequest } from "../../slack/commands/index.js";
import { slackErrorCode } from "../../slack/errors.js";
import type { SlackGateway } from "../../slack/gateway.js";
import type { Work } from "../../slack/work-scope.js";
import { engagementOf } from "../engagement/index.js";
import { type Tender, tenderOf } from "../tenders/index.js";
import { DEFAULT_PAGE_SIZE, ProgressClock, recordFileNames, recordFileTitles } from "./domain.js";
import { writeRecord } from "./record.js";
import type { RecordContext } from "./records/sheet.js";
import { latestAuditEvents } from "./records/trail.js";
import { recordSummaryMarkdown } from "./summary.js";
import {
  EXPORT_USAGE,
  exportDoneText,
  exportFailedText,
  progressText,
  summaryComment,
  tooBigText,
  UPLOAD_MAX_BYTES,
  uploadRefusedText,
  workbookComment,
} from "./views.js";
import { RecordWorkbook } from "./workbook.js";

export interface ExportOptions {
  /** Rows read from the database at a time (tests make it small to see the progress). */
  pageSize?: number;
  /** Longest time without news in the channel while the replies are written; default 5 s. */
  progressEveryMs?: number;
}

/** Audit events the summary lists. */
const LATEST_EVENTS = 15;

/** `/tender export [T-<n>]`: the tender's owners only. */
export async function startExport(deps: Deps, request: CommandRequest): Promise<Tender> {
  if (request.parsed.args !== "") throw new TenderError("invalid_input", EXPORT_USAGE);
  const tender = await tenderOf(deps, request);
  requireOwner(tender, request.command.user_id, "export its record");
  return tender;
}

class TooBig extends Error {
  constructor(readonly bytes: number) {
    super(`the workbook is ${bytes} bytes`);
  }
}

/** Names people as Slack knows them, each asked once per export; their id when Slack cannot say. */
function namesFrom(slack: SlackGateway): RecordContext["nameOf"] {
  const known = new Map<string, Promise<string>>();
  return async (userId) => {
    if (!userId) return null;
    let name = known.get(userId);
    if (!name) {
      name = slack.user(userId).then(
        (person) => person.name,
        () => userId,
      );
      known.set(userId, name);
    }
    return name;
  };
}

/** The files of the record, written to `dir`. */
interface RecordFiles {
  dir: string;
  names: { workbook: string; summary: string };
  sheets: { name: string; rows: number }[];
}

/**
 * Writes the workbook a page of rows at a time (`onReplies` hears how far along the replies are),
 * then the Markdown summary beside it.
 */
async function writeFiles(
  deps: Deps,
  context: RecordContext,
  dir: string,
  request: { by: string; at: Date },
  onReplies: (done: number) => Promise<void>,
): Promise<RecordFiles> {
  const { tender } = context;
  const names = recordFileNames(tender.number, request.at);
  const workbook = new RecordWorkbook(join(dir, names.workbook));
  await writeRecord(workbook, context, onReplies);
  await workbook.close();
  const events = await latestAuditEvents(deps.db, tender.id, LATEST_EVENTS);
  const latestEvents = [];
  for (const event of events) {
    const who = (await context.nameOf(event.actorUserId)) ?? event.actorUserId;
    latestEvents.push({ at: event.createdAt, who, what: event.action });
  }
  const summary = recordSummaryMarkdown({
    tender,
    requestedBy: (await context.nameOf(request.by)) ?? request.by,
    requestedAt: request.at,
    workbook: names.workbook,
    sheets: workbook.sheets,
    sellers: tender.sellers,
    engagement: await engagementOf(deps.db, tender.id),
    latestEvents,
  });
  await writeFile(join(dir, names.summary), summary);
  return { dir, names, sheets: workbook.sheets };
}

/** Shares the workbook, then the summary; each is found instead of shared again on a later attempt. */
async function shareFiles(slack: SlackGateway, tender: Tender, files: RecordFiles): Promise<void> {
  const { dir, names } = files;
  const { size } = await stat(join(dir, names.workbook));
  if (size > UPLOAD_MAX_BYTES) throw new TooBig(size);
  const titles = recordFileTitles(tender.number);
  await slack.uploadFile(tender.teamChannelId, {
    filename: names.workbook,
    title: titles.workbook,
    content: await readFile(join(dir, names.workbook)),
    initialComment: workbookComment(tender.number),
  });
  await slack.uploadFile(tender.teamChannelId, {
    filename: names.summary,
    title: titles.summary,
    content: await readFile(join(dir, names.summary)),
    initialComment: summaryComment(tender.number),
  });
}

/**
 * The tender record as files in the team channel: a workbook streamed to a temporary file a page
 * of rows at a time and a Markdown summary beside it, both uploaded, while a message there says
 * how far along the export is. Done for the command's work: worked again after a crash, the message
 * and the files already in the channel are found instead of posted twice. Answers why it stopped,
 * if it did.
 */
export async function exportRecord(
  deps: Deps,
  tender: Tender,
  requestedBy: string,
  work: Work | undefined,
  options: ExportOptions = {},
): Promise<string | undefined> {
  const slack = forWork(deps, work).slack;
  const channel = tender.teamChannelId;
  const requirements = await deps.db.requirement.findMany({
    where: { tenderId: tender.id },
    select: { id: true, number: true },
  });
  const total = await deps.db.reply.count({
    where: { requirementId: { in: requirements.map((requirement) => requirement.id) } },
  });
  const progress = (done: number) => ({ text: progressText(tender.number, requestedBy, done, total) });
  // How far along it is, and done, are news: Slack refusing to update the message stops nothing.
  const tell = (ts: string, message: { text: string }) =>
    slack.update(channel, ts, message).catch((error: unknown) => {
      deps.logger.warn({ err: error, tender: tender.id }, "could not update the export's message");
    });
  let ts: string | undefined;
  const dir = await mkdtemp(join(tmpdir(), "tender-record-"));
  try {
    const posted = await slack.post(channel, progress(0));
    ts = posted;
    const context: RecordContext = {
      db: deps.db,
      tender,
      buyer: deps.installation.teamName,
      requirements: new Map(requirements.map((requirement) => [requirement.id, requirement.number])),
      pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
      nameOf: namesFrom(deps.slack),
      sellerName: (id) => tender.sellers.find((seller) => seller.id === id)?.name ?? null,
    };
    const clock = new ProgressClock(total, options.progressEveryMs ?? 5_000, Date.now());
    // Named by the day it was asked for, so that a later attempt looks for the same files.
    const request = { by: requestedBy, at: work?.since ?? new Date() };
    const files = await writeFiles(deps, context, dir, request, async (done) => {
      if (clock.due(done, Date.now())) await tell(posted, progress(done));
    });
    await shareFiles(slack, tender, files);
    await tell(posted, { text: exportDoneText(tender.number, requestedBy, files.sheets) });
    return undefined;
  } catch (error) {
    const text = exportFailedText(tender.number, whyStopped(deps, error, tender));
    if (ts) await tell(ts, { text });
    return text;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function whyStopped(deps: Pick<Deps, "logger">, error: unknown, tender: Tender): string {
  if (error instanceof TooBig) return tooBigText(error.bytes);
  const code = slackErrorCode(error);
  if (code) {
    deps.logger.warn({ tender: tender.id, error: code }, "Slack refused the tender record");
    return uploadRefusedText(code);
  }
  deps.logger.error({ err: error, tender: tender.id }, "the export of a tender record failed");
  return "something went wrong on Tender Room's side. It has been logged; please try again";
}
