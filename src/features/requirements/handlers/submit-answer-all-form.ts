import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import { TenderError } from "../../../errors.js";
import { textValue } from "../../../slack/modal.js";
import { tellPerson } from "../../../slack/respond.js";
import type { Deps } from "../../deps.js";
import { failureText } from "../../reply.js";
import { fieldErrors } from "../../tenders/domain.js";
import { ANSWER_ALL_FORM } from "../ids.js";
import { answerAll } from "../refine.js";
import { clarificationSchema, decodeAnswerOrigin } from "../refine-domain.js";
import { clarifiedReply, REPLY_GONE } from "../refine-views.js";

export function submitAnswerAllForm(deps: Deps) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const input = clarificationSchema.safeParse({
      question: textValue(view, ANSWER_ALL_FORM.question) ?? "",
      answer: textValue(view, ANSWER_ALL_FORM.answer) ?? "",
    });
    if (!input.success) {
      await ack({ response_action: "errors", errors: fieldErrors(input.error) });
      return;
    }
    await ack();
    const origin = decodeAnswerOrigin(view.private_metadata);
    const target = { userId: body.user.id, responseUrl: origin?.responseUrl };
    try {
      if (!origin) throw new TenderError("not_found", REPLY_GONE);
      const clicker = { id: body.user.id, teamId: body.user.team_id };
      const { requirement, sellers } = await answerAll(deps, clicker, origin.replyId, input.data);
      await tellPerson(deps.slack, deps.logger, target, clarifiedReply(requirement.number, sellers));
    } catch (error) {
      const text = failureText(error, deps.logger, { view: ANSWER_ALL_FORM.callbackId, user: body.user.id });
      await tellPerson(deps.slack, deps.logger, target, text);
    }
  };
}
