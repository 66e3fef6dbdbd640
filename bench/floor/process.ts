import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** Clock ticks per second of /proc/<pid>/stat's CPU times. */
const TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** An app running in a process of its own, measured from outside as an operator would. */
export interface AppProcess {
  readonly pid: number;
  readonly port: number;
  /** From spawning the process to its first 200 on GET /healthz. */
  readonly firstHealthyMs: number;
  readonly url: string;
  /** Resident memory now, in MB. */
  rssMb(): number;
  /** The most resident memory so far, in MB. */
  peakRssMb(): number;
  /** CPU time used so far (user and system), in ms. */
  cpuMs(): number;
  health(): Promise<Record<string, unknown>>;
  output(): string;
  /** SIGTERM, then waits for the exit; the exit code. */
  stop(): Promise<number | null>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

function statusField(pid: number, field: string): number {
  const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? Number.NaN) / 1024;
}

function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS;
}

/** Starts `node <args>` with `env` (and PORT) and waits for its first healthy answer. */
export async function startProcess(args: string[], env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const started = performance.now();
  // BENCH_NODE_ARGS reach the measured apps' node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles`.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The last lines it wrote, for an error message.
  let output = "";
  const keep = (chunk: unknown) => {
    output = (output + String(chunk)).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      exited = true;
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`node ${args.join(" ")} exited on start:\n${output}`);
    if (performance.now() - started > 120_000)
      throw new Error(`node ${args.join(" ")} did not start:\n${output}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const firstHealthyMs = performance.now() - started;
  const pid = child.pid ?? 0;
  return {
    pid,
    port,
    firstHealthyMs,
    url,
    rssMb: () => statusField(pid, "VmRSS"),
    peakRssMb: () => statusField(pid, "VmHWM"),
    cpuMs: () => cpuMsOf(pid),
    health: async () => (await (await fetch(`${url}/healthz`)).json()) as Record<string, unknown>,
    output: () => output,
    async stop() {
      if (!exited) child.kill("SIGTERM");
      return exit;
    },
  };
}
