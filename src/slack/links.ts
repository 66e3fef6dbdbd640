/**
 * Links to messages without asking Slack for each: Slack's permalinks read
 * `https://<workspace>/archives/<channel>/p<ts without its dot>`, with `?thread_ts=<parent>&cid=<channel>`
 * for a reply in a thread. One permalink gives the workspace's address; the others follow its form.
 */

/** The workspace's address (`https://<workspace>.slack.com`) from one of its permalinks. */
export function workspaceOf(permalink: string | undefined): string | undefined {
  return permalink ? /^(https:\/\/[^/?#]+)\/archives\//.exec(permalink)?.[1] : undefined;
}

/** The link to a message (a reply opens in its thread) in the workspace at `workspace`. */
export function messageLink(
  workspace: string,
  message: { channelId: string; ts: string; threadTs?: string | null },
): string {
  const link = `${workspace}/archives/${message.channelId}/p${message.ts.replace(".", "")}`;
  const { threadTs } = message;
  return threadTs && threadTs !== message.ts
    ? `${link}?thread_ts=${threadTs}&cid=${message.channelId}`
    : link;
}
