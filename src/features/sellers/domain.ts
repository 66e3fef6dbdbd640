import { z } from "zod";
import { echo, escapeText } from "../../slack/text.js";

export const SELLER_NAME_MAX = 80;
export const EMAILS_MAX = 20;

export const INVITE_USAGE = escapeText("Usage: `/tender invite <seller name> <email> [<email> ...]`");

const email = z.email();

/** Slack may send an email typed in a command as `<mailto:a@b.com|a@b.com>`. */
function plainEmail(token: string): string {
  const link = token.match(/^<mailto:([^|>]+)(\|[^>]*)?>$/i);
  return (link?.[1] ?? token).replace(/[,;]+$/g, "");
}

export interface InviteRequest {
  name: string;
  emails: string[];
}

export const inviteSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the seller.")
    .max(SELLER_NAME_MAX, `Keep the seller's name within ${SELLER_NAME_MAX} characters.`)
    .refine((name) => /[\p{L}\p{N}]/u.test(name), "The seller's name needs letters or digits."),
  emails: z
    .array(z.string())
    .min(1, "Name at least one email address of the seller's people.")
    .max(EMAILS_MAX, `Invite at most ${EMAILS_MAX} people at once.`)
    .superRefine((emails, ctx) => {
      const wrong = emails.filter((value) => !email.safeParse(value).success);
      if (wrong.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `${wrong
            .slice(0, 3)
            .map((value) => `“${echo(value)}”`)
            .join(
              ", ",
            )}${wrong.length > 3 ? ` and ${wrong.length - 3} more` : ""} ${wrong.length === 1 ? "is not an email address" : "are not email addresses"}.`,
        });
      }
    })
    .transform((emails) => [...new Set(emails.map((value) => value.toLowerCase()))]),
});

/** Splits a list of emails typed in a form or a command: commas, semicolons, spaces, new lines. */
export function splitEmails(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map(plainEmail)
    .filter((token) => token !== "");
}

/**
 * `<seller name> <email> [<email> ...]`: the name is every word before the first email-looking
 * word (quotes optional), the rest are the emails.
 */
export function parseInviteArgs(args: string): { name: string; emails: string[] } {
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  const firstEmail = tokens.findIndex((token) => plainEmail(token).includes("@"));
  const nameTokens = firstEmail === -1 ? tokens : tokens.slice(0, firstEmail);
  const emailTokens = firstEmail === -1 ? [] : tokens.slice(firstEmail);
  const name = nameTokens
    .join(" ")
    .replace(/^["“']|["”']$/g, "")
    .trim();
  return { name, emails: splitEmails(emailTokens.join(" ")) };
}

/** Slack's refusals of a Slack Connect invitation, in plain words for the buyer. */
const INVITE_ERRORS: Record<string, string> = {
  not_paid: "your Slack plan does not include Slack Connect invitations (a paid plan is needed)",
  restricted_action:
    "your workspace's settings do not allow the app to invite people from other organisations",
  no_external_invite_permission:
    "the app may not invite people from other organisations in this workspace; a Slack admin can allow it",
  invalid_email: "Slack did not accept this email address",
  team_not_found: "Slack could not find the organisation behind this email address",
  channel_not_found: "the seller's channel no longer exists",
  is_archived: "the seller's channel is archived",
  not_in_channel: "the app is no longer a member of the seller's channel",
  ratelimited: "Slack limited how fast invitations may be sent; try this address again in a minute",
  missing_scope: "the app lacks the conversations.connect:write permission; reinstall it from manifest.json",
  slack_unreachable: "Slack could not be reached",
};

export function describeInviteError(code: string): string {
  return (Object.hasOwn(INVITE_ERRORS, code) && INVITE_ERRORS[code]) || `Slack answered “${code}”`;
}

/** An address Slack rejected as malformed cannot be shared by hand either. */
export function canShareByHand(code: string): boolean {
  return code !== "invalid_email";
}
