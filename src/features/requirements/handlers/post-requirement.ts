import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import { TenderError } from "../../../errors.js";
import { dateValue, decodeOrigin, encodeOrigin, textValue } from "../../../slack/modal.js";
import { tellPerson } from "../../../slack/respond.js";
import { escapeText, mentionChannel } from "../../../slack/text.js";
import type { CommandAction } from "../../commands/index.js";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { fieldErrors } from "../../tenders/domain.js";
import { findTenderById, type Tender } from "../../tenders/repository.js";
import { resolveTender } from "../../tenders/service.js";
import { TENDER_GONE } from "../../tenders/views.js";
import { parseRequireArgs, requirementSchema } from "../domain.js";
import { REQUIREMENT_FORM } from "../ids.js";
import type { Requirement } from "../repository.js";
import { postRequirement, requireMember } from "../service.js";
import { requirementHeadline, requirementModal } from "../views.js";

export const REQUIRE_USAGE = escapeText(
  "Usage: `/tender require <title> | <details>` (without arguments: a form)",
);

export function postedReply(tender: Tender, requirement: Requirement): string {
  const sellers = tender.sellers.length;
  return (
    `${escapeText(requirementHeadline(requirement))} is going out to ` +
    `${sellers === 1 ? "1 seller channel" : `${sellers} seller channels`}; ` +
    `its delivery state is in ${mentionChannel(tender.teamChannelId)}.`
  );
}

/** `/tender require <title> | <details>` posts at once; `/tender require` opens the form. */
export function postRequirementCommand(deps: Deps): CommandAction {
  return async ({ parsed, command, reply }) => {
    const tender = await resolveTender(deps, {
      channelId: command.channel_id,
      userId: command.user_id,
      number: parsed.tenderNumber,
    });
    requireMember(tender, command.user_id, "post requirements");
    if (parsed.args === "") {
      const origin = encodeOrigin({ tenderId: tender.id, responseUrl: command.response_url });
      await deps.slack.openModal(command.trigger_id, requirementModal(origin));
      return;
    }
    const input = requirementSchema.safeParse(parseRequireArgs(parsed.args));
    if (!input.success) {
      const problems = Object.values(fieldErrors(input.error)).join(" ");
      throw new TenderError("invalid_input", `${problems}\n${REQUIRE_USAGE}`);
    }
    const requirement = await postRequirement(deps, tender, command.user_id, input.data);
    await reply(postedReply(tender, requirement));
  };
}

export function submitRequirementForm(deps: Deps) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const input = requirementSchema.safeParse({
      title: textValue(view, REQUIREMENT_FORM.title) ?? "",
      details: textValue(view, REQUIREMENT_FORM.details),
      category: textValue(view, REQUIREMENT_FORM.category),
      priority:
        view.state.values[REQUIREMENT_FORM.priority.block]?.[REQUIREMENT_FORM.priority.action]
          ?.selected_option?.value,
      acceptanceCriteria: textValue(view, REQUIREMENT_FORM.acceptanceCriteria),
      inputDueOn: dateValue(view, REQUIREMENT_FORM.inputDueOn),
    });
    if (!input.success) {
      await ack({ response_action: "errors", errors: fieldErrors(input.error) });
      return;
    }
    await ack();
    const origin = decodeOrigin(view.private_metadata);
    const target = { userId: body.user.id, responseUrl: origin.responseUrl };
    try {
      const tender = origin.tenderId === undefined ? null : await findTenderById(deps.db, origin.tenderId);
      if (!tender) throw new TenderError("not_found", TENDER_GONE);
      const requirement = await postRequirement(deps, tender, body.user.id, input.data);
      await tellPerson(deps.slack, deps.logger, target, postedReply(tender, requirement));
    } catch (error) {
      const text = failureText(error, deps.logger, { view: REQUIREMENT_FORM.callbackId, user: body.user.id });
      await tellPerson(deps.slack, deps.logger, target, text);
    }
  };
}
