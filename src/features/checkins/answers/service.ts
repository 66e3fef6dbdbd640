import type { Db } from "../../../db/client.js";
import { transaction } from "../../../db/transaction.js";
import { speaksForSeller } from "../../../kernel/access.js";
import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { authorOf } from "../../../kernel/people.js";
import { parseId } from "../../../kernel/refs.js";
import { type NewDelivery, sentMessage } from "../../../outbox/index.js";
import type { PostedMessage } from "../../../slack/messages.js";
import type { LessonAnswerHook } from "../../lessons/index.js";
import type { CheckInAnswerKind } from "../domain.js";
import { OCCURRENCE_VALUE_PREFIX } from "../ids.js";
import {
  answerWithTs,
  findOccurrence,
  insertAnswer,
  type NewAnswer,
  type Occurrence,
} from "../repository.js";
import { CHECKIN_PROMPT } from "../runs/deliveries.js";
import { CHECKIN_ANSWER_MIRROR } from "./deliveries.js";
import { answerPost, NOT_YOUR_CHECKIN, OCCURRENCE_GONE } from "./views.js";

export interface Answerer {
  userId: string;
  userTeamId: string | undefined;
}

/**
 * Who may answer a check-in: the seller's people in that seller's channel, and only when the
 * check-in went to that seller. Returns the run and the seller.
 */
export async function answerContext(
  deps: Deps,
  occurrenceId: number | undefined,
  channelId: string | undefined,
  user: Answerer,
): Promise<{ occurrence: Occurrence; seller: Occurrence["checkIn"]["tender"]["sellers"][number] }> {
  const occurrence = occurrenceId === undefined ? null : await findOccurrence(deps.db, occurrenceId);
  if (!occurrence) throw new TenderError("not_found", OCCURRENCE_GONE);
  const seller = occurrence.checkIn.tender.sellers.find((s) => s.channelId === channelId);
  // The buyer's people answer in the thread; the buttons speak for the seller.
  if (
    !seller ||
    !occurrence.sellerIds.includes(seller.id) ||
    !speaksForSeller(seller, user.userTeamId, deps.installation.teamId)
  )
    throw new TenderError("forbidden", NOT_YOUR_CHECKIN);
  return { occurrence, seller };
}

/** Stores an answer and queues its mirror under the run's notice in the team channel. */
async function storeAnswer(deps: Deps, tx: Db, occurrence: Occurrence, answer: NewAnswer): Promise<void> {
  const { id } = await insertAnswer(tx, answer);
  const { tender } = occurrence.checkIn;
  const mirror: NewDelivery = CHECKIN_ANSWER_MIRROR.create([id], {
    tenderId: tender.id,
    channelId: tender.teamChannelId,
    payload: { answerId: id },
  });
  await deps.outbox.enqueue(tx, [mirror]);
}

/**
 * Posts the answer in the prompt's thread, attributed to its author and organisation, stores it and
 * queues its mirror for the team.
 */
export async function answerCheckIn(
  deps: Deps,
  request: {
    occurrenceId: number | undefined;
    channelId: string | undefined;
    threadTs: string | undefined;
    user: Answerer;
    kind: Exclude<CheckInAnswerKind, "lesson">;
    text: string;
  },
): Promise<void> {
  const { occurrence, seller } = await answerContext(
    deps,
    request.occurrenceId,
    request.channelId,
    request.user,
  );
  const author = await deps.slack.user(request.user.userId);
  const ts = await deps.slack.post(seller.channelId, {
    text: answerPost(request.kind, author.name, seller.name, request.text),
    ...(request.threadTs ? { threadTs: request.threadTs } : {}),
  });
  await transaction(deps.db, (tx) =>
    storeAnswer(deps, tx, occurrence, {
      occurrenceId: occurrence.id,
      sellerId: seller.id,
      kind: request.kind,
      text: request.text,
      userId: request.user.userId,
      userTeamId: request.user.userTeamId ?? author.teamId,
      authorName: author.name,
      ts,
    }),
  );
}

/**
 * A lesson shared from a prompt (its button's value `occurrence:<id>`) counts as the seller's
 * answer to that run; recorded in the lesson's transaction.
 */
export function lessonAnswers(deps: Deps): LessonAnswerHook {
  return async (tx, answer) => {
    if (!answer.answers.startsWith(OCCURRENCE_VALUE_PREFIX)) return;
    const occurrenceId = parseId(answer.answers.slice(OCCURRENCE_VALUE_PREFIX.length));
    const occurrence = occurrenceId === undefined ? null : await findOccurrence(tx, occurrenceId);
    if (!occurrence?.sellerIds.includes(answer.sellerId)) return;
    await storeAnswer(deps, tx, occurrence, {
      occurrenceId: occurrence.id,
      sellerId: answer.sellerId,
      kind: "lesson",
      text: answer.title,
      lessonId: answer.lessonId,
      userId: answer.author.userId,
      userTeamId: answer.author.teamId,
      authorName: answer.author.name,
    });
    deps.logger.debug(
      { occurrence: occurrence.id, lesson: answer.lessonId },
      "lesson recorded as a check-in answer",
    );
  };
}

/**
 * A seller's message typed in a prompt's thread is an update like one shared with the button:
 * stored once (a redelivered event finds it by ts) and mirrored to the team. The buyer's own
 * messages there are conversation, not answers.
 */
export async function captureCheckInReply(deps: Deps, message: PostedMessage): Promise<void> {
  const prompt = await sentMessage(deps.db, CHECKIN_PROMPT, {
    channelId: message.channelId,
    ts: message.threadTs,
  });
  if (!prompt?.sellerId || !message.text.trim()) return;
  const { occurrenceId } = prompt.payload;
  if (await answerWithTs(deps.db, occurrenceId, message.ts)) return;
  const author = await authorOf(deps, message.userId, message.userTeamId);
  if (!author.fromSeller) return;
  const occurrence = await findOccurrence(deps.db, occurrenceId);
  if (!occurrence) return;
  const sellerId = prompt.sellerId;
  await transaction(deps.db, (tx) =>
    storeAnswer(deps, tx, occurrence, {
      occurrenceId: occurrence.id,
      sellerId,
      kind: "update",
      text: message.text,
      userId: author.userId,
      userTeamId: author.teamId,
      authorName: author.name,
      ts: message.ts,
    }),
  );
}
