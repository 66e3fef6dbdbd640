import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { age, type BuyerHome, buyerHomeView, statusModal } from "../../src/features/home/views.js";
import type { Tender } from "../../src/features/tenders/index.js";
import { nextKeyDate } from "../../src/features/tenders/index.js";
import { refreshSlot } from "../../src/outbox/index.js";
import { type FakeSlack, startFakeSlack } from "../../src/sandbox/slack/index.js";
import { messageLink, workspaceOf } from "../../src/slack/links.js";

const NOW = new Date("2027-03-10T12:00:00Z");

function tender(n: number, title = `Tender ${n}`): Tender {
  return {
    id: n,
    installationId: 1,
    number: n,
    title,
    goal: null,
    stage: "requirements",
    slug: `t-${n}`,
    teamChannelId: `C${n}`,
    cardTs: null,
    timezone: "Europe/Berlin",
    questionsDueOn: new Date("2027-03-09T00:00:00Z"),
    proposalsDueOn: new Date("2027-04-01T00:00:00Z"),
    awardPlannedOn: null,
    createdBy: "U1",
    members: [{ userId: "U1", role: "owner" }],
    sellers: [],
    quietExceptions: true,
  };
}

/** A Home as large as it gets: 20 tenders, each with more needs and sellers than fit. */
function crowdedHome(): BuyerHome {
  const long = "<!channel> ".repeat(400);
  return {
    now: NOW,
    total: 57,
    tenders: Array.from({ length: 20 }, (_, i) => ({
      tender: tender(i + 1, `${long}${i}`),
      role: "owner" as const,
      nextKeyDate: { name: "proposals" as const, day: new Date("2027-04-01T00:00:00Z") },
      needs: {
        questions: Array.from({ length: 3 }, () => ({
          requirementNumber: 1,
          sellerName: long,
          askedAt: new Date(NOW.getTime() - 3 * 86_400_000),
          text: long,
          link: "https://buyer.slack.com/archives/C1/p1",
        })),
        questionsInAll: 40,
        pending: Array.from({ length: 30 }, () => ({
          subject: "R-1 revised to v2",
          sellerNames: [long, long],
        })),
        silent: Array.from({ length: 30 }, () => ({ sellerName: long, requirementNumbers: [1, 2] })),
        notQuantified: Array.from({ length: 30 }, () => long),
        checkIns: [{ number: 1, at: new Date(NOW.getTime() + 3_600_000) }],
      },
      engagement: Array.from({ length: 40 }, () => ({ sellerName: long, line: "Engagement: 3 replies" })),
    })),
  };
}

describe("the Home's views", () => {
  it("stay within Slack's limits however much there is, and escape what people typed", () => {
    const view = buyerHomeView(crowdedHome());
    expect(view.type).toBe("home");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const texts = view.blocks.flatMap((block) => {
      const b = block as { text?: { text: string }; elements?: { text?: string | { text: string } }[] };
      return [
        ...(b.text ? [b.text.text] : []),
        ...(b.elements ?? []).map((e) => (typeof e.text === "string" ? e.text : (e.text?.text ?? ""))),
      ];
    });
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(view)).not.toContain("<!channel>");
    expect(JSON.stringify(view)).toContain("…and 37 older tenders");
    expect(JSON.stringify(view)).toContain("…and 37 more unanswered questions");
  });

  it("says how long ago in the largest whole unit", () => {
    const ago = (ms: number) => age(new Date(NOW.getTime() - ms), NOW);
    expect(ago(10_000)).toBe("just now");
    expect(ago(5 * 60_000)).toBe("5 min ago");
    expect(ago(3 * 3_600_000)).toBe("3 h ago");
    expect(ago(26 * 3_600_000)).toBe("1 day ago");
    expect(ago(9 * 86_400_000)).toBe("9 days ago");
  });

  it("puts a long status into a modal of sections", () => {
    const modal = statusModal({ number: 123 }, "line\n".repeat(2_000));
    expect(modal.title.text).toBe("T-123 status");
    expect(modal.blocks.length).toBeGreaterThan(1);
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
  });
});

describe("the Home's rules", () => {
  it("gathers changes in slots and publishes after each slot has ended", () => {
    const at = new Date(10_000_400);
    expect(refreshSlot(at, 5_000)).toEqual({ slot: 2_000, notBefore: new Date(10_006_000) });
    expect(refreshSlot(new Date(10_004_999), 5_000).slot).toBe(2_000);
    expect(refreshSlot(new Date(10_005_000), 5_000).slot).toBe(2_001);
  });

  it("names the first key date whose day has not ended in the tender's zone", () => {
    // Questions closed at the end of 9 March in Berlin; proposals are next.
    expect(nextKeyDate(tender(1), NOW)).toEqual({ name: "proposals", day: new Date("2027-04-01T00:00:00Z") });
    expect(nextKeyDate({ ...tender(1), proposalsDueOn: null }, NOW)).toBeUndefined();
  });

  it("links to messages in the form of Slack's permalinks", () => {
    const known = "https://buyer.slack.com/archives/C1/p1700000000000100?thread_ts=1700000000.000050&cid=C1";
    const workspace = workspaceOf(known);
    expect(workspace).toBe("https://buyer.slack.com");
    expect(messageLink(workspace ?? "", { channelId: "C2", ts: "1700000001.000200" })).toBe(
      "https://buyer.slack.com/archives/C2/p1700000001000200",
    );
    expect(messageLink(workspace ?? "", { channelId: "C2", ts: "2.000300", threadTs: "1.000100" })).toBe(
      "https://buyer.slack.com/archives/C2/p2000300?thread_ts=1.000100&cid=C2",
    );
    expect(workspaceOf("http://evil.example/archives/C1/p1")).toBeUndefined();
    expect(workspaceOf(undefined)).toBeUndefined();
  });
});

describe("the fake Slack's views.publish", () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addUser({ id: "U1" });
    client = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await fake.close();
  });

  const section = { type: "section", text: { type: "mrkdwn", text: "Hello" } };
  const publish = (args: Record<string, unknown>) =>
    client.apiCall("views.publish", args).then(
      () => "ok",
      (error: { data?: { error?: string } }) => error.data?.error,
    );

  it("answers like Slack: a person's Home replaced as a whole, and Slack's errors for a bad one", async () => {
    expect(await publish({ user_id: "U1", view: { type: "home", blocks: [section] } })).toBe("ok");
    const first = fake.home("U1");
    expect(await publish({ user_id: "U1", view: { type: "home", blocks: [section, section] } })).toBe("ok");
    expect(fake.home("U1")?.id).toBe(first?.id);
    expect(fake.home("U1")?.view.blocks).toHaveLength(2);
    expect(fake.homePublishes("U1")).toBe(2);
    expect(await publish({ view: { type: "home", blocks: [] } })).toBe("invalid_arguments");
    expect(await publish({ user_id: "U0NOBODY", view: { type: "home", blocks: [] } })).toBe("user_not_found");
    expect(await publish({ user_id: "U1", view: { type: "modal", blocks: [] } })).toBe("invalid_arguments");
    const tooMany = Array.from({ length: 101 }, () => section);
    expect(await publish({ user_id: "U1", view: { type: "home", blocks: tooMany } })).toBe(
      "invalid_arguments",
    );
    expect(fake.homePublishes("U1")).toBe(2);
  });
});
