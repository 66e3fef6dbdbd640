import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LESSON_CARD } from "../../src/features/lessons/deliveries.js";
import {
  BROWSE_LESSONS_BUTTON,
  LESSON_FORM,
  NEXT_LESSONS_BUTTON,
  SAVE_MESSAGE_SHORTCUT,
  SHARE_LESSON_BUTTON,
} from "../../src/features/lessons/ids.js";
import { SELLER_ELSEWHERE } from "../../src/features/lessons/views.js";
import { REQUIREMENT_EVENT_TYPE } from "../../src/features/requirements/ids.js";
import { REVISION_FORM } from "../../src/features/revisions/ids.js";
import type { FakeMessage } from "../../src/sandbox/slack/index.js";
import type { SubmittedValue } from "../../src/sandbox/slack/requests.js";
import { type Harness, HOME_TEAM, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";
import { workLatestFormAgain } from "../support/replay.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
});

const outboxDone = () => h.outboxDrained(60_000);

async function tenderWithSellers(names: string[], title = "Field service platform") {
  await h.command(`new ${title}`);
  const tender = await h.db.tender.findFirstOrThrow({ orderBy: { id: "desc" } });
  for (const [i, name] of names.entries()) {
    await h.command(`invite ${name} people@seller${i}.example`, { channelId: tender.teamChannelId });
  }
  const sellers = await h.db.seller.findMany({ where: { tenderId: tender.id }, orderBy: { id: "asc" } });
  return { tender, sellers, team: { channelId: tender.teamChannelId } };
}

/** A tender with Acme and Beta, and R-1 posted in both their channels. */
async function postedRequirement() {
  const setup = await tenderWithSellers(["Acme", "Beta"]);
  await h.command("require Offline mode | Technicians work in basements.", setup.team);
  await outboxDone();
  const requirement = await h.db.requirement.findFirstOrThrow();
  const [acme, beta] = setup.sellers;
  if (!acme || !beta) throw new Error("sellers missing");
  return { ...setup, acme, beta, requirement };
}

function requirementPost(channelId: string): FakeMessage {
  const post = h.fake.messages(channelId).find((m) => m.metadata?.event_type === REQUIREMENT_EVENT_TYPE);
  if (!post) throw new Error(`no requirement post in ${channelId}`);
  return post;
}

const text = (value: string): SubmittedValue => ({ type: "plain_text_input", value });

interface LessonFields {
  title?: string;
  situation?: string;
  lesson?: string;
  recommendation?: string;
  impact?: string;
  requirementId?: number;
  tags?: string;
}

function lessonValues(fields: LessonFields) {
  const values: Record<string, Record<string, SubmittedValue>> = {
    [LESSON_FORM.title.block]: { [LESSON_FORM.title.action]: text(fields.title ?? "Cache work orders") },
    [LESSON_FORM.situation.block]: {
      [LESSON_FORM.situation.action]: text(fields.situation ?? "A utility with 400 field technicians."),
    },
    [LESSON_FORM.lesson.block]: {
      [LESSON_FORM.lesson.action]: text(fields.lesson ?? "Connectivity in basements is never there."),
    },
    [LESSON_FORM.recommendation.block]: {
      [LESSON_FORM.recommendation.action]: text(fields.recommendation ?? ""),
    },
    [LESSON_FORM.impact.block]: { [LESSON_FORM.impact.action]: text(fields.impact ?? "") },
    [LESSON_FORM.tags.block]: { [LESSON_FORM.tags.action]: text(fields.tags ?? "") },
  };
  if (fields.requirementId !== undefined) {
    values[LESSON_FORM.requirementId.block] = {
      [LESSON_FORM.requirementId.action]: {
        type: "static_select",
        selected_option: { value: String(fields.requirementId) },
      },
    };
  }
  return values;
}

/** Submits the last opened form as `userId`; Slack's HTTP answer and what the person was told. */
async function submitLesson(userId: string, fields: LessonFields, responseUrl?: string) {
  const view = h.fake.views().at(-1);
  if (view?.view.callback_id !== LESSON_FORM.callbackId) throw new Error("no lesson form open");
  const response = await h.requests.viewSubmission({
    userId,
    callbackId: LESSON_FORM.callbackId,
    viewId: view.id,
    values: lessonValues(fields),
  });
  await h.settle();
  await outboxDone();
  const told = responseUrl
    ? h.fake.responses(responseUrl).map((r) => String((r.body as { text?: unknown }).text))
    : [];
  return { response, view, told };
}

async function press(
  actionId: string,
  value: string,
  options: { userId: string; channelId: string; messageTs?: string },
) {
  const responseUrl = h.fake.responseUrl();
  await h.requests.blockAction({ ...options, actionId, value, responseUrl });
  await h.settle();
  const bodies = h.fake.responses(responseUrl).map((r) => r.body as { text: string; blocks?: unknown[] });
  return { responseUrl, bodies, texts: bodies.map((b) => b.text) };
}

/** `/tender lessons <query>`: the ephemeral results as text and blocks. */
async function search(query: string, channelId: string) {
  const { responseUrl, replies } = await h.command(`lessons ${query}`.trim(), { channelId });
  const body = h.fake.responses(responseUrl).at(-1)?.body as { text: string; blocks?: unknown[] } | undefined;
  return { text: body?.text ?? replies.join("\n"), blocks: JSON.stringify(body?.blocks ?? []), replies };
}

let seq = 0;

/** A lesson stored as the form would store it, for the library's tests. */
async function storedLesson(
  tenderId: number,
  fields: {
    title: string;
    lesson?: string;
    sellerId?: number;
    organisation?: string;
    tags?: string[];
    requirementId?: number;
  },
) {
  seq++;
  const tags = fields.tags ?? [];
  return h.db.lesson.create({
    data: {
      tenderId,
      sellerId: fields.sellerId ?? null,
      requirementId: fields.requirementId ?? null,
      authorUserId: fields.sellerId ? PEOPLE.seller : PEOPLE.owner,
      authorTeamId: fields.sellerId ? SELLER_TEAM : HOME_TEAM,
      authorName: fields.sellerId ? "Sam Seller" : "Olivia Owner",
      organisation: fields.organisation ?? "Buyer Corp",
      fromSeller: fields.sellerId !== undefined,
      title: fields.title,
      situation: `Project ${seq}`,
      lesson: fields.lesson ?? "Nothing special.",
      tags,
      tagsText: tags.join(" "),
      channelId: "C0ANY",
    },
  });
}

function titlesIn(result: string, titles: string[]): string[] {
  return titles
    .filter((title) => result.includes(title))
    .sort((a, b) => result.indexOf(a) - result.indexOf(b));
}

describe("capturing a lesson", () => {
  it("a seller shares one from a requirement post: the modal, the card in the thread, the mirror, the record", async () => {
    const { tender, acme, requirement, team } = await postedRequirement();
    const post = requirementPost(acme.channelId);
    expect(JSON.stringify(post.blocks)).toContain(SHARE_LESSON_BUTTON);

    const { responseUrl } = await press(SHARE_LESSON_BUTTON, String(requirement.id), {
      userId: PEOPLE.seller,
      channelId: acme.channelId,
      messageTs: post.ts,
    });
    const form = JSON.stringify(h.fake.views().at(-1)?.view);
    // The requirement it was opened from is preselected.
    expect(form).toContain('"initial_option":{"text":{"type":"plain_text","text":"R-1 · Offline mode"}');

    const { told } = await submitLesson(
      PEOPLE.seller,
      {
        title: "Offline first <!channel>",
        recommendation: "Ask for 72 hours of offline work.",
        impact: "Fewer repeat visits",
        requirementId: requirement.id,
        tags: "Offline, #Field Service, offline",
      },
      responseUrl,
    );
    const stored = await h.db.lesson.findFirstOrThrow();
    expect(stored).toMatchObject({
      tenderId: tender.id,
      sellerId: acme.id,
      requirementId: requirement.id,
      fromSeller: true,
      authorTeamId: SELLER_TEAM,
      organisation: "Acme",
      authorName: "Sam Seller",
      title: "Offline first <!channel>",
      tags: ["offline", "field-service"],
      channelId: acme.channelId,
      threadTs: post.ts,
    });
    expect(told).toEqual([
      `L-${stored.id} “Offline first &lt;!channel&gt;” is shared in <#${acme.channelId}>. Thank you!`,
    ]);
    expect(await h.db.auditEvent.count({ where: { action: "lesson.shared" } })).toBe(1);

    const card = h.fake.messages(acme.channelId).find((m) => m.text.startsWith("Lesson learned"));
    expect(card?.threadTs).toBe(post.ts);
    const mirror = h.fake.messages(team.channelId).find((m) => m.text.startsWith("Lesson learned"));
    for (const message of [card, mirror]) {
      // mrkdwn is escaped; the header is plain_text, which Slack never reads as a mention.
      const blocks = (message?.blocks ?? []) as { type: string }[];
      const shown = JSON.stringify([message?.text, blocks.filter((block) => block.type !== "header")]);
      expect(message?.text).toContain("Offline first &lt;!channel&gt;");
      expect(shown).not.toContain("<!channel>");
      expect(shown).toContain("Sam Seller (Acme)");
      expect(shown).toContain("R-1");
    }
  });

  it("a seller shares one from the welcome message; elsewhere the button is refused", async () => {
    const { sellers, team } = await tenderWithSellers(["Acme"]);
    const [acme] = sellers;
    if (!acme) throw new Error("seller missing");
    const [welcome] = h.fake.messages(acme.channelId);
    expect(welcome?.text).toContain("*Welcome to");
    expect(JSON.stringify(welcome?.blocks)).toContain(SHARE_LESSON_BUTTON);

    await press(SHARE_LESSON_BUTTON, "", { userId: PEOPLE.seller, channelId: acme.channelId });
    await submitLesson(PEOPLE.seller, { title: "Pilot with one depot" });
    const stored = await h.db.lesson.findFirstOrThrow();
    expect(stored).toMatchObject({ sellerId: acme.id, requirementId: null, threadTs: null });
    const card = h.fake.messages(acme.channelId).find((m) => m.text.startsWith("Lesson learned"));
    expect(card?.threadTs).toBeUndefined();

    // A seller pressing a share button outside its own channel is told so; nothing opens.
    const views = h.fake.views().length;
    const { texts } = await press(SHARE_LESSON_BUTTON, "", {
      userId: PEOPLE.seller,
      channelId: team.channelId,
    });
    expect(texts).toEqual([SELLER_ELSEWHERE]);
    expect(h.fake.views()).toHaveLength(views);
  });

  it("the buyer shares one with /tender lesson: the card in the team channel, once", async () => {
    const { team } = await tenderWithSellers(["Acme"]);
    const { responseUrl, replies } = await h.command("lesson", team);
    expect(replies).toEqual([]);
    const { told } = await submitLesson(PEOPLE.owner, { title: "Check the unions early" }, responseUrl);
    const stored = await h.db.lesson.findFirstOrThrow();
    expect(stored).toMatchObject({
      sellerId: null,
      fromSeller: false,
      organisation: "Buyer Corp",
      authorTeamId: HOME_TEAM,
    });
    expect(told[0]).toContain("is shared in");
    expect(h.fake.messages(team.channelId).filter((m) => m.text.startsWith("Lesson learned"))).toHaveLength(
      1,
    );
    const deliveries = await h.db.delivery.findMany({ where: { kind: LESSON_CARD.name } });
    expect(deliveries.map((d) => d.status)).toEqual(["sent"]);
  });

  it("saves one lesson when the app died after saving it and before it marked the submission worked", async () => {
    const { team } = await tenderWithSellers(["Acme"]);
    const { responseUrl } = await h.command("lesson", team);
    await submitLesson(PEOPLE.owner, { title: "Check the unions early" }, responseUrl);
    const item = { id: await workLatestFormAgain(h) };
    expect(await h.db.inboxItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      status: "done",
    });
    expect(await h.db.lesson.count()).toBe(1);
    expect(h.fake.messages(team.channelId).filter((m) => m.text.startsWith("Lesson learned"))).toHaveLength(
      1,
    );
    expect(JSON.stringify(h.fake.responses(responseUrl).map((r) => r.body))).not.toMatch(
      /Something went wrong/,
    );
  });

  it("the buyer saves a seller's message with the message shortcut: prefilled, linked, carded in its thread", async () => {
    const { sellers, team } = await tenderWithSellers(["Acme"]);
    const [acme] = sellers;
    if (!acme) throw new Error("seller missing");
    const ts = h.fake.addMessage(acme.channelId, {
      user: PEOPLE.seller,
      text: "Depots lose Wi-Fi at night\nSo sync must resume &lt;safely&gt;.",
    });
    const responseUrl = h.fake.responseUrl();
    await h.requests.interaction({
      type: "message_action",
      callback_id: SAVE_MESSAGE_SHORTCUT,
      trigger_id: "trigger-shortcut",
      response_url: responseUrl,
      message_ts: ts,
      message: {
        type: "message",
        user: PEOPLE.seller,
        ts,
        text: "Depots lose Wi-Fi at night\nSo sync must resume &lt;safely&gt;.",
      },
      user: { id: PEOPLE.owner, name: "olivia", team_id: HOME_TEAM },
      channel: { id: acme.channelId, name: "tender-acme" },
      team: { id: HOME_TEAM, domain: "buyer" },
      token: "verification",
      action_ts: "1800000000.000001",
    });
    await h.settle();
    const form = JSON.stringify(h.fake.views().at(-1)?.view);
    expect(form).toContain('"initial_value":"Depots lose Wi-Fi at night"');
    expect(form).toContain("So sync must resume <safely>.");

    await submitLesson(PEOPLE.owner, {
      title: "Depots lose Wi-Fi at night",
      lesson: "Sync must resume safely.",
    });
    const stored = await h.db.lesson.findFirstOrThrow();
    expect(stored).toMatchObject({
      sellerId: acme.id,
      fromSeller: false,
      sourceChannelId: acme.channelId,
      sourceTs: ts,
      threadTs: ts,
    });
    expect(stored.sourceLink).toContain(`/archives/${acme.channelId}/p`);
    const card = h.fake.messages(acme.channelId).find((m) => m.text.startsWith("Lesson learned"));
    expect(card?.threadTs).toBe(ts);
    expect(h.fake.messages(team.channelId).some((m) => m.text.startsWith("Lesson learned"))).toBe(true);
  });

  it("the shortcut on a message outside any tender is answered, not ignored", async () => {
    const responseUrl = h.fake.responseUrl();
    await h.requests.interaction({
      type: "message_action",
      callback_id: SAVE_MESSAGE_SHORTCUT,
      trigger_id: "trigger-shortcut",
      response_url: responseUrl,
      message_ts: "1800000000.000001",
      message: { type: "message", user: PEOPLE.owner, ts: "1800000000.000001", text: "hello" },
      user: { id: PEOPLE.owner, name: "olivia", team_id: HOME_TEAM },
      channel: { id: "C0GENERAL", name: "general" },
      team: { id: HOME_TEAM, domain: "buyer" },
      token: "verification",
      action_ts: "1800000000.000002",
    });
    await h.settle();
    const told = h.fake.responses(responseUrl).map((r) => String((r.body as { text?: unknown }).text));
    expect(told[0]).toContain("belongs to no tender");
  });

  it("shows validation errors on the right fields and saves nothing", async () => {
    const { team } = await tenderWithSellers(["Acme"]);
    await h.command("lesson", team);
    const { response } = await submitLesson(PEOPLE.owner, {
      title: "   ",
      situation: "",
      lesson: "x".repeat(3001),
      tags: Array.from({ length: 11 }, (_, i) => `tag${i}`).join(","),
    });
    const body = response.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(Object.keys(body.errors).sort()).toEqual(["lesson", "situation", "tags", "title"]);
    expect(body.errors.tags).toBe("Use at most 10 tags.");
    expect(await h.db.lesson.count()).toBe(0);
    expect(await h.db.delivery.count({ where: { kind: LESSON_CARD.name } })).toBe(0);
  });
});

describe("the library", () => {
  it("ranks a title match above a body match, and paginates with a Next button", async () => {
    const { tender, team } = await tenderWithSellers([]);
    await storedLesson(tender.id, {
      title: "Plan the data migration",
      lesson: "Offline sync. Offline maps. Offline forms.",
    });
    await storedLesson(tender.id, { title: "Offline first for technicians", lesson: "Plan for no signal." });
    const result = await search("offline", team.channelId);
    expect(titlesIn(result.blocks, ["Offline first for technicians", "Plan the data migration"])).toEqual([
      "Offline first for technicians",
      "Plan the data migration",
    ]);
    expect(result.blocks).not.toContain(NEXT_LESSONS_BUTTON);

    for (let i = 1; i <= 6; i++) await storedLesson(tender.id, { title: `Offline lesson ${i}` });
    const first = await search("offline", team.channelId);
    expect(first.blocks).toContain(NEXT_LESSONS_BUTTON);
    expect(first.blocks).toContain('"value":"offline page:2"');
    const { bodies } = await press(NEXT_LESSONS_BUTTON, "offline page:2", {
      userId: PEOPLE.owner,
      channelId: team.channelId,
    });
    const second = JSON.stringify(bodies[0]?.blocks);
    expect(second).toContain("page 2");
    expect((second.match(/L-\d+ ·/g) ?? []).length).toBe(3);
    expect((await search("offline page:2", team.channelId)).blocks).toContain("page 2");
  });

  it("filters by tender, seller and tag; without words shows the latest of the channel's tender", async () => {
    const one = await tenderWithSellers(["Acme", "Beta"], "Field service platform");
    const two = await tenderWithSellers(["Gamma"], "Fleet telematics");
    const [acme, beta] = one.sellers;
    const [gamma] = two.sellers;
    if (!acme || !beta || !gamma) throw new Error("sellers missing");
    await storedLesson(one.tender.id, {
      title: "Acme on batteries",
      sellerId: acme.id,
      organisation: "Acme",
      tags: ["hardware"],
    });
    await storedLesson(one.tender.id, {
      title: "Beta on batteries",
      sellerId: beta.id,
      organisation: "Beta",
      tags: ["people"],
    });
    await storedLesson(two.tender.id, {
      title: "Gamma on batteries",
      sellerId: gamma.id,
      organisation: "Gamma",
      tags: ["hardware"],
    });
    const all = ["Acme on batteries", "Beta on batteries", "Gamma on batteries"];

    expect(titlesIn((await search("batteries", one.team.channelId)).blocks, all).sort()).toEqual(all);
    expect(titlesIn((await search("batteries tender:T-2", one.team.channelId)).blocks, all)).toEqual([
      "Gamma on batteries",
    ]);
    expect(titlesIn((await search("batteries seller:beta", one.team.channelId)).blocks, all)).toEqual([
      "Beta on batteries",
    ]);
    expect(titlesIn((await search("tag:HARDWARE batteries", one.team.channelId)).blocks, all).sort()).toEqual(
      ["Acme on batteries", "Gamma on batteries"],
    );
    expect(titlesIn((await search("", two.team.channelId)).blocks, all)).toEqual(["Gamma on batteries"]);
    expect((await search("", two.team.channelId)).blocks).toContain("Latest lessons of T-2");
    expect((await search("tender:nope", one.team.channelId)).replies[0]).toContain(
      "`tender:` takes a tender reference",
    );
  });

  it("a seller sees only the lessons shared in its own channel, whatever the button asks", async () => {
    const { tender, sellers, team } = await tenderWithSellers(["Acme", "Beta"]);
    const [acme, beta] = sellers;
    if (!acme || !beta) throw new Error("sellers missing");
    await storedLesson(tender.id, { title: "Acme secret sauce", sellerId: acme.id, organisation: "Acme" });
    await storedLesson(tender.id, { title: "Beta secret sauce", sellerId: beta.id, organisation: "Beta" });
    await storedLesson(tender.id, { title: "Buyer secret sauce" });
    const titles = ["Acme secret sauce", "Beta secret sauce", "Buyer secret sauce"];

    const welcome = h.fake.messages(acme.channelId)[0];
    expect(JSON.stringify(welcome?.blocks)).toContain(BROWSE_LESSONS_BUTTON);
    const browse = await press(BROWSE_LESSONS_BUTTON, "", {
      userId: PEOPLE.seller,
      channelId: acme.channelId,
    });
    expect(titlesIn(JSON.stringify(browse.bodies), titles)).toEqual(["Acme secret sauce"]);
    for (const value of ["sauce", "sauce seller:Beta", `sauce tender:T-${tender.number}`, "page:1"]) {
      const crafted = await press(NEXT_LESSONS_BUTTON, value, {
        userId: PEOPLE.seller,
        channelId: acme.channelId,
      });
      expect(
        titlesIn(JSON.stringify(crafted.bodies), titles).filter((t) => t !== "Acme secret sauce"),
      ).toEqual([]);
    }
    const outside = await press(BROWSE_LESSONS_BUTTON, "", {
      userId: PEOPLE.seller,
      channelId: team.channelId,
    });
    expect(outside.texts).toEqual([SELLER_ELSEWHERE]);
    // Someone of another organisation in Beta's channel (Beta's team is known) is refused there too.
    await h.db.seller.update({ where: { id: beta.id }, data: { slackTeamId: "T0BETA" } });
    const foreign = await press(BROWSE_LESSONS_BUTTON, "", {
      userId: PEOPLE.seller,
      channelId: beta.channelId,
    });
    expect(foreign.texts).toEqual([SELLER_ELSEWHERE]);

    // The buyer's people see every lesson of the workspace.
    expect(titlesIn((await search("sauce", team.channelId)).blocks, titles).sort()).toEqual(titles);
  });
});

describe("reusing lessons in a revision", () => {
  it("offers linked lessons and title hits, records them as applied, thanks the seller, and shows it", async () => {
    const { tender, acme, beta, requirement, team } = await postedRequirement();
    // The linked lesson comes through the seller's button, so it has cards to bring up to date.
    const post = requirementPost(acme.channelId);
    await press(SHARE_LESSON_BUTTON, String(requirement.id), {
      userId: PEOPLE.seller,
      channelId: acme.channelId,
      messageTs: post.ts,
    });
    await submitLesson(PEOPLE.seller, {
      title: "Technicians need their forms without signal",
      requirementId: requirement.id,
    });
    const linked = await h.db.lesson.findFirstOrThrow();
    const hit = await storedLesson(tender.id, {
      title: "Offline mode needs conflict rules",
      sellerId: beta.id,
      organisation: "Beta",
    });
    await storedLesson(tender.id, { title: "Unrelated lesson about invoices" });

    const { responseUrl } = await h.command("revise R-1", team);
    const view = h.fake.views().at(-1);
    const form = JSON.stringify(view?.view.blocks);
    expect(form).toContain(`L-${linked.id} · Technicians need their forms`);
    expect(form).toContain(`L-${hit.id} · Offline mode needs conflict rules (Beta)`);
    expect(form).not.toContain("invoices");

    await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: REVISION_FORM.callbackId,
      viewId: view?.id,
      values: {
        [REVISION_FORM.title.block]: { [REVISION_FORM.title.action]: text("Offline mode for 72 hours") },
        [REVISION_FORM.priority.block]: {
          [REVISION_FORM.priority.action]: { type: "static_select", selected_option: { value: "must" } },
        },
        [REVISION_FORM.changeNote.block]: { [REVISION_FORM.changeNote.action]: text("72 hours offline") },
        [REVISION_FORM.lessons.block]: {
          [REVISION_FORM.lessons.action]: {
            type: "multi_static_select",
            selected_options: [{ value: String(linked.id) }],
          },
        },
      },
    });
    await h.settle();
    await outboxDone();
    expect(
      h.fake.responses(responseUrl).map((r) => String((r.body as { text?: unknown }).text))[0],
    ).toContain("is now v2");

    const applications = await h.db.lessonApplication.findMany();
    expect(applications.map((a) => [a.lessonId, a.requirementId, a.version])).toEqual([
      [linked.id, requirement.id, 2],
    ]);
    const thanks = h.fake.messages(acme.channelId).filter((m) => m.text.includes("improved R-1"));
    expect(thanks.map((m) => m.text)).toEqual([
      `:pray: Your lesson L-${linked.id} “Technicians need their forms without signal” improved R-1 (now v2). Thank you for sharing your experience!`,
    ]);
    expect(h.fake.messages(beta.channelId).some((m) => m.text.includes("improved R-1"))).toBe(false);

    expect((await search("technicians", team.channelId)).blocks).toContain("applied in R-1 v2");
    const cards = [acme.channelId, team.channelId].map((channelId) =>
      h.fake.messages(channelId).find((m) => m.text.startsWith("Lesson learned: Technicians")),
    );
    for (const card of cards) expect(JSON.stringify(card?.blocks)).toContain("applied in R-1 v2");
    const history = await h.command("history R-1", team);
    expect(history.replies[0]).toContain(
      `lesson L-${linked.id} (Acme): “Technicians need their forms without signal”`,
    );
  });
});
