import type { ViewOutput, ViewStateValue } from "@slack/bolt";
import { z } from "zod";

type Field = { block: string; action: string };

function stateOf(view: ViewOutput, field: Field): ViewStateValue | undefined {
  return view.state.values[field.block]?.[field.action];
}

export function textValue(view: ViewOutput, field: Field): string | undefined {
  return stateOf(view, field)?.value ?? undefined;
}

export function usersValue(view: ViewOutput, field: Field): string[] {
  return stateOf(view, field)?.selected_users ?? [];
}

export function dateValue(view: ViewOutput, field: Field): string | undefined {
  return stateOf(view, field)?.selected_date ?? undefined;
}

/** What a modal remembers about where it was opened, so the result can be told there. */
const originSchema = z.object({
  /** The slash command's or button's response_url: an ephemeral answer to the person. */
  responseUrl: z.url().optional(),
  channelId: z.string().optional(),
  tenderId: z.number().int().optional(),
});

export type ModalOrigin = z.infer<typeof originSchema>;

export function encodeOrigin(origin: ModalOrigin): string {
  return JSON.stringify(origin);
}

export function decodeOrigin(privateMetadata: string): ModalOrigin {
  try {
    const parsed = originSchema.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
