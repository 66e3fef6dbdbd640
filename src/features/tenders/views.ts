import type { KnownBlock, ModalView } from "@slack/types";
import { tenderRef } from "../../kernel/refs.js";
import {
  actions,
  button,
  context,
  dateInput,
  modal,
  section,
  textInput,
  usersInput,
} from "../../slack/blocks.js";
import { formatDay } from "../../slack/dates.js";
import { escapeText, mentionChannel, mentionUser, slackTime, truncate } from "../../slack/text.js";
import { GOAL_MAX, STAGE_MEANING, TITLE_MAX, whyNothingNew } from "./domain.js";
import {
  INVITE_SELLER_BUTTON,
  KEY_METRICS_BUTTON,
  NEW_TENDER,
  POST_REQUIREMENT_BUTTON,
  TENDER_CARD_BLOCK,
} from "./ids.js";
import type { SellerWithInvites, Tender } from "./repository.js";

export const TENDER_GONE = "This tender no longer exists.";

export function newTenderModal(privateMetadata: string, title = ""): ModalView {
  return modal({
    callbackId: NEW_TENDER.callbackId,
    privateMetadata,
    title: "New tender",
    submit: "Open tender",
    blocks: [
      textInput(NEW_TENDER.title, "Title", {
        max: TITLE_MAX,
        initial: title,
        placeholder: "e.g. Field service platform 2027",
      }),
      textInput(NEW_TENDER.goal, "Goal", {
        optional: true,
        hint: "What the business wants to achieve; sellers see it.",
        multiline: true,
        max: GOAL_MAX,
      }),
      usersInput(NEW_TENDER.coOwners, "Co-owners", {
        optional: true,
        hint: "Colleagues who run the tender with you.",
        max: 10,
      }),
      dateInput(NEW_TENDER.questionsDueOn, "Questions close", {
        optional: true,
        hint: "Last day for sellers' questions.",
      }),
      dateInput(NEW_TENDER.proposalsDueOn, "Proposals due", {
        optional: true,
        hint: "Day the proposals are due.",
      }),
      dateInput(NEW_TENDER.awardPlannedOn, "Award planned", {
        optional: true,
        hint: "Day you plan to award the tender.",
      }),
    ],
  });
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
  if (tender.goal) blocks.push(section(`*Goal*\n${truncate(escapeText(tender.goal), 2900)}`));
  blocks.push(context(STAGE_MEANING[tender.stage]));
  if (tender.stage !== "awarded" && tender.stage !== "closed") {
    blocks.push(
      section(
        "*Next steps*\nInvite each seller into a channel of its own (`/tender invite &lt;seller&gt; &lt;email&gt;`), " +
          "post requirements for them to discuss (`/tender require &lt;title&gt; | &lt;details&gt;`), " +
          "define the key metrics every seller quantifies its offer in (`/tender metric add`), " +
          "and move the stage along with `/tender stage &lt;stage&gt;`. `/tender help` lists everything.",
      ),
      actions(
        button(INVITE_SELLER_BUTTON, "Invite a seller", String(tender.id), "primary"),
        button(POST_REQUIREMENT_BUTTON, "Post a requirement", String(tender.id)),
        button(KEY_METRICS_BUTTON, "Key metrics", String(tender.id)),
      ),
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

const SELLER_STATUS_WORDS: Record<string, string> = {
  invited: "invited, waiting for them to join",
  share_manually: "no invitation could be sent: share the channel by hand",
  joined: "joined",
  declined: "declined",
};

const INTENT_WORDS: Record<string, string> = {
  undecided: "has not said whether it will bid",
  bidding: "intends to bid",
  not_bidding: "will not bid",
};

/** What features above tenders add to `/tender status`: lines about the tender and about each seller. */
export interface StatusNotes {
  tender: string[];
  sellers: Map<number, string[]>;
}

export function statusText(
  tender: Tender,
  sellers: SellerWithInvites[],
  notes: StatusNotes = { tender: [], sellers: new Map() },
): string {
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
    const intent = INTENT_WORDS[seller.intent] ?? seller.intent;
    const reason = seller.intentReason ? `: “${truncate(escapeText(seller.intentReason), 300)}”` : "";
    const why = whyNothingNew(seller);
    lines.push(
      `   ${seller.intent === "undecided" ? intent : `${intent}${reason}`}` +
        (why ? ` · gets no new requirements, metrics or nudges: ${why}` : ""),
    );
    for (const note of notes.sellers.get(seller.id) ?? []) lines.push(`   ${note}`);
  }
  lines.push(...notes.tender);
  return lines.join("\n");
}

/** What the owners read once Slack takes the app's token again after refusing it. */
export function heldNotice(notice: { reason: string; since: Date; until: Date; waiting: number }): string {
  const messages = notice.waiting === 1 ? "1 message" : `${notice.waiting} messages`;
  return (
    `Slack refused Tender Room's token from ${slackTime(notice.since)} to ${slackTime(notice.until)} ` +
    `(\`${escapeText(notice.reason)}\`), so ${messages} of this tender waited. They go out now, each once.`
  );
}
