/**
 * The person's top modal over the page, as Slack shows it: title, blocks, Cancel and the submit
 * button. What the person types is kept per view until the view closes, so an answer of errors
 * (or a view pushed on top and closed again) leaves their entries in place.
 */
import type { InputBlock, PlainTextElement } from "@slack/types";
import { type FormEvent, useEffect, useRef, useState } from "react";
import type { SandboxModal, SubmittedValues } from "../../contract";
import { errorText, post } from "../api";
import { Blocks, type OnPress } from "../blocks/Blocks";
import { currentValue, inputBlocksOf, valuesToSubmit, withValue } from "./form-state";
import { InputField } from "./inputs";

interface ModalProps {
  as: string;
  /** The person's open modals, the one on top last. */
  modals: SandboxModal[];
  refresh: () => void;
}

/** Input blocks are drawn as form fields, runs of the others as in a message; `at` is where a part starts. */
type Part =
  | { kind: "input"; block: InputBlock; at: number }
  | { kind: "shown"; blocks: unknown[]; at: number };

function partsOf(blocks: unknown[]): Part[] {
  const inputs = new Set<unknown>(inputBlocksOf(blocks));
  const parts: Part[] = [];
  blocks.forEach((block, at) => {
    const last = parts.at(-1);
    if (inputs.has(block)) parts.push({ kind: "input", block: block as InputBlock, at });
    else if (last?.kind === "shown") last.blocks.push(block);
    else parts.push({ kind: "shown", blocks: [block], at });
  });
  return parts;
}

function textOf(element: unknown, fallback: string): string {
  const text = (element as PlainTextElement | undefined)?.text;
  return typeof text === "string" ? text : fallback;
}

export function ModalOverlay({ as, modals, refresh }: ModalProps) {
  const [entered, setEntered] = useState<Record<string, SubmittedValues>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ viewId: string; text: string } | undefined>(undefined);
  const modal = modals.at(-1);
  const form = useRef<HTMLFormElement>(null);
  const openIds = modals.map((open) => open.id).join(" ");

  // Forget what was typed into views that are gone.
  useEffect(() => {
    const open = new Set(openIds.split(" "));
    setEntered((kept) => Object.fromEntries(Object.entries(kept).filter(([id]) => open.has(id))));
  }, [openIds]);

  // As in Slack, a new modal puts the cursor in its first field.
  useEffect(() => {
    if (modal?.id)
      form.current
        ?.querySelector<HTMLElement>(".input-block input, .input-block textarea, .input-block select")
        ?.focus();
  }, [modal?.id]);

  if (!modal) return null;
  const viewId = modal.id;
  const view = modal.view;
  const blocks = Array.isArray(view.blocks) ? (view.blocks as unknown[]) : [];
  const values = entered[viewId] ?? {};

  const run = async (work: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
    } catch (error) {
      setFailure({ viewId, text: errorText(error) });
    } finally {
      setBusy(false);
      refresh();
    }
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    void run(() => post("submit", { as, viewId, values: valuesToSubmit(blocks, values) }));
  };
  const close = () => void run(() => post("close", { as, viewId }));
  const onPress: OnPress = async (press) => {
    try {
      await post("action", { as, viewId, ...press });
    } catch (error) {
      setFailure({ viewId, text: errorText(error) });
    }
    refresh();
  };

  return (
    <div className="overlay" data-testid="modal" data-view-id={viewId}>
      <form
        ref={form}
        className="dialog modal"
        role="dialog"
        aria-modal="true"
        aria-label={textOf(view.title, "Form")}
        onSubmit={submit}
        onKeyDown={(event) => {
          if (event.key === "Escape") close();
        }}
      >
        <header className="modal-header">
          <h2 className="dialog-title">{textOf(view.title, "")}</h2>
          <button type="button" className="modal-x" aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        <div className="modal-body">
          {partsOf(blocks).map((part) => {
            if (part.kind === "shown") return <Blocks key={part.at} blocks={part.blocks} onPress={onPress} />;
            const blockId = part.block.block_id ?? "";
            return (
              <InputField
                key={part.at}
                block={part.block}
                value={currentValue(values, blockId, part.block.element)}
                error={modal.errors[blockId]}
                onChange={(value) =>
                  setEntered((kept) => ({
                    ...kept,
                    [viewId]: withValue(
                      kept[viewId] ?? {},
                      blockId,
                      part.block.element.action_id ?? "",
                      value,
                    ),
                  }))
                }
              />
            );
          })}
        </div>
        {failure?.viewId === viewId && (
          <div className="modal-error" data-testid="modal-error" role="alert">
            {failure.text}
          </div>
        )}
        <footer className="dialog-footer">
          <button
            type="button"
            className="sk-button"
            data-testid="modal-cancel"
            disabled={busy}
            onClick={close}
          >
            {textOf(view.close, "Cancel")}
          </button>
          {view.submit !== undefined && (
            <button
              type="submit"
              className="sk-button primary-filled"
              data-testid="modal-submit"
              disabled={busy}
            >
              {textOf(view.submit, "Submit")}
            </button>
          )}
        </footer>
      </form>
    </div>
  );
}
