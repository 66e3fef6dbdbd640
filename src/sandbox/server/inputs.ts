/** The bodies the page POSTs, checked for their shape before anything looks at what they name. */
import { z } from "zod";
import type {
  ActionInput,
  CommandInput,
  InvitationInput,
  MessageInput,
  PersonInput,
  ShortcutInput,
  SubmitInput,
  SubmittedValue,
} from "../contract.js";

const id = z.string().min(1).max(255);

const personInput = z.object({ as: id });

const submittedValue = z.discriminatedUnion("type", [
  z.object({
    type: z.enum(["plain_text_input", "email_text_input", "url_text_input", "number_input"]),
    value: z.string(),
  }),
  z.object({ type: z.enum(["static_select", "radio_buttons"]), selected: id.nullable() }),
  z.object({
    type: z.enum(["checkboxes", "multi_static_select", "multi_users_select"]),
    selected: z.array(id).max(100),
  }),
  z.object({ type: z.literal("datepicker"), date: z.string().nullable() }),
  z.object({ type: z.literal("timepicker"), time: z.string().nullable() }),
  z.object({
    type: z.enum(["users_select", "conversations_select", "channels_select"]),
    selected: id.nullable(),
  }),
]) satisfies z.ZodType<SubmittedValue>;

const submittedValues = z.record(id, z.record(id, submittedValue));

export const INPUTS = {
  person: personInput satisfies z.ZodType<PersonInput>,
  message: personInput.extend({
    channel: id,
    text: z.string(),
    threadTs: id.optional(),
  }) satisfies z.ZodType<MessageInput>,
  command: personInput.extend({ channel: id, text: z.string() }) satisfies z.ZodType<CommandInput>,
  action: personInput.extend({
    channel: id.optional(),
    messageTs: id.optional(),
    viewId: id.optional(),
    home: z.boolean().optional(),
    blockId: id,
    actionId: id,
    selected: id.optional(),
    date: z.string().optional(),
    values: submittedValues.optional(),
  }) satisfies z.ZodType<ActionInput>,
  submit: personInput.extend({ viewId: id, values: submittedValues }) satisfies z.ZodType<SubmitInput>,
  close: personInput.extend({ viewId: id }),
  shortcut: personInput.extend({
    channel: id,
    messageTs: id,
    callbackId: id,
  }) satisfies z.ZodType<ShortcutInput>,
  invitation: personInput.extend({ id, accept: z.boolean() }) satisfies z.ZodType<InvitationInput>,
};

/** The first problem of a body, in words the page can show. */
export function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The request is not one the sandbox understands.";
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `The request is not one the sandbox understands (${where}${issue.message}).`;
}
