import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../../../../kernel/deps.js";
import { readThreadMessage } from "../../../../slack/messages.js";
import { captureCheckInReply } from "../service.js";

/** A message typed in a check-in prompt's thread: the seller's answer, as if shared with the button. */
export function captureThreadReply(deps: Deps) {
  return async ({ event }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs) => {
    const message = readThreadMessage(event, deps.installation.botUserId);
    if (message.type === "posted") await captureCheckInReply(deps, message);
  };
}
