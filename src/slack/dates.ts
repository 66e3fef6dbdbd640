/** Key dates are calendar days (stored at midnight UTC); shown as e.g. "Mon, 14 Dec 2026". */
export function formatDay(day: Date): string {
  return day.toLocaleDateString("en-GB", {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  });
}

export function parseDay(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}
