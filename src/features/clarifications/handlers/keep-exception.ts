import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { checked, formHandler } from "../../../kernel/handlers.js";
import { textValue } from "../../../slack/modal.js";
import { EXCEPTION_FORM } from "../ids.js";
import { keepException } from "../quiet.js";
import { exceptionOrigin, exceptionSchema } from "../quiet-domain.js";
import { exceptionKeptText, QUIET_ANSWER_GONE } from "../quiet-views.js";

/** The exception form: the reason kept with the answer, the audit trail and the team channel told. */
export function keepExceptionForm(deps: Deps) {
  return formHandler(deps, {
    origin: exceptionOrigin,
    read: (view) =>
      checked(exceptionSchema.safeParse({ reason: textValue(view, EXCEPTION_FORM.reason) ?? "" })),
    async submit(input, { origin, user }) {
      if (!origin) throw new TenderError("not_found", QUIET_ANSWER_GONE);
      return exceptionKeptText(await keepException(deps, user, origin.quietAnswerId, input.reason));
    },
  });
}
