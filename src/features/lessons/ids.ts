import { formIds } from "../../slack/modal.js";

/** Block Kit ids of the lessons feature, shared by builders, listeners and tests. */

/**
 * "Share a lesson learned" on the seller welcome, on requirement posts and on check-in prompts;
 * value: a requirement id, what the lesson answers (`occurrence:<id>`), or "".
 */
export const SHARE_LESSON_BUTTON = "lesson_share";

/** "Lessons shared here" on the seller welcome: the library as this channel may see it. */
export const BROWSE_LESSONS_BUTTON = "lesson_browse";

/** "Next" under a page of search results; value: the query and the page to show. */
export const NEXT_LESSONS_BUTTON = "lesson_next_page";

/** The message shortcut "Save as lesson learned" (manifest.json `features.shortcuts`). */
export const SAVE_MESSAGE_SHORTCUT = "lesson_save_message";

export const LESSON_FORM = formIds("lesson_capture", {
  title: "title_input",
  situation: "situation_input",
  lesson: "lesson_input",
  recommendation: "recommendation_input",
  impact: "impact_input",
  requirementId: "requirement_select",
  tags: "tags_input",
});
