/**
 * The sandbox server's routes (SANDBOX_ROUTES): the page, what a person sees, the change stream,
 * and what a person does, each POST checked for its shape and answered `{ ok: true, ... }` or a
 * refusal in plain words.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import type { Logger } from "../../logger.js";
import { type SandboxActor, SandboxRefusalError } from "../actor.js";
import { SANDBOX_ROUTES } from "../contract.js";
import type { FakeSlack } from "../slack/index.js";
import { INPUTS, problemOf } from "./inputs.js";
import { answerAsset, answerFile, answerShell, isAsset } from "./page.js";
import { personOf } from "./people.js";
import type { ChangeStream } from "./stream.js";

/** The largest body a POST may carry. */
const BODY_LIMIT = 256 * 1024;

export interface Routes {
  slack: FakeSlack;
  actor: SandboxActor;
  stream: ChangeStream;
  logger: Logger;
  pageDir: string;
  demo: (actor: SandboxActor, as: string) => Promise<void>;
  /** The port listened on, for checking the Host a browser sent. */
  port: () => number;
}

type Post = (body: unknown) => Promise<Record<string, unknown>>;

function parsed<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new SandboxRefusalError(problemOf(result.error), 400);
  return result.data;
}

/** A route: the body checked against its schema, the action done, `{ ok: true, ...its answer }`. */
function route<T>(schema: z.ZodType<T>, act: (input: T) => Promise<object | undefined>): Post {
  return async (body) => ({ ok: true, ...(await act(parsed(schema, body))) });
}

/** For actions that answer nothing. */
const nothing = async (done: Promise<void>): Promise<undefined> => {
  await done;
  return undefined;
};

function posts(routes: Routes): Record<string, Post> {
  const { actor } = routes;
  return {
    [SANDBOX_ROUTES.message]: route(INPUTS.message, (input) => actor.message(input)),
    [SANDBOX_ROUTES.command]: route(INPUTS.command, (input) => nothing(actor.command(input))),
    [SANDBOX_ROUTES.action]: route(INPUTS.action, (input) => nothing(actor.press(input))),
    [SANDBOX_ROUTES.submit]: route(INPUTS.submit, (input) => actor.submit(input)),
    [SANDBOX_ROUTES.close]: route(INPUTS.close, (input) => nothing(actor.close(input))),
    [SANDBOX_ROUTES.shortcut]: route(INPUTS.shortcut, (input) => nothing(actor.shortcut(input))),
    [SANDBOX_ROUTES.invitation]: route(INPUTS.invitation, (input) => nothing(actor.answerInvitation(input))),
    [SANDBOX_ROUTES.home]: route(INPUTS.person, (input) => nothing(actor.openHome(input))),
    [SANDBOX_ROUTES.demo]: route(INPUTS.person, ({ as }) => {
      personOf(routes.slack, as);
      return nothing(routes.demo(actor, as));
    }),
  };
}

function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** The body, or undefined when it is longer than BODY_LIMIT (read to its end all the same). */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size <= BODY_LIMIT) chunks.push(bytes);
  }
  return size > BODY_LIMIT ? undefined : Buffer.concat(chunks).toString("utf8");
}

/** Only the page on this machine: a browser sent here by another site's DNS names another host. */
function fromThisMachine(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? "";
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

async function answerPost(post: Post, req: IncomingMessage, res: ServerResponse) {
  if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
    await readBody(req);
    answerJson(res, 415, { error: "The sandbox takes JSON (Content-Type: application/json)." });
    return;
  }
  const raw = await readBody(req);
  if (raw === undefined) {
    answerJson(res, 413, { error: "The request is larger than the sandbox takes (256 KB)." });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    answerJson(res, 400, { error: "The request is not valid JSON." });
    return;
  }
  answerJson(res, 200, await post(body));
}

async function answerGet(routes: Routes, path: string, url: URL, res: ServerResponse): Promise<void> {
  const as = url.searchParams.get("as") ?? "";
  if (path === SANDBOX_ROUTES.page) return answerShell(res);
  if (isAsset(path)) return answerAsset(res, routes.pageDir, path);
  if (path === SANDBOX_ROUTES.state) return answerJson(res, 200, routes.actor.snapshot(as));
  if (path === SANDBOX_ROUTES.stream) {
    personOf(routes.slack, as);
    return routes.stream.open(res);
  }
  if (path.startsWith(SANDBOX_ROUTES.files)) {
    const fileId = path.slice(SANDBOX_ROUTES.files.length);
    return answerFile(res, routes.slack, /^[A-Z0-9]+$/.test(fileId) ? fileId : "", as);
  }
  answerJson(res, 404, { error: "There is nothing here." });
}

export function requestHandler(routes: Routes): (req: IncomingMessage, res: ServerResponse) => void {
  const byPath = posts(routes);
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!fromThisMachine(req, routes.port())) {
      answerJson(res, 403, { error: "The sandbox answers only pages on this machine." });
      return;
    }
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const post = byPath[url.pathname];
    if (req.method === "POST" && post) return answerPost(post, req, res);
    if (req.method === "GET") return answerGet(routes, url.pathname, url, res);
    answerJson(res, 405, { error: `${req.method ?? "That"} is not something the sandbox answers here.` });
  };
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof SandboxRefusalError) {
        answerJson(res, error.status, { error: error.message });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      routes.logger.error({ err: error, path: req.url }, "the sandbox could not answer a request");
      answerJson(res, 500, { error: `The sandbox could not do that: ${message}` });
    });
  };
}
