import { TenderError } from "../../../errors.js";
import { escapeText } from "../../../slack/text.js";
import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { resolveTender } from "../../tenders/service.js";
import { parseRequirementRef } from "../domain.js";
import { withdrawRequirement } from "../refine.js";
import { withdrawReasonSchema } from "../refine-domain.js";
import { withdrawnReply } from "../refine-views.js";

/** `/tender withdraw R-<n> [reason]`. */
export function withdrawRequirementCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    const { number, rest } = parseRequirementRef(parsed.args);
    const reason = withdrawReasonSchema.safeParse(rest);
    if (!reason.success)
      throw new TenderError(
        "invalid_input",
        escapeText(reason.error.issues[0]?.message ?? "Check the reason."),
      );
    const { requirement, sellers } = await withdrawRequirement(
      deps,
      tender,
      command.user_id,
      number,
      reason.data,
    );
    await reply(withdrawnReply(requirement, sellers));
  };
}
