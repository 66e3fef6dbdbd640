import type { App } from "@slack/bolt";
import { InboxRefused } from "./inbox/contract.js";
import type { Inbox } from "./inbox/inbox.js";
import type { Deps } from "./kernel/deps.js";
import { failureText } from "./kernel/handlers.js";
import { TOKEN_REFUSED } from "./outbox/index.js";
import { slackErrorCode } from "./slack/errors.js";
import { readThreadMessage } from "./slack/messages.js";
import { tellPerson } from "./slack/respond.js";

/** What the composition root (src/app.ts) sets up around the inbox and the outbox. */

const BUSY =
  "Tender Room is too busy to take this just now, so nothing was done. Please try again in a moment.";

/**
 * Messages no feature acts on (the app's own, joins, top-level chatter) cost nothing; a command or
 * button the inbox could not keep is told to the person, as Slack would not send it again.
 */
export function keepOnlyWhatMatters(inbox: Inbox, deps: Deps): void {
  inbox.ignore((event) => {
    if (event.type === "app_home_opened" && event.tab !== "home") return "the app's messages tab opened";
    if (event.type !== "message") return undefined;
    const message = readThreadMessage(event, deps.installation.botUserId);
    return message.type === "ignored" ? message.reason : undefined;
  });
  inbox.onRefused(async (body, error) => {
    const user = body.user_id ?? (body.user as { id?: unknown } | undefined)?.id;
    const responseUrl = typeof body.response_url === "string" ? body.response_url : undefined;
    if (typeof user !== "string") return;
    const text = error instanceof InboxRefused ? BUSY : failureText(error, deps.logger, { where: "inbox" });
    await tellPerson(deps.slack, deps.logger, { userId: user, responseUrl }, text);
  });
}

/** Whether Slack takes the app's token: false while it refuses it, or cannot be asked. */
export async function tokenWorks(app: App): Promise<boolean> {
  try {
    await app.client.auth.test();
    return true;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code && !TOKEN_REFUSED.has(code)) throw error;
    return false;
  }
}
