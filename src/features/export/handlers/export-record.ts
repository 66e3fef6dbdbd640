import type { Deps } from "../../../kernel/deps.js";
import { commandHandler } from "../../../kernel/handlers.js";
import type { CommandAction } from "../../../slack/commands/index.js";
import type { Tender } from "../../tenders/index.js";
import { type ExportOptions, exportRecord, startExport } from "../service.js";
import { exportStartedText } from "../views.js";

/**
 * `/tender export [T-<n>]`: answered at once, then the record is written and shared in the team
 * channel while the command's item is worked; why it stopped, if it did, is told to the owner too.
 */
export function exportCommand(deps: Deps, options: ExportOptions): CommandAction {
  return async (request, reply) => {
    let tender: Tender | undefined;
    await commandHandler(deps, async (checked) => {
      tender = await startExport(deps, checked);
      return exportStartedText(tender.number, tender.teamChannelId);
    })(request, reply);
    if (!tender) return;
    const failed = await exportRecord(deps, tender, request.command.user_id, request.work, options);
    if (failed) await reply(failed);
  };
}
