import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import { TenderError } from "../../../errors.js";
import { dateValue, textValue } from "../../../slack/modal.js";
import { tellPerson } from "../../../slack/respond.js";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { fieldErrors } from "../../tenders/domain.js";
import { findTenderById } from "../../tenders/repository.js";
import { TENDER_GONE } from "../../tenders/views.js";
import { REVISION_FORM } from "../ids.js";
import { reviseRequirement } from "../refine.js";
import { decodeRevisionOrigin, revisionSchema } from "../refine-domain.js";
import { revisedReply } from "../refine-views.js";

export function submitRevisionForm(deps: Deps) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const values = view.state.values;
    const input = revisionSchema.safeParse({
      title: textValue(view, REVISION_FORM.title) ?? "",
      details: textValue(view, REVISION_FORM.details),
      category: textValue(view, REVISION_FORM.category),
      priority: values[REVISION_FORM.priority.block]?.[REVISION_FORM.priority.action]?.selected_option?.value,
      acceptanceCriteria: textValue(view, REVISION_FORM.acceptanceCriteria),
      inputDueOn: dateValue(view, REVISION_FORM.inputDueOn),
      changeNote: textValue(view, REVISION_FORM.changeNote) ?? "",
      influencedBy: (
        values[REVISION_FORM.influencedBy.block]?.[REVISION_FORM.influencedBy.action]?.selected_options ?? []
      ).map((option) => option.value),
      lessons: (
        values[REVISION_FORM.lessons.block]?.[REVISION_FORM.lessons.action]?.selected_options ?? []
      ).map((option) => option.value),
    });
    if (!input.success) {
      await ack({ response_action: "errors", errors: fieldErrors(input.error) });
      return;
    }
    await ack();
    const origin = decodeRevisionOrigin(view.private_metadata);
    const target = { userId: body.user.id, responseUrl: origin?.responseUrl };
    try {
      const tender = origin && (await findTenderById(deps.db, origin.tenderId));
      if (!origin || !tender) throw new TenderError("not_found", TENDER_GONE);
      const { requirement, sellers } = await reviseRequirement(
        deps,
        tender,
        body.user.id,
        origin,
        input.data,
      );
      await tellPerson(deps.slack, deps.logger, target, revisedReply(requirement, sellers));
    } catch (error) {
      const text = failureText(error, deps.logger, { view: REVISION_FORM.callbackId, user: body.user.id });
      await tellPerson(deps.slack, deps.logger, target, text);
    }
  };
}
