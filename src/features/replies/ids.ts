/**
 * Ids of the replies feature. "Answer all sellers" sits on a seller's question mirrored in the team
 * channel (value: the Reply id); the clarification it opens lives with the requirements, which own
 * the id, so both features name the same button.
 */
export { ANSWER_ALL_BUTTON } from "../requirements/ids.js";

/** Outbox kinds: a reply's copy in the team channel's thread, and its later edits and deletion. */
export const DELIVERY = {
  mirror: "reply_mirror",
  mirrorUpdate: "reply_mirror_update",
} as const;
