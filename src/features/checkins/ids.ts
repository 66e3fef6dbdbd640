/**
 * Block Kit ids of the check-ins feature, shared by builders, listeners and tests. A form's block
 * ids are the names of the fields its schema validates, so errors land on the right block.
 */

export const CHECKIN_FORM = {
  callbackId: "checkin_schedule",
  cadence: { block: "cadence", action: "cadence_select" },
  day: { block: "day", action: "day_select" },
  time: { block: "time", action: "time_select" },
  cron: { block: "cron", action: "cron_input" },
  timezone: { block: "timezone", action: "timezone_input" },
  sellers: { block: "sellers", action: "sellers_select" },
  prompt: { block: "prompt", action: "prompt_input" },
  endsOn: { block: "endsOn", action: "ends_on_select" },
} as const;

/** The nudge's buttons; value: the occurrence id. "Share a lesson learned" is the lessons feature's. */
export const SHARE_UPDATE_BUTTON = "checkin_update";
export const PROPOSE_MEETING_BUTTON = "checkin_meeting";
export const NOTHING_NEW_BUTTON = "checkin_nothing_new";

export const UPDATE_FORM = {
  callbackId: "checkin_update_form",
  text: { block: "text", action: "text_input" },
} as const;

export const MEETING_FORM = {
  callbackId: "checkin_meeting_form",
  day: { block: "day", action: "day_select" },
  time: { block: "time", action: "time_select" },
  agenda: { block: "agenda", action: "agenda_input" },
} as const;

/** The "Share a lesson learned" button's value on a nudge: `occurrence:<id>`. */
export const OCCURRENCE_VALUE_PREFIX = "occurrence:";

/** Outbox kinds: the nudge in a seller channel, its notice in the team channel, answer mirrors, the digest. */
export const DELIVERY = {
  nudge: "checkin_nudge",
  team: "checkin_team",
  mirror: "checkin_answer_mirror",
  digest: "checkin_digest",
} as const;

export function occurrenceKey(checkInId: number, dueAt: Date): string {
  return `checkin:${checkInId}:${dueAt.toISOString()}`;
}
