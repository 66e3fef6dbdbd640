import type { Logger } from "../logger.js";
import type { SlackGateway } from "./gateway.js";

/**
 * Tells one person the result of something they started from a modal: through the response_url
 * of the command or button that opened it, else in a direct message from the app.
 */
export async function tellPerson(
  slack: SlackGateway,
  logger: Logger,
  target: { userId: string; responseUrl?: string | undefined },
  text: string,
): Promise<void> {
  // Only Slack's own response URLs: a form's memory must not send people's words elsewhere.
  if (target.responseUrl && !slack.isSlackUrl(target.responseUrl)) {
    logger.warn("a form's response URL outside Slack was not followed");
  } else if (target.responseUrl) {
    try {
      const response = await fetch(target.responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
      });
      if (response.ok) return;
      logger.warn({ status: response.status }, "response_url refused the answer");
    } catch (error) {
      logger.warn({ err: error }, "response_url could not be reached");
    }
  }
  try {
    await slack.post(target.userId, { text });
  } catch (error) {
    logger.warn({ err: error, user: target.userId }, "could not tell the person the result");
  }
}
