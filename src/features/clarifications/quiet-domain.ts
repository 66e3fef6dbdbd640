import { z } from "zod";
import { originCodec, rowId } from "../../slack/modal.js";
import { echo, escapeText } from "../../slack/text.js";

/** Why a private answer stays with one seller: the team channel and the audit trail show it. */
export const EXCEPTION_REASON_MAX = 500;

export const exceptionSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "Say why this answer stays with one seller: the team channel and the audit trail show it.")
    .max(EXCEPTION_REASON_MAX, `Keep the reason within ${EXCEPTION_REASON_MAX} characters.`),
});

/** What the exception form remembers: the private answer it decides. */
export const exceptionOrigin = originCodec({ quietAnswerId: rowId });

const QUIET_USAGE = escapeText(
  "Usage: `/tender quiet` shows whether private answers in the quiet period may be kept as exceptions and those awaiting a decision; `/tender quiet exceptions on|off` allows or forbids exceptions (owners).",
);

export type QuietRequest =
  | { kind: "show" }
  | { kind: "change"; exceptionsAllowed: boolean }
  | { kind: "invalid"; problem: string };

/** `/tender quiet [exceptions on|off]`. */
export function parseQuietArgs(args: string): QuietRequest {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const [first, second, ...rest] = words.map((word) => word.toLowerCase());
  if (first === undefined) return { kind: "show" };
  if (first !== "exceptions")
    return {
      kind: "invalid",
      problem: `There is no quiet period setting “${echo(words[0] ?? "")}”. ${QUIET_USAGE}`,
    };
  if ((second === "on" || second === "off") && rest.length === 0)
    return { kind: "change", exceptionsAllowed: second === "on" };
  return {
    kind: "invalid",
    problem: `Say \`on\` or \`off\`, e.g. \`/tender quiet exceptions off\`. ${QUIET_USAGE}`,
  };
}
