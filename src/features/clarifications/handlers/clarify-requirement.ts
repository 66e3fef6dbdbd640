import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { commandHandler, fieldErrors } from "../../../kernel/handlers.js";
import { parseRequirementRef } from "../../../kernel/refs.js";
import { escapeText } from "../../../slack/text.js";
import { tenderOf } from "../../tenders/index.js";
import { commandClarificationSchema, parseClarifyArgs } from "../domain.js";
import { clarifyRequirement } from "../service.js";
import { CLARIFY_USAGE, clarifiedReply } from "../views.js";

/** `/tender clarify R-<n> [<question> |] <answer>`: one answer for every seller. */
export function clarifyRequirementCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { number, rest } = parseRequirementRef(request.parsed.args);
    if (number === undefined || rest === "") throw new TenderError("invalid_input", CLARIFY_USAGE);
    const input = commandClarificationSchema.safeParse(parseClarifyArgs(rest));
    if (!input.success) {
      const problems = Object.values(fieldErrors(input.error)).map(escapeText).join(" ");
      throw new TenderError("invalid_input", `${problems}\n${CLARIFY_USAGE}`);
    }
    const tender = await tenderOf(deps, request);
    const { requirement, sellers } = await clarifyRequirement(
      deps,
      tender,
      request.command.user_id,
      number,
      input.data,
    );
    return clarifiedReply(requirement.number, sellers);
  });
}
