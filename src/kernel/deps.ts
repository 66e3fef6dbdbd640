import type { PrismaClient } from "../db/client.js";
import type { Inbox } from "../inbox/inbox.js";
import type { Logger } from "../logger.js";
import type { Outbox } from "../outbox/index.js";
import type { SlackGateway } from "../slack/gateway.js";
import type { Installation } from "../slack/installation.js";
import type { Work } from "../slack/work-scope.js";

/** What every feature's handlers and services are given by the composition root (src/app.ts). */
export interface Deps {
  db: PrismaClient;
  slack: SlackGateway;
  /** The buyer's workspace the app is installed in. */
  installation: Installation;
  logger: Logger;
  outbox: Outbox;
  /** Forms keep their checked submission here before Slack closes them (see `formHandler`). */
  inbox: Pick<Inbox, "keepForm">;
}

/**
 * The dependencies for one item of work (a command, a press, a form Slack sent): what it posts is
 * posted once, however often the work is tried (see `src/slack/work-scope.ts`).
 */
export function forWork<D extends Pick<Deps, "slack">>(deps: D, work: Work | undefined): D {
  return work ? { ...deps, slack: deps.slack.forWork(work) } : deps;
}
