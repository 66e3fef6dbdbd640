import fc from "fast-check";
import { ACKNOWLEDGE_BUTTON, REMIND_BUTTON } from "../../src/features/acknowledgements/ids.js";
import {
  CHECKIN_FORM,
  MEETING_FORM,
  NOTHING_NEW_BUTTON,
  PROPOSE_MEETING_BUTTON,
  SHARE_UPDATE_BUTTON,
  UPDATE_FORM,
} from "../../src/features/checkins/ids.js";
import { ANSWER_ALL_FORM, EXCEPTION_FORM, QUIET_BUTTONS } from "../../src/features/clarifications/ids.js";
import {
  ESTIMATE_FORM_CALLBACK,
  ESTIMATE_PARTS,
  type EstimatePart,
  estimateField,
  QUANTIFY_BUTTON,
} from "../../src/features/estimates/ids.js";
import { HOME_STATUS_BUTTON } from "../../src/features/home/ids.js";
import {
  INTEND_TO_BID_BUTTON,
  NOT_BIDDING_FORM,
  WILL_NOT_BID_BUTTON,
} from "../../src/features/intents/ids.js";
import {
  BROWSE_LESSONS_BUTTON,
  LESSON_FORM,
  NEXT_LESSONS_BUTTON,
  SHARE_LESSON_BUTTON,
} from "../../src/features/lessons/ids.js";
import {
  ACCEPT_SUGGESTION_BUTTON,
  DECLINE_FORM,
  DECLINE_SUGGESTION_BUTTON,
  METRIC_FORM,
  SUGGEST_METRIC_BUTTON,
  SUGGESTION_FORM,
} from "../../src/features/metrics/ids.js";
import { ANSWER_ALL_BUTTON, SELLER_BUTTONS, SELLER_INPUT_FORM } from "../../src/features/replies/ids.js";
import { REQUIREMENT_FORM } from "../../src/features/requirements/ids.js";
import { REVISION_FORM } from "../../src/features/revisions/ids.js";
import { INVITE_SELLER } from "../../src/features/sellers/ids.js";
import {
  INVITE_SELLER_BUTTON,
  KEY_METRICS_BUTTON,
  NEW_TENDER,
  POST_REQUIREMENT_BUTTON,
} from "../../src/features/tenders/ids.js";
import { DATES_FORM } from "../../src/features/timeline/ids.js";
import { GENERAL_CHANNEL, type Harness, PEOPLE, SELLER_TEAM } from "../support/harness.js";
import { hostileText } from "./generators.js";

/** The world the interaction properties run in, and what they generate in it. */

/** A person of a third organisation, Globex, the second seller's. */
const GLOBEX = { id: "U0GLOBEX", teamId: "T0GLOBEX" };

export const BUTTONS = [
  INVITE_SELLER_BUTTON,
  KEY_METRICS_BUTTON,
  POST_REQUIREMENT_BUTTON,
  SELLER_BUTTONS.askQuestion,
  SELLER_BUTTONS.suggestChange,
  ANSWER_ALL_BUTTON,
  SHARE_LESSON_BUTTON,
  BROWSE_LESSONS_BUTTON,
  NEXT_LESSONS_BUTTON,
  SHARE_UPDATE_BUTTON,
  PROPOSE_MEETING_BUTTON,
  NOTHING_NEW_BUTTON,
  QUANTIFY_BUTTON,
  SUGGEST_METRIC_BUTTON,
  ACCEPT_SUGGESTION_BUTTON,
  DECLINE_SUGGESTION_BUTTON,
  INTEND_TO_BID_BUTTON,
  WILL_NOT_BID_BUTTON,
  HOME_STATUS_BUTTON,
];

const FORMS = [
  NEW_TENDER,
  INVITE_SELLER,
  REQUIREMENT_FORM,
  REVISION_FORM,
  SELLER_INPUT_FORM,
  ANSWER_ALL_FORM,
  LESSON_FORM,
  CHECKIN_FORM,
  UPDATE_FORM,
  MEETING_FORM,
  METRIC_FORM,
  SUGGESTION_FORM,
  DECLINE_FORM,
  DATES_FORM,
  NOT_BIDDING_FORM,
  EXCEPTION_FORM,
];

/** The estimates form names its fields by metric: those of the world's key metric, as a form's ids. */
function estimateFormIds() {
  const parts = Object.keys(ESTIMATE_PARTS) as EstimatePart[];
  return {
    callbackId: ESTIMATE_FORM_CALLBACK,
    ...Object.fromEntries(parts.map((part) => [part, estimateField(world.metricId, part)])),
  };
}

export type Person = { id: string; teamId?: string; seller?: "acme" | "globex" };
export const PERSONS: Person[] = [
  { id: PEOPLE.owner },
  { id: PEOPLE.colleague },
  { id: PEOPLE.seller, teamId: SELLER_TEAM, seller: "acme" },
  { id: GLOBEX.id, teamId: GLOBEX.teamId, seller: "globex" },
];

/** A tender with two sellers, Acme and Globex, a requirement posted to both, and Acme's question on it. */
export const world = {
  team: "",
  acme: "",
  globex: "",
  acmeSellerId: 0,
  globexSellerId: 0,
  tenderId: 0,
  requirementId: 0,
  /** The tender's key metric, posted to both sellers with "Quantify your impact". */
  metricId: 0,
  /** Acme's question on the requirement, mirrored to the team channel. */
  questionId: 0,
  /** The clarification's notice, with "Acknowledge" in both seller threads and its board in the team channel. */
  noticeId: 0,
  /** The owner's private answer to Acme in the quiet period, awaiting "Publish" or "Keep as an exception". */
  quietAnswerId: 0,
  /** Every id the database holds, of any table: what a forged value would name. */
  ids: [] as number[],
  /** The requirement's post in each channel, for the buttons on it. */
  posts: new Map<string, string>(),
};

export async function setUpWorld(h: Harness): Promise<void> {
  await h.reset();
  h.fake.addUser({ id: GLOBEX.id, teamId: GLOBEX.teamId, realName: "Gina Globex" });
  await h.command("new Field service platform");
  world.team = (await h.db.tender.findFirstOrThrow()).teamChannelId;
  await h.command("invite Acme people@acme.example", { channelId: world.team });
  await h.command("invite Globex people@globex.example", { channelId: world.team });
  const [acme, globex] = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  if (!acme || !globex) throw new Error("both sellers are invited");
  await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: SELLER_TEAM } });
  await h.db.seller.update({ where: { id: globex.id }, data: { slackTeamId: GLOBEX.teamId } });
  Object.assign(world, {
    acme: acme.channelId,
    globex: globex.channelId,
    acmeSellerId: acme.id,
    globexSellerId: globex.id,
  });
  await h.command("require Offline mode | Work orders without network", { channelId: world.team });
  await h.outboxDrained();
  await h.command("metric add Mean time to repair | hours | 4 | 2", { channelId: world.team });
  await h.outboxDrained();
  world.metricId = (await h.db.metric.findFirstOrThrow()).id;
  world.posts = new Map((await h.db.requirementPost.findMany()).map((post) => [post.channelId, post.ts]));
  const requirement = await h.db.requirement.findFirstOrThrow();
  await h.requests.viewSubmission({
    userId: PEOPLE.seller,
    userTeamId: SELLER_TEAM,
    callbackId: SELLER_INPUT_FORM.callbackId,
    privateMetadata: JSON.stringify({
      requirementId: requirement.id,
      channelId: acme.channelId,
      kind: "question",
    }),
    values: { text: { text_input: { type: "plain_text_input", value: "Does it work in basements?" } } },
  });
  await h.outboxDrained();
  world.tenderId = requirement.tenderId;
  world.requirementId = requirement.id;
  world.questionId = (await h.db.reply.findFirstOrThrow()).id;
  await h.command("clarify R-1 It works offline everywhere.", { channelId: world.team });
  await h.outboxDrained();
  world.noticeId = (await h.db.notice.findFirstOrThrow()).id;
  // The owner answers Acme alone in the quiet period; the tender then goes back to requirements.
  await h.command("stage proposal", { channelId: world.team });
  const acmePost = world.posts.get(acme.channelId) ?? "";
  const ts = h.fake.addMessage(acme.channelId, {
    user: PEOPLE.owner,
    text: "Only for you",
    threadTs: acmePost,
  });
  await h.requests.event({
    type: "message",
    channel: acme.channelId,
    channel_type: "group",
    user: PEOPLE.owner,
    text: "Only for you",
    ts,
    thread_ts: acmePost,
  });
  await h.settle();
  await h.command("stage requirements", { channelId: world.team });
  await h.outboxDrained();
  world.quietAnswerId = (await h.db.quietAnswer.findFirstOrThrow()).id;
  const rows = [
    ...(await h.db.tender.findMany()),
    ...(await h.db.seller.findMany()),
    ...(await h.db.requirement.findMany()),
    ...(await h.db.requirementRevision.findMany()),
    ...(await h.db.reply.findMany()),
    ...(await h.db.metric.findMany()),
    ...(await h.db.notice.findMany()),
    ...(await h.db.quietAnswer.findMany()),
  ];
  world.ids = [...new Set(rows.map((row) => row.id))];
}

/** The channel a person works in: the team channel for the buyer's people, else their seller's. */
function home(person: Person): string {
  if (person.seller === "acme") return world.acme;
  if (person.seller === "globex") return world.globex;
  return world.team;
}

/** Mostly the person's own channel, else any other, or one of no tender. */
export const channel = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant((person: Person) => home(person)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        () => world.team,
        () => world.acme,
        () => world.globex,
        () => GENERAL_CHANNEL,
      ),
    },
  );

/** A value a button or a form's memory could carry: mostly an id of some row, else anything. */
export const idLike = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 3, 4, 5).map((i) => String(world.ids[i] ?? i)) },
    { weight: 1, arbitrary: hostileText() },
    {
      weight: 1,
      arbitrary: fc.constantFrom("occurrence:1", "answers:x", "-1", "1.5", "2147483648", "9007199254740993"),
    },
  );

/** The value the app itself puts on a button: what a press without forgery carries. */
export function rightValue(actionId: string): string | undefined {
  if (
    actionId === INVITE_SELLER_BUTTON ||
    actionId === POST_REQUIREMENT_BUTTON ||
    actionId === KEY_METRICS_BUTTON ||
    actionId === HOME_STATUS_BUTTON
  )
    return String(world.tenderId);
  if (actionId === ANSWER_ALL_BUTTON) return String(world.questionId);
  if (actionId === QUANTIFY_BUTTON) return String(world.metricId);
  if (actionId === ACKNOWLEDGE_BUTTON || actionId === REMIND_BUTTON) return String(world.noticeId);
  if (actionId === QUIET_BUTTONS.publish || actionId === QUIET_BUTTONS.keepException)
    return String(world.quietAnswerId);
  if (actionId === SUGGEST_METRIC_BUTTON) return "";
  if (actionId === INTEND_TO_BID_BUTTON || actionId === WILL_NOT_BID_BUTTON)
    return String(world.acmeSellerId);
  if (actionId === BROWSE_LESSONS_BUTTON || actionId === NEXT_LESSONS_BUTTON) return "page:2";
  if (
    actionId === SHARE_UPDATE_BUTTON ||
    actionId === PROPOSE_MEETING_BUTTON ||
    actionId === NOTHING_NEW_BUTTON
  )
    return "1";
  return String(world.requirementId);
}

/** A submitted value of any kind an input element sends, or of a kind none sends. */
const submitted = () =>
  fc.oneof(
    hostileText().map((value) => ({ type: "plain_text_input", value })),
    fc.constantFrom(null, 42, ["x"]).map((value) => ({ type: "plain_text_input", value })),
    fc
      .array(fc.constantFrom(PEOPLE.owner, PEOPLE.seller, GLOBEX.id, "U0NOBODY", "<!channel>"), {
        maxLength: 4,
      })
      .map((selected_users) => ({ type: "multi_users_select", selected_users })),
    fc
      .constantFrom("2027-01-31", "2026-02-30", "tomorrow", "")
      .map((selected_date) => ({ type: "datepicker", selected_date })),
    fc.constantFrom("09:00", "25:61", "").map((selected_time) => ({ type: "timepicker", selected_time })),
    hostileText().map((value) => ({ type: "static_select", selected_option: { value } })),
    fc
      .array(hostileText(), { maxLength: 3 })
      .map((values) => ({ type: "checkboxes", selected_options: values.map((value) => ({ value })) })),
  );

const text = (value: string) => ({ type: "plain_text_input", value });
const date = (selected_date: string) => ({ type: "datepicker", selected_date });
const choice = (value: string) => ({ type: "static_select", selected_option: { value } });

/** What a careful person would enter in a field of that name, so that forms get past their checks. */
function plausible(field: string): Value | undefined {
  const values: Record<string, Value> = {
    emails: text("people@globex.example"),
    unit: text("hours"),
    baseline: text("4"),
    target: text("2"),
    direction: choice("lower"),
    weight: text("3"),
    coOwners: { type: "multi_users_select", selected_users: [PEOPLE.coOwner] },
    questionsDueOn: date("2027-02-01"),
    proposalsDueOn: date("2027-03-01"),
    awardPlannedOn: date("2027-04-01"),
    inputDueOn: date("2027-01-20"),
    endsOn: date("2027-06-30"),
    priority: choice("must"),
    cadence: choice("weekly"),
    day: choice("monday"),
    time: { type: "timepicker", selected_time: "09:00" },
    timezone: text("Europe/Berlin"),
    cron: text(""),
    tags: text("offline, field"),
    requirementId: choice(String(world.requirementId)),
    sellers: { type: "multi_static_select", selected_options: [{ value: String(world.acmeSellerId) }] },
    influencedBy: { type: "multi_static_select", selected_options: [] },
    lessons: { type: "multi_static_select", selected_options: [] },
    value: text("2.5"),
    confidence: choice("high"),
    months: text("6"),
  };
  return values[field] ?? text(`${field} as a careful person writes it, with <https://example.com|a link>`);
}

export type Value = { type: string } & Record<string, unknown>;
/** A form's callback id and its fields, each a block id and an action id. */
type FormIds = { callbackId: string } & Record<string, string | { block: string; action: string }>;

/** A form with each field plausible, generated or left out, and the person who submits it. */
export const submission = () =>
  fc.constantFrom<FormIds>(...FORMS, estimateFormIds()).chain((form) => {
    const fields = Object.entries(form).filter(
      (entry): entry is [string, { block: string; action: string }] => typeof entry[1] !== "string",
    );
    return fc.record({
      form: fc.constant(form),
      values: fc.tuple(
        ...fields.map(([name, field]) =>
          fc
            .oneof(
              { weight: 4, arbitrary: fc.constant(plausible(name)) },
              { weight: 1, arbitrary: submitted() },
              { weight: 1, arbitrary: fc.constant(undefined) },
            )
            .map((value) => ({ field, value })),
        ),
      ),
    });
  });

/** A form's memory: what the app writes for this person, the same naming anything, or anything else. */
export const memory = () =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constant((person: Person) => ({
        tenderId: world.tenderId,
        requirementId: world.requirementId,
        replyId: world.questionId,
        occurrenceId: 1,
        version: 1,
        channelId: home(person),
        metricIds: [world.metricId],
        kind: "question",
        quietAnswerId: world.quietAnswerId,
        opened: { questionsDueOn: null, proposalsDueOn: null, awardPlannedOn: null },
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          tenderId: idLike(),
          requirementId: idLike(),
          replyId: idLike(),
          metricId: idLike(),
          channelId: channel(),
          kind: fc.constantFrom("question", "suggestion", "<!here>"),
          asNumbers: fc.boolean(),
        })
        .map((parts) => (person: Person) => {
          const number = (text: string) => (parts.asNumbers ? Number(text) : text);
          return {
            tenderId: number(parts.tenderId),
            requirementId: number(parts.requirementId),
            replyId: number(parts.replyId),
            occurrenceId: number(parts.replyId),
            version: 1,
            channelId: parts.channelId(person),
            metricIds: [number(parts.metricId)],
            quietAnswerId: number(parts.replyId),
            kind: parts.kind,
          };
        }),
    },
    { weight: 1, arbitrary: hostileText().map((text) => () => text) },
  );
