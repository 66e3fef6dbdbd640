import { recordAudit } from "../../db/audit.js";
import { transaction } from "../../db/transaction.js";
import { requireInsider, requireOwner } from "../../kernel/access.js";
import type { Deps } from "../../kernel/deps.js";
import { zoneOr } from "../../kernel/zones.js";
import { existingKeys, type NewDelivery } from "../../outbox/index.js";
import type { Tender } from "../tenders/index.js";
import { businessDaysBefore, daysUntil, nextWorkingMoment } from "./business-time.js";
import { NUDGE_DATE_SELLER, NUDGE_DATE_TEAM, NUDGE_QUESTION, NUDGE_SILENCE } from "./deliveries.js";
import { keyDatesAhead, type NudgeSettings, type NudgeSettingsChange, SILENCE_STAGES } from "./domain.js";
import {
  changeSettings,
  type NudgedTender,
  nudgedTenders,
  sellersToRemind,
  settingsOf,
  silentSellers,
  unansweredQuestions,
} from "./repository.js";

/**
 * The planning runs on every scheduler tick, so it must stay cheap: tenders are read in pages, and
 * the questions and silent threads come from two indexed queries per page that leave out what was
 * planned before (by the outbox's unique key) and are capped, so a tick reads only new work and a
 * backlog is worked off over a few ticks.
 */
const TENDER_PAGE = 200;
const NUDGE_BATCH = 200;

/** The job: plans every nudge that has come due by `now`, each at most once. */
export async function planNudges(deps: Deps, now: Date): Promise<number> {
  let planned = 0;
  for (let afterId = 0; ; ) {
    const tenders = await nudgedTenders(deps.db, afterId, TENDER_PAGE);
    if (tenders.length > 0) planned += await planForTenders(deps, tenders, now);
    const last = tenders.at(-1);
    if (!last || tenders.length < TENDER_PAGE) break;
    afterId = last.id;
  }
  return planned;
}

async function planForTenders(deps: Deps, tenders: NudgedTender[], now: Date): Promise<number> {
  const deliveries = [
    ...(await questionReminders(deps, tenders, now)),
    ...(await silenceNudges(deps, tenders, now)),
    ...(await keyDateReminders(deps, tenders, now)),
  ];
  return deps.outbox.enqueue(deps.db, deliveries);
}

async function questionReminders(deps: Deps, tenders: NudgedTender[], now: Date): Promise<NewDelivery[]> {
  const byId = new Map(tenders.map((tender) => [tender.id, tender]));
  const cutoffs = tenders.map((tender) => ({
    tenderId: tender.id,
    cutoff: businessDaysBefore(now, tender.questionNudgeDays, zoneOr(tender.timezone, "UTC")),
  }));
  return (await unansweredQuestions(deps.db, cutoffs, NUDGE_BATCH)).flatMap((question) => {
    const tender = byId.get(question.tenderId);
    if (!tender) return [];
    return [
      NUDGE_QUESTION.create([question.replyId], {
        tenderId: tender.id,
        requirementId: question.requirementId,
        sellerId: question.sellerId,
        channelId: tender.teamChannelId,
        payload: { replyId: question.replyId },
        notBefore: nextWorkingMoment(now, zoneOr(tender.timezone, "UTC")),
      }),
    ];
  });
}

/**
 * Silence is counted in the buyer's working days (the tender's setting), and the nudge goes out in
 * the seller's working hours.
 */
async function silenceNudges(deps: Deps, tenders: NudgedTender[], now: Date): Promise<NewDelivery[]> {
  const asking = tenders.filter((tender) => SILENCE_STAGES.includes(tender.stage));
  const byId = new Map(asking.map((tender) => [tender.id, tender]));
  const cutoffs = asking.map((tender) => ({
    tenderId: tender.id,
    cutoff: businessDaysBefore(now, tender.silenceNudgeDays, zoneOr(tender.timezone, "UTC")),
  }));
  return (await silentSellers(deps.db, cutoffs, NUDGE_BATCH)).flatMap((silent) => {
    const tender = byId.get(silent.tenderId);
    if (!tender) return [];
    return [
      NUDGE_SILENCE.create([silent.requirementId, silent.sellerId], {
        tenderId: tender.id,
        requirementId: silent.requirementId,
        sellerId: silent.sellerId,
        channelId: silent.channelId,
        payload: { requirementId: silent.requirementId, sellerId: silent.sellerId },
        notBefore: nextWorkingMoment(now, zoneOr(silent.timezone, tender.timezone)),
      }),
    ];
  });
}

/**
 * Key dates within each tender's window: one reminder in the team channel, and one in every seller
 * channel for the dates sellers work towards, each in its reader's working hours. A reminder that
 * could only go out after its date is left out. Only dates in their window cost a look-up of keys.
 */
async function keyDateReminders(deps: Deps, tenders: NudgedTender[], now: Date): Promise<NewDelivery[]> {
  const ahead = tenders.flatMap((tender) => {
    const zone = zoneOr(tender.timezone, "UTC");
    return keyDatesAhead(tender, now, zone, tender.keyDateNudgeDays).map((date) => ({
      tender,
      zone,
      ...date,
    }));
  });
  if (ahead.length === 0) return [];
  const sellers = await sellersToRemind(deps.db, [
    ...new Set(ahead.filter((date) => date.forSellers).map((date) => date.tender.id)),
  ]);
  const candidates: NewDelivery[] = [];
  const add = (
    date: (typeof ahead)[number],
    reader: { zone: string; channelId: string; sellerId?: number },
  ) => {
    const notBefore = nextWorkingMoment(now, reader.zone);
    // Counted in the tender's zone, where the date is a day.
    const daysAhead = daysUntil(date.day, notBefore, date.zone);
    if (daysAhead < 0) return;
    const fields = {
      tenderId: date.tender.id,
      channelId: reader.channelId,
      payload: { which: date.which, day: date.day, daysAhead },
      notBefore,
    };
    candidates.push(
      reader.sellerId === undefined
        ? NUDGE_DATE_TEAM.create([date.tender.id, date.which, date.day], fields)
        : NUDGE_DATE_SELLER.create([date.tender.id, date.which, date.day, reader.sellerId], {
            ...fields,
            sellerId: reader.sellerId,
          }),
    );
  };
  for (const date of ahead) {
    add(date, { zone: date.zone, channelId: date.tender.teamChannelId });
    if (!date.forSellers) continue;
    for (const seller of sellers.filter((candidate) => candidate.tenderId === date.tender.id)) {
      add(date, {
        zone: zoneOr(seller.timezone, date.zone),
        channelId: seller.channelId,
        sellerId: seller.id,
      });
    }
  }
  const known = await existingKeys(
    deps.db,
    candidates.map((candidate) => candidate.key),
  );
  return candidates.filter((candidate) => !known.has(candidate.key));
}

/** `/tender nudges`: the settings, for anyone in the tender. */
export async function nudgeSettingsFor(
  deps: Deps,
  tender: Tender,
  viewer: { userId: string; channelId: string },
): Promise<NudgeSettings> {
  requireInsider(tender, viewer.userId, viewer.channelId);
  const settings = await settingsOf(deps.db, tender.id);
  if (!settings) throw new Error(`tender ${tender.id} has no settings`);
  return settings;
}

/** `/tender nudges on|off|questions <n>|...`: owners only. */
export async function changeNudgeSettings(
  deps: Deps,
  tender: Tender,
  actorUserId: string,
  change: NudgeSettingsChange,
): Promise<NudgeSettings> {
  requireOwner(tender, actorUserId, "change its nudges");
  return transaction(deps.db, async (tx) => {
    const settings = await changeSettings(tx, tender.id, change);
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId,
      action: "tender.nudges_changed",
      detail: change,
    });
    return settings;
  });
}
