/**
 * Slack's confirm dialog: an element with `confirm` asks first, and only a yes sends the action.
 * Drawn in the page (not window.confirm) so that it looks like Slack's and a browser test can
 * answer it.
 */
import type { Confirm } from "@slack/types";
import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from "react";

type Ask = (confirm: Confirm | undefined) => Promise<boolean>;

const ConfirmContext = createContext<Ask>(async () => true);

/** Resolves true at once without a confirm object; otherwise when the person answers. */
export function useConfirm(): Ask {
  return useContext(ConfirmContext);
}

interface Question {
  confirm: Confirm;
  answer: (yes: boolean) => void;
}

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [question, setQuestion] = useState<Question | undefined>(undefined);
  const pending = useRef<Question | undefined>(undefined);

  const ask = useCallback<Ask>((confirm) => {
    if (!confirm) return Promise.resolve(true);
    pending.current?.answer(false);
    return new Promise<boolean>((resolve) => {
      const next: Question = {
        confirm,
        answer: (yes) => {
          pending.current = undefined;
          setQuestion(undefined);
          resolve(yes);
        },
      };
      pending.current = next;
      setQuestion(next);
    });
  }, []);

  return (
    <ConfirmContext.Provider value={ask}>
      {children}
      {question && <ConfirmDialog question={question} />}
    </ConfirmContext.Provider>
  );
}

function ConfirmDialog({ question }: { question: Question }) {
  const { confirm, answer } = question;
  return (
    <div className="overlay confirm-overlay" data-testid="confirm-dialog">
      <div className="dialog confirm-dialog" role="alertdialog" aria-modal="true">
        <h2 className="dialog-title">{confirm.title?.text ?? "Are you sure?"}</h2>
        <p className="confirm-text">{confirm.text.text}</p>
        <div className="dialog-footer">
          <button
            type="button"
            className="sk-button"
            data-testid="confirm-deny"
            onClick={() => answer(false)}
          >
            {confirm.deny?.text ?? "Cancel"}
          </button>
          <button
            type="button"
            className={`sk-button ${confirm.style === "danger" ? "danger-filled" : "primary-filled"}`}
            data-testid="confirm-yes"
            onClick={() => answer(true)}
          >
            {confirm.confirm?.text ?? "Yes"}
          </button>
        </div>
      </div>
    </div>
  );
}
