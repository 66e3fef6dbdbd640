import type { KnownBlock } from "@slack/types";

export interface TextInputOptions {
  optional?: boolean;
  multiline?: boolean;
  max: number;
  initial?: string | null;
  hint?: string;
}

/** A form's text field. */
export function textInput(
  ids: { block: string; action: string },
  label: string,
  options: TextInputOptions,
): KnownBlock {
  return {
    type: "input",
    block_id: ids.block,
    optional: options.optional ?? false,
    label: { type: "plain_text", text: label },
    ...(options.hint ? { hint: { type: "plain_text" as const, text: options.hint } } : {}),
    element: {
      type: "plain_text_input",
      action_id: ids.action,
      multiline: options.multiline ?? false,
      max_length: options.max,
      ...(options.initial ? { initial_value: options.initial } : {}),
    },
  };
}
