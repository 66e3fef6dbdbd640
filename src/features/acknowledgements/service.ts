import type { KnownBlock } from "@slack/types";
import { recordAudit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import { transaction } from "../../db/transaction.js";
import type { NoticeKind } from "../../generated/prisma/enums.js";
import { requireOwner, speaksForSeller } from "../../kernel/access.js";
import { actorOf } from "../../kernel/actor.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { placeOf, receivesNewPosts, type StatusNotesOf, tenderById } from "../tenders/index.js";
import { acknowledgedCopyUpdate, boardPost, boardRefresh, reminder } from "./deliveries.js";
import { isPending, nextReminderAt, REMIND_EVERY_MS } from "./domain.js";
import { acknowledgeBlockId } from "./ids.js";
import {
  acknowledgeReceipt,
  addReceipts,
  findNotice,
  findNoticeIdByKey,
  findReceipt,
  insertNotice,
  markReminded,
  type Notice,
  noticeIdsByKeys,
  pendingOfSeller,
  pendingOfTender,
  receiptCount,
  sellerWithTeam,
} from "./repository.js";
import {
  acknowledgedAnswer,
  alreadyAcknowledged,
  BUYER_ACKNOWLEDGES,
  NOBODY_PENDING,
  NOT_A_SELLER_CHANNEL,
  NOT_YOUR_CHANNEL,
  NOTICE_GONE,
  OTHER_TENDER,
  pendingNote,
  remindedAnswer,
  remindTooSoon,
} from "./views.js";

/**
 * Asks every given seller to acknowledge a change; returns the notice id (the existing one when
 * `key` was asked before, so a replay asks nothing twice). Queues the team channel's board.
 */
export async function askAcknowledgement(
  deps: Deps,
  tx: Db,
  notice: {
    tenderId: number;
    teamChannelId: string;
    /** Unique per change, e.g. `revision:${requirementId}:v${version}`. */
    key: string;
    kind: NoticeKind;
    /** Plain text, e.g. "R-3 revised to v2". */
    subject: string;
    requirementId?: number;
    createdBy: string;
    /** The sellers that get the change (the active ones). */
    sellerIds: number[];
  },
): Promise<number> {
  const { sellerIds, teamChannelId, ...row } = notice;
  const team = { tenderId: notice.tenderId, teamChannelId };
  const earlier = await findNoticeIdByKey(tx, notice.key);
  const id = earlier ?? (await insertNotice(tx, row));
  const added = await addReceipts(tx, id, sellerIds);
  if (earlier === undefined) await deps.outbox.enqueue(tx, [boardPost(id, team)]);
  else if (added > 0)
    await deps.outbox.enqueue(tx, [boardRefresh(id, team, `receipts:${await receiptCount(tx, id)}`)]);
  return id;
}

/**
 * A seller that gets earlier changes late (a clarification, with the requirement it was invited
 * to later) is asked too, when it gets what is new; returns the ids of the notices asked, by key.
 */
export async function askLateSeller(
  deps: Deps,
  tx: Db,
  sellerId: number,
  keys: string[],
): Promise<Map<string, number>> {
  const ids = await noticeIdsByKeys(tx, keys);
  if (ids.size === 0) return ids;
  const seller = await sellerWithTeam(tx, sellerId);
  if (!seller || !receivesNewPosts(seller)) return ids;
  const team = { tenderId: seller.tender.id, teamChannelId: seller.tender.teamChannelId };
  for (const id of ids.values()) {
    if ((await addReceipts(tx, id, [sellerId])) > 0)
      await deps.outbox.enqueue(tx, [boardRefresh(id, team, `seller:${sellerId}`)]);
  }
  return ids;
}

/**
 * A seller's notices still waiting for its acknowledgement (a later proposals feature refuses a
 * proposal while any is pending).
 */
export async function pendingAcknowledgements(
  db: Db,
  tenderId: number,
  sellerId: number,
): Promise<{ id: number; subject: string; createdAt: Date }[]> {
  return pendingOfSeller(db, tenderId, sellerId);
}

/** For `/tender status`: each seller's pending acknowledgements. */
export const acknowledgementNotes: StatusNotesOf = async (deps, tender) => {
  const subjects = new Map<number, string[]>();
  for (const { sellerId, notice } of await pendingOfTender(deps.db, tender.id))
    subjects.set(sellerId, [...(subjects.get(sellerId) ?? []), notice.subject]);
  return { sellers: new Map([...subjects].map(([sellerId, pending]) => [sellerId, [pendingNote(pending)]])) };
};

export interface Press {
  noticeId: number;
  user: { id: string; teamId: string | undefined };
  channelId: string | undefined;
  /** The message pressed on, as Slack sent it: updated in place once acknowledged. */
  message: { ts: string; text: string; blocks: KnownBlock[] } | undefined;
}

/** The notice and the seller whose channel the press is in, for that seller's own people only. */
async function pressedBySeller(deps: Deps, press: Press) {
  const notice = await findNotice(deps.db, press.noticeId);
  if (!notice) throw new TenderError("not_found", NOTICE_GONE);
  const actor = await actorOf(deps, press.user.id, press.user.teamId);
  if (actor.side === "buyer") throw new TenderError("forbidden", BUYER_ACKNOWLEDGES);
  const place = press.channelId ? await placeOf(deps, press.channelId) : null;
  if (!place?.seller) throw new TenderError("forbidden", NOT_A_SELLER_CHANNEL);
  if (place.tender.id !== notice.tenderId) throw new TenderError("forbidden", OTHER_TENDER);
  if (!speaksForSeller(place.seller, actor.teamId, deps.installation.teamId))
    throw new TenderError("forbidden", NOT_YOUR_CHANNEL);
  return { notice, tender: place.tender, seller: { ...place.seller, channelId: place.channelId } };
}

/**
 * "Acknowledge": the first press by the seller's people records who and when; the pressed copy
 * and the team's board are brought up to date. A later press changes nothing.
 */
export async function acknowledge(deps: Deps, press: Press): Promise<string> {
  const { notice, tender, seller } = await pressedBySeller(deps, press);
  const team = { tenderId: tender.id, teamChannelId: tender.teamChannelId };
  const { message } = press;
  const counted = await transaction(deps.db, async (tx) => {
    // A seller that got the change later than the others has no receipt yet.
    await addReceipts(tx, notice.id, [seller.id]);
    if (!(await acknowledgeReceipt(tx, notice.id, seller.id, press.user.id, new Date()))) return false;
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId: press.user.id,
      action: "notice.acknowledged",
      detail: { notice: notice.id, subject: notice.subject, seller: seller.name },
    });
    const onCopy = message?.blocks.some((block) => block.block_id === acknowledgeBlockId(notice.id));
    await deps.outbox.enqueue(tx, [
      ...(message && onCopy ? [acknowledgedCopyUpdate(notice.id, tender.id, seller, message)] : []),
      boardRefresh(notice.id, team, `seller:${seller.id}:acknowledged`),
    ]);
    return true;
  });
  if (counted) return acknowledgedAnswer(notice);
  const receipt = await findReceipt(deps.db, notice.id, seller.id);
  return receipt ? alreadyAcknowledged(notice, receipt) : acknowledgedAnswer(notice);
}

function tooSoon(notice: Pick<Notice, "remindedAt">, now: Date): TenderError | undefined {
  const next = nextReminderAt(notice.remindedAt, now);
  return notice.remindedAt && next
    ? new TenderError("conflict", remindTooSoon(notice.remindedAt, next))
    : undefined;
}

/** "Remind pending sellers": for the tender's owners, at most once a day per notice. */
export async function remindPending(deps: Deps, userId: string, noticeId: number): Promise<string> {
  const notice = await findNotice(deps.db, noticeId);
  if (!notice) throw new TenderError("not_found", NOTICE_GONE);
  const tender = await tenderById(deps, notice.tenderId);
  requireOwner(tender, userId, "remind sellers to acknowledge changes");
  const pending = notice.receipts.filter((receipt) => isPending(receipt) && receivesNewPosts(receipt.seller));
  if (pending.length === 0) throw new TenderError("conflict", NOBODY_PENDING);
  const now = new Date();
  const early = tooSoon(notice, now);
  if (early) throw early;
  const reminded = await transaction(deps.db, async (tx) => {
    if (!(await markReminded(tx, notice.id, now, new Date(now.getTime() - REMIND_EVERY_MS)))) return false;
    await recordAudit(tx, {
      tenderId: tender.id,
      actorUserId: userId,
      action: "notice.reminded",
      detail: { notice: notice.id, subject: notice.subject, sellers: pending.map((r) => r.seller.name) },
    });
    const team = { tenderId: tender.id, teamChannelId: tender.teamChannelId };
    await deps.outbox.enqueue(tx, [
      ...pending.map((receipt) =>
        reminder(notice.id, tender.id, { id: receipt.sellerId, channelId: receipt.seller.channelId }, now),
      ),
      boardRefresh(notice.id, team, `reminded:${now.getTime()}`),
    ]);
    return true;
  });
  if (reminded) return remindedAnswer(pending.length);
  // Another owner reminded meanwhile.
  const again = await findNotice(deps.db, noticeId);
  throw (again && tooSoon(again, now)) ?? new TenderError("conflict", NOBODY_PENDING);
}
