import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { parseRequirementRef } from "../../../kernel/refs.js";
import { escapeText } from "../../../slack/text.js";
import { tenderOf } from "../../tenders/index.js";
import { withdrawReasonSchema } from "../domain.js";
import { withdrawRequirement } from "../service.js";
import { withdrawnReply } from "../views.js";

/** `/tender withdraw R-<n> [reason]`. */
export function withdrawRequirementCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const tender = await tenderOf(deps, request);
    const { number, rest } = parseRequirementRef(request.parsed.args);
    const reason = withdrawReasonSchema.safeParse(rest);
    if (!reason.success)
      throw new TenderError(
        "invalid_input",
        escapeText(reason.error.issues[0]?.message ?? "Check the reason."),
      );
    const { requirement, sellers } = await withdrawRequirement(
      deps,
      tender,
      request.command.user_id,
      number,
      reason.data,
    );
    return withdrawnReply(requirement, sellers);
  });
}
