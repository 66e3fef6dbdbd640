import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { checked, formHandler } from "../../../kernel/handlers.js";
import { dateValue, selectedValue, selectedValues, textValue } from "../../../slack/modal.js";
import { TENDER_GONE, tenderById } from "../../tenders/index.js";
import { revisionOrigin, revisionSchema } from "../domain.js";
import { REVISION_FORM } from "../ids.js";
import { reviseRequirement } from "../service.js";
import { revisedReply } from "../views.js";

export function submitRevisionForm(deps: Deps) {
  return formHandler(deps, {
    origin: revisionOrigin,
    read: (view) =>
      checked(
        revisionSchema.safeParse({
          title: textValue(view, REVISION_FORM.title) ?? "",
          details: textValue(view, REVISION_FORM.details),
          category: textValue(view, REVISION_FORM.category),
          priority: selectedValue(view, REVISION_FORM.priority),
          acceptanceCriteria: textValue(view, REVISION_FORM.acceptanceCriteria),
          inputDueOn: dateValue(view, REVISION_FORM.inputDueOn),
          changeNote: textValue(view, REVISION_FORM.changeNote) ?? "",
          influencedBy: selectedValues(view, REVISION_FORM.influencedBy),
          lessons: selectedValues(view, REVISION_FORM.lessons),
        }),
      ),
    async submit(input, { origin, user }) {
      if (!origin) throw new TenderError("not_found", TENDER_GONE);
      const tender = await tenderById(deps, origin.tenderId);
      const { requirement, sellers } = await reviseRequirement(deps, tender, user.id, origin, input);
      return revisedReply(requirement, sellers);
    },
  });
}
