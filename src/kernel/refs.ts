/**
 * The references people read and type: `T-3` a tender, `R-2` a requirement of it, `C-1` a
 * check-in, `L-12` a lesson learned. Every feature shows them, and the command grammar reads them.
 */
export function tenderRef(number: number): string {
  return `T-${number}`;
}

export function requirementRef(number: number): string {
  return `R-${number}`;
}

export function checkInRef(number: number): string {
  return `C-${number}`;
}

export function lessonRef(id: number): string {
  return `L-${id}`;
}

const REQUIREMENT_REF = /^R-(\d{1,9})$/i;

/** `R-<n>` at the start of the arguments, and the rest. */
export function parseRequirementRef(args: string): { number?: number; rest: string } {
  const [first = ""] = args.trim().split(/\s+/);
  const match = first.match(REQUIREMENT_REF);
  if (!match?.[1]) return { rest: args.trim() };
  return { number: Number(match[1]), rest: args.trim().slice(first.length).trim() };
}

const CHECKIN_REF = /^C-(\d{1,9})$/i;

export function parseCheckInRef(word: string | undefined): number | undefined {
  const match = word?.match(CHECKIN_REF);
  return match?.[1] ? Number(match[1]) : undefined;
}

/** A button's value that should be a row's id (a positive whole number), or undefined when it is not. */
export function parseId(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
