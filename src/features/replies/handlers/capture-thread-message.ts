import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../../../kernel/deps.js";
import { readThreadMessage } from "../../../slack/messages.js";
import { captureDeletion, captureEdit, captureReply, type PrivateAnswerHook } from "../service.js";

/** Every message in a requirement thread is kept: new ones, edits and deletions. */
export function captureThreadMessage(deps: Deps, privateAnswerHooks: PrivateAnswerHook[]) {
  return async ({ event, logger }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs) => {
    const message = readThreadMessage(event, deps.installation.botUserId);
    switch (message.type) {
      case "posted":
        return captureReply(deps, message, privateAnswerHooks);
      case "edited":
        return captureEdit(deps, message);
      case "deleted":
        return captureDeletion(deps, message);
      case "ignored":
        logger.debug(`message ignored: ${message.reason}`);
    }
  };
}
