import { transaction } from "../../db/transaction.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { type Author, authorOf } from "../../kernel/people.js";
import { slackErrorCode } from "../../slack/errors.js";
import type { DeletedMessage, EditedMessage, PostedMessage } from "../../slack/messages.js";
import {
  findThreadAt,
  findThreadIn,
  type Requirement,
  requirementById,
  type Thread,
} from "../requirements/index.js";
import { REPLY_MIRROR, REPLY_MIRROR_UPDATE } from "./deliveries.js";
import {
  kindAfterEdit,
  needsQuietPeriodReminder,
  type ReplyKind,
  replyKind,
  type SellerInputOrigin,
} from "./domain.js";
import {
  findReply,
  insertReply,
  markDeleted,
  markQuestionsAnswered,
  recordEdit,
  type StoredReply,
} from "./repository.js";
import {
  NOT_IN_REQUIREMENT_CHANNEL,
  quietPeriodReminder,
  REQUIREMENT_GONE,
  requirementWithdrawnText,
  sellerInputPost,
} from "./views.js";

/**
 * Stores the reply and queues its mirror in one transaction; a buyer's answer also answers the
 * seller questions before it. Null when `(channel, ts)` was stored already.
 */
async function storeReply(
  deps: Deps,
  thread: Thread,
  message: { ts: string; author: Author; kind: ReplyKind; text: string },
): Promise<number | null> {
  const { ts, author, kind, text } = message;
  return transaction(deps.db, async (tx) => {
    const replyId = await insertReply(tx, {
      requirementId: thread.requirementId,
      sellerId: thread.sellerId,
      channelId: thread.channelId,
      ts,
      threadTs: thread.ts,
      userId: author.userId,
      userTeamId: author.teamId,
      authorName: author.name,
      fromSeller: author.fromSeller,
      kind,
      text,
    });
    if (replyId === null) return null;
    if (kind === "answer") {
      await markQuestionsAnswered(
        tx,
        { channelId: thread.channelId, threadTs: thread.ts, beforeTs: ts },
        new Date(),
      );
    }
    await deps.outbox.enqueue(tx, [
      REPLY_MIRROR.create([replyId], {
        tenderId: thread.tenderId,
        requirementId: thread.requirementId,
        sellerId: thread.sellerId,
        channelId: thread.teamChannelId,
        payload: { replyId },
      }),
    ]);
    return replyId;
  });
}

async function remindQuietPeriod(deps: Deps, thread: Thread, userId: string): Promise<void> {
  const text = quietPeriodReminder(thread.tenderNumber, thread.stage, thread.requirementNumber);
  try {
    await deps.slack.postEphemeral(thread.channelId, userId, { text, threadTs: thread.ts });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === undefined) throw error;
    deps.logger.warn(
      { user: userId, channel: thread.channelId, error: code },
      "quiet period reminder not sent",
    );
  }
}

/** A person's message in a requirement thread of a seller channel; any other message is none of ours. */
export async function captureReply(deps: Deps, message: PostedMessage): Promise<void> {
  const thread = await findThreadAt(deps.db, message.channelId, message.threadTs);
  if (!thread) return;
  // Slack may send the same message again under a new event id; no need to ask who wrote it.
  if (await findReply(deps.db, message.channelId, message.ts)) return;
  const author = await authorOf(deps, message.userId, message.userTeamId);
  const id = await storeReply(deps, thread, {
    ts: message.ts,
    author,
    kind: replyKind(author.fromSeller, message.text),
    text: message.text,
  });
  if (id !== null && needsQuietPeriodReminder(author.fromSeller, thread.stage)) {
    await remindQuietPeriod(deps, thread, author.userId);
  }
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
 * The seller buttons work only where the requirement was posted: the click's channel must hold the
 * requirement's thread, which also keeps a seller out of every other seller's requirements.
 */
export async function threadForSellerInput(
  deps: Deps,
  requirementId: number | undefined,
  channelId: string | undefined,
): Promise<{ thread: Thread; requirement: Requirement }> {
  const requirement = requirementId === undefined ? null : await requirementById(deps.db, requirementId);
  if (!requirement) throw new TenderError("not_found", REQUIREMENT_GONE);
  const thread = channelId ? await findThreadIn(deps.db, requirement.id, channelId) : null;
  if (!thread) throw new TenderError("forbidden", NOT_IN_REQUIREMENT_CHANNEL);
  if (requirement.status !== "open")
    throw new TenderError("invalid_input", requirementWithdrawnText(requirement.number));
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
  const { thread } = await threadForSellerInput(deps, origin.requirementId, origin.channelId);
  const author = await authorOf(deps, input.userId, input.userTeamId);
  const organisation = author.fromSeller ? thread.sellerName : deps.installation.teamName;
  const ts = await deps.slack.post(thread.channelId, {
    text: sellerInputPost(origin.kind, author.name, organisation, input.text),
    threadTs: thread.ts,
  });
  await storeReply(deps, thread, { ts, author, kind: origin.kind, text: input.text });
}
