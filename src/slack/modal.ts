import type { ViewOutput, ViewStateValue } from "@slack/bolt";
import { z } from "zod";

/** A form field: its block id (the name of the schema field it fills) and its element's action id. */
export type Field = { block: string; action: string };

/**
 * A form's ids: its callback id and one field per entry, the block id being the entry's name, so
 * that a validation error on a schema field lands on the block of that name.
 */
export function formIds<const F extends Record<string, string>>(
  callbackId: string,
  fields: F,
): { callbackId: string } & { [K in keyof F]: { block: K; action: F[K] } } {
  const ids: Record<string, unknown> = { callbackId };
  for (const [block, action] of Object.entries(fields)) ids[block] = { block, action };
  return ids as { callbackId: string } & { [K in keyof F]: { block: K; action: F[K] } };
}

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

export function timeValue(view: ViewOutput, field: Field): string | undefined {
  return stateOf(view, field)?.selected_time ?? undefined;
}

export function selectedValue(view: ViewOutput, field: Field): string | undefined {
  return stateOf(view, field)?.selected_option?.value ?? undefined;
}

export function selectedValues(view: ViewOutput, field: Field): string[] {
  return (stateOf(view, field)?.selected_options ?? []).map((option) => option.value);
}

/** What a form remembers between opening and submitting, in its private_metadata. */
export interface OriginCodec<O> {
  encode(origin: O): string;
  /** Undefined when the metadata is not what this form wrote. */
  decode(privateMetadata: string): O | undefined;
}

const responseUrl = z.url().optional();

/** A row's id in a form's memory: a positive whole number the database's integer columns can hold. */
export const rowId = z.number().int().positive().max(2_147_483_647);

/**
 * A form's origin: the fields given, and the response_url of the command or button that opened
 * it, through which the result is told to the person.
 */
export function originCodec<S extends z.ZodRawShape>(
  shape: S,
): OriginCodec<z.infer<z.ZodObject<S & { responseUrl: typeof responseUrl }>>> {
  const schema = z.object({ ...shape, responseUrl });
  return {
    encode: (origin) => JSON.stringify(origin),
    decode(privateMetadata) {
      try {
        const parsed = schema.safeParse(JSON.parse(privateMetadata));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** Where a form was opened: the channel, and the tender it is about. */
export const placeOrigin = originCodec({
  channelId: z.string().optional(),
  tenderId: rowId.optional(),
});
