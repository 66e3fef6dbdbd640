/** Identifiers and signatures shaped like Slack's. */
import { createHmac, randomBytes, randomInt } from "node:crypto";

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function signSlackRequest(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export function digits(count: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < count) out += String(randomInt(0, 10));
  return out;
}

/** A trigger_id shaped like Slack's, e.g. 1234567890123.1234567890.0a1b2c…  */
export function newTriggerId(): string {
  return `${digits(13)}.${digits(10)}.${randomBytes(16).toString("hex")}`;
}

/** Slack-style "<seconds>.<microseconds>" for action_ts / event_ts. */
export function nowTs(): string {
  const micros = Date.now() * 1000 + randomInt(0, 1000);
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, "0")}`;
}

export function newEventId(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let id = "Ev";
  for (let i = 0; i < 10; i += 1) id += alphabet[randomInt(0, alphabet.length)];
  return id;
}
