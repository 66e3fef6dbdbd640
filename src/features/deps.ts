import type { PrismaClient } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { SlackGateway } from "../slack/gateway.js";
import type { Installation } from "../slack/installation.js";

/** Starts sending what a change put in the outbox (src/outbox). */
export interface Outbox {
  kick(): void;
}

/** What every feature's services are given by the composition root. */
export interface Deps {
  db: PrismaClient;
  slack: SlackGateway;
  installation: Installation;
  logger: Logger;
  outbox: Outbox;
}
