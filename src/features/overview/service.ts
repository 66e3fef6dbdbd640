import type { KnownBlock } from "@slack/types";
import type { Db } from "../../db/client.js";
import type { Deps } from "../../kernel/deps.js";
import { section } from "../../slack/blocks.js";
import { messageLink, workspaceOf } from "../../slack/links.js";
import { pendingAcknowledgements } from "../acknowledgements/index.js";
import { latestEstimatesOf } from "../estimates/index.js";
import { type AwaitingRequirement, awaitingInput, findOverviewSeller, ownLessons } from "./repository.js";
import { OVERVIEW_GONE, overviewMessage } from "./views.js";

/** A link to a message, from Slack; undefined when Slack gives none. */
export type Permalink = (channelId: string, ts: string) => Promise<string | undefined>;

/**
 * Links to the threads of the requirements: Slack is asked for the first, and the others follow
 * the same form, so an overview costs one call however many requirements await the seller.
 */
async function withLinks(awaiting: AwaitingRequirement[], permalink: Permalink) {
  const [first] = awaiting;
  if (!first) return [];
  const known = await permalink(first.channelId, first.ts);
  const workspace = workspaceOf(known);
  return awaiting.map((requirement) => ({
    ...requirement,
    link: requirement === first ? known : workspace && messageLink(workspace, requirement),
  }));
}

/**
 * The seller's overview as it is now, from the database: its tender's stage and dates, its
 * intention, what awaits its input and acknowledgement, its lessons and its estimates. Every query
 * is of this seller alone. Undefined when the seller is gone.
 */
export async function renderOverview(db: Db, sellerId: number, permalink: Permalink, now = new Date()) {
  const seller = await findOverviewSeller(db, sellerId);
  if (!seller) return undefined;
  const awaiting = await withLinks(await awaitingInput(db, sellerId), permalink);
  const pending = await pendingAcknowledgements(db, seller.tender.id, sellerId);
  const lessons = await ownLessons(db, sellerId);
  const estimates = (await latestEstimatesOf(db, seller.tender.id)).find((set) => set.seller.id === sellerId);
  return overviewMessage({ seller, now, awaiting, pending, lessons, estimates });
}

/** The same overview as blocks, for the App Home of a seller's person (Slack Connect shows none). */
export async function sellerOverviewBlocks(
  deps: Pick<Deps, "db" | "slack">,
  sellerId: number,
): Promise<KnownBlock[]> {
  const overview = await renderOverview(deps.db, sellerId, (channelId, ts) =>
    deps.slack.permalink(channelId, ts),
  );
  return overview?.blocks ?? [section(OVERVIEW_GONE)];
}
