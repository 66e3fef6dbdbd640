/**
 * The page's only way to the sandbox server: the routes and JSON shapes of ../contract.ts, which the
 * page and the server share (it holds no code that needs Node.js).
 */
import type {
  ActionInput,
  CloseInput,
  CommandInput,
  InvitationInput,
  MessageInput,
  PersonInput,
  SandboxRefusal,
  SandboxSnapshot,
  ShortcutInput,
  SubmitInput,
} from "../contract";
import { SANDBOX_ROUTES } from "../contract";

const ROUTES = SANDBOX_ROUTES;

/** What the sandbox refused or could not do, in the server's own words. */
class SandboxPageError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "SandboxPageError";
  }
}

interface PostBodies {
  message: MessageInput;
  command: CommandInput;
  action: ActionInput;
  submit: SubmitInput;
  close: CloseInput;
  shortcut: ShortcutInput;
  invitation: InvitationInput;
  home: PersonInput;
  demo: PersonInput;
}

export type PostRoute = keyof PostBodies;

/** The server's answer to a POST: `{ ok: true, ... }`. */
export type PostAnswer = { ok: true } & Record<string, unknown>;

async function refusalOf(response: Response): Promise<SandboxPageError> {
  const fallback = `The sandbox answered ${response.status} ${response.statusText}.`;
  try {
    const body = (await response.json()) as Partial<SandboxRefusal> | null;
    if (typeof body?.error === "string") return new SandboxPageError(body.error, response.status);
  } catch {
    // Not JSON: the status says enough.
  }
  return new SandboxPageError(fallback, response.status);
}

async function send(url: string, init?: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new SandboxPageError("The sandbox does not answer. Is npm start still running?", 0);
  }
  if (!response.ok) throw await refusalOf(response);
  return response.json();
}

export async function post<R extends PostRoute>(route: R, body: PostBodies[R]): Promise<PostAnswer> {
  const answer = await send(ROUTES[route], {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return answer as PostAnswer;
}

export async function fetchSnapshot(as: string): Promise<SandboxSnapshot> {
  return (await send(`${ROUTES.state}?as=${encodeURIComponent(as)}`)) as SandboxSnapshot;
}

export function streamUrl(as: string): string {
  return `${ROUTES.stream}?as=${encodeURIComponent(as)}`;
}

/** The message of anything thrown, for the page to show. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
