import { type Deps, forWork } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { checked, formHandler } from "../../../kernel/handlers.js";
import { textValue } from "../../../slack/modal.js";
import { sellerInputOrigin, sellerInputSchema } from "../domain.js";
import { SELLER_INPUT_FORM } from "../ids.js";
import { postSellerInput, questionsClosedFor } from "../service.js";
import { SELLER_INPUT_LOST } from "../views.js";

export function submitSellerInput(deps: Deps) {
  return formHandler(deps, {
    origin: sellerInputOrigin,
    // The form's block id is the schema's field name, so the error lands on the text box.
    async read(view, origin) {
      const read = checked(
        sellerInputSchema(origin?.kind ?? "question").safeParse({
          text: textValue(view, SELLER_INPUT_FORM.text) ?? "",
        }),
      );
      if (!read.ok || origin?.kind !== "question") return read;
      // Opened while questions were open, submitted after they closed.
      const closed = await questionsClosedFor(deps, origin.requirementId);
      return closed ? { ok: false, errors: { text: closed } } : read;
    },
    async submit(input, { origin, user, work }) {
      if (!origin) throw new TenderError("not_found", SELLER_INPUT_LOST);
      await postSellerInput(forWork(deps, work), {
        origin,
        userId: user.id,
        userTeamId: user.teamId,
        text: input.text,
      });
      return undefined;
    },
  });
}
