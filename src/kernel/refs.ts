import { z } from "zod";
import { rowId } from "../slack/modal.js";

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

/** A row's id carried in a button's value: a positive whole number, written in digits. */
export const idValue = z
  .string()
  .trim()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .pipe(rowId);

/** A value that should be a row's id, or undefined when it is not. */
export function parseId(value: string | undefined): number | undefined {
  const parsed = idValue.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
