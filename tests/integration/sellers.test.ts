import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { INVITE_SELLER } from "../../src/features/sellers/ids.js";
import { INVITE_SELLER_BUTTON } from "../../src/features/tenders/ids.js";
import { type Harness, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";

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

async function openTender() {
  await h.command("new Field service platform");
  return h.db.tender.findFirstOrThrow({ orderBy: { id: "desc" } });
}

async function inviteAcme(teamChannelId: string, emails = "sam@acme.example sue@acme.example") {
  const result = await h.command(`invite Acme Consulting ${emails}`, { channelId: teamChannelId });
  const seller = await h.db.seller.findFirstOrThrow({ include: { invites: { orderBy: { id: "asc" } } } });
  return { result, seller };
}

describe("/tender invite", () => {
  it("gives the seller a private channel with the owners, one Slack Connect invitation per email and a welcome", async () => {
    const tender = await openTender();
    const { result, seller } = await inviteAcme(tender.teamChannelId);

    expect(seller).toMatchObject({ name: "Acme Consulting", status: "invited", slackTeamId: null });
    const channel = h.fake.channel(seller.channelId);
    expect(channel).toMatchObject({ name: "tender-field-service-platform-acme-consulting", isPrivate: true });
    expect([...(channel?.members ?? [])]).toContain(PEOPLE.owner);

    const invitations = h.fake.calls("conversations.inviteShared").map((call) => call.args);
    expect(invitations).toEqual([
      expect.objectContaining({
        channel: seller.channelId,
        emails: ["sam@acme.example"],
        external_limited: false,
      }),
      expect.objectContaining({
        channel: seller.channelId,
        emails: ["sue@acme.example"],
        external_limited: false,
      }),
    ]);
    expect(seller.invites.map((invite) => [invite.email, invite.status])).toEqual([
      ["sam@acme.example", "sent"],
      ["sue@acme.example", "sent"],
    ]);

    const [welcome] = h.fake.messages(seller.channelId);
    expect(welcome?.text).toContain("*Welcome to T-1 · Field service platform, Acme Consulting!*");
    expect(welcome?.text).toContain("other sellers never see it");
    expect(welcome?.text).toContain("*How the dialogue works*");

    const report = h.fake.messages(tender.teamChannelId).at(-1)?.text;
    expect(report).toBe(
      [
        `<@${PEOPLE.owner}> invited *Acme Consulting* into <#${seller.channelId}>:`,
        "• sam@acme.example: invitation sent",
        "• sue@acme.example: invitation sent",
      ].join("\n"),
    );
    expect(result.replies).toEqual([
      `*Acme Consulting* has its channel <#${seller.channelId}>. The invitation report is in <#${tender.teamChannelId}>.`,
    ]);
    expect(JSON.stringify(h.fake.lastCall("chat.update")?.args.blocks)).toContain(
      `Acme Consulting (<#${seller.channelId}>)`,
    );
  });

  it("reports each refused invitation in plain words with the manual path, and keeps the channel", async () => {
    const tender = await openTender();
    h.fake.failInviteFor("sam@acme.example", "not_paid");
    h.fake.failInviteFor("sue@acme.example", "no_external_invite_permission");
    const { seller } = await inviteAcme(tender.teamChannelId);
    expect(seller.status).toBe("share_manually");
    expect(seller.invites.map((invite) => [invite.status, invite.errorCode])).toEqual([
      ["failed", "not_paid"],
      ["failed", "no_external_invite_permission"],
    ]);
    const report = h.fake.messages(tender.teamChannelId).at(-1)?.text ?? "";
    expect(report).toContain(
      "• sam@acme.example: not sent, your Slack plan does not include Slack Connect invitations (a paid plan is needed)",
    );
    expect(report).toContain(
      "• sue@acme.example: not sent, the app may not invite people from other organisations in this workspace; a Slack admin can allow it",
    );
    expect(report).toContain(`*Share the channel by hand instead:* open <#${seller.channelId}>`);
    expect(h.fake.channel(seller.channelId)?.isArchived).toBe(false);

    const status = await h.command("status", { channelId: tender.teamChannelId });
    expect(status.replies[0]).toContain("no invitation could be sent: share the channel by hand");
    expect(status.replies[0]).toContain("sam@acme.example failed (not_paid)");
  });

  it("words restricted_action and invalid_email, and offers no manual path for a bad address alone", async () => {
    const tender = await openTender();
    h.fake.failInviteFor("sam@acme.example", "restricted_action");
    await inviteAcme(tender.teamChannelId, "sam@acme.example");
    expect(h.fake.messages(tender.teamChannelId).at(-1)?.text).toContain(
      "your workspace's settings do not allow the app to invite people from other organisations",
    );
    h.fake.failInviteFor("bad@acme.example", "invalid_email");
    await h.command("invite Beta bad@acme.example", { channelId: tender.teamChannelId });
    const report = h.fake.messages(tender.teamChannelId).at(-1)?.text ?? "";
    expect(report).toContain("• bad@acme.example: not sent, Slack did not accept this email address");
    expect(report).not.toContain("Share the channel by hand");
  });

  it("retries an invitation after Slack's rate limit", async () => {
    const tender = await openTender();
    h.fake.rateLimitNext("conversations.inviteShared", { retryAfterSeconds: 1 });
    const { seller } = await inviteAcme(tender.teamChannelId, "sam@acme.example");
    expect(h.fake.calls("conversations.inviteShared").map((call) => call.status)).toEqual([429, 200]);
    expect(seller.invites.map((invite) => invite.status)).toEqual(["sent"]);
    expect(h.fake.invitesShared()).toHaveLength(1);
  });

  it("invites more people of a known seller into the same channel, never twice the same address", async () => {
    const tender = await openTender();
    const { seller } = await inviteAcme(tender.teamChannelId, "sam@acme.example");
    await h.command("invite acme consulting SAM@acme.example tom@acme.example", {
      channelId: tender.teamChannelId,
    });
    expect(await h.db.seller.count()).toBe(1);
    expect(h.fake.calls("conversations.create")).toHaveLength(2);
    expect(h.fake.invitesShared().map((invite) => invite.email)).toEqual([
      "sam@acme.example",
      "tom@acme.example",
    ]);
    const report = h.fake.messages(tender.teamChannelId).at(-1)?.text ?? "";
    expect(report).toContain(`invited more people of *Acme Consulting* into <#${seller.channelId}>`);
    expect(report).toContain("• sam@acme.example: already invited earlier");
    // The welcome and the seller's pinned overview, each once.
    const texts = h.fake.messages(seller.channelId).map((message) => message.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain("*Welcome to T-1");
    expect(texts[1]).toBe("Your tender: T-1 · Field service platform");
  });

  it("refuses bad input with a precise message and creates nothing", async () => {
    const tender = await openTender();
    const channelId = tender.teamChannelId;
    const usage = "Usage: `/tender invite &lt;seller name&gt; &lt;email&gt; [&lt;email&gt; ...]`";
    expect((await h.command("invite Acme", { channelId })).replies).toEqual([
      `Name at least one email address of the seller's people.\n${usage}`,
    ]);
    expect((await h.command("invite Acme sam@acme.example <!channel>", { channelId })).replies).toEqual([
      `“&lt;!channel&gt;” is not an email address.\n${usage}`,
    ]);
    expect((await h.command("invite sam@acme.example", { channelId })).replies).toEqual([
      `Name the seller.\n${usage}`,
    ]);
    expect(await h.db.seller.count()).toBe(0);
    expect(h.fake.calls("conversations.inviteShared")).toEqual([]);
  });

  it("lets only the tender's owners invite", async () => {
    const tender = await openTender();
    const { replies } = await h.command("invite Acme sam@acme.example", {
      channelId: tender.teamChannelId,
      userId: PEOPLE.colleague,
    });
    expect(replies).toEqual([
      `Only the owners of T-1 (<@${PEOPLE.owner}>) can invite sellers. Ask one of them.`,
    ]);
    expect(await h.db.seller.count()).toBe(0);
  });

  it("archives the new channel when the seller cannot be saved", async () => {
    const tender = await openTender();
    await h.db.$executeRawUnsafe(
      `CREATE FUNCTION refuse_seller() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql`,
    );
    await h.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_seller BEFORE INSERT ON "Seller" FOR EACH ROW EXECUTE FUNCTION refuse_seller()`,
    );
    try {
      const { replies } = await h.command("invite Acme sam@acme.example", {
        channelId: tender.teamChannelId,
      });
      expect(replies).toEqual([
        "Something went wrong on Tender Room's side and it could not finish. It has been logged; please try again.",
      ]);
      const created = h.fake.lastCall("conversations.create");
      expect(h.fake.channelByName(String(created?.args.name))?.isArchived).toBe(true);
      expect(h.fake.calls("conversations.inviteShared")).toEqual([]);
      expect(await h.db.seller.count()).toBe(0);
    } finally {
      await h.db.$executeRawUnsafe(`DROP TRIGGER refuse_seller ON "Seller"`);
      await h.db.$executeRawUnsafe("DROP FUNCTION refuse_seller()");
    }
  });
});

describe("the Invite a seller button and form", () => {
  it("opens the form for an owner and invites from it", async () => {
    const tender = await openTender();
    const responseUrl = h.fake.responseUrl();
    await h.requests.blockAction({
      userId: PEOPLE.owner,
      channelId: tender.teamChannelId,
      messageTs: tender.cardTs ?? undefined,
      actionId: INVITE_SELLER_BUTTON,
      value: String(tender.id),
      responseUrl,
    });
    await h.settle();
    const view = h.fake.views().at(-1);
    expect(view?.view.callback_id).toBe(INVITE_SELLER.callbackId);

    const submitted = await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: INVITE_SELLER.callbackId,
      viewId: view?.id,
      values: {
        [INVITE_SELLER.name.block]: {
          [INVITE_SELLER.name.action]: { type: "plain_text_input", value: "Beta Systems" },
        },
        [INVITE_SELLER.emails.block]: {
          [INVITE_SELLER.emails.action]: {
            type: "plain_text_input",
            value: "ann@beta.example,\nbob@beta.example",
          },
        },
      },
    });
    expect(submitted.status).toBe(200);
    await h.settle();
    const seller = await h.db.seller.findFirstOrThrow({ include: { invites: true } });
    expect(seller.name).toBe("Beta Systems");
    expect(seller.invites.map((invite) => invite.email).sort()).toEqual([
      "ann@beta.example",
      "bob@beta.example",
    ]);
    const answer = h.fake.responses(responseUrl).map((r) => (r.body as { text: string }).text);
    expect(answer).toEqual([
      `*Beta Systems* has its channel <#${seller.channelId}>. The invitation report is in <#${tender.teamChannelId}>.`,
    ]);
  });

  it("puts form errors on their fields", async () => {
    const tender = await openTender();
    const response = await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: INVITE_SELLER.callbackId,
      privateMetadata: JSON.stringify({ tenderId: tender.id }),
      values: {
        [INVITE_SELLER.name.block]: {
          [INVITE_SELLER.name.action]: { type: "plain_text_input", value: "!!!" },
        },
        [INVITE_SELLER.emails.block]: {
          [INVITE_SELLER.emails.action]: { type: "plain_text_input", value: "nope" },
        },
      },
    });
    expect(response.json()).toEqual({
      response_action: "errors",
      errors: {
        [INVITE_SELLER.name.block]: "The seller's name needs letters or digits.",
        [INVITE_SELLER.emails.block]: "“nope” is not an email address.",
      },
    });
  });

  it("politely refuses a seller who presses the buyer-only button", async () => {
    const tender = await openTender();
    const responseUrl = h.fake.responseUrl();
    await h.requests.blockAction({
      userId: PEOPLE.seller,
      userTeamId: SELLER_TEAM,
      channelId: tender.teamChannelId,
      actionId: INVITE_SELLER_BUTTON,
      value: String(tender.id),
      responseUrl,
    });
    await h.settle();
    expect(h.fake.calls("views.open")).toEqual([]);
    expect(h.fake.responses(responseUrl).map((r) => (r.body as { text: string }).text)).toEqual([
      `Only the owners of T-1 (<@${PEOPLE.owner}>) can invite sellers. Ask one of them.`,
    ]);
  });
});

describe("the seller's answer", () => {
  async function invited() {
    const tender = await openTender();
    const { seller } = await inviteAcme(tender.teamChannelId);
    return { tender, seller };
  }

  function acceptedEvent(
    channelId: string,
    inviteId: string | undefined,
    email: string,
    approvalRequired = false,
  ) {
    return {
      type: "shared_channel_invite_accepted",
      approval_required: approvalRequired,
      invite: { id: inviteId, recipient_email: email },
      channel: { id: channelId, is_private: true, is_im: false, name: "tender-x" },
      teams_in_channel: [{ id: SELLER_TEAM, name: "Acme Consulting Ltd" }],
      accepting_user: { id: PEOPLE.seller, team_id: SELLER_TEAM, name: "sam" },
    };
  }

  it("records an accepted invitation once, even when Slack redelivers the event", async () => {
    const { tender, seller } = await invited();
    const inviteId = seller.invites[0]?.slackInviteId ?? undefined;
    const event = acceptedEvent(seller.channelId, inviteId, "sam@acme.example");
    const first = await h.requests.event(event);
    expect(first.status).toBe(200);
    await h.settle();
    const retry = await h.requests.event(event, {
      eventId: first.eventId,
      retryNum: 1,
      retryReason: "http_timeout",
    });
    expect(retry.status).toBe(200);
    await h.settle();

    const updated = await h.db.seller.findUniqueOrThrow({
      where: { id: seller.id },
      include: { invites: { orderBy: { id: "asc" } } },
    });
    expect(updated).toMatchObject({ status: "joined", slackTeamId: SELLER_TEAM });
    expect(updated.invites.map((invite) => invite.status)).toEqual(["accepted", "sent"]);
    const announcements = h.fake
      .messages(tender.teamChannelId)
      .filter((m) => m.text.includes("accepted the invitation"));
    expect(announcements.map((m) => m.text)).toEqual([
      `<@${PEOPLE.seller}> of Acme Consulting Ltd accepted the invitation: *Acme Consulting* is in <#${seller.channelId}>.`,
    ]);
    expect(await h.db.auditEvent.count({ where: { action: "seller.invite_accepted" } })).toBe(1);
    expect(h.logs.join("")).toContain("event already handled; redelivery ignored");
    expect(h.logs.join("")).not.toContain("unexpected failure");
  });

  it("announces the seller once when its people join before Slack reports the accepted invitation", async () => {
    const { tender, seller } = await invited();
    await h.requests.event({
      type: "member_joined_channel",
      user: PEOPLE.seller,
      channel: seller.channelId,
      channel_type: "G",
      team: SELLER_TEAM,
    });
    await h.settle();
    const inviteId = seller.invites[0]?.slackInviteId ?? undefined;
    await h.requests.event(acceptedEvent(seller.channelId, inviteId, "sam@acme.example"));
    await h.settle();

    const updated = await h.db.seller.findUniqueOrThrow({
      where: { id: seller.id },
      include: { invites: { orderBy: { id: "asc" } } },
    });
    expect(updated).toMatchObject({ status: "joined", slackTeamId: SELLER_TEAM });
    expect(updated.invites.map((invite) => invite.status)).toEqual(["accepted", "sent"]);
    const told = h.fake.messages(tender.teamChannelId).map((m) => m.text);
    expect(told.filter((text) => text.includes(`<@${PEOPLE.seller}>`))).toEqual([
      `<@${PEOPLE.seller}> of *Acme Consulting* joined <#${seller.channelId}>.`,
    ]);
    expect(await h.db.auditEvent.count({ where: { action: "seller.invite_accepted" } })).toBe(1);
  });

  it("counts the seller in when an acceptance needing an admin's approval is followed by one needing none", async () => {
    const { tender, seller } = await invited();
    const inviteId = seller.invites[0]?.slackInviteId ?? undefined;
    await h.requests.event(acceptedEvent(seller.channelId, inviteId, "sam@acme.example", true));
    await h.settle();
    const waiting = await h.db.seller.findUniqueOrThrow({ where: { id: seller.id } });
    expect(waiting).toMatchObject({ status: "invited", slackTeamId: SELLER_TEAM });
    expect(h.fake.messages(tender.teamChannelId).at(-1)?.text).toBe(
      `<@${PEOPLE.seller}> of Acme Consulting Ltd accepted the invitation to <#${seller.channelId}> (*Acme Consulting*), ` +
        "but a Slack admin still has to approve the shared channel. *Acme Consulting* is not in until then; " +
        "you will see here when its people join.",
    );

    await h.requests.event(acceptedEvent(seller.channelId, inviteId, "sam@acme.example"));
    await h.settle();
    expect((await h.db.seller.findUniqueOrThrow({ where: { id: seller.id } })).status).toBe("joined");
    expect(h.fake.messages(tender.teamChannelId).at(-1)?.text).toBe(
      `<@${PEOPLE.seller}> of Acme Consulting Ltd accepted the invitation: *Acme Consulting* is in <#${seller.channelId}>.`,
    );
  });

  it("records declined invitations and marks the seller declined when none is left", async () => {
    const { tender, seller } = await invited();
    for (const invite of seller.invites) {
      await h.requests.event({
        type: "shared_channel_invite_declined",
        invite: { id: invite.slackInviteId, recipient_email: invite.email },
        channel: { id: seller.channelId, is_private: true, is_im: false, name: "tender-x" },
        declining_team_id: SELLER_TEAM,
        teams_in_channel: [],
        declining_user: { id: PEOPLE.seller, team_id: SELLER_TEAM, name: "sam" },
      });
      await h.settle();
    }
    const updated = await h.db.seller.findUniqueOrThrow({
      where: { id: seller.id },
      include: { invites: true },
    });
    expect(updated.status).toBe("declined");
    expect(updated.invites.map((invite) => invite.status)).toEqual(["declined", "declined"]);
    expect(h.fake.messages(tender.teamChannelId).at(-1)?.text).toBe(
      `sue@acme.example declined the invitation to <#${seller.channelId}> (*Acme Consulting*).`,
    );
  });

  it("picks up a seller whose channel was shared by hand, and ignores colleagues joining", async () => {
    const tender = await openTender();
    h.fake.failInviteFor("sam@acme.example", "not_paid");
    const { seller } = await inviteAcme(tender.teamChannelId, "sam@acme.example");
    expect(seller.status).toBe("share_manually");

    await h.requests.event({
      type: "member_joined_channel",
      user: PEOPLE.colleague,
      channel: seller.channelId,
      channel_type: "G",
      team: "T0BUYER",
    });
    await h.settle();
    expect((await h.db.seller.findUniqueOrThrow({ where: { id: seller.id } })).status).toBe("share_manually");

    await h.requests.event({
      type: "member_joined_channel",
      user: PEOPLE.seller,
      channel: seller.channelId,
      channel_type: "G",
      team: SELLER_TEAM,
    });
    await h.settle();
    expect(await h.db.seller.findUniqueOrThrow({ where: { id: seller.id } })).toMatchObject({
      status: "joined",
      slackTeamId: SELLER_TEAM,
    });
    expect(h.fake.messages(tender.teamChannelId).at(-1)?.text).toBe(
      `<@${PEOPLE.seller}> of *Acme Consulting* joined <#${seller.channelId}>.`,
    );

    await h.requests.event({
      type: "member_joined_channel",
      user: PEOPLE.sellerTwo,
      channel: seller.channelId,
      channel_type: "G",
      team: SELLER_TEAM,
    });
    await h.settle();
    expect(h.fake.messages(tender.teamChannelId).filter((m) => m.text.includes("joined <#"))).toHaveLength(1);
  });

  it("ignores events about channels that belong to no seller", async () => {
    await openTender();
    const response = await h.requests.event({
      type: "member_joined_channel",
      user: PEOPLE.seller,
      channel: "C0ELSEWHERE",
      channel_type: "C",
      team: SELLER_TEAM,
    });
    expect(response.status).toBe(200);
    await h.settle();
    expect(h.fake.calls("users.info").filter((call) => call.args.user === PEOPLE.seller)).toEqual([]);
  });

  it("lets Slack's retry do the work when handling an event failed", async () => {
    const { seller } = await invited();
    const event = {
      type: "member_joined_channel",
      user: PEOPLE.seller,
      channel: seller.channelId,
      channel_type: "G",
      team: SELLER_TEAM,
    };
    h.fake.failNext("users.info", "fatal_error");
    const first = await h.requests.event(event);
    await h.settle();
    expect((await h.db.seller.findUniqueOrThrow({ where: { id: seller.id } })).status).toBe("invited");
    await h.requests.event(event, { eventId: first.eventId, retryNum: 1, retryReason: "http_error" });
    await h.settle();
    expect((await h.db.seller.findUniqueOrThrow({ where: { id: seller.id } })).status).toBe("joined");
  });
});
