import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, type HTTPReceiverOptions, type Receiver, SocketModeReceiver } from "@slack/bolt";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { Config } from "../config.js";
import { type Logger, slackLogger } from "../logger.js";
import { edgeReceiver } from "./edge.js";
import type { InFlight } from "./in-flight.js";
import { answerUnknownInteractions } from "./listened.js";

/** How the Web API client retries: a user is waiting, so give up within about five minutes. */
const DEFAULT_RETRY: WebClientOptions["retryConfig"] = { retries: 5, factor: 2, minTimeout: 1_000 };

/** How far a signed request's time may be from now, either way (Bolt checks only the past). */
const SIGNATURE_WINDOW_S = 5 * 60;

/** The longest one Web API call may take: well under the outbox's 60-second lease. */
const CALL_TIMEOUT_MS = 10_000;

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  /** Work acknowledged to Slack and still running; shutdown waits for it. */
  inFlight: InFlight;
  /** Answers whether the database is reachable, for GET /healthz. */
  databaseIsUp: () => Promise<boolean>;
  /** What /healthz shows besides: the app's figures since it started. */
  figures?: () => Record<string, unknown>;
  /** Overrides for the Web API client (tests retry faster). */
  clientOptions?: WebClientOptions;
  /** The longest one Web API call may take (tests shorten it); default 10 s. */
  callTimeoutMs?: number;
  /** Stands between the receiver and the app: the inbox keeps what Slack sends before it is answered. */
  wrapReceiver?: (receiver: Receiver) => Receiver;
  /** The address to listen on; every address unless given. */
  host?: string;
}

export interface SlackApp {
  app: App;
  /**
   * A client for the outbox: it neither waits out a 429 (that would hold every other channel
   * back) nor retries by itself (the outbox does, after looking for an earlier post).
   */
  deliveryClient: WebClient;
  inFlight: InFlight;
  /** Starts taking requests; resolves with the HTTP port (0 in config picks a free one). */
  start(): Promise<number>;
  /** Stops taking requests; work already acknowledged goes on (see InFlight). */
  stop(): Promise<void>;
}

/** Which setting Slack refused when the app could not start. */
export class StartError extends Error {
  constructor(
    readonly setting: "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN",
    readonly reason: unknown,
  ) {
    super(`Slack refused ${setting}`);
    this.name = "StartError";
  }
}

/**
 * Slack gets an error status when a request could not be kept, so that it delivers it again: the
 * status the error names (503 when the app is busy), else 500.
 */
const answerFailure: HTTPReceiverOptions["processEventErrorHandler"] = async ({
  error,
  logger,
  response,
}) => {
  if (response.headersSent) return false;
  const status = (error as { httpStatus?: unknown }).httpStatus;
  logger.warn(`Slack is answered with an error and will deliver again: ${error.message}`);
  response.writeHead(typeof status === "number" ? status : 500);
  response.end();
  return false;
};

/**
 * A signed request dated more than five minutes ahead is refused before Bolt reads it: its signature
 * would otherwise stay good for as long as its date is ahead, and a captured request could be
 * replayed all that time.
 */
function refuseRequestsFromTheFuture(receiver: HTTPReceiver, logger: Logger): void {
  const listener = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const stamp = Number(req.headers["x-slack-request-timestamp"]);
    if (Number.isFinite(stamp) && stamp - Date.now() / 1000 > SIGNATURE_WINDOW_S) {
      logger.warn({ timestamp: stamp }, "a signed request dated ahead of now was refused");
      res.writeHead(401).end();
      return;
    }
    listener(req, res);
  };
}

export function createSlackApp({
  config,
  logger,
  databaseIsUp,
  figures,
  clientOptions,
  inFlight,
  callTimeoutMs = CALL_TIMEOUT_MS,
  wrapReceiver = (receiver) => receiver,
  host,
}: SlackAppOptions): SlackApp {
  const boltLogger = slackLogger(logger);
  const webClientOptions: WebClientOptions = {
    slackApiUrl: config.SLACK_API_URL,
    retryConfig: DEFAULT_RETRY,
    rejectRateLimitedCalls: false,
    timeout: callTimeoutMs,
    ...clientOptions,
  };
  const deliveryClient = new WebClient(config.SLACK_BOT_TOKEN, {
    slackApiUrl: config.SLACK_API_URL,
    logger: boltLogger,
    timeout: callTimeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const healthz = async (_req: IncomingMessage, res: ServerResponse) => {
    const up = await databaseIsUp();
    res.writeHead(up ? 200 : 503, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: up, db: up ? "up" : "down", ...figures?.() }));
  };

  let socketMode: SocketModeReceiver | undefined;
  let receiver: Receiver;
  if (config.SLACK_APP_TOKEN) {
    socketMode = new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN,
      logger: boltLogger,
      installerOptions: { clientOptions: webClientOptions },
    });
    receiver = socketMode;
  } else {
    receiver = new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET ?? "",
      endpoints: "/slack/events",
      customRoutes: [{ path: "/healthz", method: ["GET"], handler: healthz }],
      logger: boltLogger,
      processBeforeResponse: false,
      processEventErrorHandler: answerFailure,
    });
    refuseRequestsFromTheFuture(receiver as HTTPReceiver, logger);
  }

  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    receiver: wrapReceiver(edgeReceiver(receiver, { apiUrl: config.SLACK_API_URL, logger })),
    logger: boltLogger,
    deferInitialization: true,
    clientOptions: webClientOptions,
  });

  app.use(async ({ next }) => {
    await inFlight.track(next());
  });
  answerUnknownInteractions(app, logger);

  // In Socket Mode nothing listens for Slack over HTTP; this small server answers /healthz alone.
  let healthServer: Server | undefined;

  return {
    app,
    deliveryClient,
    inFlight,
    async start() {
      try {
        await app.init();
      } catch (error) {
        throw new StartError("SLACK_BOT_TOKEN", error);
      }
      if (!socketMode) {
        const listen = host === undefined ? config.PORT : { port: config.PORT, host };
        const server = (await (receiver as HTTPReceiver).start(listen)) as Server;
        return (server.address() as AddressInfo).port;
      }
      healthServer = createServer((req, res) => {
        if (req.method === "GET" && req.url === "/healthz") return void healthz(req, res);
        res.writeHead(404).end();
      });
      const server = healthServer;
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.PORT, host, () => resolve());
      });
      try {
        await socketMode.start();
      } catch (error) {
        await new Promise((resolve) => server.close(resolve));
        throw new StartError("SLACK_APP_TOKEN", error);
      }
      return (server.address() as AddressInfo).port;
    },
    async stop() {
      if (socketMode) {
        await socketMode.client.disconnect();
        await new Promise((resolve) => (healthServer ? healthServer.close(resolve) : resolve(undefined)));
        return;
      }
      await receiver.stop?.();
    },
  };
}
