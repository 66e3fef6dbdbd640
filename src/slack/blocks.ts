import type {
  ActionsBlock,
  Button,
  ContextBlock,
  InputBlock,
  KnownBlock,
  ModalView,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
} from "@slack/types";
import type { Field } from "./modal.js";
import { truncate } from "./text.js";

/** Builders of the Block Kit the app's messages and forms are made of: typed, and nothing more. */

/** Slack shows at most 100 options in a menu, each within 75 characters. */
export const OPTIONS_MAX = 100;
export const OPTION_TEXT_MAX = 75;
/** A section's text stays a little under Slack's 3,000 characters, room for a marker of a cut. */
export const SECTION_MAX = 2900;
/** Slack's limit for what a form's text input takes. */
export const TEXT_INPUT_MAX = 3000;

function plain(text: string): PlainTextElement {
  return { type: "plain_text", text };
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(truncate(text, OPTION_TEXT_MAX)), value };
}

/** A form: submitted with `submit`, closed with "Cancel". */
export function modal(form: {
  callbackId: string;
  privateMetadata: string;
  title: string;
  submit: string;
  blocks: KnownBlock[];
}): ModalView {
  return {
    type: "modal",
    callback_id: form.callbackId,
    private_metadata: form.privateMetadata,
    title: plain(form.title),
    submit: plain(form.submit),
    close: plain("Cancel"),
    blocks: form.blocks,
  };
}

export interface InputOptions {
  optional?: boolean;
  hint?: string;
}

function input(ids: Field, label: string, options: InputOptions, element: InputBlock["element"]): InputBlock {
  return {
    type: "input",
    block_id: ids.block,
    ...(options.optional !== undefined ? { optional: options.optional } : {}),
    label: plain(label),
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element,
  };
}

export interface TextInputOptions extends InputOptions {
  multiline?: boolean;
  max?: number;
  initial?: string | null;
  placeholder?: string;
}

/** A form's text field; it says whether it is optional and multiline, as Slack's own examples do. */
export function textInput(ids: Field, label: string, options: TextInputOptions = {}): InputBlock {
  return input(
    ids,
    label,
    { ...options, optional: options.optional ?? false },
    {
      type: "plain_text_input",
      action_id: ids.action,
      multiline: options.multiline ?? false,
      ...(options.max ? { max_length: options.max } : {}),
      ...(options.initial ? { initial_value: options.initial } : {}),
      ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
    },
  );
}

export function dateInput(ids: Field, label: string, options: InputOptions & { initial?: string } = {}) {
  return input(ids, label, options, {
    type: "datepicker",
    action_id: ids.action,
    ...(options.initial ? { initial_date: options.initial } : {}),
  });
}

export function timeInput(ids: Field, label: string, options: InputOptions & { initial?: string } = {}) {
  return input(ids, label, options, {
    type: "timepicker",
    action_id: ids.action,
    ...(options.initial ? { initial_time: options.initial } : {}),
  });
}

export interface SelectOptions extends InputOptions {
  initial?: PlainTextOption;
  placeholder?: string;
}

export function selectInput(
  ids: Field,
  label: string,
  options: PlainTextOption[],
  select: SelectOptions = {},
) {
  return input(ids, label, select, {
    type: "static_select",
    action_id: ids.action,
    options,
    ...(select.initial ? { initial_option: select.initial } : {}),
    ...(select.placeholder ? { placeholder: plain(select.placeholder) } : {}),
  });
}

export function multiSelectInput(
  ids: Field,
  label: string,
  options: PlainTextOption[],
  select: Omit<SelectOptions, "initial"> = {},
) {
  return input(ids, label, select, {
    type: "multi_static_select",
    action_id: ids.action,
    options: options.slice(0, OPTIONS_MAX),
    ...(select.placeholder ? { placeholder: plain(select.placeholder) } : {}),
  });
}

export function usersInput(ids: Field, label: string, options: InputOptions & { max: number }) {
  return input(ids, label, options, {
    type: "multi_users_select",
    action_id: ids.action,
    max_selected_items: options.max,
  });
}

/** A line of small print; plain text where nothing in it may be read as mrkdwn. */
export function context(text: string, kind: "mrkdwn" | "plain_text" = "mrkdwn"): ContextBlock {
  return { type: "context", elements: [{ type: kind, text }] };
}

export function section(mrkdwn: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: mrkdwn } };
}

export function button(actionId: string, text: string, value: string, style?: "primary"): Button {
  return { type: "button", action_id: actionId, text: plain(text), value, ...(style ? { style } : {}) };
}

export function actions(...elements: Button[]): ActionsBlock {
  return { type: "actions", elements };
}
