import { ErrorCode } from "@slack/web-api";

/** Slack's error code (`channel_not_found`, `not_paid`, ...) when the Web API refused a call. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const { code } = error as { code: unknown };
  if (code === ErrorCode.PlatformError) {
    const data = (error as { data?: { error?: unknown } }).data;
    return typeof data?.error === "string" ? data.error : "unknown_error";
  }
  if (code === ErrorCode.RateLimitedError) return "ratelimited";
  if (code === ErrorCode.HTTPError || code === ErrorCode.RequestError) return "slack_unreachable";
  return undefined;
}

/** Slack's refusals that are not specific to one feature, in plain words. */
const GENERAL_SLACK_ERRORS: Record<string, string> = {
  ratelimited: "Slack is limiting how fast the app may act; try again in a minute",
  slack_unreachable: "Slack could not be reached; try again in a minute",
  missing_scope:
    "the app lacks a Slack permission it needs; reinstall it from manifest.json so it gets every scope",
  not_authed: "the app's Slack token is missing",
  invalid_auth: "Slack no longer accepts the app's token; reinstall the app",
  account_inactive: "the app's Slack token belongs to a deactivated account; reinstall the app",
  token_revoked: "the app's Slack token was revoked; reinstall the app",
  channel_not_found: "the channel no longer exists or the app cannot see it",
  is_archived: "the channel is archived",
  not_in_channel: "the app is not a member of the channel",
  restricted_action: "your workspace's settings do not allow the app to do this",
  user_is_restricted: "that person is a guest and cannot be added",
  user_not_found: "Slack does not know that person",
  expired_trigger_id: "the button or command is too old; try again",
};

export function describeSlackError(code: string): string {
  return (
    (Object.hasOwn(GENERAL_SLACK_ERRORS, code) && GENERAL_SLACK_ERRORS[code]) || `Slack answered “${code}”`
  );
}
