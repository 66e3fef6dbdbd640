import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NEW_TENDER, TENDER_CARD_BLOCK } from "../../src/features/tenders/ids.js";
import { HELP_TEXT } from "../../src/slack/commands/help.js";
import { GENERAL_CHANNEL, type Harness, PEOPLE, startHarness } from "../support/harness.js";

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

async function openTender(title = "Field service platform") {
  const result = await h.command(`new ${title}`);
  const tender = await h.db.tender.findFirstOrThrow({ orderBy: { id: "desc" }, include: { members: true } });
  return { result, tender };
}

describe("/tender help and unknown input", () => {
  it("answers help, and an empty command, with the grammar", async () => {
    for (const text of ["help", ""]) {
      const { response, replies } = await h.command(text);
      expect(response.status).toBe(200);
      expect(replies).toEqual([HELP_TEXT]);
    }
  });

  it("answers an unknown action with a short usage message, escaping what was typed", async () => {
    const { replies } = await h.command("frobnicate <!channel>");
    expect(replies).toEqual(["`/tender frobnicate` is not something Tender Room knows. Try `/tender help`."]);
    const odd = await h.command("<!here>");
    expect(odd.replies[0]).toContain("`/tender &lt;!here&gt;`");
  });
});

describe("/tender new <title>", () => {
  it("opens T-1 with a private team channel, the creator in it, and a pinned card", async () => {
    const { result, tender } = await openTender();
    expect(tender).toMatchObject({
      number: 1,
      title: "Field service platform",
      stage: "courting",
      timezone: "Europe/Berlin",
    });
    expect(tender.members).toEqual([expect.objectContaining({ userId: PEOPLE.owner, role: "owner" })]);

    const channel = h.fake.channel(tender.teamChannelId);
    expect(channel).toMatchObject({ name: "tender-field-service-platform", isPrivate: true });
    expect([...(channel?.members ?? [])]).toContain(PEOPLE.owner);

    const [card] = h.fake.messages(tender.teamChannelId);
    expect(card?.ts).toBe(tender.cardTs);
    expect(h.fake.pins(tender.teamChannelId)).toEqual([tender.cardTs]);
    expect(JSON.stringify(card?.blocks)).toContain(TENDER_CARD_BLOCK);
    expect(JSON.stringify(card?.blocks)).toContain("Invite a seller");

    expect(result.replies).toEqual([
      `T-1 · Field service platform is open in <#${tender.teamChannelId}>, in the courting stage. ` +
        "Invite sellers from there with `/tender invite &lt;seller&gt; &lt;email&gt;`.",
    ]);
    const audit = await h.db.auditEvent.findMany();
    expect(audit.map((event) => event.action)).toEqual(["tender.opened"]);
  });

  it("numbers tenders per workspace and gives a taken channel name a suffix", async () => {
    h.fake.addChannel({ name: "tender-fleet-renewal" });
    await openTender("Fleet renewal");
    const { tender } = await openTender("Fleet renewal");
    expect(tender.number).toBe(2);
    expect(h.fake.channel(tender.teamChannelId)?.name).toBe("tender-fleet-renewal-3");
  });

  it("makes a valid channel name out of any title", async () => {
    const { tender } = await openTender("Ünïcode & Co. — Réseau 2027!!");
    expect(h.fake.channel(tender.teamChannelId)?.name).toBe("tender-unicode-co-reseau-2027");
    const { tender: untitled } = await openTender("会議室");
    expect(h.fake.channel(untitled.teamChannelId)?.name).toBe("tender-untitled");
  });

  it("escapes a title that tries to notify everyone", async () => {
    const { result, tender } = await openTender("Pumps <!channel> & <@U0COLLEAGUE>");
    expect(tender.title).toBe("Pumps <!channel> & <@U0COLLEAGUE>");
    const [card] = h.fake.messages(tender.teamChannelId);
    expect(card?.text).toContain("Pumps &lt;!channel&gt; &amp; &lt;@U0COLLEAGUE&gt;");
    expect(card?.text).not.toContain("<!channel>");
    expect(result.replies[0]).not.toContain("<!channel>");
  });

  it("refuses a title over 120 characters, saving nothing", async () => {
    const { replies } = await h.command(`new ${"x".repeat(121)}`);
    expect(replies).toEqual(["Keep the title within 120 characters."]);
    expect(await h.db.tender.count()).toBe(0);
    expect(h.fake.calls("conversations.create")).toEqual([]);
  });

  it("saves nothing and says why when Slack refuses to create the channel", async () => {
    h.fake.failNext("conversations.create", "restricted_action");
    const { replies } = await h.command("new Pumps");
    expect(replies).toEqual([
      "The tender was not opened: the channel could not be created (your workspace's settings do not allow the app to do this).",
    ]);
    expect(await h.db.tender.count()).toBe(0);
    expect((await h.db.installation.findFirstOrThrow()).tenderSeq).toBe(0);
  });

  it("rides out Slack's rate limit (HTTP 429) on the card", async () => {
    h.fake.rateLimitNext("chat.postMessage", { retryAfterSeconds: 1 });
    const started = Date.now();
    const { tender, result } = await openTender();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(h.fake.calls("chat.postMessage").map((call) => call.status)).toEqual([429, 200]);
    expect(h.fake.messages(tender.teamChannelId)).toHaveLength(1);
    expect(result.replies[0]).toContain("is open in");
  });

  it("keeps the tender and tells the creator when the card cannot be pinned", async () => {
    h.fake.failNext("pins.add", "missing_scope");
    const { result, tender } = await openTender();
    expect(tender.cardTs).not.toBeNull();
    expect(result.replies[0]).toContain(
      "The tender card could not be posted or pinned: the app lacks a Slack permission it needs; reinstall it from manifest.json so it gets every scope.",
    );
  });
});

describe("/tender new without a title: the form", () => {
  it("opens the form, then opens the tender with co-owners and key dates", async () => {
    const { triggerId, responseUrl } = await h.command("new");
    const opened = h.fake.lastCall("views.open");
    expect(opened?.args.trigger_id).toBe(triggerId);
    const view = h.fake.views().at(-1);
    expect(view?.view.callback_id).toBe(NEW_TENDER.callbackId);

    const response = await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: NEW_TENDER.callbackId,
      viewId: view?.id,
      values: {
        [NEW_TENDER.title.block]: {
          [NEW_TENDER.title.action]: { type: "plain_text_input", value: "Cloud telephony" },
        },
        [NEW_TENDER.goal.block]: {
          [NEW_TENDER.goal.action]: { type: "plain_text_input", value: "Cut call costs by 20%" },
        },
        [NEW_TENDER.coOwners.block]: {
          [NEW_TENDER.coOwners.action]: {
            type: "multi_users_select",
            selected_users: [PEOPLE.coOwner, PEOPLE.seller],
          },
        },
        [NEW_TENDER.questionsDueOn.block]: {
          [NEW_TENDER.questionsDueOn.action]: { type: "datepicker", selected_date: "2027-01-15" },
        },
        [NEW_TENDER.proposalsDueOn.block]: {
          [NEW_TENDER.proposalsDueOn.action]: { type: "datepicker", selected_date: "2027-02-01" },
        },
        [NEW_TENDER.awardPlannedOn.block]: {
          [NEW_TENDER.awardPlannedOn.action]: { type: "datepicker", selected_date: null },
        },
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    await h.settle();

    const tender = await h.db.tender.findFirstOrThrow({
      include: { members: { orderBy: { userId: "asc" } } },
    });
    expect(tender).toMatchObject({
      title: "Cloud telephony",
      goal: "Cut call costs by 20%",
      awardPlannedOn: null,
    });
    expect(tender.questionsDueOn?.toISOString()).toBe("2027-01-15T00:00:00.000Z");
    expect(tender.members.map((m) => [m.userId, m.role])).toEqual([
      [PEOPLE.coOwner, "owner"],
      [PEOPLE.owner, "owner"],
    ]);
    expect([...(h.fake.channel(tender.teamChannelId)?.members ?? [])]).toEqual(
      expect.arrayContaining([PEOPLE.owner, PEOPLE.coOwner]),
    );
    const [answer] = h.fake.responses(responseUrl);
    const text = String((answer?.body as { text?: string } | undefined)?.text);
    expect(text).toContain("Cloud telephony is open in");
    expect(text).toContain(
      `<@${PEOPLE.seller}> was not made a co-owner: only people of your workspace can own a tender.`,
    );
    const card = JSON.stringify(h.fake.messages(tender.teamChannelId)[0]?.blocks);
    expect(card).toContain("Questions close Fri, 15 Jan 2027");
    expect(card).toContain("Cut call costs by 20%");
  });

  it("puts each validation error on its field and saves nothing", async () => {
    const response = await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: NEW_TENDER.callbackId,
      values: {
        [NEW_TENDER.title.block]: { [NEW_TENDER.title.action]: { type: "plain_text_input", value: "   " } },
        [NEW_TENDER.questionsDueOn.block]: {
          [NEW_TENDER.questionsDueOn.action]: { type: "datepicker", selected_date: "2027-03-01" },
        },
        [NEW_TENDER.proposalsDueOn.block]: {
          [NEW_TENDER.proposalsDueOn.action]: { type: "datepicker", selected_date: "2027-02-01" },
        },
      },
    });
    expect(response.json()).toEqual({
      response_action: "errors",
      errors: {
        [NEW_TENDER.title.block]: "Give the tender a title.",
        [NEW_TENDER.proposalsDueOn.block]: "This date comes before an earlier key date.",
      },
    });
    await h.settle();
    expect(await h.db.tender.count()).toBe(0);
  });

  it("tells the person in a direct message when the form has no response_url and Slack fails", async () => {
    h.fake.failNext("conversations.create", "ratelimited");
    await h.requests.viewSubmission({
      userId: PEOPLE.owner,
      callbackId: NEW_TENDER.callbackId,
      values: {
        [NEW_TENDER.title.block]: { [NEW_TENDER.title.action]: { type: "plain_text_input", value: "Pumps" } },
      },
    });
    await h.settle();
    const dm = h.fake.imWith(PEOPLE.owner);
    expect(dm && h.fake.messages(dm.id).map((m) => m.text)).toEqual([
      "The tender was not opened: the channel could not be created (Slack is limiting how fast the app may act; try again in a minute).",
    ]);
  });

  it("says so when the trigger has expired", async () => {
    h.fake.failNext("views.open", "expired_trigger_id");
    const { replies } = await h.command("new");
    expect(replies).toEqual(["Tender Room could not finish: the button or command is too old; try again."]);
  });
});

describe("/tender status", () => {
  it("shows stage, dates and counts to the tender's people", async () => {
    const { tender } = await openTender();
    const { replies } = await h.command("status", { channelId: tender.teamChannelId });
    expect(replies[0]).toContain("*T-1 · Field service platform* is in the *courting* stage.");
    expect(replies[0]).toContain("*Key dates* None set yet");
    expect(replies[0]).toContain("*Sellers* 0 (0 joined) · *Invitations* 0");
  });

  it("says how to pick a tender in a channel that belongs to none", async () => {
    await openTender();
    const { replies } = await h.command("status", { channelId: GENERAL_CHANNEL });
    expect(replies[0]).toContain("This channel belongs to no tender.");
    expect(replies[0]).toContain("Your open tenders: T-1 (<#");
    const stranger = await h.command("status", { userId: PEOPLE.colleague });
    expect(stranger.replies[0]).toContain("`/tender new &lt;title&gt;` opens one.");
    expect((await h.command("status T-9")).replies).toEqual(["There is no tender T-9 in this workspace."]);
  });

  it("keeps a tender private from colleagues outside it", async () => {
    await openTender();
    const { replies } = await h.command("status T-1", { userId: PEOPLE.colleague });
    expect(replies).toEqual(["T-1 is private to its team. Ask one of its owners to add you to its channel."]);
  });
});
