import { slackErrorCode } from "../slack/errors.js";
import type { SlackUser } from "../slack/gateway.js";
import { isFromSeller } from "./access.js";
import type { Deps } from "./deps.js";

/** Who wrote a message: the person, their organisation, and which side of the tender they are on. */
export interface Author {
  userId: string;
  teamId: string;
  name: string;
  fromSeller: boolean;
}

/**
 * The organisation comes from what Slack sent with the message (else from users.info), the name
 * from users.info. When Slack cannot say the name, the author keeps the person's id instead of the
 * message being lost.
 */
export async function authorOf(
  deps: Pick<Deps, "slack" | "logger" | "installation">,
  userId: string,
  teamIdFromSlack: string | undefined,
): Promise<Author> {
  let person: SlackUser | undefined;
  try {
    person = await deps.slack.user(userId);
  } catch (error) {
    const code = slackErrorCode(error);
    if (!teamIdFromSlack || code === undefined) throw error;
    deps.logger.warn({ user: userId, error: code }, "author's name unknown; the reply keeps their id");
  }
  const teamId = teamIdFromSlack || person?.teamId;
  if (!teamId) throw new Error(`Slack named no organisation for ${userId}`);
  return {
    userId,
    teamId,
    name: person?.name ?? userId,
    fromSeller: isFromSeller(teamId, deps.installation.teamId),
  };
}
