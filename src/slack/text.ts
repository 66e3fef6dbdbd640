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

/** Cuts text to Slack's limit for a field, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
