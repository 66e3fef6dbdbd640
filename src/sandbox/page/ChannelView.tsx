/** A channel's messages (top level; replies live in the thread pane) with its header and box. */
import { Fragment } from "react";
import type { SandboxChannel, SandboxMessage } from "../contract";
import { Composer } from "./Composer";
import { dayOf, isTopLevel } from "./format";
import { ChannelSign, SharedIcon } from "./icons";
import { MessageItem } from "./MessageItem";
import { useStickToEnd } from "./use-stick-to-end";

interface ChannelProps {
  as: string;
  channel: SandboxChannel;
  messages: SandboxMessage[];
  onOpenThread: (ts: string) => void;
  refresh: () => void;
}

function ChannelHeader({ channel }: { channel: SandboxChannel }) {
  const others = channel.organisations.slice(1);
  return (
    <header className="channel-header">
      <div className="channel-title">
        <span className="channel-icon">
          <ChannelSign isPrivate={channel.isPrivate} size={16} />
        </span>
        <span>{channel.name}</span>
        {channel.shared && (
          <span className="shared-badge" title={`Shared with ${others.join(", ")}`}>
            <SharedIcon label="shared" /> {others.join(", ") || "external"}
          </span>
        )}
      </div>
      {channel.topic && <div className="channel-topic">{channel.topic}</div>}
    </header>
  );
}

/** The list of a channel or the app's Messages tab, the newest at the bottom. */
export function MessageList({ as, channel, messages, onOpenThread }: Omit<ChannelProps, "refresh">) {
  const { box, content, onScroll } = useStickToEnd();
  const shown = messages.filter(isTopLevel);
  return (
    <div className="messages" ref={box} onScroll={onScroll}>
      <div className="messages-content" ref={content}>
        {shown.length === 0 && (
          <div className="empty">
            {channel.kind === "app"
              ? "Nothing from Tender Room yet."
              : `This is the very beginning of #${channel.name}.`}
          </div>
        )}
        {shown.map((message, index) => {
          const day = dayOf(message.ts);
          const previous = shown[index - 1];
          return (
            <Fragment key={message.ts}>
              {(!previous || dayOf(previous.ts) !== day) && (
                <div className="day-divider">
                  <span>{day}</span>
                </div>
              )}
              <MessageItem as={as} channel={channel.id} message={message} onOpenThread={onOpenThread} />
            </Fragment>
          );
        })}
      </div>
    </div>
  );
}

export function ChannelView({ as, channel, messages, onOpenThread, refresh }: ChannelProps) {
  return (
    <section className="channel">
      <ChannelHeader channel={channel} />
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
        placeholder={`Message #${channel.name}`}
        testId="composer"
        refresh={refresh}
      />
    </section>
  );
}
