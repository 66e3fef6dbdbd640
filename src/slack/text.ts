/**
 * Escapes text a person typed before the bot posts it as mrkdwn, so nobody can make the bot send
 * `<!channel>`, a mention or a disguised link.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function mentionUser(userId: string): string {
  return `<@${userId}>`;
}

/** A moment Slack shows in each reader's own zone; the fallback is UTC. */
export function slackTime(at: Date): string {
  const fallback = `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

export function mentionChannel(channelId: string): string {
  return `<#${channelId}>`;
}

/** How much of what a person typed an answer repeats back to them. */
const ECHO_MAX = 80;

/**
 * What a person typed, repeated in an answer: cut short and escaped, so that an answer never
 * grows with the input and `<!channel>` or a link in it stays text.
 */
export function echo(text: string): string {
  return escapeText(truncate(text, ECHO_MAX));
}

/**
 * Cuts text to Slack's limit for a field, marking the cut. Safe on escaped mrkdwn: it never leaves
 * half a character, half an `&amp;` entity or half a `<@mention>` behind.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text
    .slice(0, max - 1)
    .replace(/[\uD800-\uDBFF]$/, "")
    .replace(/&[a-z]*$/, "")
    .replace(/<[^>]*$/, "");
  return `${cut}…`;
}

/** Slack escapes `&`, `<` and `>` in message text; this is what the person typed. */
export function plainText(slackText: string): string {
  return slackText.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Broadcast mentions (`<!channel>`, `<!here>`, `<!everyone>`, with or without a label). */
const BROADCAST = /<!(channel|here|everyone)(?:\|[^>]*)?>/g;

/**
 * A person's message in Slack's markup, shown elsewhere: links, user, channel and user-group
 * mentions and emoji stay live; only a broadcast mention is turned into text, so that quoting a
 * seller never notifies a whole channel.
 */
export function liveMarkup(markup: string): string {
  return markup.replace(BROADCAST, (_all, which: string) => `@${which}`);
}

/** The start of a text on one line, cut at a word where it can, e.g. for a list or a menu option. */
export function firstWords(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const window = line.slice(0, max - 1);
  const space = window.lastIndexOf(" ");
  const cut = space > max / 2 ? window.slice(0, space) : window.replace(/[\uD800-\uDBFF]$/, "");
  return `${cut.replace(/[\s.,;:!?-]+$/, "")}…`;
}

/**
 * Splits text into pieces of at most `max` characters, at paragraph, then line, then word
 * boundaries where it can, so that each fits one Block Kit section.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = [window.lastIndexOf("\n\n"), window.lastIndexOf("\n"), window.lastIndexOf(" ")].find(
      (index) => index > max / 2,
    );
    let at = cut ?? max;
    // Never between the halves of an escaped `&amp;`, `&lt;` or `&gt;`.
    const amp = rest.lastIndexOf("&", at - 1);
    if (amp !== -1 && at - amp < 5 && !rest.slice(amp, at).includes(";")) at = amp;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Ephemeral answers stay within what Slack shows of a message without cutting it. */
export const EPHEMERAL_TEXT_MAX = 3900;

/** Joins `head` and as many items as fit in `max` characters, then says how many were left out. */
export function fitItems(head: string, items: string[], max: number, more: (left: number) => string): string {
  const all = [head, ...items].join("\n");
  if (all.length <= max) return all;
  const budget = max - more(items.length).length - 1;
  let text = head;
  let shown = 0;
  for (const item of items) {
    if (text.length + 1 + item.length > budget) break;
    text += `\n${item}`;
    shown++;
  }
  return `${text}\n${more(items.length - shown)}`;
}
