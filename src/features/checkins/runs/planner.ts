import type { Db } from "../../../db/client.js";
import { transaction } from "../../../db/transaction.js";
import type { Deps } from "../../../kernel/deps.js";
import type { NewDelivery } from "../../../outbox/index.js";
import { activeSellers, isFinalStage, QUIET_STAGES } from "../../tenders/index.js";
import { planDueRuns, scheduleOf } from "../domain.js";
import {
  checkInsToPlan,
  insertOccurrences,
  lockDueCheckIns,
  type NewOccurrence,
  setCheckInStates,
} from "../repository.js";
import { CHECKIN_DIGEST, CHECKIN_PROMPT, CHECKIN_TEAM_NOTICE } from "./deliveries.js";

const HOUR_MS = 3_600_000;
/** Check-ins planned in one transaction; a tick takes batch after batch until none is due. */
const PLAN_BATCH = 100;

type PlannedCheckIn = Awaited<ReturnType<typeof checkInsToPlan>>[number];

function occurrencesOf(checkIn: PlannedCheckIn, now: Date, graceMs: number) {
  const { tender } = checkIn;
  const quietStage = QUIET_STAGES.includes(tender.stage) ? tender.stage : undefined;
  const plan = planDueRuns({
    schedule: scheduleOf(checkIn),
    ...(checkIn.endsOn ? { endsOn: checkIn.endsOn.toISOString().slice(0, 10) } : {}),
    nextRunAt: checkIn.nextRunAt ?? now,
    now,
    graceMs,
    ...(quietStage ? { quietStage } : {}),
  });
  // Only sellers that get what is new are asked (not one that declined every invitation or will not bid).
  const asked = activeSellers(tender);
  const sellers =
    checkIn.sellerIds.length === 0 ? asked : asked.filter((seller) => checkIn.sellerIds.includes(seller.id));
  const rows = plan.runs.map((run): NewOccurrence => {
    if (!run.send)
      return {
        checkInId: checkIn.id,
        dueAt: run.dueAt,
        status: "skipped",
        reason: run.reason,
        sellerIds: [],
      };
    if (sellers.length === 0)
      return {
        checkInId: checkIn.id,
        dueAt: run.dueAt,
        status: "skipped",
        reason: "no seller to ask yet",
        sellerIds: [],
      };
    return {
      checkInId: checkIn.id,
      dueAt: run.dueAt,
      status: "sent",
      sellerIds: sellers.map((seller) => seller.id),
      digestAt: new Date(run.dueAt.getTime() + checkIn.windowHours * HOUR_MS),
    };
  });
  return { rows, plan, sellers };
}

/** A run's messages: the prompt in each seller's channel, the team notice, and the digest later. */
function deliveriesOf(
  checkIn: PlannedCheckIn,
  occurrence: { id: number; dueAt: Date; digestAt: Date },
  sellers: { id: number; channelId: string }[],
): NewDelivery[] {
  const run: [number, Date] = [checkIn.id, occurrence.dueAt];
  const payload = { occurrenceId: occurrence.id };
  const team = { tenderId: checkIn.tenderId, channelId: checkIn.tender.teamChannelId, payload };
  return [
    ...sellers.map((seller) =>
      CHECKIN_PROMPT.create([...run, seller.id], {
        tenderId: checkIn.tenderId,
        sellerId: seller.id,
        channelId: seller.channelId,
        payload,
      }),
    ),
    CHECKIN_TEAM_NOTICE.create(run, team),
    CHECKIN_DIGEST.create(run, { ...team, notBefore: occurrence.digestAt }),
  ];
}

/**
 * The tick job: turns the runs that came due into occurrences and their messages into the outbox.
 * Each batch is one transaction over locked check-ins, and (check-in, due time) is unique, so several
 * instances ticking together plan every run exactly once; the outbox then sends each message once.
 */
export async function planCheckIns(deps: Deps, now: Date, graceMs: number): Promise<number> {
  let planned = 0;
  for (;;) {
    const batch = await transaction(deps.db, async (tx) => planBatch(deps, tx, now, graceMs));
    planned += batch.sent;
    if (batch.locked < PLAN_BATCH) break;
  }
  return planned;
}

async function planBatch(deps: Deps, tx: Db, now: Date, graceMs: number) {
  const ids = await lockDueCheckIns(tx, now, PLAN_BATCH);
  if (ids.length === 0) return { locked: 0, sent: 0 };
  const checkIns = await checkInsToPlan(tx, ids);
  const occurrences: NewOccurrence[] = [];
  const sellersOf = new Map<number, { id: number; channelId: string }[]>();
  const states: { id: number; status: "active" | "ended"; nextRunAt: Date | null }[] = [];
  for (const checkIn of checkIns) {
    if (isFinalStage(checkIn.tender.stage)) {
      states.push({ id: checkIn.id, status: "ended", nextRunAt: null });
      continue;
    }
    const { rows, plan, sellers } = occurrencesOf(checkIn, now, graceMs);
    if (plan.truncated)
      deps.logger.warn(
        { checkIn: checkIn.id },
        "a long downtime: runs before the grace period were let go unrecorded",
      );
    occurrences.push(...rows);
    sellersOf.set(checkIn.id, sellers);
    states.push({ id: checkIn.id, status: plan.nextRunAt ? "active" : "ended", nextRunAt: plan.nextRunAt });
  }
  await setCheckInStates(tx, states);
  const recorded = await insertOccurrences(tx, occurrences);
  const byId = new Map(checkIns.map((checkIn) => [checkIn.id, checkIn]));
  const sent = recorded.filter((occurrence) => occurrence.status === "sent");
  const deliveries = sent.flatMap((occurrence) => {
    const checkIn = byId.get(occurrence.checkInId);
    const { digestAt } = occurrence;
    if (!checkIn || !digestAt) return [];
    return deliveriesOf(
      checkIn,
      { id: occurrence.id, dueAt: occurrence.dueAt, digestAt },
      sellersOf.get(checkIn.id) ?? [],
    );
  });
  await deps.outbox.enqueue(tx, deliveries);
  return { locked: ids.length, sent: sent.length };
}
