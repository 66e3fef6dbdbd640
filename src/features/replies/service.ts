import { transaction } from "../../db/transaction.js";
import { requireMember, speaksForSeller } from "../../kernel/access.js";
import { actorOf } from "../../kernel/actor.js";
import type { Deps } from "../../kernel/deps.js";
import { TenderError } from "../../kernel/errors.js";
import { type Author, authorOf } from "../../kernel/people.js";
import { slackErrorCode } from "../../slack/errors.js";
import type { DeletedMessage, EditedMessage, PostedMessage } from "../../slack/messages.js";
import { findThreadIn, type Requirement, requirementById, type Thread } from "../requirements/index.js";
import { tenderById } from "../tenders/index.js";
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
  markDeleted,
  recordEdit,
  type StoredIn,
  type StoredReply,
  storeInThread,
} from "./repository.js";
import {
  NOT_IN_REQUIREMENT_CHANNEL,
  NOT_YOUR_SELLER,
  quietPeriodReminder,
  REQUIREMENT_GONE,
  requirementWithdrawnText,
  sellerInputPost,
} from "./views.js";

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
  const stored = await storeInThread(
    deps.db,
    {
      ...message,
      userId: author.userId,
      userTeamId: author.teamId,
      authorName: author.name,
      fromSeller: author.fromSeller,
    },
    new Date(),
  );
  if (stored) await queueMirror(deps, stored, message);
  return stored;
}

async function remindQuietPeriod(
  deps: Deps,
  thread: Pick<Thread, "tenderNumber" | "stage" | "requirementNumber" | "channelId" | "ts">,
  userId: string,
): Promise<void> {
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
  const author = await authorOf(deps, message.userId, message.userTeamId);
  const stored = await storeReply(
    deps,
    { ...message, kind: replyKind(author.fromSeller, message.text) },
    author,
  );
  if (stored?.replyId && needsQuietPeriodReminder(author.fromSeller, stored.stage)) {
    await remindQuietPeriod(
      deps,
      { ...stored, channelId: message.channelId, ts: message.threadTs },
      author.userId,
    );
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
 * The seller buttons work only where the requirement was posted: the click's channel must hold the
 * requirement's thread, which also keeps a seller out of every other seller's requirements.
 */
export async function threadForSellerInput(
  deps: Deps,
  person: { userId: string; teamId: string | undefined },
  requirementId: number | undefined,
  channelId: string | undefined,
): Promise<{ thread: Thread; requirement: Requirement }> {
  const requirement = requirementId === undefined ? null : await requirementById(deps.db, requirementId);
  if (!requirement) throw new TenderError("not_found", REQUIREMENT_GONE);
  const thread = channelId ? await findThreadIn(deps.db, requirement.id, channelId) : null;
  if (!thread) throw new TenderError("forbidden", NOT_IN_REQUIREMENT_CHANNEL);
  // The person, not the button, decides: that seller's own people, or the tender's team.
  const actor = await actorOf(deps, person.userId, person.teamId);
  if (actor.side === "buyer") {
    requireMember(await tenderById(deps, thread.tenderId), actor.userId, "write in a seller's thread");
  } else if (!speaksForSeller({ slackTeamId: thread.sellerTeamId }, actor.teamId, deps.installation.teamId)) {
    throw new TenderError("forbidden", NOT_YOUR_SELLER);
  }
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
  const { thread } = await threadForSellerInput(
    deps,
    { userId: input.userId, teamId: input.userTeamId },
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
