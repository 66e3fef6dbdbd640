import { IANAZone } from "luxon";
import type { Deps } from "./deps.js";

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** `zone` when it is a known IANA zone, else `fallback` (a person's zone comes from Slack). */
export function zoneOr(zone: string | null | undefined, fallback: string): string {
  return zone && isTimeZone(zone) ? zone : isTimeZone(fallback) ? fallback : "UTC";
}

/** The person's own Slack time zone: the default for schedules and how times are shown to them. */
export async function zoneOf(deps: Pick<Deps, "slack">, userId: string, fallback: string): Promise<string> {
  const person = await deps.slack.user(userId);
  return person.timezone && isTimeZone(person.timezone) ? person.timezone : fallback;
}
