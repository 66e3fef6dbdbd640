import { requireMember } from "../../../kernel/access.js";
import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { commandHandler, fieldErrors } from "../../../kernel/handlers.js";
import { placeOrigin } from "../../../slack/modal.js";
import { metricsOfTender } from "../../metrics/index.js";
import { tenderOf } from "../../tenders/index.js";
import { parseRequireArgs, requirementSchema } from "../domain.js";
import { postRequirement } from "../service.js";
import { postedReply, REQUIRE_USAGE, requirementModal } from "../views.js";

/** `/tender require <title> | <details>` posts at once; `/tender require` opens the form. */
export function postRequirementCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { parsed, command } = request;
    const tender = await tenderOf(deps, request);
    requireMember(tender, command.user_id, "post requirements");
    if (parsed.args === "") {
      const origin = placeOrigin.encode({ tenderId: tender.id, responseUrl: command.response_url });
      const metrics = await metricsOfTender(deps.db, tender.id);
      await deps.slack.openModal(command.trigger_id, requirementModal(origin, "", "", metrics));
      return undefined;
    }
    const input = requirementSchema.safeParse(parseRequireArgs(parsed.args));
    if (!input.success) {
      const problems = Object.values(fieldErrors(input.error)).join(" ");
      throw new TenderError("invalid_input", `${problems}\n${REQUIRE_USAGE}`);
    }
    const requirement = await postRequirement(deps, tender, command.user_id, input.data);
    return postedReply(tender, requirement);
  });
}
