import type { Db } from "../../db/client.js";
import { transaction } from "../../db/transaction.js";
import { requireMember, speaksForSeller } from "../../kernel/access.js";
import { actorOf } from "../../kernel/actor.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { type Author, authorOf } from "../../kernel/people.js";
import type { DeletedMessage, EditedMessage, PostedMessage } from "../../slack/messages.js";
import { findThreadIn, type Requirement, requirementById, type Thread } from "../requirements/index.js";
import { questionsClosedOn, tenderById } from "../tenders/index.js";
import { REPLY_MIRROR, REPLY_MIRROR_UPDATE } from "./deliveries.js";
import {
  answersPrivately,
  kindAfterEdit,
  type ReplyKind,
  replyKind,
  type SellerInputKind,
  type SellerInputOrigin,
} from "./domain.js";
import {
  findReply,
  markDeleted,
  markLate,
  recordEdit,
  type StoredIn,
  type StoredReply,
  storeInThread,
} from "./repository.js";
import {
  NOT_IN_REQUIREMENT_CHANNEL,
  NOT_YOUR_SELLER,
  questionsClosedText,
  REQUIREMENT_GONE,
  requirementWithdrawnText,
  sellerInputPost,
} from "./views.js";

/** A buyer's person's message in a seller's requirement thread during a quiet stage, just stored. */
export interface PrivateAnswer {
  replyId: number;
  tenderId: number;
  requirementId: number;
  sellerId: number;
  /** The seller channel and the requirement's thread the message is in. */
  channelId: string;
  threadTs: string;
  /** Who wrote it. */
  userId: string;
}

/**
 * What a feature above replies does with a private answer (the clarifications ask its author to
 * publish it to all sellers), in a transaction of its own right after the reply is stored. Called
 * again when the message is worked again, so it must change nothing the second time.
 */
export type PrivateAnswerHook = (tx: Db, answer: PrivateAnswer) => Promise<void>;

/** When a message was posted: its Slack ts is the moment in seconds. */
function postedAt(ts: string): Date | undefined {
  const seconds = Number(ts);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}

/** Queues a reply's copy for the team's thread; named by the message, so queuing it again is harmless. */
async function queueMirror(
  deps: Deps,
  thread: Pick<Thread, "tenderId" | "requirementId" | "sellerId" | "teamChannelId">,
  message: { channelId: string; ts: string },
): Promise<void> {
  await deps.outbox.enqueue(deps.db, [
    REPLY_MIRROR.create([message.channelId, message.ts], {
      tenderId: thread.tenderId,
      requirementId: thread.requirementId,
      sellerId: thread.sellerId,
      channelId: thread.teamChannelId,
      payload: { channelId: message.channelId, ts: message.ts },
    }),
  ]);
}

/**
 * Stores a message of a requirement thread (one statement: the thread, the reply, the questions a
 * buyer's answer answers) and queues its mirror. The two are not one transaction: when the app dies
 * between them the inbox works the event again, the reply is there already and the mirror, named
 * by the message, is queued then. Null when the message is in no requirement thread.
 */
async function storeReply(
  deps: Deps,
  message: {
    channelId: string;
    ts: string;
    threadTs: string;
    text: string;
    markup: string | null;
    kind: ReplyKind;
  },
  author: Author,
): Promise<StoredIn | null> {
  const now = new Date();
  const stored = await storeInThread(
    deps.db,
    {
      ...message,
      userId: author.userId,
      userTeamId: author.teamId,
      authorName: author.name,
      fromSeller: author.fromSeller,
    },
    now,
  );
  if (!stored) return null;
  // Rare, so not on the hot path's one statement; marked before the mirror is queued, which shows it.
  // Asked when Slack says the message was posted, so working it again later judges it the same.
  const askedAt = postedAt(message.ts) ?? now;
  if (author.fromSeller && message.kind === "question" && questionsClosedOn(stored, askedAt))
    await markLate(deps.db, message.channelId, message.ts);
  await queueMirror(deps, stored, message);
  return stored;
}

/** Hands a buyer's private answer in the quiet period to the hooks, in one transaction. */
async function handOverPrivateAnswer(
  deps: Deps,
  hooks: PrivateAnswerHook[],
  stored: StoredIn,
  message: PostedMessage,
): Promise<void> {
  // Stored by an earlier attempt that died before its hooks ran: found by its message.
  const replyId = stored.replyId ?? (await findReply(deps.db, message.channelId, message.ts))?.id;
  if (replyId === undefined || hooks.length === 0) return;
  const answer: PrivateAnswer = {
    replyId,
    tenderId: stored.tenderId,
    requirementId: stored.requirementId,
    sellerId: stored.sellerId,
    channelId: message.channelId,
    threadTs: message.threadTs,
    userId: message.userId,
  };
  await transaction(deps.db, async (tx) => {
    for (const hook of hooks) await hook(tx, answer);
  });
}

/** A person's message in a requirement thread of a seller channel; any other message is none of ours. */
export async function captureReply(
  deps: Deps,
  message: PostedMessage,
  hooks: PrivateAnswerHook[],
): Promise<void> {
  const author = await authorOf(deps, message.userId, message.userTeamId);
  const stored = await storeReply(
    deps,
    { ...message, kind: replyKind(author.fromSeller, message.text) },
    author,
  );
  if (stored && answersPrivately(author.fromSeller, stored.stage))
    await handOverPrivateAnswer(deps, hooks, stored, message);
}

function mirrorUpdate(reply: StoredReply, change: string) {
  return REPLY_MIRROR_UPDATE.create([reply.id, change], {
    tenderId: reply.requirement.tenderId,
    requirementId: reply.requirementId,
    sellerId: reply.sellerId,
    channelId: reply.requirement.tender.teamChannelId,
    payload: { replyId: reply.id },
  });
}

export async function captureEdit(deps: Deps, edit: EditedMessage): Promise<void> {
  const reply = await findReply(deps.db, edit.channelId, edit.ts);
  // Unfurls and new thread replies also "change" a message; only a new text is an edit.
  if (!reply || reply.deleted || reply.text === edit.text) return;
  await transaction(deps.db, async (tx) => {
    const editId = await recordEdit(tx, reply.id, {
      earlierText: reply.text,
      text: edit.text,
      markup: edit.markup,
      kind: kindAfterEdit(reply, edit.text),
    });
    await deps.outbox.enqueue(tx, [mirrorUpdate(reply, `edit:${editId}`)]);
  });
}

export async function captureDeletion(deps: Deps, deletion: DeletedMessage): Promise<void> {
  const reply = await findReply(deps.db, deletion.channelId, deletion.ts);
  if (!reply) return;
  await transaction(deps.db, async (tx) => {
    if (await markDeleted(tx, reply.id)) await deps.outbox.enqueue(tx, [mirrorUpdate(reply, "deleted")]);
  });
}

/**
 * Why a question may not be asked on the requirement now: questions closed on the tender's
 * questions-due date (the owners reopen them by moving it). Undefined while they are open.
 */
export async function questionsClosedFor(deps: Deps, requirementId: number): Promise<string | undefined> {
  const requirement = await requirementById(deps.db, requirementId);
  if (!requirement) return undefined;
  const tender = await tenderById(deps, requirement.tenderId);
  const closedOn = questionsClosedOn(tender, new Date());
  return closedOn ? questionsClosedText(tender.number, closedOn) : undefined;
}

/**
 * The seller buttons work only where the requirement was posted: the click's channel must hold the
 * requirement's thread, which also keeps a seller out of every other seller's requirements.
 */
export async function threadForSellerInput(
  deps: Deps,
  person: { userId: string; teamId: string | undefined },
  kind: SellerInputKind,
  requirementId: number | undefined,
  channelId: string | undefined,
): Promise<{ thread: Thread; requirement: Requirement }> {
  const requirement = requirementId === undefined ? null : await requirementById(deps.db, requirementId);
  if (!requirement) throw new TenderError("not_found", REQUIREMENT_GONE);
  const thread = channelId ? await findThreadIn(deps.db, requirement.id, channelId) : null;
  if (!thread) throw new TenderError("forbidden", NOT_IN_REQUIREMENT_CHANNEL);
  // The person, not the button, decides: that seller's own people, or the tender's team.
  const actor = await actorOf(deps, person.userId, person.teamId);
  const tender = await tenderById(deps, thread.tenderId);
  if (actor.side === "buyer") {
    requireMember(tender, actor.userId, "write in a seller's thread");
  } else if (!speaksForSeller({ slackTeamId: thread.sellerTeamId }, actor.teamId, deps.installation.teamId)) {
    throw new TenderError("forbidden", NOT_YOUR_SELLER);
  }
  if (requirement.status !== "open")
    throw new TenderError("invalid_input", requirementWithdrawnText(requirement.number));
  const closedOn = kind === "question" ? questionsClosedOn(tender, new Date()) : undefined;
  if (closedOn) throw new TenderError("invalid_input", questionsClosedText(tender.number, closedOn));
  return { thread, requirement };
}

/**
 * Posts what the person wrote in the form into the requirement's thread, attributed to them, and
 * stores it as their reply. The app's own post comes back as a message event, which is ignored as
 * the bot's, so the reply is stored once.
 */
export async function postSellerInput(
  deps: Deps,
  input: { origin: SellerInputOrigin; userId: string; userTeamId: string | undefined; text: string },
): Promise<void> {
  const { origin } = input;
  const { thread } = await threadForSellerInput(
    deps,
    { userId: input.userId, teamId: input.userTeamId },
    origin.kind,
    origin.requirementId,
    origin.channelId,
  );
  const author = await authorOf(deps, input.userId, input.userTeamId);
  const organisation = author.fromSeller ? thread.sellerName : deps.installation.teamName;
  const ts = await deps.slack.post(thread.channelId, {
    text: sellerInputPost(origin.kind, author.name, organisation, input.text),
    threadTs: thread.ts,
  });
  await storeReply(
    deps,
    {
      channelId: thread.channelId,
      ts,
      threadTs: thread.ts,
      kind: origin.kind,
      text: input.text,
      markup: null,
    },
    author,
  );
}
