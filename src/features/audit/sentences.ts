import type { Prisma } from "../../db/client.js";
import { escapeText, firstWords, truncate } from "../../slack/text.js";

/**
 * What each recorded action reads as in the audit trail, from its detail. Every value is read
 * defensively (the detail is stored JSON, whatever its age) and everything a person typed in it is
 * cut to a line and escaped.
 */
type Detail = Record<string, unknown>;
type Sentence = (detail: Detail, here: string) => string;

/** The longest a "what" grows, after escaping. */
const WHAT_MAX = 300;

const plain = (value: unknown, max = 80): string =>
  typeof value === "string" || typeof value === "number" ? escapeText(firstWords(String(value), max)) : "";
const quoted = (value: unknown, max = 80): string => {
  const said = plain(value, max);
  return said ? ` “${said}”` : "";
};
const because = (value: unknown): string => (plain(value) ? `: “${plain(value, 120)}”` : "");
const seller = (detail: Detail): string => `*${plain(detail.seller) || "a seller"}*`;
/** The objects of a list, skipping anything else an old or odd row holds. */
const records = (value: unknown): Detail[] =>
  (Array.isArray(value) ? value : []).filter(
    (item): item is Detail => typeof item === "object" && item !== null && !Array.isArray(item),
  );
const list = (value: unknown): string[] => (Array.isArray(value) ? value : []).map((item) => plain(item, 40));
const some = (items: string[], max = 5): string =>
  items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
const figure = (value: unknown): string =>
  typeof value === "number" ? value.toLocaleString("en-US", { maximumFractionDigits: 4 }) : "?";

const KEY_DATES: Record<string, string> = {
  questionsDueOn: "questions close",
  proposalsDueOn: "proposals due",
  awardPlannedOn: "award planned",
};

function dateChanges(value: unknown): string {
  const changes = records(value);
  const day = (at: unknown) => plain(at) || "none";
  return some(
    changes.map(
      (c) =>
        `${Object.hasOwn(KEY_DATES, String(c.field)) ? KEY_DATES[String(c.field)] : plain(c.field)} ${day(c.from)} → ${day(c.to)}`,
    ),
  );
}

function nudgeChanges(detail: Detail): string {
  const days = (value: unknown, what: string) =>
    typeof value === "number" ? [`${what.replace("#", String(value))}`] : [];
  return some([
    ...(typeof detail.nudgesOn === "boolean" ? [detail.nudgesOn ? "on" : "off"] : []),
    ...days(detail.questionNudgeDays, "unanswered questions after # business days"),
    ...days(detail.silenceNudgeDays, "silent sellers after # business days"),
    ...days(detail.keyDateNudgeDays, "key dates # days ahead"),
  ]);
}

function invitations(value: unknown): string {
  const lines = records(value);
  const outcome = (said: unknown) =>
    said === "sent" ? "sent" : said === "already" ? "invited before" : `not sent (${plain(said, 40)})`;
  return some(
    lines.map((line) => `${plain(line.email, 60)} ${outcome(line.outcome)}`),
    3,
  );
}

function credits(detail: Detail): string {
  const replies = Array.isArray(detail.influencedBy) ? detail.influencedBy.length : 0;
  const lessons = list(detail.lessons).map((id) => (id.startsWith("L-") ? id : `L-${id}`));
  const parts = [
    ...(replies > 0 ? [`${replies} seller ${replies === 1 ? "reply" : "replies"}`] : []),
    ...(lessons.length > 0 ? [`lesson${lessons.length === 1 ? "" : "s"} ${some(lessons)}`] : []),
  ];
  return parts.length > 0 ? `, crediting ${parts.join(" and ")}` : "";
}

const checkIn =
  (done: string): Sentence =>
  (d) =>
    `${done} check-in ${plain(d.checkIn)}`;

const SENTENCES: Record<string, Sentence> = {
  "tender.opened": (d) => `opened the tender${quoted(d.title)}`,
  "tender.stage_changed": (d) => `moved the stage from ${plain(d.from)} to ${plain(d.to)}`,
  "tender.dates_changed": (d) =>
    `changed the key dates: ${dateChanges(d.changes)}${d.note ? `, noting${quoted(d.note, 120)}` : ""}`,
  "tender.nudges_changed": (d) => `set the nudges: ${nudgeChanges(d)}`,
  "tender.quiet_exceptions_changed": (d) =>
    `${d.exceptionsAllowed ? "allowed" : "forbade"} keeping private answers as exceptions in the quiet period`,
  "tender.exported": () => "exported the tender record",
  "seller.added": (d) => `added the seller ${seller(d)} with its own channel`,
  "seller.invited": (d) => `invited people of ${seller(d)}: ${invitations(d.invitations) || "nobody new"}`,
  "seller.invite_accepted": (d) =>
    `accepted the invitation to ${seller(d)}'s channel${d.awaitingApproval ? " (awaiting an admin's approval)" : ""}`,
  "seller.invite_declined": (d) => `declined the invitation to ${seller(d)}'s channel`,
  "seller.joined": (d) => `joined ${seller(d)}'s channel`,
  "seller.intent_changed": (d) =>
    d.to === "bidding"
      ? `said ${seller(d)} intends to bid`
      : d.to === "not_bidding"
        ? `said ${seller(d)} will not bid${because(d.reason)}`
        : `changed ${seller(d)}'s intention to ${plain(d.to)}`,
  "requirement.posted": (d) => {
    const metrics = list(d.metrics);
    return `posted ${plain(d.requirement)}${quoted(d.title)}${metrics.length ? `, serving ${some(metrics)}` : ""}`;
  },
  "requirement.revised": (d) =>
    `revised ${plain(d.requirement)} to v${plain(d.version)}${because(d.changeNote)}${credits(d)}`,
  "requirement.withdrawn": (d) => `withdrew ${plain(d.requirement)}${because(d.reason)}`,
  "requirement.clarified": (d) =>
    `published a clarification on ${plain(d.requirement)} to every seller${d.reply === undefined ? "" : ", answering a seller's question"}`,
  "quiet.published": (d) =>
    `published to every seller an answer on ${plain(d.requirement)} first given to ${seller(d)} alone`,
  "quiet.exception_kept": (d) =>
    `kept an answer on ${plain(d.requirement)} to ${seller(d)} alone as an exception${because(d.reason)}`,
  "metric.defined": (d) =>
    `defined ${plain(d.metric)}${quoted(d.name)}: from ${figure(d.baseline)} to ${figure(d.target)} ${plain(d.unit, 40)}`,
  "metric.changed": (d) => `changed ${plain(d.metric)}: ${some(list(d.changes).map((c) => c || "?"))}`,
  "metric.retired": (d) => `retired ${plain(d.metric)}`,
  "metric.suggested": (d) => `suggested the metric${quoted(d.name)} for ${seller(d)}`,
  "metric.suggestion_accepted": (d) => `accepted ${seller(d)}'s suggested metric as ${plain(d.metric)}`,
  "metric.suggestion_declined": (d) => `declined ${seller(d)}'s suggested metric${because(d.reason)}`,
  "estimates.saved": (d) =>
    `saved ${seller(d)}'s estimates, version ${plain(d.version)}, on ${some(list(d.metrics)) || "no metric"}`,
  "lesson.shared": (d) => `shared lesson ${plain(d.lesson)}`,
  "lesson.applied": (d, here) =>
    `applied lesson ${plain(d.lesson)} in ${plain(d.requirement)} v${plain(d.version)}` +
    (d.tender && d.tender !== here ? ` of ${plain(d.tender)}` : ""),
  "checkin.scheduled": (d) =>
    `scheduled check-in ${plain(d.checkIn)} (\`${plain(d.cron, 40)}\` in ${plain(d.timezone, 40)})`,
  "checkin.pause": checkIn("paused"),
  "checkin.resume": checkIn("resumed"),
  "checkin.cancel": checkIn("cancelled"),
  "notice.acknowledged": (d) => `acknowledged${quoted(d.subject)} for ${seller(d)}`,
  "notice.reminded": (d) =>
    `reminded ${some(list(d.sellers).map((name) => `*${name}*`))} to acknowledge${quoted(d.subject)}`,
};

/** The event as a sentence without its subject ("revised R-3 to v2: …"); an unknown action by name. */
export function describeAudit(event: { action: string; detail: Prisma.JsonValue }, here: string): string {
  const detail =
    event.detail && typeof event.detail === "object" && !Array.isArray(event.detail)
      ? (event.detail as Detail)
      : {};
  const sentence = Object.hasOwn(SENTENCES, event.action) ? SENTENCES[event.action] : undefined;
  const what = sentence ? sentence(detail, here) : `\`${plain(event.action.replace(/`/g, "'"), 60)}\``;
  return truncate(what, WHAT_MAX);
}
