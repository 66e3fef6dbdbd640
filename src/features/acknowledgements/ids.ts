/** Block Kit ids of the acknowledgements feature, shared by builders, listeners and tests. */

/** "Acknowledge" on a change posted in a seller channel; value: the notice's id. */
export const ACKNOWLEDGE_BUTTON = "notice_acknowledge";

/** The block that carries "Acknowledge" names its notice, so that the seller's copy is updated in place. */
export function acknowledgeBlockId(noticeId: number): string {
  return `notice_acknowledge:${noticeId}`;
}

/** "Remind pending sellers" on a notice's board in the team channel; value: the notice's id. */
export const REMIND_BUTTON = "notice_remind";
