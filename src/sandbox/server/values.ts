/**
 * A form's `state.values` as Slack sends them: one entry per input block, what the person chose or
 * else the field's initial value. What the page says was chosen must be something the field
 * offers; anything else is refused before the app hears of it.
 */
import { SandboxRefusalError } from "../actor.js";
import type { SubmittedValue, SubmittedValues } from "../contract.js";
import { type InputField, inputFields, type Json, optionWithValue } from "./blocks.js";
import { echo } from "./people.js";

export type StateValues = Record<string, Record<string, Json>>;

/** What a field may hold beyond its own options: the people and channels the person can pick. */
export interface Pickable {
  user(id: string): boolean;
  conversation(id: string): boolean;
}

export const REQUIRED_FIELD = "Please complete this required field.";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function refuse(field: InputField, why: string): never {
  throw new SandboxRefusalError(`The field ${echo(field.blockId)} ${why}`, 400);
}

function isDate(value: string): boolean {
  return DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** What the person left in a field they did not touch: its initial value. */
function initialValue(field: InputField): Json {
  const { element } = field;
  const type = String(element.type);
  const initial = (key: string, empty: unknown = null) => element[key] ?? empty;
  switch (type) {
    case "static_select":
    case "radio_buttons":
      return { type, selected_option: initial("initial_option") };
    case "checkboxes":
    case "multi_static_select":
      return { type, selected_options: initial("initial_options", []) };
    case "datepicker":
      return { type, selected_date: initial("initial_date") };
    case "timepicker":
      return { type, selected_time: initial("initial_time") };
    case "users_select":
      return { type, selected_user: initial("initial_user") };
    case "multi_users_select":
      return { type, selected_users: initial("initial_users", []) };
    case "conversations_select":
      return { type, selected_conversation: initial("initial_conversation") };
    case "channels_select":
      return { type, selected_channel: initial("initial_channel") };
    default:
      return { type, value: initial("initial_value") };
  }
}

function textValue(field: InputField, value: string): Json {
  const { element } = field;
  const type = String(element.type);
  const max = typeof element.max_length === "number" ? element.max_length : 3000;
  if (value.length > max) refuse(field, `takes at most ${max} characters.`);
  if (value !== "" && type === "number_input") {
    const number = Number(value);
    const decimals = element.is_decimal_allowed === true;
    if (value.trim() === "" || !Number.isFinite(number) || (!decimals && !Number.isInteger(number))) {
      refuse(field, decimals ? "takes a number." : "takes a whole number.");
    }
  }
  if (value !== "" && type === "email_text_input" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    refuse(field, "takes an email address.");
  }
  if (value !== "" && type === "url_text_input" && !/^https?:\/\/\S+$/.test(value)) {
    refuse(field, "takes a link (https://…).");
  }
  return { type, value: value === "" ? null : value };
}

function option(field: InputField, value: string): Json {
  const found = optionWithValue(field.element, value);
  if (!found) refuse(field, `has no option ${echo(value)}.`);
  return found;
}

function picked(field: InputField, ok: (id: string) => boolean, id: string): string {
  if (!ok(id)) refuse(field, `cannot hold ${echo(id)}.`);
  return id;
}

/** What the page sent for a field, checked against what the field offers. */
function chosenValue(field: InputField, sent: SubmittedValue, can: Pickable): Json {
  const type = String(field.element.type);
  if (sent.type !== type) refuse(field, `is a ${type}, not a ${echo(String(sent.type))}.`);
  switch (sent.type) {
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input":
    case "number_input":
      return textValue(field, sent.value);
    case "static_select":
    case "radio_buttons":
      return { type, selected_option: sent.selected === null ? null : option(field, sent.selected) };
    case "checkboxes":
    case "multi_static_select":
      return { type, selected_options: sent.selected.map((value) => option(field, value)) };
    case "multi_users_select":
      return { type, selected_users: sent.selected.map((id) => picked(field, can.user, id)) };
    case "datepicker":
      if (sent.date !== null && !isDate(sent.date)) refuse(field, "takes a date as yyyy-mm-dd.");
      return { type, selected_date: sent.date };
    case "timepicker":
      if (sent.time !== null && !TIME.test(sent.time)) refuse(field, "takes a time as HH:MM.");
      return { type, selected_time: sent.time };
    case "users_select":
      return { type, selected_user: sent.selected === null ? null : picked(field, can.user, sent.selected) };
    case "conversations_select":
      return {
        type,
        selected_conversation: sent.selected === null ? null : picked(field, can.conversation, sent.selected),
      };
    case "channels_select":
      return {
        type,
        selected_channel: sent.selected === null ? null : picked(field, can.conversation, sent.selected),
      };
  }
}

function isEmpty(value: Json): boolean {
  return Object.entries(value).every(
    ([key, held]) => key === "type" || held === null || (Array.isArray(held) && held.length === 0),
  );
}

/**
 * `state.values` of a form's blocks, and the required fields left empty (which Slack's client
 * marks itself, without sending the form).
 */
export function stateValues(
  blocks: Json[],
  sent: SubmittedValues | undefined,
  can: Pickable,
): { values: StateValues; empty: string[] } {
  const fields = inputFields(blocks);
  for (const [blockId, actions] of Object.entries(sent ?? {})) {
    for (const actionId of Object.keys(actions)) {
      if (!fields.some((field) => field.blockId === blockId && field.actionId === actionId)) {
        throw new SandboxRefusalError(`The form has no field ${echo(blockId)}/${echo(actionId)}.`, 400);
      }
    }
  }
  const values: StateValues = {};
  const empty: string[] = [];
  for (const field of fields) {
    const given = sent?.[field.blockId]?.[field.actionId];
    const value = given === undefined ? initialValue(field) : chosenValue(field, given, can);
    values[field.blockId] = { ...values[field.blockId], [field.actionId]: value };
    if (!field.optional && isEmpty(value)) empty.push(field.blockId);
  }
  return { values, empty };
}
