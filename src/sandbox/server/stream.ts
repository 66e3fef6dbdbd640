/**
 * Server-Sent Events to the open pages: `changed` with the workspace's version shortly after it
 * changed (changes close together make one event), and a comment now and then so that proxies and
 * browsers keep the connection.
 */
import type { ServerResponse } from "node:http";
import type { Ledger } from "./ledger.js";

export interface StreamOptions {
  /** Changes within this time make one event; default 50 ms. */
  debounceMs?: number;
  /** How often a quiet stream sends a comment; default 15 s. */
  heartbeatMs?: number;
}

export class ChangeStream {
  private readonly clients = new Set<ServerResponse>();
  private pending: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly debounceMs: number;

  constructor(
    private readonly ledger: Ledger,
    options: StreamOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 50;
    this.unsubscribe = ledger.onChange(() => this.schedule());
    this.heartbeat = setInterval(() => this.send(": still here\n\n"), options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  open(res: ServerResponse): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.write(`retry: 2000\n${this.event()}`);
    this.clients.add(res);
    res.on("close", () => this.clients.delete(res));
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.heartbeat);
    if (this.pending) clearTimeout(this.pending);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private event(): string {
    return `event: changed\ndata: ${JSON.stringify({ version: this.ledger.version })}\n\n`;
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.send(this.event());
    }, this.debounceMs);
    this.pending.unref();
  }

  private send(text: string): void {
    for (const client of this.clients) client.write(text);
  }
}
