import type { Deps } from "../../kernel/deps.js";
import { messageLink, workspaceOf } from "../../slack/links.js";
import { pendingChangesOf } from "../acknowledgements/index.js";
import { checkInsDueBefore } from "../checkins/index.js";
import { engagementLine, engagementOf } from "../engagement/index.js";
import { stalledSellers } from "../nudges/index.js";
import { openQuestionsOf } from "../replies/index.js";
import {
  isFinalStage,
  nextKeyDate,
  receivesNewPosts,
  type Tender,
  tendersOfPerson,
} from "../tenders/index.js";
import { CHECKIN_HORIZON_MS, QUESTIONS_SHOWN, TENDERS_SHOWN } from "./domain.js";
import type { BuyerHome, HomeTender, TenderNeeds } from "./views.js";

type Question = Awaited<ReturnType<typeof openQuestionsOf>>[number];

/**
 * Links to the questions: Slack is asked for one permalink, the others follow its form, so a Home
 * costs one call however many questions it lists. A buyer reads a question's mirror in the team
 * channel (the original when it has none).
 */
async function questionLinks(deps: Deps, questions: Question[], tenders: Map<number, Tender>) {
  const where = (question: Question) => {
    const team = tenders.get(question.tenderId)?.teamChannelId;
    return team && question.mirrorTs
      ? { channelId: team, ts: question.mirrorTs, threadTs: question.teamTs }
      : { channelId: question.channelId, ts: question.ts, threadTs: question.threadTs };
  };
  const [first] = questions;
  if (!first) return new Map<number, string>();
  const known = where(first);
  const workspace = workspaceOf(await deps.slack.permalink(known.channelId, known.ts));
  if (!workspace) return new Map<number, string>();
  return new Map(questions.map((question) => [question.id, messageLink(workspace, where(question))]));
}

function noNeeds(): TenderNeeds {
  return { questions: [], questionsInAll: 0, pending: [], silent: [], notQuantified: [], checkIns: [] };
}

/**
 * What a person of the buyer's workspace sees on their Home, from the database as it is now: their
 * tenders (newest first) and, for those still open, what needs them; every read batched over the
 * tenders shown.
 */
export async function buyerHome(deps: Deps, userId: string, now: Date): Promise<BuyerHome> {
  const { db } = deps;
  const { tenders, total } = await tendersOfPerson(db, deps.installation.id, userId, TENDERS_SHOWN);
  const byId = new Map(tenders.map((tender) => [tender.id, tender]));
  const open = tenders.filter((tender) => !isFinalStage(tender.stage)).map((tender) => tender.id);
  const needs = new Map(open.map((id) => [id, noNeeds()]));
  const sellerName = (tenderId: number, sellerId: number) =>
    byId.get(tenderId)?.sellers.find((seller) => seller.id === sellerId)?.name ?? "A seller";

  const questions = await openQuestionsOf(db, open, QUESTIONS_SHOWN);
  const links = await questionLinks(deps, questions, byId);
  for (const question of questions) {
    const of = needs.get(question.tenderId);
    if (!of) continue;
    of.questionsInAll = question.ofTender;
    of.questions.push({
      requirementNumber: question.requirementNumber,
      sellerName: sellerName(question.tenderId, question.sellerId),
      askedAt: question.createdAt,
      text: question.text,
      link: links.get(question.id),
    });
  }
  for (const change of await pendingChangesOf(db, open)) {
    const tender = byId.get(change.tenderId);
    // A seller that gets nothing new (declined, will not bid) is not waited for.
    const waiting = tender?.sellers.filter((s) => change.sellerIds.includes(s.id) && receivesNewPosts(s));
    if (waiting?.length)
      needs
        .get(change.tenderId)
        ?.pending.push({ subject: change.subject, sellerNames: waiting.map((s) => s.name) });
  }
  const stalled = await stalledSellers(db, open, now);
  for (const silent of stalled.silent) {
    needs.get(silent.tenderId)?.silent.push({
      sellerName: sellerName(silent.tenderId, silent.sellerId),
      requirementNumbers: silent.requirementNumbers,
    });
  }
  for (const seller of stalled.notQuantified)
    needs.get(seller.tenderId)?.notQuantified.push(sellerName(seller.tenderId, seller.sellerId));
  for (const checkIn of await checkInsDueBefore(db, open, new Date(now.getTime() + CHECKIN_HORIZON_MS))) {
    if (checkIn.nextRunAt)
      needs.get(checkIn.tenderId)?.checkIns.push({ number: checkIn.number, at: checkIn.nextRunAt });
  }

  const shown: HomeTender[] = [];
  for (const tender of tenders) {
    const engagement = tender.sellers.length === 0 ? [] : await engagementOf(db, tender.id);
    shown.push({
      tender,
      role: tender.members.find((member) => member.userId === userId)?.role ?? "member",
      nextKeyDate: nextKeyDate(tender, now),
      needs: needs.get(tender.id) ?? noNeeds(),
      engagement: engagement.map((e) => ({ sellerName: e.name, line: engagementLine(e) })),
    });
  }
  return { tenders: shown, total, now };
}
