import { formIds } from "../../slack/modal.js";

/** Block Kit ids of the check-ins feature, shared by builders, listeners and tests. */

export const CHECKIN_FORM = formIds("checkin_schedule", {
  cadence: "cadence_select",
  day: "day_select",
  time: "time_select",
  cron: "cron_input",
  timezone: "timezone_input",
  sellers: "sellers_select",
  prompt: "prompt_input",
  endsOn: "ends_on_select",
});

/** The prompt's buttons; value: the run's (occurrence's) id. "Share a lesson learned" is the lessons feature's. */
export const SHARE_UPDATE_BUTTON = "checkin_update";
export const PROPOSE_MEETING_BUTTON = "checkin_meeting";
export const NOTHING_NEW_BUTTON = "checkin_nothing_new";

export const UPDATE_FORM = formIds("checkin_update_form", { text: "text_input" });

export const MEETING_FORM = formIds("checkin_meeting_form", {
  day: "day_select",
  time: "time_select",
  agenda: "agenda_input",
});

/** What a lesson shared from a prompt answers: `occurrence:<id>`, the value of its lesson button. */
export const OCCURRENCE_VALUE_PREFIX = "occurrence:";
