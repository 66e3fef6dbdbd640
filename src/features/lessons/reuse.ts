import { recordAudit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import type { Deps } from "../../kernel/deps.js";
import { lessonRef, requirementRef, tenderRef } from "../../kernel/refs.js";
import { LESSON_CARD_UPDATE, LESSON_THANKS } from "./deliveries.js";
import {
  applicationsOf,
  insertApplications,
  lessonIdsOfRequirement,
  lessonsAmong,
  lessonsByIds,
  searchLessonIds,
} from "./repository.js";
import { thanksText } from "./views.js";

/** Slack shows at most 100 options in a menu. */
const LESSON_CHOICES_MAX = 100;
const SEARCH_HITS = 20;

export interface LessonChoice {
  id: number;
  title: string;
  organisation: string;
}

/** Any word of the title may match: `websearch_to_tsquery` reads `or` between words. */
function anyWordOf(title: string): string {
  return (title.match(/[\p{L}\p{N}]{2,}/gu) ?? []).slice(0, 20).join(" or ");
}

/**
 * The lessons a revision may credit: those linked to the requirement, then the best search hits on
 * its title among the workspace's lessons (the buyer's people see them all).
 */
export async function lessonChoicesFor(
  deps: Deps,
  requirement: { id: number; title: string },
): Promise<LessonChoice[]> {
  const linked = await lessonIdsOfRequirement(deps.db, requirement.id, LESSON_CHOICES_MAX);
  const words = anyWordOf(requirement.title);
  const hits = words
    ? await searchLessonIds(deps.db, {
        installationId: deps.installation.id,
        text: words,
        limit: SEARCH_HITS,
        offset: 0,
      })
    : [];
  const ids = [...new Set([...linked, ...hits])].slice(0, LESSON_CHOICES_MAX);
  const lessons = await lessonsByIds(deps.db, ids);
  return lessons.map(({ id, title, organisation }) => ({ id, title, organisation }));
}

/**
 * Records the lessons a revision applied (each in the audit trail of its tender) and queues a thank-you
 * in the channel of each seller whose lesson it was; in the revision's transaction. Returns the ids credited.
 */
export async function applyLessons(
  deps: Deps,
  db: Db,
  application: {
    installationId: number;
    tenderNumber: number;
    requirementId: number;
    requirementNumber: number;
    version: number;
    lessonIds: number[];
    actorUserId: string;
  },
): Promise<number[]> {
  const lessons = await lessonsAmong(db, application.installationId, application.lessonIds);
  const { requirementId, version } = application;
  await insertApplications(
    db,
    lessons.map((lesson) => ({
      lessonId: lesson.id,
      requirementId,
      version,
      createdBy: application.actorUserId,
    })),
  );
  // In the trail of the lesson's own tender, which may be another than the revised requirement's.
  for (const lesson of lessons)
    await recordAudit(db, {
      tenderId: lesson.tenderId,
      actorUserId: application.actorUserId,
      action: "lesson.applied",
      detail: {
        lesson: lessonRef(lesson.id),
        tender: tenderRef(application.tenderNumber),
        requirement: requirementRef(application.requirementNumber),
        version,
      },
    });
  await deps.outbox.enqueue(db, [
    ...lessons.map((lesson) =>
      LESSON_CARD_UPDATE.create([lesson.id, requirementId, version], {
        tenderId: lesson.tenderId,
        channelId: lesson.channelId,
        payload: { lessonId: lesson.id },
      }),
    ),
    ...lessons.flatMap((lesson) =>
      lesson.fromSeller && lesson.seller
        ? [
            LESSON_THANKS.create([lesson.id, requirementId, version], {
              tenderId: lesson.tenderId,
              sellerId: lesson.seller.id,
              channelId: lesson.seller.channelId,
              payload: { text: thanksText(lesson, application.requirementNumber, version) },
            }),
          ]
        : [],
    ),
  ]);
  return lessons.map((lesson) => lesson.id);
}

/** The lessons applied in each version of a requirement, for its history. */
export async function lessonsAppliedIn(db: Db, requirementId: number) {
  const rows = await applicationsOf(db, requirementId);
  return rows.map((row) => ({ version: row.version, ...row.lesson }));
}
