import { recordAudit } from "../../db/audit.js";
import { transaction } from "../../db/transaction.js";
import { requireInsider, requireOwner } from "../../kernel/access.js";
import type { Deps } from "../../kernel/deps.js";
import { zoneOr } from "../../kernel/zones.js";
import { existingKeys, type NewDelivery } from "../../outbox/index.js";
import type { Tender } from "../tenders/index.js";
import { businessDaysBefore, daysUntil, nextWorkingMoment } from "./business-time.js";
import {
  NUDGE_DATE_SELLER,
  NUDGE_DATE_TEAM,
  NUDGE_QUANTIFY,
  NUDGE_QUESTION,
  NUDGE_SILENCE,
  NUDGE_STALE_ESTIMATE,
} from "./deliveries.js";
import { keyDatesAhead, type NudgeSettings, type NudgeSettingsChange, SILENCE_STAGES } from "./domain.js";
import { type SellerToNudge, sellersNotQuantified, staleEstimates } from "./quantify.js";
import {
  type Cutoff,
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
 * what is due comes from one indexed query per kind of nudge and page, which leaves out what was
 * planned before (by the outbox's unique key) and is capped, so a tick reads only new work and a
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
  const asking = sellersAsked(tenders, now);
  const deliveries = [
    ...(await questionReminders(deps, tenders, now)),
    ...(await silenceNudges(deps, asking, now)),
    ...(await quantifyNudges(deps, asking, now)),
    ...(await staleEstimateNudges(deps, asking, now)),
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
 * The tenders whose sellers are nudged (in the stages where their input is sought), each with the
 * moment its silence setting reaches back to, counted in the buyer's working days.
 */
interface SellersAsked {
  byId: Map<number, NudgedTender>;
  cutoffs: Cutoff[];
}

function sellersAsked(tenders: NudgedTender[], now: Date): SellersAsked {
  const asking = tenders.filter((tender) => SILENCE_STAGES.includes(tender.stage));
  return {
    byId: new Map(asking.map((tender) => [tender.id, tender])),
    cutoffs: asking.map((tender) => ({
      tenderId: tender.id,
      cutoff: businessDaysBefore(now, tender.silenceNudgeDays, zoneOr(tender.timezone, "UTC")),
    })),
  };
}

/** Silence is counted in the buyer's working days, and the nudge goes out in the seller's working hours. */
async function silenceNudges(deps: Deps, { byId, cutoffs }: SellersAsked, now: Date): Promise<NewDelivery[]> {
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

/** In a seller's channel, in the seller's working hours. */
function toSeller(tender: NudgedTender, seller: SellerToNudge, now: Date) {
  return {
    tenderId: tender.id,
    sellerId: seller.sellerId,
    channelId: seller.channelId,
    notBefore: nextWorkingMoment(now, zoneOr(seller.timezone, tender.timezone)),
  };
}

/** Sellers without estimates, once the tender's oldest key metric has waited the silence setting. */
async function quantifyNudges(
  deps: Deps,
  { byId, cutoffs }: SellersAsked,
  now: Date,
): Promise<NewDelivery[]> {
  return (await sellersNotQuantified(deps.db, cutoffs, NUDGE_BATCH)).flatMap((seller) => {
    const tender = byId.get(seller.tenderId);
    if (!tender) return [];
    return [
      NUDGE_QUANTIFY.create([seller.sellerId], {
        ...toSeller(tender, seller, now),
        payload: { sellerId: seller.sellerId },
      }),
    ];
  });
}

/** Estimates made against a metric's earlier values, once the change has waited the silence setting. */
async function staleEstimateNudges(
  deps: Deps,
  { byId, cutoffs }: SellersAsked,
  now: Date,
): Promise<NewDelivery[]> {
  return (await staleEstimates(deps.db, cutoffs, NUDGE_BATCH)).flatMap((stale) => {
    const tender = byId.get(stale.tenderId);
    if (!tender) return [];
    return [
      NUDGE_STALE_ESTIMATE.create([stale.sellerId, stale.metricId, stale.version], {
        ...toSeller(tender, stale, now),
        payload: { sellerId: stale.sellerId, metricId: stale.metricId, version: stale.version },
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
