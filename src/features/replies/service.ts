import { TenderError } from "../../errors.js";
import { enqueue } from "../../outbox/repository.js";
import { slackErrorCode } from "../../slack/errors.js";
import type { SlackUser } from "../../slack/gateway.js";
import { captureCheckInReply, isCheckInThread } from "../checkins/service.js";
import type { Deps } from "../deps.js";
import { findPostByThread, findRequirementById, type Requirement } from "../requirements/repository.js";
import {
  type DeletedMessage,
  type EditedMessage,
  isFromSeller,
  kindAfterEdit,
  needsQuietPeriodReminder,
  type PostedMessage,
  type ReplyKind,
  replyKind,
  type SellerInputOrigin,
} from "./domain.js";
import { DELIVERY } from "./ids.js";
import {
  findReply,
  findThread,
  findThreadInChannel,
  insertReply,
  markDeleted,
  markQuestionsAnswered,
  recordEdit,
  type Thread,
} from "./repository.js";
import {
  NOT_IN_REQUIREMENT_CHANNEL,
  quietPeriodReminder,
  REQUIREMENT_GONE,
  requirementWithdrawnText,
  sellerInputPost,
} from "./views.js";

export function mirrorKey(replyId: number): string {
  return `reply:${replyId}:mirror`;
}

interface Author {
  userId: string;
  teamId: string;
  name: string;
  fromSeller: boolean;
}

/**
 * Who wrote: the organisation from what Slack sent with the message (else from users.info), the
 * name from users.info. When Slack cannot say the name, the reply keeps the person's id instead of
 * being lost.
 */
async function authorOf(deps: Deps, userId: string, teamIdFromSlack: string | undefined): Promise<Author> {
  let person: SlackUser | undefined;
  try {
    person = await deps.slack.user(userId);
  } catch (error) {
    const code = slackErrorCode(error);
    if (!teamIdFromSlack || code === undefined) throw error;
    deps.logger.warn({ user: userId, error: code }, "author's name unknown; the reply keeps their id");
  }
  const teamId = teamIdFromSlack || person?.teamId;
  if (!teamId) throw new Error(`Slack named no organisation for ${userId}`);
  return {
    userId,
    teamId,
    name: person?.name ?? userId,
    fromSeller: isFromSeller(teamId, deps.installation.teamId),
  };
}

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
  const id = await deps.db.$transaction(async (tx) => {
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
    await enqueue(tx, [
      {
        key: mirrorKey(replyId),
        kind: DELIVERY.mirror,
        tenderId: thread.tenderId,
        requirementId: thread.requirementId,
        sellerId: thread.sellerId,
        channelId: thread.teamChannelId,
        payload: { replyId },
      },
    ]);
    return replyId;
  });
  if (id !== null) deps.outbox.kick();
  return id;
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
  const post = await findPostByThread(deps.db, message.channelId, message.threadTs);
  if (!post) {
    if (await isCheckInThread(deps, message))
      await captureCheckInReply(deps, message, await authorOf(deps, message.userId, message.userTeamId));
    return;
  }
  const thread = await findThread(deps.db, post.requirementId, post.sellerId);
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

export async function captureEdit(deps: Deps, edit: EditedMessage): Promise<void> {
  const reply = await findReply(deps.db, edit.channelId, edit.ts);
  // Unfurls and new thread replies also "change" a message; only a new text is an edit.
  if (!reply || reply.deleted || reply.text === edit.text) return;
  await deps.db.$transaction(async (tx) => {
    const editId = await recordEdit(tx, reply.id, {
      earlierText: reply.text,
      text: edit.text,
      kind: kindAfterEdit(reply, edit.text),
    });
    await enqueue(tx, [mirrorUpdate(reply, `reply:${reply.id}:edit:${editId}`)]);
  });
  deps.outbox.kick();
}

export async function captureDeletion(deps: Deps, deletion: DeletedMessage): Promise<void> {
  const reply = await findReply(deps.db, deletion.channelId, deletion.ts);
  if (!reply) return;
  const marked = await deps.db.$transaction(async (tx) => {
    if (!(await markDeleted(tx, reply.id))) return false;
    await enqueue(tx, [mirrorUpdate(reply, `reply:${reply.id}:deleted`)]);
    return true;
  });
  if (marked) deps.outbox.kick();
}

function mirrorUpdate(
  reply: {
    id: number;
    requirementId: number;
    sellerId: number;
    requirement: { tenderId: number; tender: { teamChannelId: string } };
  },
  key: string,
) {
  return {
    key,
    kind: DELIVERY.mirrorUpdate,
    tenderId: reply.requirement.tenderId,
    requirementId: reply.requirementId,
    sellerId: reply.sellerId,
    channelId: reply.requirement.tender.teamChannelId,
    payload: { replyId: reply.id },
  };
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
  const requirement = requirementId === undefined ? null : await findRequirementById(deps.db, requirementId);
  if (!requirement) throw new TenderError("not_found", REQUIREMENT_GONE);
  const thread = channelId ? await findThreadInChannel(deps.db, requirement.id, channelId) : null;
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
