/**
 * The app's own place under "Apps": the Home tab (opening it tells the app, which publishes the
 * person's Home) and the Messages tab (the app's DM).
 */
import { useEffect } from "react";
import type { SandboxChannel, SandboxMessage } from "../contract";
import { errorText, post } from "./api";
import { Blocks, type OnPress } from "./blocks/Blocks";
import { MessageList } from "./ChannelView";
import { Composer } from "./Composer";
import { useNotices } from "./notice";

export type AppTab = "home" | "messages";

interface AppViewProps {
  as: string;
  channel: SandboxChannel;
  messages: SandboxMessage[];
  home: Record<string, unknown> | undefined;
  tab: AppTab;
  onTab: (tab: AppTab) => void;
  onOpenThread: (ts: string) => void;
}

export function AppView({ as, channel, messages, home, tab, onTab, onOpenThread }: AppViewProps) {
  const { report, refresh } = useNotices();

  useEffect(() => {
    if (tab !== "home") return;
    post("home", { as })
      .catch((error: unknown) => report(errorText(error)))
      .finally(refresh);
  }, [as, tab, report, refresh]);

  const onPress: OnPress = async (press) => {
    try {
      await post("action", { as, home: true, ...press });
    } catch (error) {
      report(errorText(error));
    }
    refresh();
  };
  const blocks = Array.isArray(home?.blocks) ? (home.blocks as unknown[]) : undefined;

  return (
    <section className="channel app-view">
      <header className="channel-header app-header">
        <div className="channel-title">
          <span className="avatar app-avatar small" aria-hidden="true">
            TR
          </span>
          <span>{channel.name}</span>
        </div>
        <nav className="tabs">
          <button
            type="button"
            className={`tab${tab === "home" ? " active" : ""}`}
            data-testid="home-tab"
            onClick={() => onTab("home")}
          >
            Home
          </button>
          <button
            type="button"
            className={`tab${tab === "messages" ? " active" : ""}`}
            data-testid="messages-tab"
            onClick={() => onTab("messages")}
          >
            Messages
          </button>
        </nav>
      </header>
      {tab === "home" ? (
        <div className="home" data-testid="home-view">
          {blocks ? (
            <Blocks blocks={blocks} onPress={onPress} />
          ) : (
            <div className="empty">Tender Room is getting your Home ready…</div>
          )}
        </div>
      ) : (
        <>
          <MessageList
            key={`list-${channel.id}`}
            as={as}
            channel={channel}
            messages={messages}
            onOpenThread={onOpenThread}
          />
          <Composer
            key={`composer-${channel.id}`}
            as={as}
            channel={channel.id}
            placeholder={`Message ${channel.name}`}
            testId="composer"
            refresh={refresh}
          />
        </>
      )}
    </section>
  );
}
