import type { Deps } from "../../../kernel/deps.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { parseRequirementRef } from "../../../kernel/refs.js";
import { LONG_TEXT_MAX } from "../../requirements/index.js";
import { tenderOf } from "../../tenders/index.js";
import { revisionOrigin } from "../domain.js";
import { prepareRevision } from "../service.js";
import { revisionModal } from "../views.js";

/** `/tender revise R-<n>`: the requirement's form, prefilled with its current version. */
export function reviseRequirementCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { command } = request;
    const tender = await tenderOf(deps, request);
    const { number } = parseRequirementRef(request.parsed.args);
    const { requirement, replies, lessons } = await prepareRevision(deps, tender, command.user_id, number);
    const keepDetails = (requirement.current.details?.length ?? 0) > LONG_TEXT_MAX;
    const origin = revisionOrigin.encode({
      tenderId: tender.id,
      requirementId: requirement.id,
      version: requirement.version,
      ...(keepDetails ? { keepDetails } : {}),
      responseUrl: command.response_url,
    });
    await deps.slack.openModal(
      command.trigger_id,
      revisionModal(origin, requirement, replies, keepDetails, lessons),
    );
    return undefined;
  });
}
