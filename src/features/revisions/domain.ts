import { z } from "zod";
import { OPTIONS_MAX } from "../../slack/blocks.js";
import { originCodec, rowId } from "../../slack/modal.js";
import { requirementSchema } from "../requirements/index.js";

export const CHANGE_NOTE_MAX = 1000;

export const revisionSchema = requirementSchema.extend({
  changeNote: z
    .string()
    .trim()
    .min(1, "Say what changed, and why: every seller reads it in its thread.")
    .max(CHANGE_NOTE_MAX, `Keep the note within ${CHANGE_NOTE_MAX} characters.`),
  influencedBy: z
    .array(z.coerce.number().int().positive())
    .max(OPTIONS_MAX, `Pick at most ${OPTIONS_MAX} replies.`)
    .default([]),
  lessons: z
    .array(z.coerce.number().int().positive())
    .max(OPTIONS_MAX, `Pick at most ${OPTIONS_MAX} lessons.`)
    .default([]),
});

export type RevisionInput = z.output<typeof revisionSchema>;

/** What the revision form remembers between opening and submitting. */
export const revisionOrigin = originCodec({
  tenderId: rowId,
  requirementId: rowId,
  /** The version the form was filled from; a submission on top of a newer one is refused. */
  version: rowId,
  /** Details too long for a form field stay as they are. */
  keepDetails: z.boolean().optional(),
});

export type RevisionOrigin = NonNullable<ReturnType<typeof revisionOrigin.decode>>;
