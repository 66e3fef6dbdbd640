/**
 * "Load a demo tender": fills a tender the way its people would, through the same signed requests
 * their clicks and messages send, so every step runs the app's real handlers. The buyer opens the
 * tender, invites two sellers whose people accept, posts requirements; the sellers ask, suggest
 * and share experience in their threads, one shares a lesson learned; a weekly check-in is set up.
 */
import { type SandboxActor, SandboxRefusalError } from "./actor.js";
import { type DemoResult, DemoRun } from "./demo-run.js";
import { SANDBOX_PEOPLE } from "./workspace.js";

export type { DemoResult } from "./demo-run.js";

export const DEMO_REFUSED = "Only the buyer's people can load a demo tender.";

/** One demo at a time per workspace, so that a second press numbers its title after the first. */
const running = new WeakMap<SandboxActor, Promise<unknown>>();

export function loadDemoTender(actor: SandboxActor, as: string): Promise<DemoResult> {
  const lead = SANDBOX_PEOPLE.find((person) => person.id === as);
  if (!lead || lead.external) return Promise.reject(new SandboxRefusalError(DEMO_REFUSED, 403));
  const colleagues = SANDBOX_PEOPLE.filter((person) => !person.external && person.id !== as);
  const before = running.get(actor) ?? Promise.resolve();
  const run = before
    .catch(() => undefined)
    .then(() =>
      new DemoRun(
        actor,
        as,
        colleagues.map((person) => person.id),
      ).load(),
    );
  running.set(actor, run);
  return run;
}
