import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SandboxRefusalError } from "../../src/sandbox/actor.js";
import { SANDBOX_ROUTES } from "../../src/sandbox/contract.js";
import { DEMO_REFUSED, loadDemoTender } from "../../src/sandbox/demo.js";
import {
  DEMO_GOAL,
  GINA_EXPERIENCE,
  HEAD_END,
  INSTALLERS,
  LATENCY,
  PRIYA_COMMENT,
  SAM_LESSON,
  SAM_QUESTION,
  SAM_SUGGESTION,
} from "../../src/sandbox/demo-script.js";
import { GENERAL_CHANNEL } from "../../src/sandbox/workspace.js";
import { type SandboxHarness, startSandboxHarness } from "../support/sandbox.js";

const OLIVIA = "U0OLIVIA";
const BEN = "U0BENJAMIN";
const SAM = "U0SAMSTONE";
const PRIYA = "U0PRIYA";
const GINA = "U0GINAGOLD";

let h: SandboxHarness;
beforeAll(async () => {
  h = await startSandboxHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
});

async function demoTender(title: string) {
  return h.db.tender.findFirstOrThrow({
    where: { title },
    include: {
      members: { orderBy: { userId: "asc" } },
      sellers: { orderBy: { name: "asc" }, include: { invites: { orderBy: { email: "asc" } } } },
      requirements: {
        orderBy: { number: "asc" },
        include: { revisions: true, posts: true, replies: { orderBy: { id: "asc" } } },
      },
      checkIns: true,
    },
  });
}

describe("Load a demo tender", () => {
  it("fills a tender through the app's own handlers: sellers, requirements, replies, a lesson and a check-in", async () => {
    const result = await loadDemoTender(h.actor, OLIVIA);
    const tender = await demoTender("Smart meter rollout 2027");

    expect(result).toMatchObject({
      tender: "T-1",
      title: "Smart meter rollout 2027",
      teamChannel: tender.teamChannelId,
      requirements: ["R-1", "R-2", "R-3"],
    });
    expect(tender).toMatchObject({ number: 1, stage: "requirements", goal: DEMO_GOAL, createdBy: OLIVIA });
    expect(tender.members.map((member) => [member.userId, member.role])).toEqual([
      [BEN, "owner"],
      [OLIVIA, "owner"],
    ]);
    expect(tender.questionsDueOn).not.toBeNull();

    // Both sellers, each with its own channel, every person invited by email and joined.
    expect(tender.sellers.map((seller) => [seller.name, seller.status, seller.intent])).toEqual([
      ["Acme Grid Systems", "joined", "bidding"],
      ["Globex Energy", "joined", "bidding"],
    ]);
    const [acme, globex] = tender.sellers;
    expect(acme?.invites.map((invite) => [invite.email, invite.status])).toEqual([
      ["priya@acmegrid.example", "accepted"],
      ["sam@acmegrid.example", "accepted"],
    ]);
    expect(globex?.invites.map((invite) => [invite.email, invite.status])).toEqual([
      ["gina@globex.example", "accepted"],
    ]);
    expect(result.sellerChannels).toEqual([
      { seller: "Acme Grid Systems", channel: acme?.channelId },
      { seller: "Globex Energy", channel: globex?.channelId },
    ]);
    expect([...(h.slack.channel(acme?.channelId ?? "")?.members ?? [])]).toEqual(
      expect.arrayContaining([OLIVIA, BEN, SAM, PRIYA]),
    );

    // Three requirements as written in the form, each posted in both seller channels.
    expect(
      tender.requirements.map((r) => [r.number, r.revisions[0]?.title, r.revisions[0]?.priority]),
    ).toEqual([
      [1, LATENCY.title, "must"],
      [2, HEAD_END.title, "must"],
      [3, INSTALLERS.title, "should"],
    ]);
    for (const requirement of tender.requirements) {
      expect(requirement.revisions[0]?.acceptanceCriteria).toBeTruthy();
      expect(requirement.posts.map((post) => post.channelId).sort()).toEqual(
        [acme?.channelId, globex?.channelId].sort(),
      );
      for (const post of requirement.posts) {
        expect(h.slack.message(post.channelId, post.ts)?.text).toBe(
          `R-${requirement.number} · ${requirement.revisions[0]?.title}`,
        );
      }
    }

    // The sellers' replies, kept with who wrote them and mirrored into the team channel's threads.
    const replies = tender.requirements.flatMap((requirement) =>
      requirement.replies.map((reply) => ({ reply, teamTs: requirement.teamTs })),
    );
    expect(replies.map(({ reply }) => [reply.requirementId, reply.userId, reply.kind, reply.text])).toEqual(
      expect.arrayContaining([
        [tender.requirements[0]?.id, SAM, "question", SAM_QUESTION],
        [tender.requirements[0]?.id, GINA, "comment", GINA_EXPERIENCE],
        [tender.requirements[1]?.id, SAM, "suggestion", SAM_SUGGESTION],
        [tender.requirements[2]?.id, PRIYA, "comment", PRIYA_COMMENT],
      ]),
    );
    expect(replies).toHaveLength(4);
    for (const { reply, teamTs } of replies) {
      expect(reply.fromSeller).toBe(true);
      const mirror = h.slack.message(tender.teamChannelId, reply.mirrorTs ?? "");
      expect(mirror?.threadTs).toBe(teamTs);
    }

    // Sam's lesson, linked to the installer requirement and shown to the team.
    const lesson = await h.db.lesson.findFirstOrThrow();
    expect(lesson).toMatchObject({
      tenderId: tender.id,
      sellerId: acme?.id,
      requirementId: tender.requirements[2]?.id,
      authorUserId: SAM,
      title: SAM_LESSON.title,
      fromSeller: true,
      tags: ["installation", "scheduling", "customers"],
    });
    expect(h.slack.messages(tender.teamChannelId).map((m) => m.text)).toContain(
      `Lesson learned: ${SAM_LESSON.title}`,
    );

    // A weekly check-in with every seller.
    expect(tender.checkIns).toEqual([
      expect.objectContaining({
        number: 1,
        cadence: "weekly",
        cron: "0 10 * * 1",
        timezone: "Europe/Berlin",
        status: "active",
        sellerIds: [],
      }),
    ]);
    expect(tender.checkIns[0]?.nextRunAt?.getTime()).toBeGreaterThan(Date.now());

    // Every form was submitted and closed; the app told each person what it did, and no refusal.
    const told = (person: string) =>
      Object.values(h.actor.snapshot(person).messages)
        .flat()
        .filter((message) => message.ephemeral)
        .map((message) => message.text);
    for (const person of [OLIVIA, BEN, SAM, PRIYA, GINA]) {
      expect(h.actor.snapshot(person).modals).toEqual([]);
      expect(told(person).join("\n")).not.toMatch(/could not|Only the|not something/);
    }
    expect(told(OLIVIA)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Check-in C-1 scheduled: every Monday at 10:00 (Europe/Berlin)"),
      ]),
    );
    expect(told(SAM)).toEqual(expect.arrayContaining([expect.stringContaining(`L-1 “${SAM_LESSON.title}”`)]));
  });

  it("shows each seller only its own channel", async () => {
    const result = await loadDemoTender(h.actor, OLIVIA);
    const [acme, globex] = result.sellerChannels.map((seller) => seller.channel);
    const gina = h.actor.snapshot(GINA);
    expect(gina.channels.map((channel) => channel.id)).toContain(globex);
    expect(gina.channels.map((channel) => channel.id)).not.toContain(acme);
    expect(gina.channels.map((channel) => channel.id)).not.toContain(result.teamChannel);
    // Everyone is in the person switcher; what Gina is shown of the workspace is Globex's alone.
    const seen = JSON.stringify({ ...gina, people: [] });
    expect(seen).not.toContain(acme);
    expect(seen).not.toContain("Acme Grid Systems");
    expect(seen).not.toContain(SAM_QUESTION);
    expect(seen).toContain(GINA_EXPERIENCE);

    const sam = h.actor.snapshot(SAM);
    expect(sam.channels.map((channel) => channel.id)).not.toContain(globex);
    expect(JSON.stringify(sam)).not.toContain(GINA_EXPERIENCE);
  });

  it("makes a second, complete demo tender when pressed again, by any of the buyer's people", async () => {
    // Pressed twice at once: the second waits for the first, then numbers its title after it.
    const [first, second] = await Promise.all([
      loadDemoTender(h.actor, OLIVIA),
      loadDemoTender(h.actor, BEN),
    ]);
    expect(first).toMatchObject({ tender: "T-1", title: "Smart meter rollout 2027" });
    expect(second).toMatchObject({ tender: "T-2", title: "Smart meter rollout 2027 (2)" });
    const tender = await demoTender("Smart meter rollout 2027 (2)");
    expect(tender).toMatchObject({ createdBy: BEN, stage: "requirements" });
    expect(tender.members.map((member) => member.userId)).toEqual([BEN, OLIVIA]);
    expect(tender.sellers.map((seller) => seller.status)).toEqual(["joined", "joined"]);
    expect(tender.requirements.flatMap((r) => r.replies)).toHaveLength(4);
    expect(tender.checkIns).toHaveLength(1);
    expect(await h.db.lesson.count({ where: { tenderId: tender.id } })).toBe(1);
    expect(await h.db.tender.count()).toBe(2);
  });

  it("refuses a seller's person, and anyone not in the sandbox, and fills nothing", async () => {
    for (const as of [SAM, GINA, "U0NOBODY"]) {
      const refusal = await loadDemoTender(h.actor, as).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(SandboxRefusalError);
      expect(refusal).toMatchObject({ message: DEMO_REFUSED, status: 403 });
    }
    const response = await fetch(h.route(SANDBOX_ROUTES.demo), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ as: PRIYA }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: DEMO_REFUSED });
    expect(await h.db.tender.count()).toBe(0);
    expect(h.slack.calls("conversations.create")).toEqual([]);
  });

  it("says why when a form did not open, in the app's words, before anything was made", async () => {
    h.slack.failNext("views.open", "trigger_exchanged");
    const failure = await loadDemoTender(h.actor, OLIVIA).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      "The demo tender stopped at “open the tender”: the New tender form did not open. " +
        "The app answered: “Tender Room could not finish: Slack answered “trigger_exchanged”.”",
    );
    expect(await h.db.tender.count()).toBe(0);
  });

  it("says at which step it stopped, and that the tender is only partly filled", async () => {
    h.slack.failInviteFor("gina@globex.example", "not_allowed_token_type");
    const failure = await loadDemoTender(h.actor, OLIVIA).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain("The demo tender stopped at “invite Globex Energy”");
    expect(message).toContain("gina@globex.example has no invitation");
    expect(message).toContain("T-1 was opened but is only partly filled");
    // What happened before the failing step stays, as the message says.
    expect(await h.db.seller.count()).toBe(2);
    expect(await h.db.requirement.count()).toBe(0);
  });

  it("is run from the page's button through the sandbox server", async () => {
    const response = await fetch(h.route(SANDBOX_ROUTES.demo), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ as: OLIVIA }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    const tender = await demoTender("Smart meter rollout 2027");
    expect(tender.requirements).toHaveLength(3);
    const general = h.actor.snapshot(OLIVIA).messages[GENERAL_CHANNEL.id] ?? [];
    expect(general.some((message) => message.ephemeral && message.text.includes("T-1"))).toBe(true);
  });
});
