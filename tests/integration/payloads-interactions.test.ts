import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LESSON_FORM, SAVE_MESSAGE_SHORTCUT } from "../../src/features/lessons/ids.js";
import { SELLER_BUTTONS, SELLER_INPUT_FORM } from "../../src/features/replies/ids.js";
import { type Harness, HOME_TEAM, PEOPLE, SELLER_TEAM, startHarness } from "../support/harness.js";
import {
  acmeThread,
  fixture,
  invitedAcme,
  leaksToSlack,
  replay,
  samAccepts,
  type Vars,
} from "../support/slack-fixtures.js";

/**
 * Slack Connect as Slack really reports it (tests/fixtures/slack): invitations answered, people
 * joining a seller's channel, and a seller's person pressing buttons, submitting forms and running
 * the message shortcut. Each is replayed through the receiver and must do what it means.
 */
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
afterEach(async () => {
  await h.settle();
  expect(leaksToSlack(h)).toEqual([]);
  expect(h.logs.join("")).not.toContain("unexpected failure");
});

type Acme = Awaited<ReturnType<typeof invitedAcme>>;

const sellerOf = (acme: Acme) =>
  h.db.seller.findUniqueOrThrow({
    where: { id: acme.seller.id },
    include: { invites: { orderBy: { id: "asc" } } },
  });

const toTeam = (acme: Acme) => h.fake.messages(acme.tender.teamChannelId).map((message) => message.text);

describe("invitations and members of a seller's channel", () => {
  it("records an accepted invitation once: the seller is in and the team is told", async () => {
    const acme = await invitedAcme(h);
    h.fake.acceptSharedInvite(acme.sam.slackInviteId ?? "", PEOPLE.seller);
    const accepted = { ...samAccepts(acme), EVENT_ID: "Ev0ACCEPTED01" };
    await replay(h, "shared-channel-invite-accepted", accepted);
    await h.settle();
    await replay(h, "shared-channel-invite-accepted", accepted, { retryNum: 1, retryReason: "http_timeout" });
    await h.settle();

    const seller = await sellerOf(acme);
    expect(seller).toMatchObject({ status: "joined", slackTeamId: SELLER_TEAM });
    expect(seller.invites.map((invite) => [invite.email, invite.status])).toEqual([
      ["sam@acme.example", "accepted"],
      ["sue@acme.example", "sent"],
    ]);
    // Slack names the accepting person's team only among teams_in_channel, here just the buyer's.
    expect(toTeam(acme).filter((text) => text.includes("accepted the invitation"))).toEqual([
      `<@${PEOPLE.seller}> accepted the invitation: *Acme* is in <#${acme.seller.channelId}>.`,
    ]);
  });

  it("does not count the seller in while an accepted invitation awaits an admin's approval", async () => {
    const acme = await invitedAcme(h);
    await replay(h, "shared-channel-invite-accepted-approval-required", samAccepts(acme));
    await h.settle();

    const waiting = await sellerOf(acme);
    expect(waiting.invites.map((invite) => invite.status)).toEqual(["accepted", "sent"]);
    expect(waiting.status).toBe("invited");
    expect(toTeam(acme).filter((text) => text.includes(`is in <#${acme.seller.channelId}>`))).toEqual([]);
    expect(toTeam(acme).at(-1)).toBe(
      `<@${PEOPLE.seller}> accepted the invitation to <#${acme.seller.channelId}> (*Acme*), ` +
        "but a Slack admin still has to approve the shared channel. *Acme* is not in until then; " +
        "you will see here when its people join.",
    );

    // Approved: Sam is in the channel, and Slack says so.
    h.fake.acceptSharedInvite(acme.sam.slackInviteId ?? "", PEOPLE.seller);
    await replay(h, "member-joined-channel-without-inviter", {
      ...acme.vars,
      JOINED_USER: PEOPLE.seller,
      JOINED_TEAM: SELLER_TEAM,
    });
    await h.settle();
    expect(await sellerOf(acme)).toMatchObject({ status: "joined", slackTeamId: SELLER_TEAM });
    expect(toTeam(acme).at(-1)).toBe(`<@${PEOPLE.seller}> of *Acme* joined <#${acme.seller.channelId}>.`);
  });

  it("records a declined invitation, the seller staying in through the one accepted", async () => {
    const acme = await invitedAcme(h);
    h.fake.acceptSharedInvite(acme.sam.slackInviteId ?? "", PEOPLE.seller);
    await replay(h, "shared-channel-invite-accepted", samAccepts(acme));
    await h.settle();
    await replay(h, "shared-channel-invite-declined", {
      ...acme.vars,
      INVITE_ID: acme.sue.slackInviteId,
      INVITE_EMAIL: acme.sue.email,
      INVITEE: PEOPLE.sellerTwo,
    });
    await h.settle();

    const seller = await sellerOf(acme);
    expect(seller.status).toBe("joined");
    expect(seller.invites.map((invite) => invite.status)).toEqual(["accepted", "declined"]);
    expect(toTeam(acme).at(-1)).toBe(
      `sue@acme.example declined the invitation to <#${acme.seller.channelId}> (*Acme*).`,
    );
  });

  it("takes a seller's person joining the channel by themselves as the seller being in", async () => {
    const acme = await invitedAcme(h);
    h.fake.acceptSharedInvite(acme.sam.slackInviteId ?? "", PEOPLE.seller);
    await replay(h, "member-joined-channel-without-inviter", {
      ...acme.vars,
      JOINED_USER: PEOPLE.seller,
      JOINED_TEAM: SELLER_TEAM,
    });
    await h.settle();
    expect(await sellerOf(acme)).toMatchObject({ status: "joined", slackTeamId: SELLER_TEAM });
    expect(toTeam(acme).at(-1)).toBe(`<@${PEOPLE.seller}> of *Acme* joined <#${acme.seller.channelId}>.`);
  });

  it("changes nothing when a colleague of the seller or of the buyer is added, or the app itself joins", async () => {
    const acme = await invitedAcme(h);
    h.fake.acceptSharedInvite(acme.sam.slackInviteId ?? "", PEOPLE.seller);
    await replay(h, "shared-channel-invite-accepted", samAccepts(acme));
    await h.settle();
    h.fake.clearCalls();
    for (const [joined, team, inviter] of [
      [PEOPLE.sellerTwo, SELLER_TEAM, PEOPLE.seller],
      [PEOPLE.colleague, HOME_TEAM, PEOPLE.owner],
    ]) {
      await replay(h, "member-joined-channel-with-inviter", {
        ...acme.vars,
        JOINED_USER: joined,
        JOINED_TEAM: team,
        INVITER: inviter,
      });
    }
    // Slack reports the app joining the channels it creates too.
    await replay(h, "member-joined-channel-without-inviter", {
      ...acme.vars,
      JOINED_USER: h.fake.botUserId,
      JOINED_TEAM: HOME_TEAM,
    });
    await h.settle();
    expect(await sellerOf(acme)).toMatchObject({ status: "joined", slackTeamId: SELLER_TEAM });
    expect(h.fake.calls("chat.postMessage")).toEqual([]);
  });
});

/** The block id of the post's block holding the button, as Slack sends it back. */
function blockIdOf(blocks: unknown, actionId: string): string {
  const found = (blocks as { block_id?: string; elements?: { action_id?: string }[] }[]).find((block) =>
    block.elements?.some((element) => element.action_id === actionId),
  );
  return found?.block_id ?? "aB3x";
}

describe("a Slack Connect person's button, form and shortcut", () => {
  async function pressAskQuestion(thread: Awaited<ReturnType<typeof acmeThread>>, responseUrl: string) {
    await replay(h, "block-actions-slack-connect", {
      ...thread.vars,
      ACTION_ID: SELLER_BUTTONS.askQuestion,
      BLOCK_ID: blockIdOf(thread.vars.POST_BLOCKS, SELLER_BUTTONS.askQuestion),
      RESPONSE_URL: responseUrl,
    });
    await h.settle();
  }

  it("opens the question form for the seller's person pressing Ask a question", async () => {
    const thread = await acmeThread(h);
    const responseUrl = h.fake.responseUrl();
    await pressAskQuestion(thread, responseUrl);
    expect(h.fake.calls("views.open")).toHaveLength(1);
    const view = h.fake.views().at(-1);
    expect(view?.view.callback_id).toBe(SELLER_INPUT_FORM.callbackId);
    expect(JSON.stringify(view?.view)).toContain("R-1 · Offline mode");
    expect(h.fake.responses(responseUrl)).toEqual([]);
  });

  it("posts the seller's question from the form once, however often Slack sends the submission", async () => {
    const thread = await acmeThread(h);
    await pressAskQuestion(thread, h.fake.responseUrl());
    const view = h.fake.views().at(-1);
    if (!view) throw new Error("the question form did not open");
    const submission: Vars = {
      ...thread.vars,
      VIEW_ID: view.id,
      VIEW_HASH: view.hash,
      VIEW_BLOCKS: view.view.blocks,
      PRIVATE_METADATA: view.view.private_metadata,
      CALLBACK_ID: SELLER_INPUT_FORM.callbackId,
      TEXT_BLOCK: SELLER_INPUT_FORM.text.block,
      TEXT_ACTION: SELLER_INPUT_FORM.text.action,
      TRIGGER_ID: "7391048572615.7391048572.5f0c1e2d3b4a59687766554433221100",
    };
    for (let i = 0; i < 2; i++) {
      const answer = await replay(h, "view-submission-slack-connect", submission);
      expect(answer.body).toBe("");
    }
    await h.outboxDrained();

    const asked = h.fake
      .messages(thread.post.channelId)
      .filter((message) => message.text.includes("Which Android versions must the app support"));
    expect(asked).toHaveLength(1);
    expect(asked[0]?.threadTs).toBe(thread.post.ts);
    expect(await h.db.reply.findMany()).toEqual([
      expect.objectContaining({
        ts: asked[0]?.ts,
        userId: PEOPLE.seller,
        userTeamId: SELLER_TEAM,
        fromSeller: true,
        kind: "question",
      }),
    ]);
  });

  it.each(["message-action-with-team-id", "message-action-without-team-id"])(
    "opens the lesson form from the message shortcut (%s)",
    async (name) => {
      const thread = await acmeThread(h);
      // The reply the shortcut is run on, written in the thread first.
      const { text } = (fixture(name).payload as { message: { text: string } }).message;
      const ts = h.fake.addMessage(thread.post.channelId, {
        user: PEOPLE.seller,
        text,
        threadTs: thread.post.ts,
      });
      const responseUrl = h.fake.responseUrl();
      await replay(h, name, {
        ...thread.vars,
        TS: ts,
        CALLBACK_ID: SAVE_MESSAGE_SHORTCUT,
        RESPONSE_URL: responseUrl,
      });
      await h.settle();
      expect(h.fake.responses(responseUrl)).toEqual([]);
      const view = h.fake.views().at(-1);
      expect(view?.view.callback_id).toBe(LESSON_FORM.callbackId);
      expect(JSON.stringify(view?.view)).toContain("Depot basements have no signal at all");
    },
  );
});
