/** The thread on the right: its root, the replies (ephemeral ones for this person too), a reply box. */
import type { SandboxChannel, SandboxMessage } from "../contract";
import { Composer } from "./Composer";
import { repliesTo, replyCountText } from "./format";
import { MessageItem } from "./MessageItem";
import { useStickToEnd } from "./use-stick-to-end";

interface ThreadProps {
  as: string;
  channel: SandboxChannel;
  messages: SandboxMessage[];
  rootTs: string;
  onClose: () => void;
  refresh: () => void;
}

export function ThreadPane({ as, channel, messages, rootTs, onClose, refresh }: ThreadProps) {
  const root = messages.find((message) => message.ts === rootTs);
  const replies = repliesTo(messages, rootTs);
  const { box, content, onScroll } = useStickToEnd();
  return (
    <aside className="thread-pane" data-testid="thread-pane" data-thread-ts={rootTs}>
      <header className="pane-header">
        <div>
          <div className="pane-title">Thread</div>
          <div className="pane-subtitle">{channel.kind === "app" ? channel.name : `#${channel.name}`}</div>
        </div>
        <button
          type="button"
          className="pane-close"
          aria-label="Close thread"
          data-testid="thread-close"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="thread-scroll" ref={box} onScroll={onScroll}>
        <div ref={content}>
          {root ? (
            <MessageItem as={as} channel={channel.id} message={root} />
          ) : (
            <div className="empty">This message is no longer here.</div>
          )}
          {replies.length > 0 && <div className="thread-divider">{replyCountText(replies.length)}</div>}
          {replies.map((reply) => (
            <MessageItem key={reply.ts} as={as} channel={channel.id} message={reply} />
          ))}
        </div>
      </div>
      {root && (
        <Composer
          as={as}
          channel={channel.id}
          threadTs={rootTs}
          placeholder="Reply…"
          testId="thread-composer"
          refresh={refresh}
        />
      )}
    </aside>
  );
}
