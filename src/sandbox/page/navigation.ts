/**
 * The app links to messages with Slack permalinks (`https://<workspace>/archives/<channel>/p<ts>`,
 * `?thread_ts=<root>` for a reply). In the sandbox such a link opens the message in the page.
 */
import { createContext, useContext } from "react";

export interface MessageLink {
  channel: string;
  ts: string;
  threadTs?: string;
}

/** The message a Slack permalink points at; undefined for any other link. */
export function messageLinkOf(href: string): MessageLink | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  const match = /^\/archives\/([A-Z0-9]+)\/p(\d{7,})$/.exec(url.pathname);
  if (!match?.[1] || !match[2]) return undefined;
  const digits = match[2];
  const ts = `${digits.slice(0, -6)}.${digits.slice(-6)}`;
  const threadTs = url.searchParams.get("thread_ts") ?? undefined;
  return { channel: match[1], ts, ...(threadTs ? { threadTs } : {}) };
}

export const NavigationContext = createContext<(link: MessageLink) => void>(() => {});

export function useOpenMessage(): (link: MessageLink) => void {
  return useContext(NavigationContext);
}
