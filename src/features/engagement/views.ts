import { ACKNOWLEDGED_ON_TIME_DAYS, type SellerEngagement } from "./domain.js";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Hours with at most one decimal: "26 h", "3.5 h". */
function hoursText(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
}

/**
 * One seller's engagement on one line, without its name (the view around it names the seller):
 * figures only, so nothing a person typed is in it.
 */
export function engagementLine(e: SellerEngagement): string {
  const parts = [
    `${count(e.replies, "reply", "replies")} (${count(e.questions, "question", "questions")})`,
    e.medianFirstReplyHours === null
      ? "no first reply to a requirement yet"
      : `first reply to a requirement after ${hoursText(e.medianFirstReplyHours)} (median)`,
    e.checkInsAsked === 0
      ? "no check-ins sent"
      : `answered ${e.checkInsAnswered} of ${count(e.checkInsAsked, "check-in", "check-ins")}`,
    e.lessonsShared === 0
      ? "no lessons shared"
      : `${count(e.lessonsShared, "lesson", "lessons")} shared, ${e.lessonsApplied} applied`,
    e.acknowledgementsAsked === 0
      ? "nothing to acknowledge yet"
      : `acknowledged ${e.acknowledgedOnTime} of ${e.acknowledgementsAsked} within ${ACKNOWLEDGED_ON_TIME_DAYS} days`,
  ];
  return `Engagement: ${parts.join(" · ")}`;
}
