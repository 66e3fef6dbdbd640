import { tenderRef } from "../../../kernel/refs.js";
import type { CellValue } from "../domain.js";
import { column, type RecordContext, rowsOf, type SheetSpec } from "./sheet.js";

async function namesOf(context: RecordContext, userIds: string[]): Promise<string> {
  const names: string[] = [];
  for (const userId of userIds) names.push((await context.nameOf(userId)) ?? userId);
  return names.join(", ");
}

/** The tender itself, with its key dates: one row. */
export const tenderSheet: SheetSpec = {
  name: "Tender",
  columns: [
    column("Tender", "text", 8),
    column("Title", "text", 40),
    column("Goal", "text", 50),
    column("Stage"),
    column("Time zone", "text", 18),
    column("Questions close", "day"),
    column("Proposals due", "day"),
    column("Award planned", "day"),
    column("Owners", "text", 30),
    column("Members", "text", 30),
    column("Team channel"),
    column("Opened by", "text", 20),
    column("Opened (UTC)", "moment", 18),
  ],
  async *rows(context) {
    const { tender, db } = context;
    const opened = await db.tender.findUniqueOrThrow({
      where: { id: tender.id },
      select: { createdAt: true },
    });
    const role = (wanted: string) =>
      tender.members.filter((member) => member.role === wanted).map((member) => member.userId);
    yield [
      [
        tenderRef(tender.number),
        tender.title,
        tender.goal,
        tender.stage,
        tender.timezone,
        tender.questionsDueOn,
        tender.proposalsDueOn,
        tender.awardPlannedOn,
        await namesOf(context, role("owner")),
        await namesOf(context, role("member")),
        tender.teamChannelId,
        await context.nameOf(tender.createdBy),
        opened.createdAt,
      ],
    ];
  },
};

/** Every seller with its status and whether it intends to bid (and why not). */
export const sellersSheet: SheetSpec = {
  name: "Sellers",
  columns: [
    column("Seller", "text", 24),
    column("Status"),
    column("Intent"),
    column("Reason", "text", 40),
    column("Intent given by", "text", 20),
    column("Intent given (UTC)", "moment", 18),
    column("Channel"),
    column("Slack organisation"),
    column("Invited by", "text", 20),
    column("Invited (UTC)", "moment", 18),
  ],
  rows: (context) =>
    rowsOf(
      context.pageSize,
      (after, take) =>
        context.db.seller.findMany({
          where: { tenderId: context.tender.id, id: { gt: after } },
          select: {
            id: true,
            name: true,
            channelId: true,
            slackTeamId: true,
            status: true,
            intent: true,
            intentReason: true,
            intentBy: true,
            intentAt: true,
            createdBy: true,
            createdAt: true,
          },
          orderBy: { id: "asc" },
          take,
        }),
      async (seller): Promise<CellValue[]> => [
        seller.name,
        seller.status,
        seller.intent,
        seller.intentReason,
        await context.nameOf(seller.intentBy),
        seller.intentAt,
        seller.channelId,
        seller.slackTeamId,
        await context.nameOf(seller.createdBy),
        seller.createdAt,
      ],
    ),
};

/** Every Slack Connect invitation sent to a seller's people, and what became of it. */
export const invitationsSheet: SheetSpec = {
  name: "Invitations",
  columns: [
    column("Seller", "text", 24),
    column("Email", "text", 30),
    column("Status"),
    column("Slack's error"),
    column("Sent (UTC)", "moment", 18),
    column("Last change (UTC)", "moment", 18),
  ],
  rows: (context) =>
    rowsOf(
      context.pageSize,
      (after, take) =>
        context.db.sellerInvite.findMany({
          where: { seller: { tenderId: context.tender.id }, id: { gt: after } },
          select: {
            id: true,
            sellerId: true,
            email: true,
            status: true,
            errorCode: true,
            createdAt: true,
            updatedAt: true,
          },
          orderBy: { id: "asc" },
          take,
        }),
      (invite) => [
        context.sellerName(invite.sellerId),
        invite.email,
        invite.status,
        invite.errorCode,
        invite.createdAt,
        invite.updatedAt,
      ],
    ),
};
