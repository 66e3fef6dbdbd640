import type { PrismaClient } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { SlackGateway } from "../slack/gateway.js";
import type { Installation } from "../slack/installation.js";

/** What every feature's services are given by the composition root. */
export interface Deps {
  db: PrismaClient;
  slack: SlackGateway;
  installation: Installation;
  logger: Logger;
}
