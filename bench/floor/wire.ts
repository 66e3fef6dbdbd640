import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP proxy in front of PostgreSQL that counts the app's round trips as they cross the wire: a
 * simple query is one, an extended-protocol exchange (Parse … Sync) is one, however many
 * statements the app's code issues per round trip. Each is named by its first statement's text.
 */
export class WireCounter {
  private readonly server: Server;
  private readonly counts = new Map<string, number>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
  ) {
    this.server = createServer((client) => this.serve(client));
  }

  static async start(upstream: URL): Promise<{ counter: WireCounter; url: URL }> {
    const counter = new WireCounter(upstream.hostname, Number(upstream.port || 5432));
    await new Promise<void>((resolve) => counter.server.listen(0, "127.0.0.1", resolve));
    const address = counter.server.address();
    if (typeof address !== "object" || !address) throw new Error("no port");
    const url = new URL(upstream);
    url.hostname = "127.0.0.1";
    url.port = String(address.port);
    return { counter, url };
  }

  /** Round trips so far, by statement, and forgets them. */
  take(): Map<string, number> {
    const taken = new Map(this.counts);
    this.counts.clear();
    return taken;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private serve(client: Socket): void {
    const upstream = connect(this.upstreamPort, this.upstreamHost);
    this.sockets.add(client);
    this.sockets.add(upstream);
    upstream.pipe(client);
    let buffer = Buffer.alloc(0);
    let started = false;
    let pending: string | undefined;
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          // The startup message has no type byte: its length, then the protocol version.
          if (buffer.length < 4) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          buffer = buffer.subarray(length);
          started = true;
          continue;
        }
        if (buffer.length < 5) break;
        const type = String.fromCharCode(buffer[0] ?? 0);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) break;
        const body = buffer.subarray(5, 1 + length);
        buffer = buffer.subarray(1 + length);
        if (type === "Q") this.count(cString(body, 0));
        if (type === "P") pending ??= cString(body, body.indexOf(0) + 1);
        if (type === "S") {
          this.count(pending ?? "(sync)");
          pending = undefined;
        }
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on("close", end);
    upstream.on("close", end);
    client.on("error", end);
    upstream.on("error", end);
  }

  private count(sql: string): void {
    const key = sql.replace(/\s+/g, " ").trim();
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

function cString(buffer: Buffer, from: number): string {
  const end = buffer.indexOf(0, from);
  return buffer.toString("utf8", from, end === -1 ? buffer.length : end);
}
