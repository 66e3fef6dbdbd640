/**
 * Block Kit as the Slack client reads it: every block has a block_id (Slack makes one up for a
 * block the app sent without), and the interactive elements are found by block and action id.
 */
import { createHash } from "node:crypto";

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The blocks with a block_id on each. A made-up id depends only on the block and its place, so
 * the page and the payload of a press name the same block.
 */
export function withBlockIds(blocks: unknown): Json[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.filter(isRecord).map((block, index) => {
    if (typeof block.block_id === "string" && block.block_id !== "") return structuredClone(block);
    const digest = createHash("sha1")
      .update(`${index}:${JSON.stringify(block)}`)
      .digest("base64url");
    return { ...structuredClone(block), block_id: digest.slice(0, 5) };
  });
}

export interface FoundElement {
  blockId: string;
  element: Json;
}

/** The elements a person can press in a block, as Slack lays them out. */
function pressable(block: Json): Json[] {
  if (block.type === "actions" && Array.isArray(block.elements)) return block.elements.filter(isRecord);
  if (block.type === "section" && isRecord(block.accessory)) return [block.accessory];
  // An input's element sends an action only when the app asked for it.
  if (block.type === "input" && block.dispatch_action === true && isRecord(block.element)) {
    return [block.element];
  }
  return [];
}

/** The element with this action id in the block with this id, if a person can press it. */
export function findElement(blocks: Json[], blockId: string, actionId: string): FoundElement | undefined {
  const block = blocks.find((candidate) => candidate.block_id === blockId);
  if (!block) return undefined;
  const element = pressable(block).find((candidate) => candidate.action_id === actionId);
  return element ? { blockId, element } : undefined;
}

/** An input block of a form: its id, its element's action id and type, and whether it may stay empty. */
export interface InputField {
  blockId: string;
  actionId: string;
  element: Json;
  optional: boolean;
}

export function inputFields(blocks: Json[]): InputField[] {
  return blocks.flatMap((block) => {
    const element = block.element;
    if (block.type !== "input" || !isRecord(element) || typeof element.action_id !== "string") return [];
    return [
      {
        blockId: String(block.block_id),
        actionId: element.action_id,
        element,
        optional: block.optional === true,
      },
    ];
  });
}

/** The options of a select, radio buttons, checkboxes or overflow menu, groups flattened. */
function optionsOf(element: Json): Json[] {
  const options = Array.isArray(element.options) ? element.options.filter(isRecord) : [];
  const groups = Array.isArray(element.option_groups) ? element.option_groups.filter(isRecord) : [];
  for (const group of groups) {
    if (Array.isArray(group.options)) options.push(...group.options.filter(isRecord));
  }
  return options;
}

/** The option with this value, as Slack sends it back (its text, value and description). */
export function optionWithValue(element: Json, value: string): Json | undefined {
  const found = optionsOf(element).find((option) => option.value === value);
  if (!found) return undefined;
  const { text, value: own, description } = found;
  return { text, value: own, ...(description === undefined ? {} : { description }) };
}
