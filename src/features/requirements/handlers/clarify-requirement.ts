import { TenderError } from "../../../errors.js";
import { escapeText } from "../../../slack/text.js";
import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { fieldErrors } from "../../tenders/domain.js";
import { resolveTender } from "../../tenders/service.js";
import { parseRequirementRef } from "../domain.js";
import { clarifyRequirement } from "../refine.js";
import { commandClarificationSchema, parseClarifyArgs } from "../refine-domain.js";
import { CLARIFY_USAGE, clarifiedReply } from "../refine-views.js";

/** `/tender clarify R-<n> [<question> |] <answer>`: one answer for every seller. */
export function clarifyRequirementCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    const { number, rest } = parseRequirementRef(parsed.args);
    if (number === undefined || rest === "") throw new TenderError("invalid_input", CLARIFY_USAGE);
    const input = commandClarificationSchema.safeParse(parseClarifyArgs(rest));
    if (!input.success) {
      const problems = Object.values(fieldErrors(input.error)).map(escapeText).join(" ");
      throw new TenderError("invalid_input", `${problems}\n${CLARIFY_USAGE}`);
    }
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    const { requirement, sellers } = await clarifyRequirement(
      deps,
      tender,
      command.user_id,
      number,
      input.data,
    );
    await reply(clarifiedReply(requirement.number, sellers));
  };
}
