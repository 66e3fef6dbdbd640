/** How long changes to what a person's Home shows are gathered before it is published once. */
export const REFRESH_EVERY_MS = 5_000;

/** The tenders a Home lists (newest first); more are counted. */
export const TENDERS_SHOWN = 20;
/** Per tender, the oldest unanswered questions shown; more are counted. */
export const QUESTIONS_SHOWN = 3;
/** Check-ins due within this time are listed as needing the buyer. */
export const CHECKIN_HORIZON_MS = 24 * 3_600_000;
/** The sellers a seller's person is shown the overview of (one per tender its organisation is in). */
export const SELLERS_SHOWN = 5;

/** Who looks at a Home: a person of the buyer's workspace, or of a seller's organisation. */
export interface Viewer {
  userId: string;
  teamId: string;
  side: "buyer" | "seller";
}
