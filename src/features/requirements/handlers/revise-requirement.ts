import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { resolveTender } from "../../tenders/service.js";
import { LONG_TEXT_MAX, parseRequirementRef } from "../domain.js";
import { prepareRevision } from "../refine.js";
import { encodeRevisionOrigin } from "../refine-domain.js";
import { revisionModal } from "../refine-views.js";

/** `/tender revise R-<n>`: the requirement's form, prefilled with its current version. */
export function reviseRequirementCommand(deps: Deps): CommandAction {
  return async ({ parsed, command }) => {
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    const { number } = parseRequirementRef(parsed.args);
    const { requirement, replies, lessons } = await prepareRevision(deps, tender, command.user_id, number);
    const keepDetails = (requirement.current.details?.length ?? 0) > LONG_TEXT_MAX;
    const origin = encodeRevisionOrigin({
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
  };
}
