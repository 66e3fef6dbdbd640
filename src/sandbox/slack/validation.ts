import { isRecord } from "./args.js";

/** A validation failure: Slack's error code plus the `[ERROR] … [json-pointer:…]` hints it returns. */
export interface Invalid {
  error: string;
  messages: string[];
}

const MESSAGE_BLOCK_LIMIT = 50;
const VIEW_BLOCK_LIMIT = 100;
export const MESSAGE_TEXT_LIMIT = 40_000;

const CHANNEL_NAME_LIMIT = 80;

export function channelNameError(name: string | undefined): string | undefined {
  if (name === undefined || name.trim() === "") return "invalid_name_required";
  if (name.length > CHANNEL_NAME_LIMIT) return "invalid_name_maxlength";
  if (!/^[a-z0-9_-]+$/.test(name)) return "invalid_name_specials";
  if (/^[-_]+$/.test(name)) return "invalid_name_punctuation";
  return undefined;
}

export function isEmail(value: string): boolean {
  return /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(value);
}

function hint(problem: string, pointer: string): string {
  return `[ERROR] ${problem} [json-pointer:${pointer}]`;
}

function textOf(value: unknown): { type: unknown; text: unknown } | undefined {
  if (!isRecord(value)) return undefined;
  return { type: value.type, text: value.text };
}

/** Checks a text composition object; `plainOnly` for headers, buttons, titles. */
function checkText(
  value: unknown,
  pointer: string,
  maxLength: number,
  plainOnly: boolean,
  problems: string[],
): void {
  const text = textOf(value);
  if (!text) {
    problems.push(hint("must be an object with a type and text", pointer));
    return;
  }
  const allowed = plainOnly ? ["plain_text"] : ["plain_text", "mrkdwn"];
  if (typeof text.type !== "string" || !allowed.includes(text.type)) {
    problems.push(hint(`must be ${allowed.join(" or ")}`, `${pointer}/type`));
  }
  if (typeof text.text !== "string" || text.text.length === 0) {
    problems.push(hint("must be at least 1 character", `${pointer}/text`));
  } else if (text.text.length > maxLength) {
    problems.push(hint(`must be less than ${maxLength + 1} characters`, `${pointer}/text`));
  }
}

function checkElement(element: unknown, pointer: string, problems: string[]): void {
  if (!isRecord(element) || typeof element.type !== "string") {
    problems.push(hint("must provide an element type", `${pointer}/type`));
    return;
  }
  if (typeof element.action_id === "string" && element.action_id.length > 255) {
    problems.push(hint("must be less than 256 characters", `${pointer}/action_id`));
  }
  if (element.type === "button") {
    checkText(element.text, `${pointer}/text`, 75, true, problems);
    if (typeof element.value === "string" && element.value.length > 2000) {
      problems.push(hint("must be less than 2001 characters", `${pointer}/value`));
    }
  }
}

function checkBlock(block: unknown, pointer: string, problems: string[]): void {
  if (!isRecord(block) || typeof block.type !== "string") {
    problems.push(hint("must provide a block type", `${pointer}/type`));
    return;
  }
  if (typeof block.block_id === "string" && block.block_id.length > 255) {
    problems.push(hint("must be less than 256 characters", `${pointer}/block_id`));
  }
  switch (block.type) {
    case "section": {
      if (block.text === undefined && block.fields === undefined) {
        problems.push(hint("must provide either text or fields", pointer));
      }
      if (block.text !== undefined) checkText(block.text, `${pointer}/text`, 3000, false, problems);
      if (Array.isArray(block.fields)) {
        if (block.fields.length > 10)
          problems.push(hint("must provide no more than 10 items", `${pointer}/fields`));
        block.fields.forEach((field, i) => {
          checkText(field, `${pointer}/fields/${i}`, 2000, false, problems);
        });
      }
      if (block.accessory !== undefined) checkElement(block.accessory, `${pointer}/accessory`, problems);
      break;
    }
    case "header":
      checkText(block.text, `${pointer}/text`, 150, true, problems);
      break;
    case "context":
      if (!Array.isArray(block.elements) || block.elements.length === 0) {
        problems.push(hint("must provide at least 1 item", `${pointer}/elements`));
      } else if (block.elements.length > 10) {
        problems.push(hint("must provide no more than 10 items", `${pointer}/elements`));
      }
      break;
    case "actions":
      if (!Array.isArray(block.elements) || block.elements.length === 0) {
        problems.push(hint("must provide at least 1 item", `${pointer}/elements`));
      } else {
        if (block.elements.length > 25) {
          problems.push(hint("must provide no more than 25 items", `${pointer}/elements`));
        }
        block.elements.forEach((element, i) => {
          checkElement(element, `${pointer}/elements/${i}`, problems);
        });
      }
      break;
    case "input":
      checkText(block.label, `${pointer}/label`, 2000, true, problems);
      checkElement(block.element, `${pointer}/element`, problems);
      break;
    default:
      break;
  }
}

function checkBlockList(blocks: unknown, limit: number, pointer: string, problems: string[]): void {
  if (!Array.isArray(blocks)) {
    problems.push(hint("must be an array", pointer));
    return;
  }
  if (blocks.length > limit) problems.push(hint(`must provide no more than ${limit} items`, pointer));
  blocks.forEach((block, i) => {
    checkBlock(block, `${pointer}/${i}`, problems);
  });
}

/** Validates message blocks: `invalid_blocks_format` when not an array, `invalid_blocks` for rule breaks. */
export function messageBlocksError(blocks: unknown): Invalid | undefined {
  if (!Array.isArray(blocks)) {
    return { error: "invalid_blocks_format", messages: [hint("must be an array", "/blocks")] };
  }
  const problems: string[] = [];
  checkBlockList(blocks, MESSAGE_BLOCK_LIMIT, "/blocks", problems);
  return problems.length > 0 ? { error: "invalid_blocks", messages: problems } : undefined;
}

/** Validates a modal or home view like views.open/push/update/publish; failures are `invalid_arguments`. */
export function viewError(view: unknown, expectedTypes: string[]): Invalid | undefined {
  const problems: string[] = [];
  if (!isRecord(view)) {
    return { error: "invalid_arguments", messages: [hint("must provide an object", "/view")] };
  }
  if (typeof view.type !== "string" || !expectedTypes.includes(view.type)) {
    problems.push(hint(`must be one of ${expectedTypes.join(", ")}`, "/view/type"));
  }
  if (view.type === "modal") {
    checkText(view.title, "/view/title", 24, true, problems);
    if (view.submit !== undefined && view.submit !== null) {
      checkText(view.submit, "/view/submit", 24, true, problems);
    }
    if (view.close !== undefined && view.close !== null) {
      checkText(view.close, "/view/close", 24, true, problems);
    }
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isRecord(b) && b.type === "input");
    if (hasInput && (view.submit === undefined || view.submit === null)) {
      problems.push(hint("must provide a submit property when using input blocks", "/view"));
    }
  }
  checkBlockList(view.blocks ?? [], VIEW_BLOCK_LIMIT, "/view/blocks", problems);
  if (typeof view.private_metadata === "string" && view.private_metadata.length > 3000) {
    problems.push(hint("must be less than 3001 characters", "/view/private_metadata"));
  }
  if (typeof view.callback_id === "string" && view.callback_id.length > 255) {
    problems.push(hint("must be less than 256 characters", "/view/callback_id"));
  }
  if (typeof view.external_id === "string" && view.external_id.length > 255) {
    problems.push(hint("must be less than 256 characters", "/view/external_id"));
  }
  return problems.length > 0 ? { error: "invalid_arguments", messages: problems } : undefined;
}
