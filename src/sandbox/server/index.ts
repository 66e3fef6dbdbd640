/**
 * The sandbox server: the Slack client's side of the sandbox, on 127.0.0.1 only. It serves the
 * page, shows each person what Slack would show them, and turns what they do into the signed
 * requests Slack sends the app, after checking it against the workspace as Slack would.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Logger } from "../../logger.js";
import type { SandboxActor } from "../actor.js";
import type { FakeSlack, RecordedCall, RecordedResponse } from "../slack/index.js";
import type { SlackRequests } from "../slack/requests.js";
import { ClientActor } from "./actor.js";
import { showAnswer } from "./answers.js";
import type { ClientContext } from "./context.js";
import { trackViews } from "./forms.js";
import { Forwarder } from "./forward.js";
import { requestHandler } from "./http.js";
import { Ledger } from "./ledger.js";
import { REPO_ROOT, readAppFeatures } from "./manifest.js";
import { ChangeStream } from "./stream.js";

export interface SandboxServerOptions {
  /** The stand-in, already started and seeded (seedWorkspace). */
  slack: FakeSlack;
  /** Signed requests to the app's receiver (url, signing secret, fake). */
  requests: SlackRequests;
  app: { caughtUp(timeoutMs?: number): Promise<boolean> };
  /** 0 = any free port. */
  port: number;
  logger: Logger;
  /** "Load a demo tender": fills a tender through the actor; provided by the caller. */
  demo: (actor: SandboxActor, as: string) => Promise<void>;
  /** Where the built page lives (page.js, page.css); default <repo root>/dist/sandbox-page. */
  pageDir?: string;
}

export interface SandboxServer {
  port: number;
  url: string;
  actor: SandboxActor;
  close(): Promise<void>;
}

const HOST = "127.0.0.1";

/** Web API methods that only read: nobody sees anything new after them. */
const READS = new Set([
  "auth.test",
  "users.info",
  "users.lookupByEmail",
  "team.info",
  "conversations.info",
  "conversations.members",
  "conversations.history",
  "conversations.replies",
  "chat.getPermalink",
  "pins.list",
]);

export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const { slack, logger } = options;
  const log = logger.child({ component: "sandbox" });
  const ledger = new Ledger();
  const forward = new Forwarder(options.requests, log);
  const ctx: ClientContext = {
    slack,
    requests: options.requests,
    forward,
    ledger,
    features: await readAppFeatures(),
  };
  const actor = new ClientActor(ctx, options.app);

  const onCall = (call: RecordedCall) => {
    trackViews(ctx, call);
    if (!READS.has(call.method)) ledger.changed();
  };
  const onResponse = (response: RecordedResponse) => {
    const origin = ledger.origin(response.url);
    try {
      if (origin) showAnswer(slack, origin, response.body);
    } catch (error) {
      log.warn({ err: error }, "could not show what the app posted to a response_url");
    }
    ledger.changed();
  };
  slack.on("call", onCall);
  slack.on("response", onResponse);

  const stream = new ChangeStream(ledger);
  let port = 0;
  const server = createServer(
    requestHandler({
      slack,
      actor,
      stream,
      logger: log,
      pageDir: options.pageDir ?? join(REPO_ROOT, "dist", "sandbox-page"),
      demo: options.demo,
      port: () => port,
    }),
  );
  const detach = () => {
    slack.off("call", onCall);
    slack.off("response", onResponse);
    stream.close();
    forward.stop();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, HOST, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    detach();
    throw error;
  }
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://${HOST}:${port}/`,
    actor,
    async close() {
      detach();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
