import type { Deps } from "../../../kernel/deps.js";
import { checked, formHandler } from "../../../kernel/handlers.js";
import { dateValue, placeOrigin, selectedValue, selectedValues, textValue } from "../../../slack/modal.js";
import { tenderById } from "../../tenders/index.js";
import { requirementSchema } from "../domain.js";
import { REQUIREMENT_FORM } from "../ids.js";
import { postRequirement } from "../service.js";
import { postedReply } from "../views.js";

export function submitRequirementForm(deps: Deps) {
  return formHandler(deps, {
    origin: placeOrigin,
    read: (view) =>
      checked(
        requirementSchema.safeParse({
          title: textValue(view, REQUIREMENT_FORM.title) ?? "",
          details: textValue(view, REQUIREMENT_FORM.details),
          category: textValue(view, REQUIREMENT_FORM.category),
          priority: selectedValue(view, REQUIREMENT_FORM.priority),
          acceptanceCriteria: textValue(view, REQUIREMENT_FORM.acceptanceCriteria),
          inputDueOn: dateValue(view, REQUIREMENT_FORM.inputDueOn),
          metrics: selectedValues(view, REQUIREMENT_FORM.metrics),
        }),
      ),
    async submit(input, { origin, user }) {
      const tender = await tenderById(deps, origin?.tenderId);
      const requirement = await postRequirement(deps, tender, user.id, input);
      return postedReply(tender, requirement);
    },
  });
}
