import type { IncomingMessage } from "node:http";
import type { Args } from "./types.js";

/** Parameters Slack treats as booleans; form bodies carry them as "true"/"false"/"1"/"0". */
const BOOLEAN_KEYS = new Set([
  "as_user",
  "external_limited",
  "force",
  "include_all_metadata",
  "include_locale",
  "include_num_members",
  "inclusive",
  "is_private",
  "link_names",
  "mrkdwn",
  "reply_broadcast",
  "return_im",
  "unfurl_links",
  "unfurl_media",
]);

/** Free-text parameters that must never be mistaken for JSON, even when they look like it. */
const TEXT_KEYS = new Set([
  "text",
  "name",
  "topic",
  "purpose",
  "private_metadata",
  "callback_id",
  "title",
  "value",
  "query",
  "markdown_text",
  "ts",
  "thread_ts",
  "timestamp",
  "message_ts",
]);

/** A request's body as bytes (a file's bytes POSTed to its upload URL stay intact). */
export async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks);
}

function normalizeFormValue(key: string, value: string): unknown {
  if (BOOLEAN_KEYS.has(key)) {
    if (value === "true" || value === "1") return true;
    if (value === "false" || value === "0") return false;
  }
  if (TEXT_KEYS.has(key)) return value;
  const trimmed = value.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/** Form-encoded arguments, with JSON-stringified objects and arrays (blocks, metadata, view…) parsed back. */
function parseFormArgs(raw: string): Args {
  const args: Args = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = normalizeFormValue(key, value);
  }
  return args;
}

export type ParsedRequest =
  | { ok: true; args: Args; bodyToken: string | undefined }
  | { ok: false; error: string };

/**
 * Parses a Web API request body. Like Slack, a token inside a JSON body is ignored: JSON
 * requests must authenticate with an `Authorization: Bearer` header.
 */
export function parseRequestArgs(raw: string, contentType: string, query: URLSearchParams): ParsedRequest {
  const args = parseFormArgs(query.toString());
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json") {
    if (raw.trim() === "") return { ok: true, args, bodyToken: undefined };
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { ok: false, error: "invalid_json" };
    }
    if (!isRecord(parsed)) return { ok: false, error: "invalid_json" };
    const { token: _ignored, ...rest } = parsed;
    return { ok: true, args: { ...args, ...rest }, bodyToken: undefined };
  }
  if (type === "multipart/form-data") return { ok: false, error: "invalid_form_data" };
  const form = parseFormArgs(raw);
  const bodyToken = typeof form.token === "string" ? form.token : undefined;
  delete form.token;
  const queryToken = typeof args.token === "string" ? args.token : undefined;
  delete args.token;
  return { ok: true, args: { ...args, ...form }, bodyToken: bodyToken ?? queryToken };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string argument; numbers are accepted and stringified, as Slack does. */
export function str(args: Args, key: string): string | undefined {
  const value = args[key];
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

export function bool(args: Args, key: string, fallback: boolean): boolean {
  const value = args[key];
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1" || value === 1) return true;
  if (value === "false" || value === "0" || value === 0) return false;
  return fallback;
}

/** A list argument given either as an array or as a comma-separated string. */
export function list(args: Args, key: string): string[] {
  const value = args[key];
  const items = Array.isArray(value)
    ? value.map((item) => String(item))
    : typeof value === "string"
      ? value.split(",")
      : [];
  return items.map((item) => item.trim()).filter((item) => item !== "");
}

export type Structured<T> =
  | { present: false }
  | { present: true; value: T }
  | { present: true; invalid: true };

/** An object or array argument, which may also arrive as a JSON string (e.g. blocks in a JSON body). */
export function structured(args: Args, key: string): Structured<unknown> {
  const value = args[key];
  if (value === undefined || value === null || value === "") return { present: false };
  if (typeof value !== "string") return { present: true, value };
  try {
    return { present: true, value: JSON.parse(value) as unknown };
  } catch {
    return { present: true, invalid: true };
  }
}
