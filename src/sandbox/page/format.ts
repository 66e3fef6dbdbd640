/** Small pieces of Slack's look: times, days, avatars. */
import type { SandboxMessage } from "../contract";

/** A Slack ts ("1700000000.000100") is seconds since the epoch. */
function dateOf(ts: string): Date {
  return new Date(Number.parseFloat(ts) * 1000);
}

export function timeOf(ts: string): string {
  return dateOf(ts).toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
}

export function dayOf(ts: string, now = new Date()): string {
  const day = dateOf(ts);
  if (day.toDateString() === now.toDateString()) return "Today";
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (day.toDateString() === yesterday.toDateString()) return "Yesterday";
  return day.toLocaleDateString(undefined, { weekday: "long", month: "long", day: "numeric" });
}

export function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() ?? "");
  return (letters.slice(0, 2).join("") || "?").slice(0, 2);
}

const AVATAR_COLOURS = ["#2bac76", "#e8912d", "#1d9bd1", "#e01e5a", "#9b59b6", "#36c5f0", "#ecb22e"];

/** The same person always gets the same colour. */
export function avatarColour(id: string): string {
  let sum = 0;
  for (const char of id) sum = (sum * 31 + char.charCodeAt(0)) % 1_000_003;
  return AVATAR_COLOURS[sum % AVATAR_COLOURS.length] ?? "#1d9bd1";
}

/** Top-level messages are those not replying in a thread (a thread's root has threadTs = ts). */
export function isTopLevel(message: SandboxMessage): boolean {
  return message.threadTs === undefined || message.threadTs === message.ts;
}

export function repliesTo(messages: SandboxMessage[], rootTs: string): SandboxMessage[] {
  return messages.filter((message) => message.threadTs === rootTs && message.ts !== rootTs);
}

export function replyCountText(count: number): string {
  return count === 1 ? "1 reply" : `${count} replies`;
}
