import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { checked, formHandler } from "../../../kernel/handlers.js";
import { textValue } from "../../../slack/modal.js";
import { answerOrigin, clarificationSchema } from "../domain.js";
import { ANSWER_ALL_FORM } from "../ids.js";
import { answerAll } from "../service.js";
import { clarifiedReply, REPLY_GONE } from "../views.js";

export function submitAnswerAllForm(deps: Deps) {
  return formHandler(deps, {
    origin: answerOrigin,
    read: (view) =>
      checked(
        clarificationSchema.safeParse({
          question: textValue(view, ANSWER_ALL_FORM.question) ?? "",
          answer: textValue(view, ANSWER_ALL_FORM.answer) ?? "",
        }),
      ),
    async submit(input, { origin, user }) {
      if (!origin) throw new TenderError("not_found", REPLY_GONE);
      const { requirement, sellers } = await answerAll(deps, user, origin.replyId, input);
      return clarifiedReply(requirement.number, sellers);
    },
  });
}
