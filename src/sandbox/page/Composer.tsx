/**
 * The message box: Enter sends, Shift+Enter starts a new line. A line starting with "/" is a
 * slash command, anything else a message (in the thread when the box is a thread's). What the
 * sandbox refuses is shown under the box in its own words, and the text stays to be corrected.
 */
import { type KeyboardEvent, useState } from "react";
import { errorText, post } from "./api";
import { SendIcon } from "./icons";

interface ComposerProps {
  as: string;
  channel: string;
  placeholder: string;
  /** Set for a thread's box: messages go into that thread. */
  threadTs?: string;
  testId: "composer" | "thread-composer";
  refresh: () => void;
}

export function Composer({ as, channel, placeholder, threadTs, testId, refresh }: ComposerProps) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);

  const send = async () => {
    if (sending || text.trim() === "") return;
    setSending(true);
    setRefusal(undefined);
    try {
      if (text.startsWith("/")) await post("command", { as, channel, text: text.trim() });
      else await post("message", { as, channel, text, ...(threadTs ? { threadTs } : {}) });
      setText("");
    } catch (error) {
      setRefusal(errorText(error));
    } finally {
      setSending(false);
      refresh();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <div className="composer">
      <div className={`composer-box${sending ? " sending" : ""}`}>
        <textarea
          data-testid={testId}
          className="composer-input"
          rows={1}
          value={text}
          placeholder={placeholder}
          aria-busy={sending}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className="composer-send"
          aria-label="Send"
          disabled={sending || text.trim() === ""}
          onClick={() => void send()}
        >
          <SendIcon />
        </button>
      </div>
      {refusal ? (
        <div
          className="composer-error"
          data-testid={testId === "composer" ? "composer-error" : "thread-composer-error"}
        >
          {refusal}
        </div>
      ) : (
        <div className="composer-hint">
          <b>Enter</b> to send, <b>Shift + Enter</b> for a new line · The buyer's people: try{" "}
          <code>/tender help</code>; sellers: the buttons on the app's messages
        </div>
      )}
    </div>
  );
}
