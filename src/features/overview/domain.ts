/** How long changes to one seller's overview are gathered before it is updated once. */
export const REFRESH_EVERY_MS = 5_000;
