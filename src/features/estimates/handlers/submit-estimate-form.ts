import type { Deps } from "../../../kernel/deps.js";
import { formHandler } from "../../../kernel/handlers.js";
import { estimateOrigin, readEstimates } from "../domain.js";
import { lessonProblems, saveEstimates } from "../service.js";
import { savedReply } from "../views.js";

/** The estimates form: each field checked (a lesson given as evidence must be the seller's), then a new version saved. */
export function submitEstimateForm(deps: Deps) {
  return formHandler(deps, {
    origin: estimateOrigin,
    async read(view, origin) {
      // A form that lost its memory is told so when it is worked.
      if (!origin) return { ok: true, input: [] };
      const read = readEstimates(view, origin.metricIds);
      if (!read.ok) return read;
      const errors = await lessonProblems(deps, origin.channelId, read.input);
      return Object.keys(errors).length > 0 ? { ok: false, errors } : read;
    },
    async submit(estimates, { origin, user, work }) {
      const saved = await saveEstimates(deps, {
        origin,
        user,
        estimates,
        ...(work ? { workKey: work.key } : {}),
      });
      return savedReply(saved.version, saved.count, saved.channelId);
    },
  });
}
