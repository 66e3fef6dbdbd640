import type { Server } from "node:http";
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver } from "@slack/bolt";
import type { WebClientOptions } from "@slack/web-api";
import type { Config } from "../config.js";
import { type Logger, slackLogger } from "../logger.js";
import { InFlight } from "./in-flight.js";

/** How the Web API client retries: a user is waiting, so give up within about five minutes. */
export const DEFAULT_RETRY: WebClientOptions["retryConfig"] = { retries: 5, factor: 2, minTimeout: 1_000 };

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  /** Answers whether the database is reachable, for GET /healthz. */
  databaseIsUp: () => Promise<boolean>;
  /** Overrides for the Web API client (tests retry faster). */
  clientOptions?: WebClientOptions;
}

export interface SlackApp {
  app: App;
  inFlight: InFlight;
  /** Starts taking requests; resolves with the HTTP port (0 in config picks a free one). */
  start(): Promise<number>;
  /** Stops taking requests; work already acknowledged goes on (see InFlight). */
  stop(): Promise<void>;
}

export function createSlackApp({ config, logger, databaseIsUp, clientOptions }: SlackAppOptions): SlackApp {
  const boltLogger = slackLogger(logger);
  const healthz: CustomRoute = {
    path: "/healthz",
    method: ["GET"],
    handler: async (_req, res) => {
      const up = await databaseIsUp();
      res.writeHead(up ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: up, db: up ? "up" : "down" }));
    },
  };

  let server: Server | undefined;
  let socketMode: SocketModeReceiver | undefined;
  let receiver: Receiver;
  if (config.SLACK_APP_TOKEN) {
    socketMode = new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN,
      logger: boltLogger,
      customRoutes: [healthz],
      installerOptions: { port: config.PORT, clientOptions: { slackApiUrl: config.SLACK_API_URL } },
    });
    receiver = socketMode;
  } else {
    receiver = new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET ?? "",
      endpoints: "/slack/events",
      customRoutes: [healthz],
      logger: boltLogger,
      processBeforeResponse: false,
    });
  }

  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    receiver,
    logger: boltLogger,
    deferInitialization: true,
    clientOptions: {
      slackApiUrl: config.SLACK_API_URL,
      retryConfig: DEFAULT_RETRY,
      rejectRateLimitedCalls: false,
      ...clientOptions,
    },
  });

  const inFlight = new InFlight();
  app.use(async ({ next }) => {
    await inFlight.track(next());
  });

  return {
    app,
    inFlight,
    async start() {
      await app.init();
      if (socketMode) {
        await socketMode.start();
        return config.PORT;
      }
      server = (await (receiver as HTTPReceiver).start(config.PORT)) as Server;
      const address = server.address();
      return typeof address === "object" && address ? address.port : config.PORT;
    },
    async stop() {
      await receiver.stop?.();
    },
  };
}
