import type { HomeView } from "@slack/types";
import { isExternal } from "../../kernel/access.js";
import { actorOf } from "../../kernel/actor.js";
import type { Deps } from "../../kernel/deps.js";
import { sellerOverviewBlocks } from "../overview/index.js";
import { sellersOfOrganisation } from "../tenders/index.js";
import { SELLERS_SHOWN, type Viewer } from "./domain.js";
import { buyerHome } from "./reads.js";
import { findHomeView, markPublished, recordOpened } from "./repository.js";
import { buyerHomeView, sellerHomeView, strangerHomeView } from "./views.js";

/**
 * The Home a person sees, from the database as it is now. A seller's person sees its sellers'
 * overviews (the organisation's sellers only, never another's); a person of the buyer's workspace
 * their tenders and what needs them, or, in no tender, what the app is and how to start.
 */
async function homeOf(deps: Deps, viewer: Viewer, now: Date): Promise<HomeView> {
  if (viewer.side === "seller") {
    const sellers = await sellersOfOrganisation(deps.db, deps.installation.id, viewer.teamId, SELLERS_SHOWN);
    const overviews = [];
    for (const seller of sellers) overviews.push(await sellerOverviewBlocks(deps, seller.id));
    return sellerHomeView(overviews);
  }
  const home = await buyerHome(deps, viewer.userId, now);
  return home.tenders.length === 0 ? strangerHomeView() : buyerHomeView(home);
}

/** Something that publishes a Home: the app's gateway, or the outbox's for a refresh. */
interface Publisher {
  publishHome(userId: string, view: HomeView): Promise<void>;
}

async function publish(deps: Deps, publisher: Publisher, viewer: Viewer): Promise<void> {
  const now = new Date();
  await publisher.publishHome(viewer.userId, await homeOf(deps, viewer, now));
  await markPublished(deps.db, viewer.userId, now);
}

/**
 * The person opened the app's Home: who they are is asked of Slack, the Home is kept (so that it is
 * refreshed when what it shows changes) and published. Worked again, it publishes the same view.
 */
export async function openHome(deps: Deps, userId: string): Promise<void> {
  const actor = await actorOf(deps, userId, undefined);
  await recordOpened(deps.db, actor, new Date());
  await publish(deps, deps.slack, actor);
}

/** A refresh, rendered at send time, of the Home of someone who opened it; false for anyone else. */
export async function refreshHome(deps: Deps, publisher: Publisher, userId: string): Promise<boolean> {
  const seen = await findHomeView(deps.db, userId);
  if (!seen) return false;
  const side = isExternal(seen.teamId, deps.installation.teamId) ? "seller" : "buyer";
  await publish(deps, publisher, { userId, teamId: seen.teamId, side });
  return true;
}
