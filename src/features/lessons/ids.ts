/**
 * Block Kit ids of the lessons feature, shared by builders, listeners and tests. A form's block ids
 * are the names of the fields its schema validates, so errors land on the right block.
 */

/** "Share a lesson learned" on the seller welcome and on requirement posts; value: a requirement id or "". */
export const SHARE_LESSON_BUTTON = "lesson_share";

/** "Lessons shared here" on the seller welcome: the library as this channel may see it. */
export const BROWSE_LESSONS_BUTTON = "lesson_browse";

/** "Next" under a page of search results; value: the query and the page to show. */
export const NEXT_LESSONS_BUTTON = "lesson_next_page";

/** The message shortcut "Save as lesson learned" (manifest.json `features.shortcuts`). */
export const SAVE_MESSAGE_SHORTCUT = "lesson_save_message";

export const LESSON_FORM = {
  callbackId: "lesson_capture",
  title: { block: "title", action: "title_input" },
  situation: { block: "situation", action: "situation_input" },
  lesson: { block: "lesson", action: "lesson_input" },
  recommendation: { block: "recommendation", action: "recommendation_input" },
  impact: { block: "impact", action: "impact_input" },
  requirement: { block: "requirementId", action: "requirement_select" },
  tags: { block: "tags", action: "tags_input" },
} as const;

/**
 * Outbox kinds: a lesson's card (where captured, and its mirror), a seller's thank-you note, and
 * the cards brought up to date once the lesson is applied in a revision.
 */
export const DELIVERY = {
  card: "lesson_card",
  thanks: "lesson_thanks",
  cardUpdate: "lesson_card_update",
} as const;
