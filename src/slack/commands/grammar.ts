/** `/tender <action> [T-<n>] <arguments>`: the one slash command's grammar (DESIGN.md section 3). */
export interface ParsedCommand {
  action: string;
  /** The number of an explicit `T-<n>` right after the action. */
  tenderNumber?: number;
  /** The rest of the text, trimmed. */
  args: string;
}

const TENDER_REF = /^T-(\d{1,9})$/i;

export function parseCommand(text: string): ParsedCommand {
  const [first = "", ...rest] = text.trim().split(/\s+/);
  const action = first.toLowerCase() || "help";
  // Keep the arguments as typed (spacing inside them may matter, e.g. `|` separators).
  const args = text.trim().slice(first.length).trim();
  const ref = rest[0]?.match(TENDER_REF);
  if (ref?.[1]) {
    return { action, tenderNumber: Number(ref[1]), args: args.slice(rest[0]?.length).trim() };
  }
  return { action, args };
}
