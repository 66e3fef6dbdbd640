/**
 * The interactive elements of messages, modals and the Home, drawn by the page itself because
 * pressing them must reach the app: buttons, selects, overflow menus, date pickers and radio
 * buttons. Each asks first when it carries a confirm object.
 */
import type {
  ActionsBlockElement,
  Button,
  Datepicker,
  Option,
  Overflow,
  RadioButtons,
  SectionBlockAccessory,
  StaticSelect,
} from "@slack/types";
import { useId, useState } from "react";
import { useDirectory } from "../directory";
import { useConfirm } from "./confirm";

/** What a press sends beside the block it is in; never rejects (its owner shows what failed). */
export type Act = (press: { actionId: string; selected?: string; date?: string }) => Promise<void>;

export type Interactive = ActionsBlockElement | SectionBlockAccessory;

/** An element's options, those of its option groups included. */
export function optionsOf(element: {
  options?: Option[];
  option_groups?: { options: Option[] }[];
}): Option[] {
  return element.options ?? element.option_groups?.flatMap((group) => group.options) ?? [];
}

export function optionText(option: Option): string {
  return option.text.text;
}

function useBusy(): [boolean, (work: () => Promise<void>) => void] {
  const [busy, setBusy] = useState(false);
  const run = (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    work().finally(() => setBusy(false));
  };
  return [busy, run];
}

function openLink(url: string): void {
  window.open(url, "_blank", "noopener,noreferrer");
}

export function Control({ element, act }: { element: Interactive; act: Act }) {
  switch (element.type) {
    case "button":
      return <ButtonControl button={element} act={act} />;
    case "static_select":
      return <SelectControl select={element} act={act} />;
    case "users_select":
    case "conversations_select":
    case "channels_select":
      return <PickerControl type={element.type} actionId={element.action_id ?? ""} act={act} />;
    case "overflow":
      return <OverflowControl overflow={element} act={act} />;
    case "datepicker":
      return <DateControl picker={element} act={act} />;
    case "radio_buttons":
      return <RadioControl radios={element} act={act} />;
    default:
      return <span className="unsupported">({element.type} is not shown in the sandbox)</span>;
  }
}

function ButtonControl({ button, act }: { button: Button; act: Act }) {
  const ask = useConfirm();
  const [busy, run] = useBusy();
  const press = () =>
    run(async () => {
      if (!(await ask(button.confirm))) return;
      if (button.url) return openLink(button.url);
      await act({ actionId: button.action_id ?? "" });
    });
  return (
    <button
      type="button"
      className={`sk-button ${button.style ?? ""}`}
      data-action-id={button.action_id}
      disabled={busy}
      onClick={press}
    >
      {button.text.text}
    </button>
  );
}

function SelectControl({ select, act }: { select: StaticSelect; act: Act }) {
  const ask = useConfirm();
  const [busy, run] = useBusy();
  const [chosen, setChosen] = useState(select.initial_option?.value ?? "");
  const choose = (value: string) =>
    run(async () => {
      if (!(await ask(select.confirm))) return;
      setChosen(value);
      await act({ actionId: select.action_id ?? "", selected: value });
    });
  return (
    <select
      className="sk-select"
      data-action-id={select.action_id}
      value={chosen}
      disabled={busy}
      onChange={(event) => choose(event.target.value)}
    >
      <option value="" disabled>
        {select.placeholder?.text ?? "Select an item"}
      </option>
      {optionsOf(select).map((option) => (
        <option key={option.value} value={option.value}>
          {optionText(option)}
        </option>
      ))}
    </select>
  );
}

/** A people or channel picker outside a form: the choice is sent at once. */
function PickerControl({ type, actionId, act }: { type: string; actionId: string; act: Act }) {
  const { people, channels } = useDirectory();
  const [busy, run] = useBusy();
  const [chosen, setChosen] = useState("");
  const choices =
    type === "users_select"
      ? people.map((person) => ({ id: person.id, name: person.name }))
      : channels.map((channel) => ({ id: channel.id, name: `#${channel.name}` }));
  return (
    <select
      className="sk-select"
      data-action-id={actionId}
      value={chosen}
      disabled={busy}
      onChange={(event) => {
        const value = event.target.value;
        setChosen(value);
        run(() => act({ actionId, selected: value }));
      }}
    >
      <option value="" disabled>
        {type === "users_select" ? "Select a person" : "Select a channel"}
      </option>
      {choices.map((choice) => (
        <option key={choice.id} value={choice.id}>
          {choice.name}
        </option>
      ))}
    </select>
  );
}

function OverflowControl({ overflow, act }: { overflow: Overflow; act: Act }) {
  const ask = useConfirm();
  const [busy, run] = useBusy();
  const [open, setOpen] = useState(false);
  const pick = (option: Option) => {
    setOpen(false);
    run(async () => {
      if (!(await ask(overflow.confirm))) return;
      if ("url" in option && option.url) return openLink(option.url);
      await act({ actionId: overflow.action_id ?? "", selected: option.value ?? "" });
    });
  };
  return (
    <span className="overflow">
      <button
        type="button"
        className="sk-button overflow-button"
        data-action-id={overflow.action_id}
        aria-label="More actions"
        disabled={busy}
        onClick={() => setOpen(!open)}
      >
        ⋮
      </button>
      {open && (
        <>
          <button
            type="button"
            className="menu-backdrop"
            aria-label="Close menu"
            onClick={() => setOpen(false)}
          />
          <span className="menu" role="menu">
            {overflow.options.map((option) => (
              <button
                type="button"
                role="menuitem"
                key={option.value}
                className="menu-item"
                data-value={option.value}
                onClick={() => pick(option)}
              >
                {optionText(option)}
              </button>
            ))}
          </span>
        </>
      )}
    </span>
  );
}

function DateControl({ picker, act }: { picker: Datepicker; act: Act }) {
  const ask = useConfirm();
  const [busy, run] = useBusy();
  const [date, setDate] = useState(picker.initial_date ?? "");
  const choose = (value: string) =>
    run(async () => {
      if (!value || !(await ask(picker.confirm))) return;
      setDate(value);
      await act({ actionId: picker.action_id ?? "", date: value });
    });
  return (
    <input
      type="date"
      className="sk-input sk-date"
      data-action-id={picker.action_id}
      value={date}
      disabled={busy}
      onChange={(event) => choose(event.target.value)}
    />
  );
}

function RadioControl({ radios, act }: { radios: RadioButtons; act: Act }) {
  const ask = useConfirm();
  const name = useId();
  const [busy, run] = useBusy();
  const [chosen, setChosen] = useState(radios.initial_option?.value ?? "");
  const choose = (value: string) =>
    run(async () => {
      if (!(await ask(radios.confirm))) return;
      setChosen(value);
      await act({ actionId: radios.action_id ?? "", selected: value });
    });
  return (
    <span className="radios" data-action-id={radios.action_id}>
      {radios.options.map((option) => (
        <label key={option.value} className="choice">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={chosen === option.value}
            disabled={busy}
            onChange={() => choose(option.value ?? "")}
          />
          {optionText(option)}
        </label>
      ))}
    </span>
  );
}
