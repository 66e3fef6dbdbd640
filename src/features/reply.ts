import { isTenderError } from "../errors.js";
import type { Logger } from "../logger.js";
import { describeSlackError, slackErrorCode } from "../slack/errors.js";

export const UNEXPECTED_FAILURE =
  "Something went wrong on Tender Room's side and it could not finish. It has been logged; please try again.";

/** The sentence a person reads when a use case failed; the unexpected is logged with context. */
export function failureText(error: unknown, logger: Logger, context: Record<string, unknown>): string {
  if (isTenderError(error)) return error.message;
  const code = slackErrorCode(error);
  if (code) {
    logger.warn({ ...context, error: code }, "Slack refused a call");
    return `Tender Room could not finish: ${describeSlackError(code)}.`;
  }
  logger.error({ ...context, err: error }, "unexpected failure");
  return UNEXPECTED_FAILURE;
}

/** Adds the notes of a partly successful use case under its main message. */
export function withNotes(text: string, notes: string[]): string {
  return notes.length === 0 ? text : `${text}\n${notes.map((note) => `• ${note}`).join("\n")}`;
}
