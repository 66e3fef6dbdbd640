import { createHash } from "node:crypto";

/** What the inbox does with something Slack sent. */
export type Intake =
  /** Kept before Slack is answered, then worked from the inbox. */
  | { take: "keep"; kind: "event" | "command" | "action" | "shortcut"; key: string; lane: string }
  /** Answered at once: a form's listener checks its fields and keeps it itself (see `formHandler`). */
  | { take: "direct" }
  /** Acknowledged and dropped: nothing of the app acts on it. */
  | { take: "ignore"; reason: string };

type Body = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === "string" && value ? value : undefined);

function record(value: unknown): Body | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Body) : undefined;
}

/**
 * Where an event happened, for the order its items are worked in: a thread (a message and its
 * edit or deletion are in the same one, so they are worked in the order Slack sent them), else its
 * channel. Different threads are worked side by side.
 */
function eventLane(event: Body | undefined): string {
  const channel = event?.channel;
  const where = text(channel) ?? text(record(channel)?.id) ?? text(record(event?.item)?.channel) ?? "events";
  const thread =
    text(event?.thread_ts) ??
    text(record(event?.message)?.thread_ts) ??
    text(record(event?.previous_message)?.thread_ts);
  return thread ? `${where}:${thread}` : where;
}

/** Without a trigger id (it always has one), the payload itself names the interaction. */
function interactionKey(prefix: string, body: Body): string {
  const trigger = text(body.trigger_id);
  return `${prefix}:${trigger ?? createHash("sha256").update(JSON.stringify(body)).digest("hex")}`;
}

/**
 * Events by Slack's event id (its retries carry the same), interactions by their trigger id (one
 * per press or submission, so a replayed request is recognised too). `ignores` says which events
 * no feature acts on, so that they cost nothing.
 */
export function intakeOf(body: Body, ignores: (event: Body) => string | undefined): Intake {
  if (body.type === "event_callback") {
    const event = record(body.event);
    const id = text(body.event_id);
    if (!id || !event) return { take: "ignore", reason: "an event without an id" };
    const reason = ignores(event);
    if (reason) return { take: "ignore", reason };
    return { take: "keep", kind: "event", key: id, lane: eventLane(event) };
  }
  if (typeof body.command === "string") {
    return {
      take: "keep",
      kind: "command",
      key: interactionKey("command", body),
      lane: text(body.channel_id) ?? "commands",
    };
  }
  const channel = text(record(body.channel)?.id);
  const user = text(record(body.user)?.id) ?? "interactions";
  if (body.type === "block_actions")
    return { take: "keep", kind: "action", key: interactionKey("action", body), lane: channel ?? user };
  if (body.type === "message_action" || body.type === "shortcut")
    return { take: "keep", kind: "shortcut", key: interactionKey("shortcut", body), lane: channel ?? user };
  return { take: "direct" };
}

/** A form's submission: kept by its listener once its fields are checked. */
export function formItem(body: Body): { kind: "form"; key: string; lane: string } {
  return { kind: "form", key: interactionKey("form", body), lane: text(record(body.user)?.id) ?? "forms" };
}
