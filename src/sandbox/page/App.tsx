/**
 * The sandbox page: a Slack workspace played by one person at a time (in the URL as `?as=`, so a
 * reload keeps them), with the sidebar, the selected channel or the app, the thread on the right
 * and the person's top modal over everything.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import type { SandboxChannel, SandboxSnapshot } from "../contract";
import { type AppTab, AppView } from "./AppView";
import { ConfirmProvider } from "./blocks/confirm";
import { ChannelView } from "./ChannelView";
import { DirectoryContext } from "./directory";
import { ModalOverlay } from "./modal/ModalOverlay";
import { type MessageLink, NavigationContext } from "./navigation";
import { NoticeContext } from "./notice";
import { Sidebar } from "./Sidebar";
import { ThreadPane } from "./ThreadPane";
import { useWorkspace } from "./use-workspace";

/** Who the page plays when the URL names no one: the buyer's procurement lead. */
const FIRST_PERSON = "U0OLIVIA";

function personInUrl(): string {
  return new URLSearchParams(window.location.search).get("as") || FIRST_PERSON;
}

function rememberPerson(id: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set("as", id);
  window.history.replaceState(null, "", url);
}

/** The channel shown: the one chosen while the person still sees it, else their first channel. */
function shownChannel(snapshot: SandboxSnapshot, chosen: string | undefined): SandboxChannel | undefined {
  return (
    snapshot.channels.find((channel) => channel.id === chosen) ??
    snapshot.channels.find((channel) => channel.kind === "channel") ??
    snapshot.channels[0]
  );
}

/** Brings a message opened from a link into view and marks it for a moment. */
function useFocusedMessage(ts: string | undefined, done: () => void) {
  useEffect(() => {
    if (!ts) return;
    const shown = window.setTimeout(() => {
      const element = document.querySelector(`.main [data-ts="${CSS.escape(ts)}"]`);
      element?.scrollIntoView({ block: "center" });
      element?.classList.add("focused");
      window.setTimeout(() => element?.classList.remove("focused"), 2000);
      done();
    }, 50);
    return () => window.clearTimeout(shown);
  }, [ts, done]);
}

export function App() {
  const [as, setAs] = useState(personInUrl);
  const { snapshot, error, refresh } = useWorkspace(as);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [threadTs, setThreadTs] = useState<string | undefined>(undefined);
  const [tab, setTab] = useState<AppTab>("home");
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [focus, setFocus] = useState<string | undefined>(undefined);

  const report = useCallback((text: string) => setNotice(text), []);
  const notices = useMemo(() => ({ report, refresh }), [report, refresh]);
  const directory = useMemo(
    () => ({ people: snapshot?.people ?? [], channels: snapshot?.channels ?? [] }),
    [snapshot?.people, snapshot?.channels],
  );

  const channelIds = snapshot?.channels.map((channel) => channel.id).join(" ") ?? "";
  const openMessage = useCallback(
    (link: MessageLink) => {
      if (!channelIds.split(" ").includes(link.channel)) {
        setNotice("That message is in a channel you are not in.");
        return;
      }
      setChosen(link.channel);
      setTab("messages");
      setThreadTs(link.threadTs);
      setFocus(link.threadTs ?? link.ts);
    },
    [channelIds],
  );
  const clearFocus = useCallback(() => setFocus(undefined), []);
  useFocusedMessage(focus, clearFocus);

  const switchPerson = (id: string) => {
    rememberPerson(id);
    setAs(id);
    setChosen(undefined);
    setThreadTs(undefined);
    setTab("home");
    setNotice(undefined);
  };
  const openChannel = (id: string) => {
    setChosen(id);
    setThreadTs(undefined);
  };

  if (!snapshot) {
    return (
      <div className="loading-screen">
        {error ? (
          <div className="loading-error" role="alert">
            <p>{error}</p>
            {as !== FIRST_PERSON && (
              <button type="button" className="sk-button" onClick={() => switchPerson(FIRST_PERSON)}>
                Play the buyer's procurement lead instead
              </button>
            )}
          </div>
        ) : (
          <>
            <span className="spinner dark" aria-hidden="true" /> Opening the workspace…
          </>
        )}
      </div>
    );
  }

  const channel = shownChannel(snapshot, chosen);
  const messages = channel ? (snapshot.messages[channel.id] ?? []) : [];
  const threadShown = channel && threadTs && (channel.kind === "channel" || tab === "messages");

  return (
    <NoticeContext.Provider value={notices}>
      <DirectoryContext.Provider value={directory}>
        <NavigationContext.Provider value={openMessage}>
          <ConfirmProvider>
            <div className="top-bar">
              <span className="top-title">Tender Room sandbox</span>
              <span className="top-note">A local Slack workspace: nothing here leaves this machine.</span>
            </div>
            <div className="client">
              <Sidebar
                snapshot={snapshot}
                selected={channel?.id}
                onPerson={switchPerson}
                onChannel={openChannel}
              />
              <main className="main">
                {(notice || error) && (
                  <div className="notice" data-testid="page-error" role="alert">
                    <span>{notice ?? error}</span>
                    {notice && (
                      <button
                        type="button"
                        className="notice-close"
                        aria-label="Dismiss"
                        onClick={() => setNotice(undefined)}
                      >
                        ×
                      </button>
                    )}
                  </div>
                )}
                {!channel ? (
                  <div className="empty">You are in no channel yet.</div>
                ) : channel.kind === "app" ? (
                  <AppView
                    as={as}
                    channel={channel}
                    messages={messages}
                    home={snapshot.home}
                    tab={tab}
                    onTab={setTab}
                    onOpenThread={setThreadTs}
                  />
                ) : (
                  <ChannelView
                    as={as}
                    channel={channel}
                    messages={messages}
                    onOpenThread={setThreadTs}
                    refresh={refresh}
                  />
                )}
              </main>
              {threadShown && (
                <ThreadPane
                  key={`${channel.id}-${threadTs}`}
                  as={as}
                  channel={channel}
                  messages={messages}
                  rootTs={threadTs}
                  onClose={() => setThreadTs(undefined)}
                  refresh={refresh}
                />
              )}
            </div>
            <ModalOverlay as={as} modals={snapshot.modals} refresh={refresh} />
          </ConfirmProvider>
        </NavigationContext.Provider>
      </DirectoryContext.Provider>
    </NoticeContext.Provider>
  );
}
