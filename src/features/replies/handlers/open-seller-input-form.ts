import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { requirementHeadline, sellerInputModal } from "../../requirements/views.js";
import { encodeSellerInputOrigin, parseRequirementId, type SellerInputKind } from "../domain.js";
import { threadForSellerInput } from "../service.js";

/**
 * "Ask a question" / "Suggest a change" on a requirement in a seller channel: the form. Sellers are
 * Slack Connect users; buttons and the forms they open are what they can use.
 */
export function openSellerInputForm(deps: Deps, kind: SellerInputKind) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    try {
      const channelId = body.channel?.id;
      const { thread, requirement } = await threadForSellerInput(
        deps,
        parseRequirementId(action.value),
        channelId,
      );
      const origin = encodeSellerInputOrigin({
        requirementId: requirement.id,
        channelId: thread.channelId,
        kind,
        responseUrl: body.response_url,
      });
      await deps.slack.openModal(
        body.trigger_id,
        sellerInputModal(origin, kind, requirementHeadline(requirement)),
      );
    } catch (error) {
      const text = failureText(error, deps.logger, { action: action.action_id, user: body.user.id });
      await respond({ response_type: "ephemeral", replace_original: false, text });
    }
  };
}
