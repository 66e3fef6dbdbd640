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

export function mentionChannel(channelId: string): string {
  return `<#${channelId}>`;
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
