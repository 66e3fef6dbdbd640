import type { Db } from "../../db/client.js";
import type { BidIntent, MemberRole, SellerStatus, TenderStage } from "../../generated/prisma/enums.js";

const tenderSelect = {
  id: true,
  installationId: true,
  number: true,
  title: true,
  goal: true,
  stage: true,
  slug: true,
  teamChannelId: true,
  cardTs: true,
  timezone: true,
  questionsDueOn: true,
  proposalsDueOn: true,
  awardPlannedOn: true,
  createdBy: true,
  members: { select: { userId: true, role: true }, orderBy: { createdAt: "asc" } },
  sellers: {
    select: { id: true, name: true, channelId: true, status: true, intent: true, intentReason: true },
    orderBy: { id: "asc" },
  },
  quietExceptions: true,
} as const;

export interface Tender {
  id: number;
  installationId: number;
  number: number;
  title: string;
  goal: string | null;
  stage: TenderStage;
  slug: string;
  teamChannelId: string;
  cardTs: string | null;
  timezone: string;
  questionsDueOn: Date | null;
  proposalsDueOn: Date | null;
  awardPlannedOn: Date | null;
  createdBy: string;
  members: { userId: string; role: MemberRole }[];
  sellers: TenderSeller[];
  /** In the quiet stages: whether a buyer's private answer may be kept as a recorded exception. */
  quietExceptions: boolean;
}

export interface TenderSeller {
  id: number;
  name: string;
  channelId: string;
  status: SellerStatus;
  intent: BidIntent;
  intentReason: string | null;
}

/** Hands out the workspace's next tender number; concurrent callers get distinct numbers. */
export async function takeTenderNumber(db: Db, installationId: number): Promise<number> {
  const installation = await db.installation.update({
    where: { id: installationId },
    data: { tenderSeq: { increment: 1 } },
    select: { tenderSeq: true },
  });
  return installation.tenderSeq;
}

export interface NewTenderRow {
  installationId: number;
  number: number;
  title: string;
  goal?: string;
  slug: string;
  teamChannelId: string;
  timezone: string;
  questionsDueOn?: Date;
  proposalsDueOn?: Date;
  awardPlannedOn?: Date;
  createdBy: string;
  owners: string[];
}

export async function insertTender(db: Db, row: NewTenderRow): Promise<Tender> {
  const { owners, ...data } = row;
  return db.tender.create({
    data: { ...data, members: { create: owners.map((userId) => ({ userId, role: "owner" as const })) } },
    select: tenderSelect,
  });
}

export async function findTenderByNumber(
  db: Db,
  installationId: number,
  number: number,
): Promise<Tender | null> {
  return db.tender.findUnique({
    where: { installationId_number: { installationId, number } },
    select: tenderSelect,
  });
}

/** The tender whose team channel, or one of whose seller channels, this is. */
export async function findTenderByChannel(
  db: Db,
  installationId: number,
  channelId: string,
): Promise<Tender | null> {
  return db.tender.findFirst({
    where: {
      installationId,
      OR: [{ teamChannelId: channelId }, { sellers: { some: { channelId } } }],
    },
    select: tenderSelect,
  });
}

export async function findTenderById(db: Db, id: number): Promise<Tender | null> {
  return db.tender.findUnique({ where: { id }, select: tenderSelect });
}

export async function setCardTs(db: Db, tenderId: number, cardTs: string): Promise<void> {
  await db.tender.update({ where: { id: tenderId }, data: { cardTs } });
}

export async function listTendersOfMember(db: Db, installationId: number, userId: string) {
  return db.tender.findMany({
    where: { installationId, members: { some: { userId } }, stage: { notIn: ["awarded", "closed"] } },
    select: { number: true, title: true, teamChannelId: true, stage: true },
    orderBy: { number: "desc" },
    take: 5,
  });
}

export async function sellersWithInvites(db: Db, tenderId: number) {
  return db.seller.findMany({
    where: { tenderId },
    select: {
      id: true,
      name: true,
      channelId: true,
      status: true,
      intent: true,
      intentReason: true,
      intentAt: true,
      invites: { select: { email: true, status: true, errorCode: true }, orderBy: { id: "asc" } },
    },
    orderBy: { id: "asc" },
  });
}

export type SellerWithInvites = Awaited<ReturnType<typeof sellersWithInvites>>[number];

/** A person's tenders (owner or member), newest first, at most `take`, and how many there are. */
export async function tendersOfPerson(db: Db, installationId: number, userId: string, take: number) {
  const where = { installationId, members: { some: { userId } } };
  const tenders: Tender[] = await db.tender.findMany({
    where,
    select: tenderSelect,
    orderBy: { number: "desc" },
    take,
  });
  const total = tenders.length < take ? tenders.length : await db.tender.count({ where });
  return { tenders, total };
}

/** The sellers a Slack organisation is in this workspace's tenders, newest first. */
export async function sellersOfOrganisation(db: Db, installationId: number, teamId: string, take: number) {
  return db.seller.findMany({
    where: { slackTeamId: teamId, tender: { installationId } },
    select: { id: true, tenderId: true },
    orderBy: { id: "desc" },
    take,
  });
}

/** The seller whose channel this is, if it is one. */
export async function findSellerOfChannel(db: Db, channelId: string) {
  return db.seller.findUnique({
    where: { channelId },
    select: { id: true, name: true, slackTeamId: true },
  });
}
