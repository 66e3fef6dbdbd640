import { type Deps, forWork } from "../../../kernel/deps.js";
import { isTenderError } from "../../../kernel/errors.js";
import { formHandler } from "../../../kernel/handlers.js";
import { dateValue, textValue } from "../../../slack/modal.js";
import { type Tender, tenderById } from "../../tenders/index.js";
import { datesOrigin, datesProblems, NOTE_MAX, NOTE_TOO_LONG, unreadDays } from "../domain.js";
import { DATES_FORM } from "../ids.js";
import { changeDates, todayOf } from "../service.js";
import { DATES_FORM_LOST, datesSavedReply } from "../views.js";

const FIRST_FIELD = DATES_FORM.questionsDueOn.block;

/**
 * The dates form: checked against the dates it was opened with (while Slack waits), saved only
 * while the tender still has them.
 */
export function submitDatesForm(deps: Deps) {
  return formHandler(deps, {
    origin: datesOrigin,
    async read(view, origin) {
      if (!origin) return { ok: false, errors: { [FIRST_FIELD]: DATES_FORM_LOST } };
      let tender: Tender;
      try {
        tender = await tenderById(deps, origin.tenderId);
      } catch (error) {
        if (!isTenderError(error)) throw error;
        return { ok: false, errors: { [FIRST_FIELD]: error.message } };
      }
      const wanted = {
        questionsDueOn: dateValue(view, DATES_FORM.questionsDueOn) ?? null,
        proposalsDueOn: dateValue(view, DATES_FORM.proposalsDueOn) ?? null,
        awardPlannedOn: dateValue(view, DATES_FORM.awardPlannedOn) ?? null,
      };
      const note = textValue(view, DATES_FORM.note)?.trim() || undefined;
      const unread = unreadDays(wanted);
      const errors =
        Object.keys(unread).length > 0 ? unread : datesProblems(origin.opened, wanted, todayOf(tender));
      if (note && note.length > NOTE_MAX) errors[DATES_FORM.note.block] = NOTE_TOO_LONG;
      return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input: { wanted, note } };
    },
    async submit({ wanted, note }, { origin, user, work }) {
      if (!origin) return DATES_FORM_LOST;
      const result = await changeDates(forWork(deps, work), origin.tenderId, user.id, {
        opened: origin.opened,
        wanted,
        note,
      });
      return result.saved
        ? datesSavedReply(result.tender, result.changes, result.sellersTold)
        : result.answer;
    },
  });
}
