/**
 * A seller's overview: one pinned "Your tender" message in its channel (Slack shows no app's Home
 * to people of another organisation), kept current with what the seller needs to know and do,
 * updated once per burst of changes, never showing anything of another seller.
 */

// What other features use of the overview.
export { overviewDeliveries, queueSellerOverview } from "./deliveries.js";
export { sellerOverviewBlocks } from "./service.js";
