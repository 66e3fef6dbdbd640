import type { Work } from "../slack/work-scope.js";

/** What the inbox tells the rest of the app. */

/** Slack is answered with an error so that it delivers again later; the item was not kept. */
export class InboxRefused extends Error {
  readonly httpStatus = 503;
  constructor(reason: string) {
    super(reason);
    this.name = "InboxRefused";
  }
}

/** What this instance took in and worked since it started, as /healthz shows it. */
export interface InboxFigures {
  /** Kept for the first time. */
  kept: number;
  /** Delivered again after they were kept. */
  redelivered: number;
  /** Answered with an error instead of kept (the database failed, or the app was busy). */
  refused: number;
  worked: number;
  /** Failed at every attempt. */
  failed: number;
  /** Being kept and being worked right now. */
  keeping: number;
  working: number;
}

/** What a listener sees in its `context` when it works an item of the inbox. */
export interface InboxContext {
  inboxItem?: number;
  /** This attempt at the item: what it posts is posted once (see `src/slack/work-scope.ts`). */
  work?: Work;
}
