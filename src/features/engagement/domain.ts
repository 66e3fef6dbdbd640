/**
 * How engaged each seller is, from what is stored: its replies and questions, how soon it first
 * replies to a requirement, its check-in answers, its lessons and its acknowledgements.
 */
export interface SellerEngagement {
  sellerId: number;
  name: string;
  /** Messages the seller's people wrote in requirement threads (not deleted). */
  replies: number;
  /** Of which questions. */
  questions: number;
  /**
   * Median over the requirements posted to the seller of the hours from the post to the seller's
   * first reply (one decimal); null when it replied to none.
   */
  medianFirstReplyHours: number | null;
  /** Check-in runs sent to the seller. */
  checkInsAsked: number;
  /** Of which it answered (any answer: update, meeting, nothing new, lesson). */
  checkInsAnswered: number;
  /** Lessons shared in its channel. */
  lessonsShared: number;
  /** Of which applied in a revision. */
  lessonsApplied: number;
  /** Changes it was asked to acknowledge. */
  acknowledgementsAsked: number;
  /** Of which acknowledged within `ACKNOWLEDGED_ON_TIME_DAYS` of being asked. */
  acknowledgedOnTime: number;
}

/** An acknowledgement counts as on time within this many days of the seller being asked. */
export const ACKNOWLEDGED_ON_TIME_DAYS = 2;
