import type { Db } from "../../db/client.js";
import type { StatusNotesOf } from "../tenders/index.js";
import type { SellerEngagement } from "./domain.js";
import { sellerEngagement } from "./repository.js";
import { engagementLine } from "./views.js";

/** Every seller of the tender with its engagement, ordered by seller id. */
export async function engagementOf(db: Db, tenderId: number): Promise<SellerEngagement[]> {
  return sellerEngagement(db, tenderId);
}

/** `/tender status`: a line per seller under its name (status is the buyer's view). */
export const engagementNotes: StatusNotesOf = async (deps, tender) => {
  const figures = await engagementOf(deps.db, tender.id);
  return { sellers: new Map(figures.map((e) => [e.sellerId, [engagementLine(e)]])) };
};
