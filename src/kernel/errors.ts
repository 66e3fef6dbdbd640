/** Why a use case refused or failed; `message` is what the person sees, in plain words. */
export type TenderErrorCode =
  | "invalid_input"
  | "not_found"
  | "no_tender_here"
  | "forbidden"
  | "conflict"
  | "slack_failed";

export class TenderError extends Error {
  constructor(
    readonly code: TenderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "TenderError";
  }
}

export function isTenderError(error: unknown): error is TenderError {
  return error instanceof TenderError;
}
