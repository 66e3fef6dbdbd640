/**
 * Socket Mode, as Slack runs it: `apps.connections.open` (called with the app-level token) hands
 * out a single-use WebSocket URL on the fake's own HTTP server. The app connects, Slack greets it
 * with `hello`, and from then on payloads arrive as envelopes that the app must acknowledge by
 * sending their `envelope_id` back — within 3 seconds, or Slack treats the delivery as failed.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { ok } from "./common.js";
import { nowTs } from "./ids.js";
import type {
  ApiBody,
  DisconnectReason,
  EnvelopeOptions,
  EnvelopeType,
  EventCallbackBody,
  EventEnvelopeOptions,
  SocketModeAck,
  SocketModeClose,
  SocketModeEnvelope,
  SocketModeIdentity,
} from "./types.js";

/** Where the WebSocket URLs handed out by `apps.connections.open` point. */
const SOCKET_MODE_PATH = "/socket-mode";

/** How long Slack waits for an envelope's acknowledgement. */
const ACK_TIMEOUT_MS = 3_000;

/** How long shutdown lets the app finish its own close handshake before cutting connections. */
const CLOSE_GRACE_MS = 1_000;

interface Pending {
  socket: WebSocket;
  type: EnvelopeType;
  resolve: (ack: SocketModeAck) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class FakeSocketMode {
  private readonly server = new WebSocketServer({ noServer: true, autoPong: true });
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly closedByFake = new WeakSet<WebSocket>();
  private readonly pending = new Map<string, Pending>();
  private readonly closeLog: SocketModeClose[] = [];
  private readonly changes = new EventEmitter();

  constructor(
    private readonly identity: SocketModeIdentity,
    /** `http://127.0.0.1:<port>` of the fake, known once it listens. */
    private readonly baseUrl: () => string,
  ) {}

  get appToken(): string {
    return this.identity.appToken;
  }

  /** True while the app holds an open connection that was greeted with `hello`. */
  get connected(): boolean {
    return this.sockets.size > 0;
  }

  /** Open connections (Slack allows an app up to 10). */
  get connections(): number {
    return this.sockets.size;
  }

  /** Every connection that ended, oldest first. */
  closes(): SocketModeClose[] {
    return this.closeLog.map((close) => ({ ...close }));
  }

  /** Resolves once the app is connected; rejects after `timeoutMs`. */
  waitForConnection(timeoutMs = 5_000): Promise<void> {
    return this.waitUntil(() => this.connected, timeoutMs, "the app to open a Socket Mode connection");
  }

  /** Resolves once the app holds no connection; rejects after `timeoutMs`. */
  waitForDisconnection(timeoutMs = 5_000): Promise<void> {
    return this.waitUntil(() => !this.connected, timeoutMs, "the app to close its Socket Mode connection");
  }

  // ---------------------------------------------------------------- apps.connections.open

  /** The error Slack answers `apps.connections.open` with for this token, if any. */
  refusal(token: string): string | undefined {
    if (token === this.identity.appToken) return undefined;
    return /^xox[a-z]-/.test(token) ? "not_allowed_token_type" : "invalid_auth";
  }

  /** Answers `apps.connections.open` (the token was checked already) with a fresh single-use URL. */
  open(): ApiBody {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    const url = new URL(SOCKET_MODE_PATH, this.baseUrl());
    url.protocol = "ws:";
    url.searchParams.set("ticket", ticket);
    url.searchParams.set("app_id", this.identity.appId);
    return ok({ url: url.toString() });
  }

  /** The HTTP server's `upgrade` handler: only a ticket handed out (and not used yet) connects. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", this.baseUrl());
    const ticket = url.searchParams.get("ticket") ?? "";
    if (url.pathname !== SOCKET_MODE_PATH || !this.tickets.delete(ticket)) {
      socket.on("error", () => socket.destroy());
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  // ---------------------------------------------------------------- envelopes

  /** Delivers a slash command; `fields` are those of the HTTP form (command, text, user_id, …). */
  sendSlashCommand(fields: Record<string, string>, options: EnvelopeOptions = {}): Promise<SocketModeAck> {
    const payload = {
      team_id: this.identity.teamId,
      api_app_id: this.identity.appId,
      is_enterprise_install: "false",
      ...fields,
    };
    return this.deliver({ type: "slash_commands", payload, accepts_response_payload: true }, options);
  }

  /** Delivers an interactivity payload (block_actions, view_submission, shortcut, …). */
  sendInteractive(payload: Record<string, unknown>, options: EnvelopeOptions = {}): Promise<SocketModeAck> {
    const answers = payload.type === "view_submission" || payload.type === "block_suggestion";
    return this.deliver({ type: "interactive", payload, accepts_response_payload: answers }, options);
  }

  /** Delivers an Events API callback. */
  sendEvent(body: EventCallbackBody, options: EventEnvelopeOptions = {}): Promise<SocketModeAck> {
    const { teamId, appId, botUserId } = this.identity;
    const payload = {
      team_id: teamId,
      api_app_id: appId,
      type: "event_callback",
      event_id: `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: teamId,
          user_id: botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      ...body,
      event: { event_ts: nowTs(), ...body.event },
    };
    return this.deliver(
      {
        type: "events_api",
        payload,
        accepts_response_payload: false,
        retry_attempt: options.retryAttempt ?? 0,
        retry_reason: options.retryReason ?? "",
      },
      options,
    );
  }

  /**
   * Sends Slack's `disconnect` message to every open connection, as Slack does before recycling a
   * server; resolves once the app has closed them (it then reconnects with a new URL).
   */
  async disconnect(reason: DisconnectReason = "refresh_requested", timeoutMs = 5_000): Promise<void> {
    const sockets = [...this.sockets];
    for (const socket of sockets) {
      socket.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-fake" } }));
    }
    await this.waitUntil(
      () => sockets.every((socket) => !this.sockets.has(socket)),
      timeoutMs,
      `the app to close its connection after a ${reason} disconnect`,
    );
  }

  /** Shutdown: lets the app finish a close it started, then closes what is left. */
  async close(): Promise<void> {
    await this.waitUntil(() => !this.connected, CLOSE_GRACE_MS, "").catch(() => undefined);
    for (const socket of this.sockets) {
      this.closedByFake.add(socket);
      socket.terminate();
    }
    for (const ticket of this.pending.keys()) this.settle(ticket, new Error("fake Slack closed"));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- connections

  private accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("message", (data, isBinary) => this.receive(data, isBinary));
    socket.on("close", (code, reason) => this.closed(socket, code, reason.toString()));
    socket.on("error", () => socket.terminate());
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.sockets.size,
        debug_info: { host: "applink-fake", build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.identity.appId },
      }),
    );
    this.changes.emit("change");
  }

  private closed(socket: WebSocket, code: number, reason: string): void {
    this.sockets.delete(socket);
    this.closeLog.push({ code, reason, byApp: !this.closedByFake.has(socket), at: Date.now() });
    for (const [id, pending] of this.pending) {
      if (pending.socket === socket) {
        this.settle(id, new Error(`the connection closed before the app acknowledged ${pending.type} ${id}`));
      }
    }
    this.changes.emit("change");
  }

  /** An acknowledgement settles its envelope; anything else the app sends is ignored, as Slack does. */
  private receive(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(data.toString()) as unknown;
    } catch {
      return;
    }
    if (!isRecord(message) || typeof message.envelope_id !== "string") return;
    const ack: SocketModeAck = { envelope_id: message.envelope_id };
    if (isRecord(message.payload)) ack.payload = message.payload;
    this.settle(message.envelope_id, ack);
  }

  private deliver(
    envelope: Omit<SocketModeEnvelope, "envelope_id">,
    options: EnvelopeOptions,
  ): Promise<SocketModeAck> {
    const socket = [...this.sockets].at(-1);
    if (!socket) {
      return Promise.reject(
        new Error(`cannot send ${envelope.type}: the app has no Socket Mode connection open`),
      );
    }
    const id = randomUUID();
    const timeoutMs = options.timeoutMs ?? ACK_TIMEOUT_MS;
    return new Promise<SocketModeAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(
          id,
          new Error(`the app did not acknowledge ${envelope.type} ${id} within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.pending.set(id, { socket, type: envelope.type, resolve, reject, timer });
      socket.send(JSON.stringify({ envelope_id: id, ...envelope }));
    });
  }

  private settle(id: string, outcome: SocketModeAck | Error): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (outcome instanceof Error) pending.reject(outcome);
    else pending.resolve(outcome);
  }

  private waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.changes.off("change", check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.changes.off("change", check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.changes.on("change", check);
    });
  }
}
