import type { FakeSlack } from "../slack/index.js";
import type { SlackRequests } from "../slack/requests.js";
import type { Forwarder } from "./forward.js";
import type { Ledger } from "./ledger.js";
import type { AppFeatures } from "./manifest.js";

/** What the Slack client works with: the workspace, the app's receiver and its own memory. */
export interface ClientContext {
  slack: FakeSlack;
  requests: SlackRequests;
  forward: Forwarder;
  ledger: Ledger;
  features: AppFeatures;
}
