import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LESSON_FORM } from "../../src/features/lessons/ids.js";
import { REVISION_FORM } from "../../src/features/revisions/ids.js";
import { SELLER_COMMANDS } from "../../src/kernel/actor.js";
import type { SubmittedValue } from "../../src/sandbox/slack/requests.js";
import { GENERAL_CHANNEL, type Harness, PEOPLE, startHarness } from "../support/harness.js";
import { workLatestFormAgain } from "../support/replay.js";

/** Someone of the buyer's workspace in New York, four hours behind UTC in July. */
const NEW_YORK = "U0NEWYORK";
const HOUR = 3_600_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  h.fake.addUser({ id: NEW_YORK, realName: "Nora York", tz: "America/New_York" });
});

interface Shown {
  /** The answer's text (what a notification shows). */
  text: string;
  /** Its first section: the heading. */
  head: string;
  /** One line per event, as shown. */
  events: string[];
  /** The last block: the page and the next command. */
  footer: string;
}

/** `/tender audit <args>` and what its answer shows. */
async function audit(args: string, options: { userId?: string; channelId?: string } = {}): Promise<Shown> {
  const { responseUrl } = await h.command(`audit ${args}`.trim(), options);
  const [body] = h.fake.responses(responseUrl).map(
    (r) =>
      r.body as {
        text: string;
        blocks?: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
      },
  );
  if (!body) throw new Error("no answer");
  const blocks = body.blocks ?? [];
  const sections = blocks.filter((block) => block.type === "section").map((block) => block.text?.text ?? "");
  const footer = blocks.filter((block) => block.type === "context").flatMap((block) => block.elements ?? []);
  return {
    text: body.text,
    head: sections[0] ?? "",
    events: sections.slice(1).flatMap((section) => section.split("\n")),
    footer: footer.map((element) => element.text).join(" "),
  };
}

/** T-1, opened by the owner (one event, now), and 44 revisions of R-3 every two hours from 1 July 2024 00:00 UTC. */
async function tenderWith44Events() {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  const start = Date.parse("2024-07-01T00:00:00.000Z");
  await h.db.auditEvent.createMany({
    data: Array.from({ length: 44 }, (_, i) => ({
      tenderId: tender.id,
      actorUserId: PEOPLE.coOwner,
      action: "requirement.revised",
      detail: {
        requirement: "R-3",
        version: i + 2,
        changeNote: `Change ${i + 1}`,
        influencedBy: [],
        lessons: [],
      },
      createdAt: new Date(start + (i + 1) * 2 * HOUR),
    })),
  });
  return tender;
}

describe("/tender audit", () => {
  it("pages 45 events, the latest first, 20 a page, in the viewer's zone", async () => {
    const tender = await tenderWith44Events();
    const team = { channelId: tender.teamChannelId };

    const first = await audit("", team);
    expect(first.head).toBe(
      "*Audit trail of T-1 · Field service platform* · the latest first · times in Europe/Berlin",
    );
    expect(first.events).toHaveLength(20);
    expect(first.events[0]).toMatch(
      new RegExp(
        `^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} · <@${PEOPLE.owner}> · opened the tender “Field service platform”$`,
      ),
    );
    // Change 44 at 88 hours: 4 July 2024 16:00 UTC, 18:00 in Berlin (summer time).
    expect(first.events[1]).toBe(`2024-07-04 18:00 · <@${PEOPLE.coOwner}> · revised R-3 to v45: “Change 44”`);
    expect(first.events[19]).toBe(
      `2024-07-03 06:00 · <@${PEOPLE.coOwner}> · revised R-3 to v27: “Change 26”`,
    );
    expect(first.footer).toBe("Page 1 of 3 (45 events) · next: `/tender audit T-1 page:2`");
    expect(first.text).toContain("Page 1 of 3 (45 events)");

    const second = await audit("page:2", team);
    expect(second.events).toHaveLength(20);
    expect(second.events[0]).toContain("“Change 25”");
    expect(second.events[19]).toContain("“Change 6”");
    expect(second.footer).toBe("Page 2 of 3 (45 events) · next: `/tender audit T-1 page:3`");

    const third = await audit("T-1 page:3", { channelId: GENERAL_CHANNEL });
    expect(third.events.map((line) => line.split(" · ").at(-1))).toEqual(
      [5, 4, 3, 2, 1].map((n) => `revised R-3 to v${n + 1}: “Change ${n}”`),
    );
    expect(third.footer).toBe("Page 3 of 3 (45 events)");

    // The same events in New York's time, for someone in the team channel.
    const fromNewYork = await audit("", { userId: NEW_YORK, channelId: tender.teamChannelId });
    expect(fromNewYork.head).toContain("times in America/New_York");
    expect(fromNewYork.events[1]).toBe(
      `2024-07-04 12:00 · <@${PEOPLE.coOwner}> · revised R-3 to v45: “Change 44”`,
    );
  });

  it("starts at the since: day in the viewer's zone", async () => {
    const tender = await tenderWith44Events();
    // From 3 July 00:00 in Berlin (2 July 22:00 UTC, 46 hours in): changes 23 to 44 and the opening, 23 events: 20 on the first page, 3 on the second.
    const berlin = await audit("since:2024-07-03", { channelId: tender.teamChannelId });
    expect(berlin.head).toContain("since 2024-07-03");
    expect(berlin.events).toHaveLength(20);
    expect(berlin.footer).toBe("Page 1 of 2 (23 events) · next: `/tender audit T-1 since:2024-07-03 page:2`");
    const rest = await audit("since:2024-07-03 page:2", { channelId: tender.teamChannelId });
    expect(rest.events).toEqual([
      `2024-07-03 04:00 · <@${PEOPLE.coOwner}> · revised R-3 to v26: “Change 25”`,
      `2024-07-03 02:00 · <@${PEOPLE.coOwner}> · revised R-3 to v25: “Change 24”`,
      `2024-07-03 00:00 · <@${PEOPLE.coOwner}> · revised R-3 to v24: “Change 23”`,
    ]);
    // From 3 July 00:00 in New York (04:00 UTC, 52 hours in): changes 26 to 44, and the opening.
    const newYork = await audit("since:2024-07-03", { userId: NEW_YORK, channelId: tender.teamChannelId });
    expect(newYork.footer).toBe("Page 1 of 1 (20 events)");
    expect(newYork.events.at(-1)).toBe(
      `2024-07-03 00:00 · <@${PEOPLE.coOwner}> · revised R-3 to v27: “Change 26”`,
    );

    const none = await audit("since:2099-01-01", { channelId: tender.teamChannelId });
    expect(none.text).toBe("No events in the audit trail of T-1 since 2099-01-01.");
  });

  it("answers a bad page, a bad day or a stray word with what it takes, and nothing else", async () => {
    const tender = await tenderWith44Events();
    const team = { channelId: tender.teamChannelId };
    const said = async (args: string) => (await h.command(`audit ${args}`, team)).replies;
    expect(await said("page:4")).toEqual([
      "The audit trail of T-1 has 3 pages, so there is no page 4. The last one: `/tender audit T-1 page:3`.",
    ]);
    expect(await said("since:2024-07-04 page:2")).toEqual([
      "The audit trail of T-1 since 2024-07-04 has 1 page, so there is no page 2. The last one: `/tender audit T-1 since:2024-07-04 page:1`.",
    ]);
    for (const page of ["0", "abc", "", "-1", "99999"])
      expect(await said(`page:${page}`)).toEqual([
        `\`page:\` takes a page number from 1 to 9999; “${page}” is not one.`,
      ]);
    for (const day of ["2024-13-01", "2024-02-30", "yesterday", "3.7.2024"])
      expect(await said(`since:${day}`)).toEqual([
        `\`since:\` takes a day written yyyy-mm-dd, e.g. \`since:2026-12-01\`; “${day}” is not one.`,
      ]);
    expect(await said("since:<!channel>")).toEqual([
      "`since:` takes a day written yyyy-mm-dd, e.g. `since:2026-12-01`; “&lt;!channel&gt;” is not one.",
    ]);
    expect(await said("everything")).toEqual([
      "“everything” is not something the audit trail takes. Use `/tender audit [T-&lt;n&gt;] [since:&lt;yyyy-mm-dd&gt;] [page:&lt;n&gt;]`, e.g. `/tender audit since:2026-12-01 page:2`.",
    ]);
  });

  it("is refused to someone outside the tender and to a seller's person", async () => {
    const tender = await tenderWith44Events();
    const outsider = await h.command("audit T-1", { userId: PEOPLE.colleague, channelId: GENERAL_CHANNEL });
    expect(outsider.replies).toEqual([
      "T-1 is private to its team. Ask one of its owners to add you to its channel.",
    ]);
    // A bad page does not tell an outsider how many pages there are.
    const probing = await h.command("audit T-1 page:9", {
      userId: PEOPLE.colleague,
      channelId: GENERAL_CHANNEL,
    });
    expect(probing.replies).toEqual(outsider.replies);
    await h.command("invite Acme people@acme.example", { channelId: tender.teamChannelId });
    const acme = await h.db.seller.findFirstOrThrow();
    const seller = await h.command("audit", { userId: PEOPLE.seller, channelId: acme.channelId });
    expect(seller.replies).toEqual([SELLER_COMMANDS]);
  });

  it("reads what people did as sentences, escaped and bounded; an unknown action by its name", async () => {
    await h.command("new <!channel> *Fleet* <https://evil.example|click here>");
    const tender = await h.db.tender.findFirstOrThrow();
    const team = { channelId: tender.teamChannelId };
    await h.command("invite Acme people@acme.example", team);
    await h.command("require Offline mode <!here>", team);
    await h.command(`withdraw R-1 <@U0OTHER> ${"x".repeat(400)}`, team);
    await h.db.auditEvent.create({
      data: { tenderId: tender.id, actorUserId: "<!everyone>", action: "custom.thing", detail: [] },
    });
    await h.outboxDrained();

    const shown = await audit("", team);
    expect(shown.head).toContain(
      "*Audit trail of T-1 · &lt;!channel&gt; *Fleet* &lt;https://evil.example|click here&gt;*",
    );
    const whats = shown.events.map((line) => line.split(" · ").slice(2).join(" · "));
    expect(whats[0]).toBe("`custom.thing`");
    expect(shown.events[0]).toContain(" · &lt;!everyone&gt; · ");
    expect(whats[1]).toMatch(/^withdrew R-1: “&lt;@U0OTHER&gt; x+…”$/);
    expect(whats[2]).toBe("posted R-1 “Offline mode &lt;!here&gt;”");
    expect(whats.slice(3)).toEqual([
      "invited people of *Acme*: people@acme.example sent",
      "added the seller *Acme* with its own channel",
      "opened the tender “&lt;!channel&gt; *Fleet* &lt;https://evil.example|click here&gt;”",
    ]);
    const everything = JSON.stringify(shown);
    for (const raw of ["<!channel>", "<!here>", "<!everyone>", "<@U0OTHER>", "<https://evil"])
      expect(everything).not.toContain(raw);
    for (const line of shown.events) expect(line.length).toBeLessThan(400);
  });

  it("records a lesson applied in another tender's revision in the trail of the lesson's own tender", async () => {
    const typed = (value: string): SubmittedValue => ({ type: "plain_text_input", value });
    const submit = async (callbackId: string, values: Record<string, Record<string, SubmittedValue>>) => {
      const view = h.fake.views().at(-1);
      expect(view?.view.callback_id).toBe(callbackId);
      await h.requests.viewSubmission({ userId: PEOPLE.owner, callbackId, viewId: view?.id, values });
      await h.settle();
      await h.outboxDrained();
    };
    await h.command("new Depot lessons");
    await h.command("new Field service platform");
    const [one, two] = await h.db.tender.findMany({ orderBy: { number: "asc" } });
    if (!one || !two) throw new Error("two tenders");
    await h.command("lesson", { channelId: one.teamChannelId });
    await submit(LESSON_FORM.callbackId, {
      [LESSON_FORM.title.block]: { [LESSON_FORM.title.action]: typed("Pilot with one depot") },
      [LESSON_FORM.situation.block]: { [LESSON_FORM.situation.action]: typed("A utility with 40 depots.") },
      [LESSON_FORM.lesson.block]: { [LESSON_FORM.lesson.action]: typed("Start small.") },
    });
    const lesson = await h.db.lesson.findFirstOrThrow();
    await h.command("require Rollout plan", { channelId: two.teamChannelId });
    await h.command("revise R-1", { channelId: two.teamChannelId });
    await submit(REVISION_FORM.callbackId, {
      [REVISION_FORM.title.block]: { [REVISION_FORM.title.action]: typed("Rollout plan, one depot first") },
      [REVISION_FORM.priority.block]: {
        [REVISION_FORM.priority.action]: { type: "static_select", selected_option: { value: "must" } },
      },
      [REVISION_FORM.changeNote.block]: { [REVISION_FORM.changeNote.action]: typed("One depot first") },
      [REVISION_FORM.lessons.block]: {
        [REVISION_FORM.lessons.action]: {
          type: "multi_static_select",
          selected_options: [{ value: String(lesson.id) }],
        },
      },
    });

    // The revision worked again after a crash records nothing twice.
    await workLatestFormAgain(h);
    expect(await h.db.auditEvent.count({ where: { action: "lesson.applied" } })).toBe(1);

    const first = await audit("", { channelId: one.teamChannelId });
    expect(first.events[0]).toMatch(
      new RegExp(`· <@${PEOPLE.owner}> · applied lesson L-${lesson.id} in R-1 v2 of T-2$`),
    );
    expect(first.events[1]).toContain(`shared lesson L-${lesson.id}`);
    const second = await audit("", { channelId: two.teamChannelId });
    expect(second.events[0]).toContain(
      `revised R-1 to v2: “One depot first”, crediting lesson L-${lesson.id}`,
    );
    expect(second.events.some((line) => line.includes("applied lesson"))).toBe(false);
  });
});
