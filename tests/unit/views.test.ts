import { describe, expect, it } from "vitest";
import { describeInviteError } from "../../src/features/sellers/domain.js";
import { inviteReport, manualShareText, welcomeText } from "../../src/features/sellers/views.js";
import {
  newTenderSchema,
  STAGE_MEANING,
  STAGES,
  type TenderStage,
  TITLE_MAX,
} from "../../src/features/tenders/domain.js";
import {
  INVITE_SELLER_BUTTON,
  KEY_METRICS_BUTTON,
  NEW_TENDER,
  POST_REQUIREMENT_BUTTON,
} from "../../src/features/tenders/ids.js";
import type { SellerWithInvites, Tender } from "../../src/features/tenders/repository.js";
import { newTenderModal, statusText, tenderCard } from "../../src/features/tenders/views.js";
import { fieldErrors } from "../../src/kernel/handlers.js";
import { HELP_TEXT, unknownActionText } from "../../src/slack/commands/help.js";
import { formatDay } from "../../src/slack/dates.js";

const BROADCAST = "<!channel>";
const ESCAPED_BROADCAST = "&lt;!channel&gt;";

function tender(overrides: Partial<Tender> = {}): Tender {
  return {
    id: 41,
    installationId: 1,
    number: 7,
    title: "Field service platform",
    goal: null,
    stage: "courting",
    slug: "field-service-platform",
    teamChannelId: "CTEAM",
    cardTs: null,
    timezone: "Europe/Helsinki",
    questionsDueOn: null,
    proposalsDueOn: null,
    awardPlannedOn: null,
    createdBy: "UBUYER",
    quietExceptions: true,
    members: [
      { userId: "UBUYER", role: "owner" },
      { userId: "UMEMBER", role: "member" },
      { userId: "UCO", role: "owner" },
    ],
    sellers: [],
    ...overrides,
  };
}

/** Every text object (`{ type: "mrkdwn" | "plain_text", text }`) anywhere in a Block Kit structure. */
function texts(value: unknown): { type: string; text: string }[] {
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  const own =
    (record.type === "mrkdwn" || record.type === "plain_text") && typeof record.text === "string"
      ? [{ type: record.type, text: record.text }]
      : [];
  return [...own, ...Object.values(record).flatMap(texts)];
}

/** Slack syntax the app writes on purpose: user and channel mentions. */
function withoutMentions(text: string): string {
  return text.replace(/<[@#][A-Z0-9]+>/g, "");
}

function expectNoSlackSyntaxFromInput(text: string): void {
  expect(withoutMentions(text)).not.toMatch(/[<>]/);
}

type Block = { type: string; block_id?: string; [key: string]: unknown };

function blocksOf(card: { blocks: unknown[] }): Block[] {
  return card.blocks as Block[];
}

describe("HELP_TEXT", () => {
  it("contains no raw angle bracket, so Slack reads no link or mention into it", () => {
    expect(HELP_TEXT).not.toMatch(/[<>]/);
    expect(HELP_TEXT).toContain("&lt;seller name&gt;");
  });

  it("explains new, invite, stage and status", () => {
    for (const action of ["new", "invite", "stage", "status", "help"]) {
      expect(HELP_TEXT, action).toContain(`\`/tender ${action}`);
    }
  });

  it("lists every stage", () => {
    expect(HELP_TEXT).toContain(STAGES.join("|"));
  });
});

describe("unknownActionText", () => {
  it("names the unknown action, escaped", () => {
    expect(unknownActionText(BROADCAST)).toBe(
      `\`/tender ${ESCAPED_BROADCAST}\` is not something Tender Room knows. Try \`/tender help\`.`,
    );
  });
});

describe("tenderCard", () => {
  it("heads the card with the tender's reference and title", () => {
    const [header] = blocksOf(tenderCard(tender()));
    expect(header).toEqual({
      type: "header",
      text: { type: "plain_text", text: "T-7 · Field service platform" },
    });
  });

  it("keeps the header within 150 characters", () => {
    const longest = tenderCard(tender({ number: 123456789, title: "t".repeat(TITLE_MAX) }));
    const header = texts(blocksOf(longest)[0])[0]?.text ?? "";
    expect(header).toBe(`T-123456789 · ${"t".repeat(TITLE_MAX)}`);
    expect(header.length).toBeLessThanOrEqual(150);

    const tooLong = texts(blocksOf(tenderCard(tender({ title: "t".repeat(300) })))[0])[0]?.text ?? "";
    expect(tooLong).toHaveLength(150);
    expect(tooLong.endsWith("…")).toBe(true);
  });

  it("shows stage, owners only, key dates and sellers", () => {
    const card = tenderCard(
      tender({
        stage: "requirements",
        questionsDueOn: new Date(Date.UTC(2026, 2, 1)),
        awardPlannedOn: new Date(Date.UTC(2026, 5, 30)),
        sellers: [
          {
            id: 1,
            name: "Acme",
            channelId: "CACME",
            status: "joined",
            intent: "undecided",
            intentReason: null,
          },
          {
            id: 2,
            name: "Beta & Co",
            channelId: "CBETA",
            status: "invited",
            intent: "undecided",
            intentReason: null,
          },
        ],
      }),
    );
    const fields = blocksOf(card).find((block) => block.block_id === "tender_card")?.fields;
    expect(fields).toEqual([
      { type: "mrkdwn", text: "*Stage*\nrequirements" },
      { type: "mrkdwn", text: "*Owners*\n<@UBUYER>, <@UCO>" },
      {
        type: "mrkdwn",
        text: `*Key dates*\nQuestions close ${formatDay(new Date(Date.UTC(2026, 2, 1)))}\nAward planned ${formatDay(new Date(Date.UTC(2026, 5, 30)))}`,
      },
      { type: "mrkdwn", text: "*Sellers*\nAcme (<#CACME>), Beta &amp; Co (<#CBETA>)" },
    ]);
  });

  it("says when no key date is set and no seller invited", () => {
    const allTexts = texts(tenderCard(tender()).blocks).map(({ text }) => text);
    expect(allTexts).toContain("*Key dates*\nNone set yet");
    expect(allTexts).toContain("*Sellers*\nNo seller invited yet");
  });

  it("explains the current stage", () => {
    for (const stage of STAGES) {
      const context = blocksOf(tenderCard(tender({ stage }))).find((block) => block.type === "context");
      expect(texts(context)[0]?.text, stage).toBe(STAGE_MEANING[stage]);
    }
  });

  it("shows no goal section without a goal", () => {
    const allTexts = texts(tenderCard(tender()).blocks).map(({ text }) => text);
    expect(allTexts.some((text) => text.startsWith("*Goal*"))).toBe(false);
  });

  it("escapes a goal full of broadcasts and keeps every text within Slack's limits", () => {
    const goal = BROADCAST.repeat(200);
    expect(goal).toHaveLength(2000);
    const card = tenderCard(
      tender({
        goal,
        title: `${BROADCAST} ${"t".repeat(TITLE_MAX - BROADCAST.length - 1)}`,
        sellers: Array.from({ length: 60 }, (_, i) => ({
          id: i,
          name: `${BROADCAST} ${"s".repeat(69)}`,
          channelId: `C${i}`,
          status: "invited",
          intent: "undecided",
          intentReason: null,
        })),
      }),
    );
    const goalText = texts(card.blocks).find(({ text }) => text.startsWith("*Goal*\n"))?.text ?? "";
    expect(goalText.startsWith(`*Goal*\n${ESCAPED_BROADCAST}${ESCAPED_BROADCAST}`)).toBe(true);
    expect(goalText.endsWith("…")).toBe(true);

    for (const block of blocksOf(card)) {
      if (block.type !== "section") continue;
      const { text, fields } = block as { text?: { text: string }; fields?: { text: string }[] };
      if (text) expect(text.text.length).toBeLessThanOrEqual(3000);
      for (const field of fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    for (const { type, text } of texts(card.blocks)) {
      if (type === "mrkdwn") expect(text).not.toContain(BROADCAST);
    }
    expect(card.text).not.toContain(BROADCAST);
    expect(card.text).toContain(ESCAPED_BROADCAST);
  });

  it("lets no text typed by people through as Slack syntax", () => {
    const card = tenderCard(
      tender({
        title: "<https://evil.example|Click> & <@U999>",
        goal: "<!here> see <https://evil.example|this>",
        sellers: [
          {
            id: 1,
            name: "<!subteam^S1> Acme",
            channelId: "CACME",
            status: "joined",
            intent: "undecided",
            intentReason: null,
          },
        ],
      }),
    );
    for (const { type, text } of texts(card.blocks)) {
      if (type === "mrkdwn") expectNoSlackSyntaxFromInput(text);
    }
    expectNoSlackSyntaxFromInput(card.text);
  });

  it("summarises the tender in the notification text", () => {
    expect(tenderCard(tender({ stage: "proposal", title: "A & B" })).text).toBe("T-7 · A &amp; B: proposal");
  });

  it.each(["courting", "requirements", "proposal", "evaluation"] as const)(
    "offers to invite a seller, post a requirement and define key metrics in the %s stage, naming the tender",
    (stage) => {
      const actions = blocksOf(tenderCard(tender({ stage }))).filter((block) => block.type === "actions");
      expect(actions).toHaveLength(1);
      expect(actions[0]?.elements).toEqual([
        {
          type: "button",
          action_id: INVITE_SELLER_BUTTON,
          text: { type: "plain_text", text: "Invite a seller" },
          value: "41",
          style: "primary",
        },
        {
          type: "button",
          action_id: POST_REQUIREMENT_BUTTON,
          text: { type: "plain_text", text: "Post a requirement" },
          value: "41",
        },
        {
          type: "button",
          action_id: KEY_METRICS_BUTTON,
          text: { type: "plain_text", text: "Key metrics" },
          value: "41",
        },
      ]);
    },
  );

  it.each(["awarded", "closed"] as const)("offers no invitation once %s", (stage: TenderStage) => {
    const card = tenderCard(tender({ stage }));
    expect(blocksOf(card).filter((block) => block.type === "actions")).toEqual([]);
    expect(JSON.stringify(card)).not.toContain(INVITE_SELLER_BUTTON);
    expect(JSON.stringify(card)).not.toContain("Next steps");
  });
});

describe("newTenderModal", () => {
  const schemaFields = Object.keys(newTenderSchema.shape);

  it("names its input blocks after the fields of the schema", () => {
    const modal = newTenderModal("meta");
    const blockIds = modal.blocks.filter((block) => block.type === "input").map((block) => block.block_id);
    expect(schemaFields).toEqual([
      "title",
      "goal",
      "coOwners",
      "questionsDueOn",
      "proposalsDueOn",
      "awardPlannedOn",
    ]);
    expect(blockIds).toEqual(schemaFields);
    expect(blockIds).toEqual(
      schemaFields.map((field) => (NEW_TENDER[field as keyof typeof NEW_TENDER] as { block: string }).block),
    );
  });

  it("has validation errors land on existing blocks", () => {
    const blockIds = new Set(newTenderModal("meta").blocks.map((block) => block.block_id));
    const submissions = [
      {
        title: "",
        goal: "g".repeat(3000),
        questionsDueOn: "2026-05-01",
        proposalsDueOn: "2026-04-01",
        awardPlannedOn: "not a day",
      },
      { title: "Platform", coOwners: Array.from({ length: 11 }, (_, i) => `U${i}`) },
    ];
    const fields = submissions.flatMap((submission) => {
      const result = newTenderSchema.safeParse(submission);
      if (result.success) throw new Error("expected a refusal");
      return Object.keys(fieldErrors(result.error));
    });
    expect(fields.sort()).toEqual(["awardPlannedOn", "coOwners", "goal", "proposalsDueOn", "title"]);
    for (const field of fields) expect(blockIds.has(field), field).toBe(true);
  });

  it("carries the private metadata and the callback id", () => {
    const modal = newTenderModal('{"channel":"C1"}');
    expect(modal.callback_id).toBe(NEW_TENDER.callbackId);
    expect(modal.private_metadata).toBe('{"channel":"C1"}');
    expect(modal.type).toBe("modal");
  });

  it("prefills the title typed with the command, and only then", () => {
    const titleElement = (title?: string) =>
      (
        newTenderModal("meta", title).blocks[0] as {
          element: { initial_value?: string; max_length?: number };
        }
      ).element;
    expect(titleElement("Field service platform").initial_value).toBe("Field service platform");
    expect(titleElement().initial_value).toBeUndefined();
    expect(titleElement("").initial_value).toBeUndefined();
    expect(titleElement().max_length).toBe(TITLE_MAX);
  });

  it("requires only the title", () => {
    const optional = newTenderModal("meta")
      .blocks.filter((block) => block.type === "input")
      .map((block) => [block.block_id, (block as { optional?: boolean }).optional === true]);
    expect(optional).toEqual([
      ["title", false],
      ["goal", true],
      ["coOwners", true],
      ["questionsDueOn", true],
      ["proposalsDueOn", true],
      ["awardPlannedOn", true],
    ]);
  });
});

describe("statusText", () => {
  const undecided = { intent: "undecided" as const, intentReason: null, intentAt: null };
  const sellers: SellerWithInvites[] = [
    {
      id: 1,
      name: `${BROADCAST} Acme`,
      channelId: "CACME",
      status: "joined",
      ...undecided,
      invites: [
        { email: "ann@acme.com", status: "accepted", errorCode: null },
        { email: "bob@acme.com", status: "failed", errorCode: "not_paid" },
      ],
    },
    {
      id: 2,
      name: "Beta & Co",
      channelId: "CBETA",
      status: "share_manually",
      ...undecided,
      invites: [{ email: "cy@beta.com", status: "failed", errorCode: "restricted_action" }],
    },
    {
      id: 3,
      name: "Gamma",
      channelId: "CGAMMA",
      status: "invited",
      intent: "not_bidding",
      intentReason: "No <!channel> capacity this year",
      intentAt: new Date(),
      invites: [{ email: "dee@gamma.com", status: "sent", errorCode: null }],
    },
    { id: 4, name: "Delta", channelId: "CDELTA", status: "declined", ...undecided, invites: [] },
  ];

  it("lists each seller with the outcome of each invitation, names escaped", () => {
    const lines = statusText(tender({ stage: "proposal" }), sellers).split("\n");
    expect(lines).toContain(
      "*Sellers* 4 (1 joined) · *Invitations* 4: 1 accepted, 1 sent, 0 declined, 2 failed",
    );
    expect(lines.slice(-8)).toEqual([
      `• *${ESCAPED_BROADCAST} Acme* <#CACME>: joined — ann@acme.com accepted, bob@acme.com failed (not_paid)`,
      "   has not said whether it will bid",
      "• *Beta &amp; Co* <#CBETA>: no invitation could be sent: share the channel by hand — cy@beta.com failed (restricted_action)",
      "   has not said whether it will bid",
      "• *Gamma* <#CGAMMA>: invited, waiting for them to join — dee@gamma.com sent",
      `   will not bid: “No ${ESCAPED_BROADCAST} capacity this year” · gets no new requirements, metrics or nudges: said it will not bid`,
      "• *Delta* <#CDELTA>: declined",
      "   has not said whether it will bid · gets no new requirements, metrics or nudges: declined every invitation",
    ]);
  });

  it("adds what other features note per seller and about the tender", () => {
    const text = statusText(tender(), sellers.slice(0, 1), {
      tender: ["*Quiet period* exceptions allowed"],
      sellers: new Map([[1, ["Acknowledgements pending: R-1 revised to v2"]]]),
    });
    expect(text.split("\n").slice(-3)).toEqual([
      "   has not said whether it will bid",
      "   Acknowledgements pending: R-1 revised to v2",
      "*Quiet period* exceptions allowed",
    ]);
  });

  it("states the tender, its stage, channel, owners and key dates", () => {
    const text = statusText(
      tender({
        stage: "proposal",
        title: "A <b> & C",
        proposalsDueOn: new Date(Date.UTC(2026, 3, 1)),
        awardPlannedOn: new Date(Date.UTC(2026, 4, 1)),
      }),
      [],
    );
    const lines = text.split("\n");
    expect(lines[0]).toBe(
      `*T-7 · A &lt;b&gt; &amp; C* is in the *proposal* stage. ${STAGE_MEANING.proposal}`,
    );
    expect(lines[1]).toBe("*Team channel* <#CTEAM> · *Owners* <@UBUYER>, <@UCO>");
    expect(lines[2]).toBe(
      `*Key dates* Proposals due ${formatDay(new Date(Date.UTC(2026, 3, 1)))} · Award planned ${formatDay(new Date(Date.UTC(2026, 4, 1)))}`,
    );
    expect(lines).toContain(
      "*Sellers* 0 (0 joined) · *Invitations* 0: 0 accepted, 0 sent, 0 declined, 0 failed",
    );
  });

  it("shows the goal escaped and shortened", () => {
    const goalLine = statusText(tender({ goal: BROADCAST.repeat(200) }), [])
      .split("\n")
      .find((line) => line.startsWith("*Goal* "));
    expect(goalLine).toBeDefined();
    expect(goalLine).not.toContain(BROADCAST);
    expect(goalLine?.length).toBeLessThanOrEqual("*Goal* ".length + 500);
    expect(goalLine).toMatch(/[^&]…$/);
  });

  it("lets no name or email through as Slack syntax", () => {
    const text = statusText(tender({ title: BROADCAST }), [
      {
        id: 1,
        name: "<https://evil.example|Acme>",
        channelId: "CACME",
        status: "invited",
        intent: "undecided",
        intentReason: null,
        intentAt: null,
        invites: [{ email: "<!here>@acme.com", status: "sent", errorCode: null }],
      },
    ]);
    expectNoSlackSyntaxFromInput(text);
  });
});

describe("inviteReport", () => {
  const base = { actorUserId: "UBUYER", sellerName: "Acme", channelId: "CACME", isNew: true };

  it("reports sent, already invited and failed addresses line by line", () => {
    const report = inviteReport({
      ...base,
      lines: [
        { email: "ann@acme.com", outcome: "sent" },
        { email: "bob@acme.com", outcome: "already" },
        { email: "cy@acme.com", outcome: { error: "invalid_email" } },
      ],
    });
    expect(report).toBe(
      [
        "<@UBUYER> invited *Acme* into <#CACME>:",
        "• ann@acme.com: invitation sent",
        "• bob@acme.com: already invited earlier",
        `• cy@acme.com: not sent, ${describeInviteError("invalid_email")}`,
      ].join("\n"),
    );
  });

  it("says when more people of a known seller were invited", () => {
    const report = inviteReport({
      ...base,
      isNew: false,
      lines: [{ email: "ann@acme.com", outcome: "sent" }],
    });
    expect(report.split("\n")[0]).toBe("<@UBUYER> invited more people of *Acme* into <#CACME>:");
  });

  it("adds how to share the channel by hand when a failure allows it", () => {
    const report = inviteReport({
      ...base,
      lines: [
        { email: "ann@acme.com", outcome: "sent" },
        { email: "bob@acme.com", outcome: { error: "not_paid" } },
      ],
    });
    expect(report.split("\n")).toEqual([
      "<@UBUYER> invited *Acme* into <#CACME>:",
      "• ann@acme.com: invitation sent",
      `• bob@acme.com: not sent, ${describeInviteError("not_paid")}`,
      "",
      manualShareText("CACME"),
    ]);
    expect(manualShareText("CACME")).toContain("<#CACME>");
  });

  it("leaves out sharing by hand when every address went out", () => {
    const report = inviteReport({
      ...base,
      lines: [
        { email: "ann@acme.com", outcome: "sent" },
        { email: "bob@acme.com", outcome: "already" },
      ],
    });
    expect(report).not.toContain(manualShareText("CACME"));
  });

  it("leaves out sharing by hand when only malformed addresses failed", () => {
    const report = inviteReport({
      ...base,
      lines: [{ email: "cy@acme", outcome: { error: "invalid_email" } }],
    });
    expect(report).not.toContain("by hand");
  });

  it("escapes the seller's name and the emails", () => {
    const report = inviteReport({
      ...base,
      sellerName: `${BROADCAST} & Co`,
      lines: [
        { email: "<!here>@acme.com", outcome: "sent" },
        { email: "<https://evil.example|x>", outcome: { error: "invalid_email" } },
      ],
    });
    expect(report).toContain(`*${ESCAPED_BROADCAST} &amp; Co*`);
    expect(report).toContain("• &lt;!here&gt;@acme.com: invitation sent");
    expectNoSlackSyntaxFromInput(report);
  });
});

describe("welcomeText", () => {
  it("welcomes the seller by name and explains the stage", () => {
    const text = welcomeText({ number: 7, title: "Platform", stage: "courting" }, "Acme", "City of Espoo");
    const lines = text.split("\n");
    expect(lines[0]).toBe("*Welcome to T-7 · Platform, Acme!*");
    expect(lines[1]).toBe(
      "This channel is private between City of Espoo and Acme: other sellers never see it.",
    );
    expect(lines.at(-1)).toBe(`*Stage now: courting.* ${STAGE_MEANING.courting}`);
  });

  it("escapes the seller's name, the buyer's name and the title", () => {
    const text = welcomeText(
      { number: 7, title: "<!here>", stage: "requirements" },
      `${BROADCAST} Acme`,
      "<@U999> & partners",
    );
    expect(text).toContain(`${ESCAPED_BROADCAST} Acme!*`);
    expect(text).toContain(`between &lt;@U999&gt; &amp; partners and ${ESCAPED_BROADCAST} Acme:`);
    expect(text).not.toMatch(/[<>]/);
  });
});
