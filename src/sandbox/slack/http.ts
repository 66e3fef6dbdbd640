/**
 * The HTTP side of the Slack stand-in: Web API calls (auth, injected faults, the posting limit, then
 * the method), file upload URLs and response_urls, each recorded as it is answered.
 */
import { randomUUID } from "node:crypto";
import type { EventEmitter } from "node:events";
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import { parseRequestArgs, readBytes, str } from "./args.js";
import { fail, type Handler } from "./common.js";
import type { FaultEffect, Faults } from "./faults.js";
import { receiveUpload, UPLOAD_PATH, UPLOAD_URL_METHOD } from "./files.js";
import type { FakeSocketMode } from "./socket-mode.js";
import type { SlackState } from "./state.js";
import type { ApiBody, Args, RecordedCall, RecordedResponse } from "./types.js";

/** The one method called with the app-level token rather than the bot token. */
const CONNECTIONS_OPEN = "apps.connections.open";

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1];
}

/** What the stand-in answers to one Web API call. */
interface Outcome {
  status: number;
  /** JSON for Slack answers; a string for HTML error pages. */
  body: ApiBody | string;
  headers?: Record<string, string>;
  /** Answered this much later (the call itself is done at once). */
  delayMs?: number;
}

export interface SlackHttpParts {
  state: SlackState;
  faults: Faults;
  methods: Record<string, Handler>;
  socketMode: FakeSocketMode;
  botToken: string;
  /** Told of every call ("call") and every response_url body ("response"). */
  events: EventEmitter;
  baseUrl: () => string;
}

export class SlackHttp {
  recorded: RecordedCall[] = [];
  recordedResponses: RecordedResponse[] = [];
  private readonly state: SlackState;
  private readonly faults: Faults;
  private readonly methods: Record<string, Handler>;
  private readonly socketMode: FakeSocketMode;
  private readonly botToken: string;
  private readonly events: EventEmitter;
  private readonly base: () => string;

  constructor(parts: SlackHttpParts) {
    this.state = parts.state;
    this.faults = parts.faults;
    this.methods = parts.methods;
    this.socketMode = parts.socketMode;
    this.botToken = parts.botToken;
    this.events = parts.events;
    this.base = parts.baseUrl;
  }

  private get baseUrl(): string {
    return this.base();
  }

  async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const bytes = await readBytes(req);
    const raw = bytes.toString("utf8");
    if (url.pathname.startsWith(UPLOAD_PATH) && req.method === "POST") {
      await this.answerUpload(url.pathname.slice(UPLOAD_PATH.length), bytes, req, res);
      return;
    }
    if (url.pathname.startsWith("/api/")) {
      this.answerApi(decodeURIComponent(url.pathname.slice("/api/".length)), url.searchParams, raw, req, res);
      return;
    }
    if (url.pathname.startsWith("/response/") && req.method === "POST") {
      this.answerResponseUrl(`${this.baseUrl}${url.pathname}`, raw, req, res);
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  }

  private answerApi(
    method: string,
    query: URLSearchParams,
    raw: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    const parsed = parseRequestArgs(raw, req.headers["content-type"] ?? "", query);
    const args: Args = parsed.ok ? parsed.args : {};
    const token = bearerToken(req.headers.authorization) ?? (parsed.ok ? parsed.bodyToken : undefined);
    const at = Date.now();
    const outcome: Outcome = parsed.ok
      ? this.decide(method, args, token, at)
      : { status: 200, body: fail(parsed.error) };

    const call: RecordedCall = { method, args, at, status: outcome.status };
    if (typeof outcome.body !== "string") call.ok = outcome.body.ok === true;
    if (token !== undefined) call.token = token;
    this.recorded.push(call);
    this.send(res, outcome);
    this.events.emit("call", call);
  }

  private send(res: ServerResponse, outcome: Outcome, contentType?: string): void {
    const isJson = typeof outcome.body !== "string";
    const answer = () => {
      if (res.destroyed) return;
      res.writeHead(outcome.status, {
        "content-type":
          contentType ?? (isJson ? "application/json; charset=utf-8" : "text/html; charset=utf-8"),
        "x-slack-req-id": randomUUID().replaceAll("-", ""),
        ...outcome.headers,
      });
      res.end(typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body));
    };
    if (outcome.delayMs) setTimeout(answer, outcome.delayMs).unref();
    else answer();
  }

  /**
   * The bytes of a file POSTed to its upload URL, which is its own credential (no token). Injected
   * faults for UPLOAD_URL_METHOD apply as to a Web API call, except that an error is an HTTP 400
   * whose body is the error, as the upload endpoint answers no JSON.
   */
  private async answerUpload(token: string, bytes: Buffer, req: IncomingMessage, res: ServerResponse) {
    const at = Date.now();
    const args: Args = { length: bytes.length };
    const fault = this.faults.take(UPLOAD_URL_METHOD, args);
    let outcome: Outcome | undefined =
      fault?.kind === "error" ? { status: 400, body: fault.error } : this.refusal(fault);
    if (!outcome) {
      const received = await receiveUpload(this.state, token, bytes, req.headers["content-type"] ?? "");
      if (received.fileId !== undefined) args.file_id = received.fileId;
      outcome = { status: received.status, body: received.body };
      if (fault?.kind === "slow") outcome.delayMs = fault.ms;
    }
    const call: RecordedCall = { method: UPLOAD_URL_METHOD, args, at, status: outcome.status };
    this.recorded.push(call);
    this.send(res, outcome, "text/plain; charset=utf-8");
    this.events.emit("call", call);
  }

  /** What an injected rate limit or HTTP failure answers instead of the call. */
  private refusal(fault: FaultEffect | undefined): Outcome | undefined {
    if (fault?.kind === "ratelimit") {
      return {
        status: 429,
        body: fail("ratelimited"),
        headers: { "retry-after": String(fault.retryAfterSeconds) },
      };
    }
    if (fault?.kind === "http") {
      const title = `${fault.status} ${STATUS_CODES[fault.status] ?? "Error"}`;
      const html = `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
      return { status: fault.status, body: html };
    }
    return undefined;
  }

  /** Auth first, then injected faults, then the emulated posting limit, then the method itself. */
  private decide(method: string, args: Args, token: string | undefined, at: number): Outcome {
    const appLevel = method === CONNECTIONS_OPEN;
    const handler: Handler | undefined = appLevel ? () => this.socketMode.open() : this.methods[method];
    if (!handler) return { status: 200, body: fail("unknown_method", { req_method: method }) };
    if (token === undefined || token === "") return { status: 200, body: fail("not_authed") };
    const refusal = appLevel ? this.socketMode.refusal(token) : this.botTokenRefusal(token);
    if (refusal) return { status: 200, body: fail(refusal) };

    const fault = this.faults.take(method, args);
    if (fault?.kind === "error") return { status: 200, body: fail(fault.error) };
    const refused = this.refusal(fault);
    if (refused) return refused;

    const postKey = method === "chat.postMessage" ? (str(args, "channel") ?? "") : undefined;
    if (postKey !== undefined && this.faults.postIsTooSoon(postKey, at)) {
      return { status: 429, body: fail("ratelimited"), headers: { "retry-after": "1" } };
    }
    const body = handler({ state: this.state, args });
    if (postKey !== undefined && body.ok) this.faults.notePost(postKey, at);
    return { status: 200, body, ...(fault?.kind === "slow" ? { delayMs: fault.ms } : {}) };
  }

  /** Web API methods take the bot token; an app-level token is the wrong kind, anything else wrong. */
  private botTokenRefusal(token: string): string | undefined {
    if (token === this.botToken) return undefined;
    return token.startsWith("xapp-") ? "not_allowed_token_type" : "invalid_auth";
  }

  private answerResponseUrl(url: string, raw: string, req: IncomingMessage, res: ServerResponse): void {
    let body: unknown = raw;
    const type = req.headers["content-type"] ?? "";
    if (type.includes("json") || raw.trimStart().startsWith("{")) {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        res.writeHead(400, { "content-type": "text/plain" });
        res.end("invalid_payload");
        return;
      }
    }
    const response: RecordedResponse = { url, body, at: Date.now() };
    this.recordedResponses.push(response);
    res.writeHead(200, { "content-type": "text/html" });
    res.end("ok");
    this.events.emit("response", response);
  }
}
