/**
 * Payloads in the shapes Slack sends them (tests/fixtures/slack), replayed through the app's real
 * receiver: each fixture holds `$PLACEHOLDERS` filled in at run time with the ids of the test's
 * tender, seller channel and people, and fresh event ids, trigger ids and response URLs.
 */
import { randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { SlackHttpResponse } from "../../src/sandbox/slack/requests.js";
import { type Harness, PEOPLE, SELLER_TEAM } from "./harness.js";

export type Vars = Record<string, unknown>;

interface Fixture {
  about: string;
  payload: Record<string, unknown>;
}

const FIXTURES = new URL("../fixtures/slack/", import.meta.url);

/** Slack answers within three seconds or Slack gives up on the request. */
const ANSWER_WITHIN_MS = 3_000;

export function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), "utf8")) as Fixture;
}

const PLACEHOLDER = /\$([A-Z][A-Z0-9_]*)/g;
const WHOLE_PLACEHOLDER = /^\$([A-Z][A-Z0-9_]*)$/;

function placeholderValue(vars: Vars, name: string): unknown {
  if (!Object.hasOwn(vars, name)) throw new Error(`fixture placeholder $${name} has no value`);
  return vars[name];
}

/**
 * The value with its placeholders filled, in keys and strings alike. A string that is only a
 * placeholder takes the value as it is (a number, an array of blocks); elsewhere it is written in.
 */
function fill(value: unknown, vars: Vars): unknown {
  if (typeof value === "string") {
    const whole = WHOLE_PLACEHOLDER.exec(value);
    if (whole?.[1]) return placeholderValue(vars, whole[1]);
    return value.replace(PLACEHOLDER, (_all, name: string) => String(placeholderValue(vars, name)));
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, vars));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [fill(key, vars) as string, fill(item, vars)]),
    );
  }
  return value;
}

/** Slack's "<seconds>.<microseconds>" timestamps. */
export function slackTs(): string {
  const micros = Date.now() * 1000 + randomInt(0, 1000);
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, "0")}`;
}

function eventId(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let id = "Ev0";
  for (let i = 0; i < 9; i++) id += alphabet[randomInt(0, alphabet.length)];
  return id;
}

/** The workspace, the app and the people, as every fixture may name them. */
function baseVars(h: Harness): Vars {
  const id = eventId();
  return {
    TEAM: h.fake.teamId,
    TEAM_DOMAIN: h.fake.teamDomain,
    API_APP_ID: h.fake.appId,
    BOT_USER: h.fake.botUserId,
    BOT_ID: h.fake.botId,
    SELLER_TEAM,
    SELLER_USER: PEOPLE.seller,
    SELLER_USER_TWO: PEOPLE.sellerTwo,
    OWNER: PEOPLE.owner,
    EVENT_ID: id,
    EVENT_TIME: Math.floor(Date.now() / 1000),
    EVENT_TS: slackTs(),
    EVENT_CONTEXT: `4-${Buffer.from(`${h.fake.teamId}:${h.fake.appId}:${id}`).toString("base64url")}`,
    TRIGGER_ID: `${randomInt(1e12, 9e12)}.${randomInt(1e9, 9e9)}.${randomBytes(16).toString("hex")}`,
    RESPONSE_URL: h.fake.responseUrl(),
    ACTION_TS: slackTs(),
  };
}

interface Replayed extends SlackHttpResponse {
  payload: Record<string, unknown>;
  ms: number;
}

/**
 * Sends a fixture the way Slack does (an event as JSON, an interaction as `payload=` form data),
 * signed, and checks the answer: HTTP 200 within Slack's three seconds.
 */
export async function replay(
  h: Harness,
  name: string,
  vars: Vars = {},
  retry: { retryNum?: number; retryReason?: string } = {},
): Promise<Replayed> {
  const payload = fill(fixture(name).payload, { ...baseVars(h), ...vars }) as Record<string, unknown>;
  const started = Date.now();
  const response =
    payload.type === "event_callback"
      ? await h.requests.send(JSON.stringify(payload), "application/json", retry)
      : await h.requests.interaction(payload);
  const ms = Date.now() - started;
  expect(response.status, `${name} answered`).toBe(200);
  expect(ms, `${name} answered in time`).toBeLessThan(ANSWER_WITHIN_MS);
  return { ...response, payload, ms };
}

/**
 * A person's message fixture: the message is written in the fake workspace first (so Slack knows
 * it, e.g. for its permalink), then Slack's event about it is replayed. Resolves with its ts.
 */
export async function replayMessage(h: Harness, name: string, vars: Vars): Promise<string> {
  const draft = fill(fixture(name).payload, { ...baseVars(h), TS: "0.0", ...vars }) as {
    event: { user?: string; text?: string; thread_ts?: string; channel: string };
  };
  const { user, text = "", thread_ts: threadTs, channel } = draft.event;
  const ts = user ? h.fake.addMessage(channel, { user, text, threadTs }) : slackTs();
  await replay(h, name, { ...vars, TS: ts });
  return ts;
}

/** What must never reach Slack: stack traces, database errors, SQL. */
const LEAKS = [
  /prisma/i,
  /node_modules/,
  /\bat (?:async )?\S+ \(?(?:file:|\/)\S*:\d+:\d+\)?/,
  /\.(?:ts|js|mjs):\d+:\d+/,
  /\b(?:SELECT\b[\s\S]*\bFROM|INSERT INTO|UPDATE "|DELETE FROM|ON CONFLICT)\b/,
  /\bP\d{4}\b/,
  /violates [\w ]*constraint/i,
  /syntax error at or near/i,
  /\w+Error: /,
];

function strings(value: unknown, out: string[]): string[] {
  if (typeof value === "string") {
    out.push(value);
    if (/^\s*[[{]/.test(value)) {
      try {
        strings(JSON.parse(value) as unknown, out);
      } catch {
        // Not JSON: the text itself is checked.
      }
    }
  } else if (Array.isArray(value)) {
    for (const item of value) strings(item, out);
  } else if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) strings(item, out);
  }
  return out;
}

/** Every text the app sent to Slack (Web API calls and response URLs) that leaks its insides. */
export function leaksToSlack(h: Harness): string[] {
  const sent = [
    ...h.fake.calls().map((call) => ({ where: call.method, value: call.args })),
    ...h.fake.responses().map((response) => ({ where: "response_url", value: response.body })),
  ];
  return sent.flatMap(({ where, value }) =>
    strings(value, [])
      .filter((text) => LEAKS.some((leak) => leak.test(text)))
      .map((text) => `${where}: ${text.slice(0, 200)}`),
  );
}

/** Acme, invited by email into its channel of a new tender (sam@ and sue@acme.example). */
export async function invitedAcme(h: Harness) {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  await h.command("invite Acme sam@acme.example sue@acme.example", { channelId: tender.teamChannelId });
  const seller = await h.db.seller.findFirstOrThrow({ include: { invites: { orderBy: { id: "asc" } } } });
  const [sam, sue] = seller.invites;
  if (!sam?.slackInviteId || !sue?.slackInviteId) throw new Error("Acme's invitations were not sent");
  const vars: Vars = {
    CHANNEL: seller.channelId,
    CHANNEL_NAME: h.fake.channel(seller.channelId)?.name ?? "",
    TEAM_CHANNEL: tender.teamChannelId,
  };
  return { tender, seller, sam, sue, vars };
}

/** Sam's acceptance of Acme's invitation, as Slack tells it. */
export function samAccepts(acme: Awaited<ReturnType<typeof invitedAcme>>): Vars {
  return {
    ...acme.vars,
    INVITE_ID: acme.sam.slackInviteId,
    INVITE_EMAIL: acme.sam.email,
    INVITEE: PEOPLE.seller,
  };
}

/** Acme's invitation accepted (Sam is in its channel) and R-1 posted there as a thread. */
export async function acmeThread(h: Harness) {
  const acme = await invitedAcme(h);
  h.fake.acceptSharedInvite(acme.sam.slackInviteId ?? "", PEOPLE.seller);
  await replay(h, "shared-channel-invite-accepted", samAccepts(acme));
  await h.settle();
  await h.command("require Offline mode", { channelId: acme.tender.teamChannelId });
  await h.outboxDrained();
  const requirement = await h.db.requirement.findFirstOrThrow({ include: { posts: true } });
  const [post] = requirement.posts;
  if (!post || !requirement.teamTs) throw new Error("R-1 was not posted");
  const posted = h.fake.message(post.channelId, post.ts);
  return {
    ...acme,
    requirement,
    post,
    teamTs: requirement.teamTs,
    vars: {
      ...acme.vars,
      THREAD_TS: post.ts,
      REQUIREMENT_ID: String(requirement.id),
      POST_TEXT: posted?.text ?? "",
      POST_BLOCKS: posted?.blocks ?? [],
    },
  };
}
