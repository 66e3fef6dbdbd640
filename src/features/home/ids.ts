/** Block Kit ids of the App Home, shared by its builders, listeners and tests. */

/** "Status" on a tender of the Home: what `/tender status` shows, in a modal. */
export const HOME_STATUS_BUTTON = "home_tender_status";

export const STATUS_VIEW = "home_tender_status_view";
