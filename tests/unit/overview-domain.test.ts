import { describe, expect, it } from "vitest";
import { nextKeyDate } from "../../src/features/tenders/index.js";
import { refreshSlot } from "../../src/outbox/index.js";
import { messageLink, workspaceOf } from "../../src/slack/links.js";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe("the slot a change to an overview falls in", () => {
  it("is the same for every change within it, and its update comes after it ends", () => {
    const first = refreshSlot(new Date(10_000), 5_000);
    const last = refreshSlot(new Date(14_999), 5_000);
    expect(first).toEqual(last);
    expect(first).toEqual({ slot: 2, notBefore: new Date(16_000) });
    expect(refreshSlot(new Date(15_000), 5_000).slot).toBe(3);
  });

  it("waits no longer than the slot itself for a transaction to commit", () => {
    expect(refreshSlot(new Date(120), 50)).toEqual({ slot: 2, notBefore: new Date(200) });
  });
});

describe("the next key date", () => {
  const tender = {
    timezone: "Europe/Berlin",
    questionsDueOn: day("2027-03-01"),
    proposalsDueOn: day("2027-04-01"),
    awardPlannedOn: null,
  };

  it("is the first whose day has not ended in the tender's zone", () => {
    expect(nextKeyDate(tender, new Date("2027-03-01T22:30:00Z"))).toEqual({
      name: "questions",
      day: day("2027-03-01"),
    });
    expect(nextKeyDate(tender, new Date("2027-03-01T23:30:00Z"))).toEqual({
      name: "proposals",
      day: day("2027-04-01"),
    });
  });

  it("is none once every date has passed or none is set", () => {
    expect(nextKeyDate(tender, new Date("2027-05-01T00:00:00Z"))).toBeUndefined();
    expect(
      nextKeyDate({ ...tender, questionsDueOn: null, proposalsDueOn: null }, new Date("2027-01-01")),
    ).toBeUndefined();
  });
});

describe("a link to a requirement's thread", () => {
  const known = {
    channelId: "C1",
    ts: "1700000000.000100",
    permalink: "https://buyer.slack.com/archives/C1/p1700000000000100",
  };

  it("follows the form of a permalink Slack gave for another message", () => {
    const workspace = workspaceOf(known.permalink) ?? "";
    expect(messageLink(workspace, { channelId: "C1", ts: "1700000100.000200" })).toBe(
      "https://buyer.slack.com/archives/C1/p1700000100000200",
    );
  });

  it("is none when the permalink reads otherwise", () => {
    expect(workspaceOf("https://example.com/x")).toBeUndefined();
    expect(workspaceOf("http://buyer.slack.com/archives/C1/p1700000000000100")).toBeUndefined();
    expect(workspaceOf(undefined)).toBeUndefined();
  });
});
