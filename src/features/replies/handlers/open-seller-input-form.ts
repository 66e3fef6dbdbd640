import type { Deps } from "../../../kernel/deps.js";
import { buttonHandler } from "../../../kernel/handlers.js";
import { idValue } from "../../../kernel/refs.js";
import { requirementHeadline } from "../../requirements/index.js";
import { type SellerInputKind, sellerInputOrigin } from "../domain.js";
import { threadForSellerInput } from "../service.js";
import { sellerInputModal } from "../views.js";

/**
 * "Ask a question" / "Suggest a change" on a requirement in a seller channel: the form. Sellers are
 * Slack Connect users; buttons and the forms they open are what they can use.
 */
export function openSellerInputForm(deps: Deps, kind: SellerInputKind) {
  return buttonHandler(deps, idValue, async (click) => {
    const { thread, requirement } = await threadForSellerInput(
      deps,
      { userId: click.user.id, teamId: click.user.teamId },
      kind,
      click.value,
      click.channelId,
    );
    const origin = sellerInputOrigin.encode({
      requirementId: requirement.id,
      channelId: thread.channelId,
      kind,
      responseUrl: click.responseUrl,
    });
    await deps.slack.openModal(
      click.triggerId,
      sellerInputModal(origin, kind, requirementHeadline(requirement)),
    );
    return undefined;
  });
}
