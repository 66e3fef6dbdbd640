import type { KnownBlock, ModalView } from "@slack/types";
import { formatDay } from "../../slack/dates.js";
import { escapeText, mentionChannel, mentionUser, truncate } from "../../slack/text.js";
import { INVITE_SELLER_BUTTON } from "../sellers/ids.js";
import { GOAL_MAX, STAGE_MEANING, type TenderStage, TITLE_MAX, tenderRef } from "./domain.js";
import { NEW_TENDER, POST_REQUIREMENT_BUTTON, TENDER_CARD_BLOCK } from "./ids.js";
import type { SellerWithInvites, Tender } from "./repository.js";

export const TENDER_GONE = "This tender no longer exists.";

export function newTenderModal(privateMetadata: string, title = ""): ModalView {
  const datepicker = (ids: { block: string; action: string }, label: string, hint: string): KnownBlock => ({
    type: "input",
    block_id: ids.block,
    optional: true,
    label: { type: "plain_text", text: label },
    hint: { type: "plain_text", text: hint },
    element: { type: "datepicker", action_id: ids.action },
  });
  return {
    type: "modal",
    callback_id: NEW_TENDER.callbackId,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "New tender" },
    submit: { type: "plain_text", text: "Open tender" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: NEW_TENDER.title.block,
        label: { type: "plain_text", text: "Title" },
        element: {
          type: "plain_text_input",
          action_id: NEW_TENDER.title.action,
          max_length: TITLE_MAX,
          initial_value: title || undefined,
          placeholder: { type: "plain_text", text: "e.g. Field service platform 2027" },
        },
      },
      {
        type: "input",
        block_id: NEW_TENDER.goal.block,
        optional: true,
        label: { type: "plain_text", text: "Goal" },
        hint: { type: "plain_text", text: "What the business wants to achieve; sellers see it." },
        element: {
          type: "plain_text_input",
          action_id: NEW_TENDER.goal.action,
          multiline: true,
          max_length: GOAL_MAX,
        },
      },
      {
        type: "input",
        block_id: NEW_TENDER.coOwners.block,
        optional: true,
        label: { type: "plain_text", text: "Co-owners" },
        hint: { type: "plain_text", text: "Colleagues who run the tender with you." },
        element: {
          type: "multi_users_select",
          action_id: NEW_TENDER.coOwners.action,
          max_selected_items: 10,
        },
      },
      datepicker(NEW_TENDER.questionsDueOn, "Questions close", "Last day for sellers' questions."),
      datepicker(NEW_TENDER.proposalsDueOn, "Proposals due", "Day the proposals are due."),
      datepicker(NEW_TENDER.awardPlannedOn, "Award planned", "Day you plan to award the tender."),
    ],
  };
}

function keyDates(tender: Tender): string {
  const dates = [
    tender.questionsDueOn && `Questions close ${formatDay(tender.questionsDueOn)}`,
    tender.proposalsDueOn && `Proposals due ${formatDay(tender.proposalsDueOn)}`,
    tender.awardPlannedOn && `Award planned ${formatDay(tender.awardPlannedOn)}`,
  ].filter(Boolean);
  return dates.length > 0 ? dates.join("\n") : "None set yet";
}

function owners(tender: Tender): string {
  return tender.members
    .filter((member) => member.role === "owner")
    .map((member) => mentionUser(member.userId))
    .join(", ");
}

export function tenderHeadline(tender: Pick<Tender, "number" | "title">): string {
  return `${tenderRef(tender.number)} · ${tender.title}`;
}

/** The pinned card in the team channel; rebuilt whenever the stage or the sellers change. */
export function tenderCard(tender: Tender): { text: string; blocks: KnownBlock[] } {
  const sellers =
    tender.sellers.length === 0
      ? "No seller invited yet"
      : tender.sellers
          .map((seller) => `${escapeText(seller.name)} (${mentionChannel(seller.channelId)})`)
          .join(", ");
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: truncate(tenderHeadline(tender), 150) } },
    {
      type: "section",
      block_id: TENDER_CARD_BLOCK,
      fields: [
        { type: "mrkdwn", text: `*Stage*\n${tender.stage}` },
        { type: "mrkdwn", text: `*Owners*\n${owners(tender)}` },
        { type: "mrkdwn", text: `*Key dates*\n${keyDates(tender)}` },
        { type: "mrkdwn", text: `*Sellers*\n${truncate(sellers, 1900)}` },
      ],
    },
  ];
  if (tender.goal) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `*Goal*\n${truncate(escapeText(tender.goal), 2900)}` },
    });
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: STAGE_MEANING[tender.stage] }] });
  if (tender.stage !== "awarded" && tender.stage !== "closed") {
    blocks.push(
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text:
            "*Next steps*\nInvite each seller into a channel of its own (`/tender invite &lt;seller&gt; &lt;email&gt;`), " +
            "post requirements for them to discuss (`/tender require &lt;title&gt; | &lt;details&gt;`), " +
            "and move the stage along with `/tender stage &lt;stage&gt;`. `/tender help` lists everything.",
        },
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: INVITE_SELLER_BUTTON,
            text: { type: "plain_text", text: "Invite a seller" },
            value: String(tender.id),
            style: "primary",
          },
          {
            type: "button",
            action_id: POST_REQUIREMENT_BUTTON,
            text: { type: "plain_text", text: "Post a requirement" },
            value: String(tender.id),
          },
        ],
      },
    );
  }
  return { text: `${escapeText(tenderHeadline(tender))}: ${tender.stage}`, blocks };
}

export function tenderOpenedReply(tender: Tender): string {
  return (
    `${escapeText(tenderHeadline(tender))} is open in ${mentionChannel(tender.teamChannelId)}, ` +
    `in the courting stage. Invite sellers from there with \`/tender invite &lt;seller&gt; &lt;email&gt;\`.`
  );
}

export function stageAnnouncement(
  tender: Tender,
  from: TenderStage,
  to: TenderStage,
  actorUserId: string,
): string {
  return (
    `${mentionUser(actorUserId)} moved ${escapeText(tenderHeadline(tender))} from *${from}* to *${to}*.\n` +
    STAGE_MEANING[to]
  );
}

/** What sellers read: no buyer-internal names. */
export function sellerStageAnnouncement(tender: Tender, to: TenderStage): string {
  return `${escapeText(tenderHeadline(tender))} is now in the *${to}* stage.\n${STAGE_MEANING[to]}`;
}

const SELLER_STATUS_WORDS: Record<string, string> = {
  invited: "invited, waiting for them to join",
  share_manually: "no invitation could be sent: share the channel by hand",
  joined: "joined",
  declined: "declined",
};

export function statusText(tender: Tender, sellers: SellerWithInvites[]): string {
  const lines = [
    `*${escapeText(tenderHeadline(tender))}* is in the *${tender.stage}* stage. ${STAGE_MEANING[tender.stage]}`,
    `*Team channel* ${mentionChannel(tender.teamChannelId)} · *Owners* ${owners(tender)}`,
    `*Key dates* ${keyDates(tender).replace(/\n/g, " · ")}`,
  ];
  if (tender.goal) lines.push(`*Goal* ${truncate(escapeText(tender.goal), 500)}`);
  const invites = sellers.flatMap((seller) => seller.invites);
  const count = (status: string) => invites.filter((invite) => invite.status === status).length;
  lines.push(
    `*Sellers* ${sellers.length} (${sellers.filter((s) => s.status === "joined").length} joined) · ` +
      `*Invitations* ${invites.length}: ${count("accepted")} accepted, ${count("sent")} sent, ` +
      `${count("declined")} declined, ${count("failed")} failed`,
  );
  for (const seller of sellers) {
    const invitations = seller.invites
      .map(
        (invite) =>
          `${escapeText(invite.email)} ${invite.status}${invite.errorCode ? ` (${invite.errorCode})` : ""}`,
      )
      .join(", ");
    lines.push(
      `• *${escapeText(seller.name)}* ${mentionChannel(seller.channelId)}: ${SELLER_STATUS_WORDS[seller.status] ?? seller.status}` +
        (invitations ? ` — ${invitations}` : ""),
    );
  }
  return lines.join("\n");
}
