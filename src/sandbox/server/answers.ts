/**
 * What Slack shows for a body posted to a response_url (or a slash command's immediate answer):
 * an ephemeral to the person by default, a message from the app with `in_channel`, the original
 * message or ephemeral replaced or deleted with `replace_original` / `delete_original`.
 */
import type { FakeSlack } from "../slack/index.js";
import { isRecord } from "./blocks.js";
import type { Origin } from "./ledger.js";

function content(body: Record<string, unknown>): { text: string; blocks: unknown[] | undefined } {
  return {
    text: typeof body.text === "string" ? body.text : "",
    blocks: Array.isArray(body.blocks) && body.blocks.length > 0 ? body.blocks : undefined,
  };
}

function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** Shows an answer; returns false when it had nothing Slack would show. */
export function showAnswer(slack: FakeSlack, origin: Origin, body: unknown): boolean {
  if (!isRecord(body)) return false;
  const { target } = origin;
  if (isTrue(body.delete_original)) {
    if (!target) return false;
    return target.ephemeral
      ? slack.deleteEphemeral(origin.channel, origin.person, target.ts)
      : slack.removeMessage(origin.channel, target.ts);
  }
  const shown = content(body);
  if (shown.text === "" && shown.blocks === undefined) return false;
  if (isTrue(body.replace_original) && target) {
    return target.ephemeral
      ? slack.replaceEphemeral(origin.channel, origin.person, target.ts, shown)
      : slack.replaceMessage(origin.channel, target.ts, shown);
  }
  const threadTs = typeof body.thread_ts === "string" ? body.thread_ts : origin.threadTs;
  if (body.response_type === "in_channel") {
    slack.postAsApp(origin.channel, { ...shown, threadTs });
    return true;
  }
  const ts = slack.addEphemeral({ channel: origin.channel, user: origin.person, threadTs, ...shown });
  // A command's later answers may replace the first one it showed.
  origin.target ??= { ts, ephemeral: true };
  return true;
}

/** A slash command's HTTP answer: JSON like a response_url body, or plain text shown as is. */
export function showCommandAnswer(slack: FakeSlack, origin: Origin, raw: string): boolean {
  const text = raw.trim();
  if (text === "") return false;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  if (isRecord(body)) {
    // The immediate answer has no original message to replace or delete.
    const { replace_original: _replace, delete_original: _delete, ...answer } = body;
    return showAnswer(slack, origin, answer);
  }
  return showAnswer(slack, origin, { text });
}
