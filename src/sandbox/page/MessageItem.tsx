/**
 * One message as Slack shows it: avatar, author (with "APP" for the app), time, its blocks or
 * text, "(edited)", files, the pinned and "Only visible to you" marks, the thread link, and on
 * hover the message's actions (reply in thread, the app's message shortcut).
 */
import { useState } from "react";
import type { SandboxMessage } from "../contract";
import { errorText, post } from "./api";
import { Blocks, type OnPress, textBlocks } from "./blocks/Blocks";
import { avatarColour, initials, replyCountText, timeOf } from "./format";
import { EyeIcon, FileIcon, MoreIcon, PinIcon, ThreadIcon } from "./icons";
import { useNotices } from "./notice";

/** The app's message shortcut, as declared in manifest.json. */
const SHORTCUTS = [{ callbackId: "lesson_save_message", name: "Save as lesson learned" }] as const;

interface MessageProps {
  as: string;
  channel: string;
  message: SandboxMessage;
  /** Opens this message's thread; absent inside the thread pane. */
  onOpenThread?: (ts: string) => void;
}

export function MessageItem({ as, channel, message, onOpenThread }: MessageProps) {
  const { report, refresh } = useNotices();
  const [menu, setMenu] = useState(false);
  const blocks = message.blocks && message.blocks.length > 0 ? message.blocks : textBlocks(message.text);

  const onPress: OnPress = async (press) => {
    try {
      await post("action", { as, channel, messageTs: message.ts, ...press });
    } catch (error) {
      report(errorText(error));
    }
    refresh();
  };
  const shortcut = async (callbackId: string) => {
    setMenu(false);
    try {
      await post("shortcut", { as, channel, messageTs: message.ts, callbackId });
    } catch (error) {
      report(errorText(error));
    }
    refresh();
  };

  const classes = ["message", message.ephemeral && "ephemeral", message.pinned && "pinned"].filter(Boolean);
  return (
    <div
      className={classes.join(" ")}
      data-testid="message"
      data-ts={message.ts}
      data-author={message.author}
    >
      {message.pinned && (
        <div className="message-mark">
          <PinIcon /> Pinned
        </div>
      )}
      {message.ephemeral && (
        <div className="message-mark">
          <EyeIcon /> Only visible to you
        </div>
      )}
      <div className="message-row">
        <div
          className={`avatar${message.fromApp ? " app-avatar" : ""}`}
          style={message.fromApp ? undefined : { background: avatarColour(message.user) }}
          aria-hidden="true"
        >
          {message.fromApp ? "TR" : initials(message.author)}
        </div>
        <div className="message-body">
          <div className="message-meta">
            <span className="author">{message.author}</span>
            {message.fromApp && <span className="app-badge">APP</span>}
            <span className="time">{timeOf(message.ts)}</span>
          </div>
          <Blocks blocks={blocks} onPress={onPress} />
          {message.edited && <span className="edited">(edited)</span>}
          {message.files.length > 0 && (
            <div className="files">
              {message.files.map((file) => (
                <a key={file.id} className="file" href={file.url} download={file.name}>
                  <span className="file-icon">
                    <FileIcon />
                  </span>
                  <span className="file-name">{file.title || file.name}</span>
                  <span className="file-action">Download</span>
                </a>
              ))}
            </div>
          )}
          {onOpenThread && message.replyCount > 0 && (
            <button
              type="button"
              className="thread-link"
              data-testid="thread-open"
              onClick={() => onOpenThread(message.ts)}
            >
              {replyCountText(message.replyCount)}
            </button>
          )}
        </div>
      </div>
      {!message.ephemeral && (
        <div className={`message-tools${menu ? " open" : ""}`}>
          {onOpenThread && (
            <button
              type="button"
              className="tool"
              title="Reply in thread"
              data-testid="thread-start"
              onClick={() => onOpenThread(message.ts)}
            >
              <ThreadIcon />
            </button>
          )}
          <button
            type="button"
            className="tool"
            title="More actions"
            data-testid="message-actions"
            onClick={() => setMenu(!menu)}
          >
            <MoreIcon />
          </button>
          {menu && (
            <>
              <button
                type="button"
                className="menu-backdrop"
                aria-label="Close menu"
                onClick={() => setMenu(false)}
              />
              <div className="menu message-menu" role="menu">
                <div className="menu-heading">Tender Room</div>
                {SHORTCUTS.map((item) => (
                  <button
                    type="button"
                    role="menuitem"
                    key={item.callbackId}
                    className="menu-item"
                    data-testid={`shortcut-${item.callbackId}`}
                    onClick={() => void shortcut(item.callbackId)}
                  >
                    {item.name}
                  </button>
                ))}
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}
