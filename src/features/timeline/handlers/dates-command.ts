import { type Deps, forWork } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { tenderOf } from "../../tenders/index.js";
import { datesOrigin, keyDaysOf, parseDatesArgs } from "../domain.js";
import { changeDates, requireDatesChangeable } from "../service.js";
import { datesModal, datesSavedReply } from "../views.js";

/**
 * `/tender dates` opens the form with the current key dates; `/tender dates questions <day>
 * proposals <day> award <day|none>` moves those named at once. For the tender's owners.
 */
export function datesCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { parsed, command } = request;
    const tender = await tenderOf(deps, request);
    requireDatesChangeable(tender, command.user_id);
    const opened = keyDaysOf(tender);
    if (parsed.args === "") {
      const origin = datesOrigin.encode({ tenderId: tender.id, opened, responseUrl: command.response_url });
      await deps.slack.openModal(command.trigger_id, datesModal(origin, tender, opened));
      return undefined;
    }
    const named = parseDatesArgs(parsed.args);
    if ("problem" in named) throw new TenderError("invalid_input", named.problem);
    const result = await changeDates(forWork(deps, request.work), tender.id, command.user_id, {
      opened,
      wanted: { ...opened, ...named.dates },
    });
    return result.saved ? datesSavedReply(result.tender, result.changes, result.sellersTold) : result.answer;
  });
}
