/**
 * A form's values as the person fills it in, kept in the shape they are submitted in
 * (SubmittedValues: block_id → action_id → value), starting from the view's initial values.
 */
import type { InputBlock, InputBlockElement, KnownBlock } from "@slack/types";
import type { SubmittedValue, SubmittedValues } from "../../contract";

/** The input blocks of a view that the page can fill, each with its element. */
export function inputBlocksOf(blocks: readonly unknown[]): InputBlock[] {
  return blocks.filter(
    (block): block is InputBlock =>
      typeof block === "object" &&
      block !== null &&
      (block as KnownBlock).type === "input" &&
      typeof (block as InputBlock).block_id === "string",
  );
}

/** The value an element starts with; undefined for an element the page cannot fill. */
function initialValue(element: InputBlockElement): SubmittedValue | undefined {
  switch (element.type) {
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input":
    case "number_input":
      return { type: element.type, value: element.initial_value ?? "" };
    case "static_select":
    case "radio_buttons":
      return { type: element.type, selected: element.initial_option?.value ?? null };
    case "checkboxes":
    case "multi_static_select":
      return {
        type: element.type,
        selected: (element.initial_options ?? []).map((option) => option.value ?? ""),
      };
    case "multi_users_select":
      return { type: element.type, selected: element.initial_users ?? [] };
    case "datepicker":
      return { type: element.type, date: element.initial_date ?? null };
    case "timepicker":
      return { type: element.type, time: element.initial_time ?? null };
    case "users_select":
      return { type: element.type, selected: element.initial_user ?? null };
    case "conversations_select":
      return { type: element.type, selected: element.initial_conversation ?? null };
    case "channels_select":
      return { type: element.type, selected: element.initial_channel ?? null };
    default:
      return undefined;
  }
}

/**
 * What the form submits: for each input block of the view its current value, what the person
 * entered where they entered something, the element's initial value elsewhere.
 */
export function valuesToSubmit(blocks: readonly unknown[], entered: SubmittedValues): SubmittedValues {
  const values: SubmittedValues = {};
  for (const block of inputBlocksOf(blocks)) {
    const blockId = block.block_id ?? "";
    const actionId = block.element.action_id ?? "";
    const value = entered[blockId]?.[actionId] ?? initialValue(block.element);
    if (value && value.type === block.element.type) values[blockId] = { [actionId]: value };
  }
  return values;
}

/** The value shown for one element: the person's entry or, before any, the initial value. */
export function currentValue(
  entered: SubmittedValues,
  blockId: string,
  element: InputBlockElement,
): SubmittedValue | undefined {
  const value = entered[blockId]?.[element.action_id ?? ""];
  return value && value.type === element.type ? value : initialValue(element);
}

export function withValue(
  entered: SubmittedValues,
  blockId: string,
  actionId: string,
  value: SubmittedValue,
): SubmittedValues {
  return { ...entered, [blockId]: { ...entered[blockId], [actionId]: value } };
}
