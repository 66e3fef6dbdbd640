import { describe, expect, it } from "vitest";
import {
  canShareByHand,
  describeInviteError,
  EMAILS_MAX,
  inviteSchema,
  parseInviteArgs,
  SELLER_NAME_MAX,
  splitEmails,
} from "../../src/features/sellers/domain.js";
import { parseCommand } from "../../src/slack/commands/grammar.js";

function inviteMessages(input: unknown): string[] {
  const result = inviteSchema.safeParse(input);
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("parseCommand", () => {
  it("treats empty or blank text as a request for help", () => {
    expect(parseCommand("")).toEqual({ action: "help", args: "" });
    expect(parseCommand("   \t ")).toEqual({ action: "help", args: "" });
  });

  it("lowercases the action and keeps the arguments", () => {
    expect(parseCommand("NEW Field service platform")).toEqual({
      action: "new",
      args: "Field service platform",
    });
  });

  it("trims surrounding whitespace of the text", () => {
    expect(parseCommand("   status   ")).toEqual({ action: "status", args: "" });
  });

  it("reads a tender reference right after the action and removes it from the arguments", () => {
    expect(parseCommand("stage T-12 proposal")).toEqual({
      action: "stage",
      tenderNumber: 12,
      args: "proposal",
    });
  });

  it("reads the tender reference case-insensitively", () => {
    expect(parseCommand("Status t-7")).toEqual({ action: "status", tenderNumber: 7, args: "" });
    expect(parseCommand("require T-3   Pumps  |  details")).toEqual({
      action: "require",
      tenderNumber: 3,
      args: "Pumps  |  details",
    });
  });

  it("reads leading zeros of a tender reference as a plain number", () => {
    expect(parseCommand("status T-0042").tenderNumber).toBe(42);
  });

  it("ignores a tender reference that is not right after the action", () => {
    const parsed = parseCommand("invite Acme T-3 a@b.com");
    expect(parsed.tenderNumber).toBeUndefined();
    expect(parsed.args).toBe("Acme T-3 a@b.com");
  });

  it("does not take look-alikes of a tender reference for one", () => {
    for (const text of ["status T-", "status T-3x", "status T3", "status #3", "status T-1234567890"]) {
      const parsed = parseCommand(text);
      expect(parsed.tenderNumber, text).toBeUndefined();
      expect(parsed.args, text).toBe(text.slice("status ".length));
    }
  });

  it("keeps arguments as typed, including inner spacing and | separators", () => {
    expect(parseCommand("new  Alpha   |  Beta|Gamma ")).toEqual({
      action: "new",
      args: "Alpha   |  Beta|Gamma",
    });
  });

  it("keeps the case of the arguments", () => {
    expect(parseCommand("invite ACME Consulting A@B.com").args).toBe("ACME Consulting A@B.com");
  });

  it("splits the action from the arguments on any whitespace, new lines included", () => {
    expect(parseCommand("invite\nAcme a@b.com")).toEqual({ action: "invite", args: "Acme a@b.com" });
  });
});

describe("parseInviteArgs", () => {
  it("takes every word before the first email as the seller's name", () => {
    expect(parseInviteArgs("Acme Consulting Group ann@acme.com bob@acme.com")).toEqual({
      name: "Acme Consulting Group",
      emails: ["ann@acme.com", "bob@acme.com"],
    });
  });

  it("drops straight or curly quotes around the name", () => {
    expect(parseInviteArgs('"Acme Consulting" ann@acme.com').name).toBe("Acme Consulting");
    expect(parseInviteArgs("“Acme Consulting” ann@acme.com").name).toBe("Acme Consulting");
    expect(parseInviteArgs("'Acme' ann@acme.com").name).toBe("Acme");
  });

  it("keeps quotes inside the name", () => {
    expect(parseInviteArgs("O'Brien & Sons ann@obrien.ie").name).toBe("O'Brien & Sons");
  });

  it("unwraps the mailto links Slack sends for typed emails", () => {
    expect(
      parseInviteArgs("Acme <mailto:ann@acme.com|ann@acme.com> <mailto:bob@acme.com|bob@acme.com>"),
    ).toEqual({ name: "Acme", emails: ["ann@acme.com", "bob@acme.com"] });
  });

  it("unwraps a mailto link without a label", () => {
    expect(parseInviteArgs("Acme <mailto:ann@acme.com>")).toEqual({
      name: "Acme",
      emails: ["ann@acme.com"],
    });
  });

  it("accepts commas and semicolons between emails, with or without spaces", () => {
    expect(parseInviteArgs("Acme ann@acme.com,bob@acme.com; cy@acme.com ,dee@acme.com;")).toEqual({
      name: "Acme",
      emails: ["ann@acme.com", "bob@acme.com", "cy@acme.com", "dee@acme.com"],
    });
  });

  it("accepts commas after mailto links", () => {
    expect(
      parseInviteArgs("Acme <mailto:ann@acme.com|ann@acme.com>, <mailto:bob@acme.com|bob@acme.com>;"),
    ).toEqual({ name: "Acme", emails: ["ann@acme.com", "bob@acme.com"] });
  });

  it("gives the whole text as the name when there is no email", () => {
    expect(parseInviteArgs("  Acme   Consulting  ")).toEqual({ name: "Acme Consulting", emails: [] });
  });

  it("gives an empty name when the text starts with an email", () => {
    expect(parseInviteArgs("ann@acme.com")).toEqual({ name: "", emails: ["ann@acme.com"] });
  });

  it("gives nothing for empty text", () => {
    expect(parseInviteArgs("   ")).toEqual({ name: "", emails: [] });
  });

  it("keeps words after the first email as emails, for the schema to judge", () => {
    expect(parseInviteArgs("Acme ann@acme.com and bob").emails).toEqual(["ann@acme.com", "and", "bob"]);
  });
});

describe("splitEmails", () => {
  it("splits on commas, semicolons, spaces and new lines", () => {
    expect(splitEmails("ann@acme.com, bob@acme.com;cy@acme.com\ndee@acme.com\r\n\teve@acme.com")).toEqual([
      "ann@acme.com",
      "bob@acme.com",
      "cy@acme.com",
      "dee@acme.com",
      "eve@acme.com",
    ]);
  });

  it("drops empty entries", () => {
    expect(splitEmails(" ,; ann@acme.com ,,; ")).toEqual(["ann@acme.com"]);
    expect(splitEmails("")).toEqual([]);
  });

  it("unwraps mailto links", () => {
    expect(splitEmails("<mailto:ann@acme.com|ann@acme.com>,<mailto:bob@acme.com|bob@acme.com>")).toEqual([
      "ann@acme.com",
      "bob@acme.com",
    ]);
  });

  it("keeps the case as typed", () => {
    expect(splitEmails("Ann@Acme.com")).toEqual(["Ann@Acme.com"]);
  });
});

describe("inviteSchema", () => {
  it("accepts a name and emails, trimming the name", () => {
    expect(inviteSchema.parse({ name: "  Acme  ", emails: ["ann@acme.com"] })).toEqual({
      name: "Acme",
      emails: ["ann@acme.com"],
    });
  });

  it("lowercases and de-duplicates the emails, keeping their order", () => {
    expect(
      inviteSchema.parse({
        name: "Acme",
        emails: ["Bob@Acme.com", "ann@acme.com", "bob@acme.com", "ANN@ACME.COM"],
      }).emails,
    ).toEqual(["bob@acme.com", "ann@acme.com"]);
  });

  it("asks for a name first when it is missing", () => {
    const messages = inviteMessages({ name: "   ", emails: ["ann@acme.com"] });
    expect(messages[0]).toBe("name: Name the seller.");
  });

  it("refuses a name without letters or digits", () => {
    expect(inviteMessages({ name: "-- !! --", emails: ["ann@acme.com"] })).toEqual([
      "name: The seller's name needs letters or digits.",
    ]);
  });

  it("accepts names in any script and names of digits only", () => {
    expect(inviteSchema.parse({ name: "Тендер ООО", emails: ["a@b.com"] }).name).toBe("Тендер ООО");
    expect(inviteSchema.parse({ name: "3M", emails: ["a@b.com"] }).name).toBe("3M");
  });

  it("refuses a name over the limit but accepts one at the limit", () => {
    expect(inviteMessages({ name: "a".repeat(SELLER_NAME_MAX + 1), emails: ["ann@acme.com"] })).toEqual([
      `name: Keep the seller's name within ${SELLER_NAME_MAX} characters.`,
    ]);
    expect(
      inviteSchema.parse({ name: "a".repeat(SELLER_NAME_MAX), emails: ["ann@acme.com"] }).name,
    ).toHaveLength(SELLER_NAME_MAX);
  });

  it("asks for at least one email", () => {
    expect(inviteMessages({ name: "Acme", emails: [] })).toEqual([
      "emails: Name at least one email address of the seller's people.",
    ]);
  });

  it(`refuses more than ${EMAILS_MAX} emails but accepts ${EMAILS_MAX}`, () => {
    const emails = (count: number) => Array.from({ length: count }, (_, i) => `p${i}@acme.com`);
    expect(inviteMessages({ name: "Acme", emails: emails(EMAILS_MAX + 1) })).toEqual([
      `emails: Invite at most ${EMAILS_MAX} people at once.`,
    ]);
    expect(inviteSchema.parse({ name: "Acme", emails: emails(EMAILS_MAX) }).emails).toHaveLength(EMAILS_MAX);
  });

  it("names the one invalid email", () => {
    expect(inviteMessages({ name: "Acme", emails: ["ann@acme.com", "bob-at-acme"] })).toEqual([
      "emails: “bob-at-acme” is not an email address.",
    ]);
  });

  it("names every invalid email", () => {
    expect(inviteMessages({ name: "Acme", emails: ["nope", "ann@acme.com", "also@nope"] })).toEqual([
      "emails: “nope”, “also@nope” are not email addresses.",
    ]);
  });

  it("refuses an email still wrapped as a link", () => {
    expect(inviteMessages({ name: "Acme", emails: ["<mailto:ann@acme.com|ann@acme.com>"] })).toHaveLength(1);
  });

  it("reports problems with the name and the emails together", () => {
    const messages = inviteMessages({ name: "", emails: [] });
    expect(messages).toContain("name: Name the seller.");
    expect(messages).toContain("emails: Name at least one email address of the seller's people.");
  });
});

describe("describeInviteError", () => {
  it("treats codes that look like object properties as unknown codes", () => {
    expect(describeInviteError("toString")).toBe("Slack answered “toString”");
    expect(describeInviteError("constructor")).toBe("Slack answered “constructor”");
  });

  it("explains the refusals a buyer can act on", () => {
    expect(describeInviteError("not_paid")).toBe(
      "your Slack plan does not include Slack Connect invitations (a paid plan is needed)",
    );
    expect(describeInviteError("restricted_action")).toBe(
      "your workspace's settings do not allow the app to invite people from other organisations",
    );
    expect(describeInviteError("no_external_invite_permission")).toBe(
      "the app may not invite people from other organisations in this workspace; a Slack admin can allow it",
    );
    expect(describeInviteError("invalid_email")).toBe("Slack did not accept this email address");
  });

  it("quotes a code it does not know", () => {
    expect(describeInviteError("something_new")).toBe("Slack answered “something_new”");
  });
});

describe("canShareByHand", () => {
  it("is false only for an address Slack found malformed", () => {
    expect(canShareByHand("invalid_email")).toBe(false);
    for (const code of ["not_paid", "restricted_action", "no_external_invite_permission", "something_new"]) {
      expect(canShareByHand(code), code).toBe(true);
    }
  });
});
