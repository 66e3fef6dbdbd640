import { requireInsider } from "../../../kernel/access.js";
import type { Deps } from "../../../kernel/deps.js";
import { commandHandler } from "../../../kernel/handlers.js";
import { sellersWithInvites, type Tender } from "../repository.js";
import { tenderOf } from "../service.js";
import { type StatusNotes, statusText } from "../views.js";

/** What a feature above tenders adds to the status (e.g. each seller's pending acknowledgements). */
export type StatusNotesOf = (deps: Deps, tender: Tender) => Promise<Partial<StatusNotes>>;

/** What `/tender status` shows of a tender, with what the features above add to it. */
export async function statusOf(deps: Deps, tender: Tender, notesOf: StatusNotesOf[]): Promise<string> {
  const notes: StatusNotes = { tender: [], sellers: new Map() };
  for (const of of notesOf) {
    const found = await of(deps, tender);
    notes.tender.push(...(found.tender ?? []));
    for (const [sellerId, lines] of found.sellers ?? []) {
      notes.sellers.set(sellerId, [...(notes.sellers.get(sellerId) ?? []), ...lines]);
    }
  }
  return statusText(tender, await sellersWithInvites(deps.db, tender.id), notes);
}

export function showStatusCommand(deps: Deps, notesOf: StatusNotesOf[]) {
  return commandHandler(deps, async (request) => {
    const tender = await tenderOf(deps, request);
    requireInsider(tender, request.command.user_id, request.command.channel_id);
    return statusOf(deps, tender, notesOf);
  });
}
