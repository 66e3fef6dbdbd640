import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../../../kernel/deps.js";
import { isTenderError } from "../../../kernel/errors.js";
import { openHome } from "../service.js";

/** `app_home_opened` on the Home tab: the person's Home, published as it is now. */
export function publishHomeOnOpen(deps: Deps) {
  return async ({ event }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs) => {
    if (event.tab !== "home") return;
    try {
      await openHome(deps, event.user);
    } catch (error) {
      // A person Slack does not know has no Home; anything else is worked again from the inbox.
      if (!isTenderError(error)) throw error;
      deps.logger.warn({ user: event.user, error: error.code }, "no Home published");
    }
  };
}
