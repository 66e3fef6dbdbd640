import type { Deps } from "../../../kernel/deps.js";
import { TenderError } from "../../../kernel/errors.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { tenderOf } from "../../tenders/index.js";
import { parseAuditArgs } from "../domain.js";
import { auditTrail } from "../service.js";
import { auditAnswer } from "../views.js";

/** `/tender audit [T-<n>] [since:<yyyy-mm-dd>] [page:<n>]`: who did what, when, the latest first. */
export function showAuditCommand(deps: Deps) {
  return commandHandler(deps, async (request) => {
    const { command } = request;
    const read = parseAuditArgs(request.parsed.args);
    if (!read.ok) throw new TenderError("invalid_input", read.problem);
    const tender = await tenderOf(deps, request);
    const shown = await auditTrail(
      deps,
      tender,
      { userId: command.user_id, channelId: command.channel_id },
      read.query,
    );
    return auditAnswer(tender, read.query, shown);
  });
}
