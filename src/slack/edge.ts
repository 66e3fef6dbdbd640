import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../logger.js";

/**
 * What Slack sends is cleaned before anything else reads it: control characters (NUL among them,
 * which PostgreSQL refuses in text) are removed from every string and broken characters replaced, and a request naming a
 * `response_url` outside Slack is answered and dropped, so that the app never sends people's words
 * to an address a request chose.
 */

/** Slack's hosts for response URLs (commercial and GovSlack). */
const SLACK_HOSTS = new Set(["hooks.slack.com", "hooks.slack-gov.com"]);

/**
 * Whether the app may send to `url`: https on one of Slack's hosts, or the host of the Slack API
 * the app is configured to talk to (a proxy, a test or sandbox Slack).
 */
export function isSlackUrl(url: string, apiUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === "https:" && SLACK_HOSTS.has(parsed.hostname)) return true;
  if (!apiUrl) return false;
  const api = new URL(apiUrl);
  return parsed.protocol === api.protocol && parsed.host === api.host;
}

// Tab, line feed and carriage return stay; every other C0 control, DEL and the C1 controls go.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Half of a surrogate pair without its other half: no character at all, and PostgreSQL refuses it in JSON. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `value` with control characters removed from every string in it, and lone surrogate halves
 * replaced by the replacement character (in place for objects).
 */
function withoutControls<T>(value: T): T {
  if (typeof value === "string") return value.replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD") as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withoutControls(value[i]);
    return value;
  }
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = withoutControls(record[key]);
  }
  return value;
}

/** Every response URL a request names: its own, and those of a form's conversations. */
function responseUrls(body: Record<string, unknown>): string[] {
  const urls: string[] = [];
  if (typeof body.response_url === "string") urls.push(body.response_url);
  if (Array.isArray(body.response_urls)) {
    for (const entry of body.response_urls) {
      const url = (entry as { response_url?: unknown } | null)?.response_url;
      if (typeof url === "string") urls.push(url);
    }
  }
  return urls;
}

const id = z.string().min(1);
const person = z.object({ id });

/**
 * The least every request the app acts on has, in the shapes Slack documents; a request without it
 * is answered and dropped instead of failing deep in a listener.
 */
/** One input's value in a submitted form, as each element Slack offers sends it. */
const inputValue = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_users: z.array(z.string()).nullish(),
  selected_date: z.string().nullish(),
  selected_time: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});

const SHAPES: Record<string, z.ZodType> = {
  event_callback: z.object({ event: z.object({ type: id }) }),
  block_actions: z.object({ user: person, actions: z.array(z.object({ action_id: id })).min(1) }),
  view_submission: z.object({
    user: person,
    view: z.object({
      callback_id: z.string(),
      private_metadata: z.string().optional(),
      state: z.object({ values: z.record(z.string(), z.record(z.string(), inputValue)) }),
    }),
  }),
  view_closed: z.object({ user: person, view: z.object({ callback_id: z.string() }) }),
  message_action: z.object({ user: person, callback_id: id, message: z.object({ ts: id }) }),
  shortcut: z.object({ user: person, callback_id: id }),
  command: z.object({ command: id, user_id: id, channel_id: id, text: z.string() }),
};

/** Whether a request has the shape Slack sends for its type (others are Bolt's to answer). */
function wellFormed(body: Record<string, unknown>): boolean {
  const type = typeof body.command === "string" ? "command" : String(body.type);
  const shape = SHAPES[type];
  return !shape || shape.safeParse(body).success;
}

export const MALFORMED_REQUEST =
  "Tender Room could not read this request, so it did nothing. If it came from Slack, please try again.";

export const FOREIGN_RESPONSE_URL =
  "Tender Room did not act on this request: it asked for the answer to go to an address outside Slack.";

/** The receiver Bolt is given, cleaning what Slack sends before `inner`'s app sees it. */
/** What the edge makes of a request: cleaned, and whether the app may act on it. */
export type Inspected =
  | { verdict: "ok"; body: Record<string, unknown> }
  | { verdict: "malformed"; body: Record<string, unknown> }
  | { verdict: "foreign"; body: Record<string, unknown>; host: string };

/** Cleans a request's body in place and checks its shape and response URLs. */
export function inspectRequest(raw: Record<string, unknown>, apiUrl: string | undefined): Inspected {
  const body = withoutControls(raw);
  if (!wellFormed(body)) return { verdict: "malformed", body };
  const foreign = responseUrls(body).find((url) => !isSlackUrl(url, apiUrl));
  return foreign === undefined
    ? { verdict: "ok", body }
    : { verdict: "foreign", body, host: hostOf(foreign) };
}

/** The receiver Bolt is given, cleaning what Slack sends before `inner`'s app sees it. */
export function edgeReceiver(
  inner: Receiver,
  options: { apiUrl: string | undefined; logger: Logger },
): Receiver {
  return {
    init: (app: App) => {
      inner.init({
        processEvent: async (event: ReceiverEvent) => {
          const inspected = inspectRequest(event.body as Record<string, unknown>, options.apiUrl);
          const { body } = inspected;
          if (inspected.verdict === "ok") return app.processEvent({ ...event, body });
          if (inspected.verdict === "malformed") {
            options.logger.warn(
              { type: body.type ?? body.command },
              "a request not in Slack's shape was dropped",
            );
          } else {
            options.logger.warn(
              { host: inspected.host },
              "a request naming a response URL outside Slack was dropped",
            );
          }
          // A command shows the text to its person; other interactions take no text in the answer.
          const told = inspected.verdict === "malformed" ? MALFORMED_REQUEST : FOREIGN_RESPONSE_URL;
          await event.ack(typeof body.command === "string" ? told : undefined);
        },
      } as unknown as App);
    },
    start: (...args: unknown[]) => inner.start(...args),
    stop: (...args: unknown[]) => inner.stop(...args),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(not a URL)";
  }
}
