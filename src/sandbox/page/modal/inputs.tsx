/**
 * A form's input block as Slack draws it: label, optional marker, the element, hint and the error
 * the app answered for that block. Every element the app's forms use is covered, and the rest of
 * Slack's input elements that carry a value.
 */
import type { InputBlock, InputBlockElement } from "@slack/types";
import type { ChangeEvent } from "react";
import type { SubmittedValue } from "../../contract";
import { optionsOf, optionText } from "../blocks/controls";
import { useDirectory } from "../directory";

interface FieldProps {
  block: InputBlock;
  value: SubmittedValue | undefined;
  error: string | undefined;
  onChange: (value: SubmittedValue) => void;
}

export function InputField({ block, value, error, onChange }: FieldProps) {
  const id = `input-${block.block_id}`;
  return (
    <div className={`input-block${error ? " has-error" : ""}`} data-block-id={block.block_id}>
      <label className="input-label" htmlFor={id}>
        {block.label.text}
        {block.optional && <span className="optional"> (optional)</span>}
      </label>
      <Element id={id} element={block.element} value={value} onChange={onChange} />
      {error && (
        <div className="input-error" role="alert">
          {error}
        </div>
      )}
      {block.hint && <div className="input-hint">{block.hint.text}</div>}
    </div>
  );
}

interface ElementProps {
  id: string;
  element: InputBlockElement;
  value: SubmittedValue | undefined;
  onChange: (value: SubmittedValue) => void;
}

function selectedOf(event: ChangeEvent<HTMLSelectElement>): string[] {
  return [...event.target.selectedOptions].map((option) => option.value);
}

function Element({ id, element, value, onChange }: ElementProps) {
  const { people, channels } = useDirectory();
  const actionId = element.action_id;
  const text = value && "value" in value ? value.value : "";
  const one = value && "selected" in value && !Array.isArray(value.selected) ? (value.selected ?? "") : "";
  const many = value && "selected" in value && Array.isArray(value.selected) ? value.selected : [];
  switch (element.type) {
    case "plain_text_input": {
      const common = {
        id,
        className: "sk-input",
        "data-action-id": actionId,
        value: text,
        placeholder: element.placeholder?.text,
      };
      const type = element.type;
      const max = element.max_length;
      return (
        <>
          {element.multiline ? (
            <textarea
              {...common}
              rows={4}
              onChange={(event) => onChange({ type, value: event.target.value })}
            />
          ) : (
            <input
              {...common}
              type="text"
              onChange={(event) => onChange({ type, value: event.target.value })}
            />
          )}
          {max !== undefined && text.length > max * 0.9 && (
            <div className={`counter${text.length > max ? " over" : ""}`}>
              {text.length.toLocaleString()} / {max.toLocaleString()}
            </div>
          )}
        </>
      );
    }
    case "email_text_input":
    case "url_text_input":
    case "number_input": {
      const type = element.type;
      const decimal = type === "number_input" && element.is_decimal_allowed;
      return (
        <input
          id={id}
          className="sk-input"
          data-action-id={actionId}
          type={type === "email_text_input" ? "email" : type === "url_text_input" ? "url" : "number"}
          step={type === "number_input" ? (decimal ? "any" : "1") : undefined}
          min={type === "number_input" ? element.min_value : undefined}
          max={type === "number_input" ? element.max_value : undefined}
          placeholder={element.placeholder?.text}
          value={text}
          onChange={(event) => onChange({ type, value: event.target.value })}
        />
      );
    }
    case "static_select":
    case "users_select":
    case "conversations_select":
    case "channels_select": {
      const type = element.type;
      const choices =
        type === "static_select"
          ? optionsOf(element).map((option) => ({ id: option.value ?? "", name: optionText(option) }))
          : type === "users_select"
            ? people.map((person) => ({ id: person.id, name: `${person.name} (${person.organisation})` }))
            : channels.map((channel) => ({ id: channel.id, name: `#${channel.name}` }));
      return (
        <select
          id={id}
          className="sk-select"
          data-action-id={actionId}
          value={one}
          onChange={(event) => onChange({ type, selected: event.target.value || null })}
        >
          <option value="">{element.placeholder?.text ?? "Select an option"}</option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.name}
            </option>
          ))}
        </select>
      );
    }
    case "multi_static_select":
    case "multi_users_select": {
      const type = element.type;
      const choices =
        type === "multi_static_select"
          ? optionsOf(element).map((option) => ({ id: option.value ?? "", name: optionText(option) }))
          : people.map((person) => ({ id: person.id, name: `${person.name} (${person.organisation})` }));
      return (
        <>
          <select
            id={id}
            multiple
            size={Math.min(Math.max(choices.length, 2), 6)}
            className="sk-select sk-multi"
            data-action-id={actionId}
            value={many}
            onChange={(event) => onChange({ type, selected: selectedOf(event) })}
          >
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
          <div className="input-hint">Hold Ctrl (⌘ on a Mac) to choose several.</div>
        </>
      );
    }
    case "checkboxes":
    case "radio_buttons": {
      const type = element.type;
      const toggle = (option: string) =>
        type === "checkboxes"
          ? onChange({
              type,
              selected: many.includes(option) ? many.filter((v) => v !== option) : [...many, option],
            })
          : onChange({ type, selected: option });
      return (
        <div id={id} className="choices" data-action-id={actionId}>
          {element.options.map((option) => (
            <label key={option.value} className="choice">
              <input
                type={type === "checkboxes" ? "checkbox" : "radio"}
                name={id}
                value={option.value}
                checked={type === "checkboxes" ? many.includes(option.value ?? "") : one === option.value}
                onChange={() => toggle(option.value ?? "")}
              />
              {optionText(option)}
            </label>
          ))}
        </div>
      );
    }
    case "datepicker":
      return (
        <input
          id={id}
          type="date"
          className="sk-input sk-date"
          data-action-id={actionId}
          value={value?.type === "datepicker" ? (value.date ?? "") : ""}
          onChange={(event) => onChange({ type: "datepicker", date: event.target.value || null })}
        />
      );
    case "timepicker":
      return (
        <input
          id={id}
          type="time"
          className="sk-input sk-time"
          data-action-id={actionId}
          value={value?.type === "timepicker" ? (value.time ?? "") : ""}
          onChange={(event) => onChange({ type: "timepicker", time: event.target.value || null })}
        />
      );
    default:
      return <div className="unsupported">({element.type} is not shown in the sandbox)</div>;
  }
}
