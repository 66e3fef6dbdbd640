import { slackErrorCode } from "../slack/errors.js";
import { isExternal } from "./access.js";
import type { Deps } from "./deps.js";
import { TenderError } from "./errors.js";

/**
 * Who is acting, decided on the server: the person's organisation is what Slack's `users.info`
 * says (remembered for a while), not what a request or a button carries. The request's team is
 * used only while Slack cannot be asked, and a person Slack does not know acts for nobody.
 */
export interface Actor {
  userId: string;
  teamId: string;
  /** The buyer's workspace (the one the app is installed in), or a seller's organisation. */
  side: "buyer" | "seller";
}

export const UNKNOWN_PERSON =
  "Tender Room could not tell who you are, so it did nothing. Please try again in a moment.";

export const SELLER_COMMANDS =
  "Tender Room's `/tender` commands are for the buyer's team. In your channel, reply in a requirement's thread, or use the buttons on it: *Ask a question*, *Suggest a change*, *Share a lesson*; on a key metric's post: *Quantify your impact* and *Suggest a metric*.";

export async function actorOf(
  deps: Pick<Deps, "slack" | "installation" | "logger">,
  userId: string,
  teamIdFromRequest: string | undefined,
): Promise<Actor> {
  let teamId: string | undefined;
  try {
    teamId = (await deps.slack.user(userId)).teamId;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === undefined || code === "user_not_found" || !teamIdFromRequest) {
      deps.logger.warn({ user: userId, error: code ?? String(error) }, "who is acting is unknown");
      throw new TenderError("forbidden", UNKNOWN_PERSON);
    }
    teamId = teamIdFromRequest;
  }
  const side = isExternal(teamId, deps.installation.teamId) ? "seller" : "buyer";
  return { userId, teamId, side };
}

/** Only the buyer's people open tenders and run commands; a seller's people are told what is theirs. */
export function requireBuyerSide(actor: Actor): void {
  if (actor.side !== "buyer") throw new TenderError("forbidden", SELLER_COMMANDS);
}
