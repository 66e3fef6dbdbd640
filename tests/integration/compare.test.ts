import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, PEOPLE, startHarness } from "../support/harness.js";

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

/** T-1 with Acme, Globex and Initech, M-1 and M-2; Acme and Globex have quantified, Initech not. */
async function quantifiedTender() {
  await h.command("new Field service platform");
  const tender = await h.db.tender.findFirstOrThrow();
  for (const name of ["Acme", "Globex", "Initech"])
    await h.command(`invite ${name} people@${name.toLowerCase()}.example`, {
      channelId: tender.teamChannelId,
    });
  await h.command("metric add Mean time to repair | hours | 4 | 2 | weight 3", {
    channelId: tender.teamChannelId,
  });
  await h.command("metric add First-time fix rate | % | 70 | 90", { channelId: tender.teamChannelId });
  await h.outboxDrained();
  const [acme, globex, initech] = await h.db.seller.findMany({ orderBy: { id: "asc" } });
  const [mttr, ftfr] = await h.db.metric.findMany({ orderBy: { number: "asc" } });
  if (!acme || !globex || !initech || !mttr || !ftfr) throw new Error("the tender is set up");
  const lesson = await h.db.lesson.create({
    data: {
      tenderId: tender.id,
      sellerId: acme.id,
      authorUserId: PEOPLE.seller,
      authorTeamId: "T0SELLER",
      authorName: "Sam Seller",
      organisation: "Acme",
      fromSeller: true,
      channelId: acme.channelId,
      title: "Cache work orders",
      situation: "A utility",
      lesson: "Basements have no network.",
    },
  });
  const estimates = (sellerId: number, rows: object[]) =>
    h.db.estimateSet.create({
      data: {
        tenderId: tender.id,
        sellerId,
        version: 1,
        authorUserId: PEOPLE.seller,
        authorTeamId: "T0SELLER",
        authorName: "Sam Seller",
        estimates: { create: rows as never },
      },
    });
  await estimates(acme.id, [
    {
      metricId: mttr.id,
      metricVersion: 1,
      value: 2.5,
      confidence: "high",
      monthsAfterGoLive: 6,
      evidenceLessonId: lesson.id,
    },
    {
      metricId: ftfr.id,
      metricVersion: 1,
      value: 85,
      confidence: "medium",
      evidenceLink: "https://acme.example/case",
    },
  ]);
  await estimates(globex.id, [
    {
      metricId: mttr.id,
      metricVersion: 1,
      value: 3,
      confidence: "low",
      evidenceReference: "Northwind Utilities",
    },
  ]);
  return { tender, acme, globex, initech, lesson };
}

const teamSaid = (channelId: string) =>
  h.fake.messages(channelId).map((message) => JSON.stringify(message.blocks ?? message.text));

describe("/tender compare", () => {
  it("shows every metric with each seller's estimate, the weighted totals and who has not quantified, and a chart", async () => {
    const { tender, acme, globex, initech, lesson } = await quantifiedTender();
    const before = h.fake.messages(tender.teamChannelId).length;
    const { replies } = await h.command("compare", { channelId: tender.teamChannelId });
    expect(replies).toEqual([`The comparison is in <#${tender.teamChannelId}>: one message and a chart.`]);
    const posted = h.fake.messages(tender.teamChannelId).slice(before);
    const shown = posted.map((message) => JSON.stringify(message.blocks ?? [])).join("\n");
    // Acme: M-1 75% (weight 3), M-2 75% → 75%; Globex: M-1 50% × 3 / 4 → 38%.
    expect(shown).toContain("• *Acme*: 75% weighted (2 of 2 metrics, v1)");
    expect(shown).toContain("• *Globex*: 38% weighted (1 of 2 metrics, v1)");
    expect(shown).toContain("• *Initech*: has not quantified yet");
    expect(shown).toContain(
      `• *Acme*: 2.5 hours · 75% of the way · high confidence · 6 months after go-live · evidence L-${lesson.id} · saved today`,
    );
    expect(shown).toContain(
      "• *Acme*: 85 % · 75% of the way · medium confidence · evidence <https://acme.example/case|a link>",
    );
    expect(shown).toContain(
      "• *Globex*: 3 hours · 50% of the way · low confidence · evidence Northwind Utilities",
    );
    expect(shown).toContain("• *Globex*: not quantified");
    const [chart] = h.fake.files();
    expect(chart).toMatchObject({ channelId: tender.teamChannelId, filename: "T-1-comparison.png" });
    expect(chart?.bytes.subarray(1, 4).toString()).toBe("PNG");
    for (const seller of [acme, globex, initech])
      expect(teamSaid(seller.channelId).some((text) => text.includes("weighted"))).toBe(false);
  });

  it("marks an estimate made before the metric's target changed as needing an update", async () => {
    const { tender } = await quantifiedTender();
    await h.db.metric.updateMany({ where: { number: 1 }, data: { target: 1, version: 2 } });
    await h.command("compare", { channelId: tender.teamChannelId });
    const shown = teamSaid(tender.teamChannelId).join("\n");
    expect(shown).toContain("_needs an update: the metric changed since_");
  });

  it("pages a large tender within Block Kit's limits", async () => {
    await h.command("new Large tender");
    const tender = await h.db.tender.findFirstOrThrow();
    for (let i = 1; i <= 12; i++)
      await h.command(`invite Seller ${i} people@s${i}.example`, { channelId: tender.teamChannelId });
    await h.outboxDrained(60_000);
    await h.db.metric.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        tenderId: tender.id,
        number: i + 1,
        name: `Metric ${i + 1} with a name as long as buyers write them`,
        unit: "units",
        direction: "lower" as const,
        baseline: i + 10,
        target: i + 1,
        createdBy: PEOPLE.owner,
      })),
    });
    const metrics = await h.db.metric.findMany();
    for (const seller of await h.db.seller.findMany())
      await h.db.estimateSet.create({
        data: {
          tenderId: tender.id,
          sellerId: seller.id,
          version: 1,
          authorUserId: PEOPLE.seller,
          authorTeamId: "T0SELLER",
          authorName: "Sam Seller",
          estimates: {
            create: metrics.map((metric) => ({
              metricId: metric.id,
              metricVersion: 1,
              value: metric.target + 1,
              confidence: "medium" as const,
              monthsAfterGoLive: 12,
              evidenceReference: "A reference customer with a long name",
            })),
          },
        },
      });
    const before = h.fake.messages(tender.teamChannelId).length;
    const { replies } = await h.command("compare", { channelId: tender.teamChannelId });
    const posted = h.fake
      .messages(tender.teamChannelId)
      .slice(before)
      .filter((message) => message.blocks !== undefined);
    expect(replies[0]).toMatch(/: \d+ messages and a chart\.$/);
    for (const message of posted) {
      expect((message.blocks as unknown[]).length).toBeLessThanOrEqual(50);
      for (const block of message.blocks as { text?: { text?: string } }[])
        expect((block.text?.text ?? "").length).toBeLessThanOrEqual(3000);
    }
    expect(posted.length).toBeGreaterThan(1);
    expect(posted.map((message) => JSON.stringify(message.blocks)).join("")).toContain("M-50 · Metric 50");
  });

  it("is for the tender's people, and says when there are no metrics", async () => {
    await h.command("new Field service platform");
    const tender = await h.db.tender.findFirstOrThrow();
    const none = await h.command("compare", { channelId: tender.teamChannelId });
    expect(none.replies[0]).toBe(
      "T-1 has no key metrics yet: define them with `/tender metric add`, and sellers quantify their impact in them.",
    );
    const colleague = await h.command("compare T-1", { userId: PEOPLE.colleague });
    expect(colleague.replies[0]).toMatch(/^Only the people of T-1 can compare the sellers\./);
    expect(h.fake.files()).toEqual([]);
  });
});

describe("/tender business-case", () => {
  it("posts a summary and the whole case as a Markdown file in the team channel, and nothing to a seller", async () => {
    const { tender, acme, globex, initech } = await quantifiedTender();
    await h.db.tender.update({ where: { id: tender.id }, data: { goal: "Fix more on the first visit" } });
    await h.db.estimate.updateMany({
      where: { set: { sellerId: acme.id }, value: 85 },
      data: { assumptions: "# Heading | <b>bold</b> *stars*" },
    });
    const { replies } = await h.command("business-case", { channelId: tender.teamChannelId });
    expect(replies).toEqual([
      `The business case is in <#${tender.teamChannelId}>: a summary and the Markdown file to forward.`,
    ]);
    const summary = h.fake
      .messages(tender.teamChannelId)
      .find((message) => message.text.startsWith("Business case"));
    const shown = JSON.stringify(summary?.blocks);
    expect(shown).toContain("*Goal:* Fix more on the first visit");
    expect(shown).toContain(
      "• *M-1 · Mean time to repair*: 4 → 2 hours; best expected: *Acme*, 75% of the way",
    );
    expect(shown).toContain("*Not quantified yet:* Initech");
    expect(shown).toContain("*Open risks:* 2 (");
    const file = h.fake.files().find((found) => found.filename === "T-1-business-case.md");
    expect(file?.channelId).toBe(tender.teamChannelId);
    const markdown = file?.bytes.toString("utf8") ?? "";
    expect(markdown).toContain("# Business case: T-1 · Field service platform");
    expect(markdown).toContain("| M-1 · Mean time to repair | 4 hours | 2 hours | lower | 3 |");
    expect(markdown).toContain(
      "- **M-1 · Mean time to repair**: a gap of 2 hours to close; best expected: Acme, 2.5 hours (75% of the way).",
    );
    expect(markdown).toContain("### Globex");
    expect(markdown).toContain("Assumptions: \\# Heading \\| \\<b\\>bold\\</b\\> \\*stars\\*");
    expect(markdown).toContain("- Globex, M-1 · Mean time to repair: low confidence.");
    expect(markdown).toContain("- Initech: not quantified.");
    for (const seller of [acme, globex, initech]) {
      expect(h.fake.files().some((found) => found.channelId === seller.channelId)).toBe(false);
      expect(
        h.fake.messages(seller.channelId).some((message) => message.text.includes("Business case")),
      ).toBe(false);
    }
  });

  it("is refused to someone outside the tender and to a seller's person", async () => {
    const { acme } = await quantifiedTender();
    const colleague = await h.command("business-case T-1", { userId: PEOPLE.colleague });
    expect(colleague.replies[0]).toMatch(/^Only the people of T-1 can assemble the business case\./);
    await h.db.seller.update({ where: { id: acme.id }, data: { slackTeamId: "T0SELLER" } });
    const seller = await h.command("business-case", { userId: PEOPLE.seller, channelId: acme.channelId });
    expect(seller.replies[0]).toMatch(/are for the buyer's team/);
    expect(h.fake.files()).toEqual([]);
  });
});
