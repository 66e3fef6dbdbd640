import type { Db } from "../../db/client.js";
import type { Priority, RequirementStatus, TenderStage } from "../../generated/prisma/enums.js";

const revisionSelect = {
  version: true,
  title: true,
  details: true,
  category: true,
  priority: true,
  acceptanceCriteria: true,
  inputDueOn: true,
  changeNote: true,
  createdBy: true,
  createdAt: true,
} as const;

export interface Revision {
  version: number;
  title: string;
  details: string | null;
  category: string | null;
  priority: Priority;
  acceptanceCriteria: string | null;
  inputDueOn: Date | null;
  changeNote: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface Requirement {
  id: number;
  tenderId: number;
  number: number;
  version: number;
  status: RequirementStatus;
  teamTs: string | null;
  /** The text of the current version. */
  current: Revision;
  /** The active key metrics it serves, `M-<number>`. */
  metrics: { id: number; number: number; name: string }[];
}

const requirementSelect = {
  id: true,
  tenderId: true,
  number: true,
  version: true,
  status: true,
  teamTs: true,
  revisions: { select: revisionSelect, orderBy: { version: "desc" }, take: 1 },
  metrics: {
    where: { metric: { status: "active" } },
    select: { metric: { select: { id: true, number: true, name: true } } },
    orderBy: { metric: { number: "asc" } },
  },
} as const;

type Row = {
  id: number;
  tenderId: number;
  number: number;
  version: number;
  status: RequirementStatus;
  teamTs: string | null;
  revisions: Revision[];
  metrics: { metric: { id: number; number: number; name: string } }[];
};

function withCurrent(row: Row | null): Requirement | null {
  if (!row) return null;
  const { revisions, metrics, ...requirement } = row;
  const current = revisions[0];
  if (!current) throw new Error(`requirement ${row.id} has no revision`);
  return { ...requirement, current, metrics: metrics.map(({ metric }) => metric) };
}

export async function takeRequirementNumber(db: Db, tenderId: number): Promise<number> {
  const tender = await db.tender.update({
    where: { id: tenderId },
    data: { requirementSeq: { increment: 1 } },
    select: { requirementSeq: true },
  });
  return tender.requirementSeq;
}

export type RevisionText = Omit<Revision, "version" | "createdAt" | "changeNote" | "createdBy">;

export async function insertRequirement(
  db: Db,
  row: { tenderId: number; number: number; createdBy: string; text: RevisionText },
): Promise<Requirement> {
  const created = await db.requirement.create({
    data: {
      tenderId: row.tenderId,
      number: row.number,
      createdBy: row.createdBy,
      revisions: { create: { version: 1, createdBy: row.createdBy, ...row.text } },
    },
    select: requirementSelect,
  });
  return withCurrent(created) as Requirement;
}

export async function findRequirementById(db: Db, id: number): Promise<Requirement | null> {
  return withCurrent(await db.requirement.findUnique({ where: { id }, select: requirementSelect }));
}

export async function findRequirementByNumber(
  db: Db,
  tenderId: number,
  number: number,
): Promise<Requirement | null> {
  return withCurrent(
    await db.requirement.findUnique({
      where: { tenderId_number: { tenderId, number } },
      select: requirementSelect,
    }),
  );
}

export async function openRequirementIds(db: Db, tenderId: number): Promise<number[]> {
  const rows = await db.requirement.findMany({
    where: { tenderId, status: "open" },
    select: { id: true },
    orderBy: { number: "asc" },
  });
  return rows.map((row) => row.id);
}

/** What decides whether a seller gets what is new (tenders' `receivesNewPosts`), as it is now. */
export async function sellerState(db: Db, sellerId: number) {
  return db.seller.findUnique({ where: { id: sellerId }, select: { status: true, intent: true } });
}

export async function setTeamTs(db: Db, requirementId: number, teamTs: string): Promise<void> {
  await db.requirement.update({ where: { id: requirementId }, data: { teamTs } });
}

export async function savePost(
  db: Db,
  post: { requirementId: number; sellerId: number; channelId: string; ts: string; shownVersion: number },
): Promise<void> {
  const { requirementId, sellerId, ...rest } = post;
  await db.requirementPost.upsert({
    where: { requirementId_sellerId: { requirementId, sellerId } },
    create: post,
    update: rest,
  });
}

export async function findPost(db: Db, requirementId: number, sellerId: number) {
  return db.requirementPost.findUnique({
    where: { requirementId_sellerId: { requirementId, sellerId } },
    select: { channelId: true, ts: true, shownVersion: true, shownWithdrawn: true },
  });
}

export async function setPostShown(
  db: Db,
  requirementId: number,
  sellerId: number,
  shown: { version: number; withdrawn: boolean },
): Promise<void> {
  await db.requirementPost.update({
    where: { requirementId_sellerId: { requirementId, sellerId } },
    data: { shownVersion: shown.version, shownWithdrawn: shown.withdrawn },
  });
}

/** A requirement's thread in a seller channel: its post there, and what working in it needs. */
export interface Thread {
  requirementId: number;
  requirementNumber: number;
  requirementOpen: boolean;
  sellerId: number;
  sellerName: string;
  /** The seller's Slack organisation, once known. */
  sellerTeamId: string | null;
  channelId: string;
  ts: string;
  tenderId: number;
  tenderNumber: number;
  stage: TenderStage;
  teamChannelId: string;
}

const threadSelect = {
  requirementId: true,
  sellerId: true,
  channelId: true,
  ts: true,
  seller: { select: { name: true, slackTeamId: true } },
  requirement: {
    select: {
      number: true,
      status: true,
      tender: { select: { id: true, number: true, stage: true, teamChannelId: true } },
    },
  },
} as const;

type ThreadRow = {
  requirementId: number;
  sellerId: number;
  channelId: string;
  ts: string;
  seller: { name: string; slackTeamId: string | null };
  requirement: {
    number: number;
    status: string;
    tender: { id: number; number: number; stage: TenderStage; teamChannelId: string };
  };
};

function toThread(row: ThreadRow | null): Thread | null {
  if (!row) return null;
  const { tender } = row.requirement;
  return {
    requirementId: row.requirementId,
    requirementNumber: row.requirement.number,
    requirementOpen: row.requirement.status === "open",
    sellerId: row.sellerId,
    sellerName: row.seller.name,
    sellerTeamId: row.seller.slackTeamId,
    channelId: row.channelId,
    ts: row.ts,
    tenderId: tender.id,
    tenderNumber: tender.number,
    stage: tender.stage,
    teamChannelId: tender.teamChannelId,
  };
}

/** The requirement's thread in this channel, if the requirement was posted there. */
export async function findThreadIn(db: Db, requirementId: number, channelId: string): Promise<Thread | null> {
  return toThread(
    await db.requirementPost.findFirst({ where: { requirementId, channelId }, select: threadSelect }),
  );
}

/** False when the requirement was already withdrawn. */
export async function markWithdrawn(db: Db, requirementId: number): Promise<boolean> {
  const { count } = await db.requirement.updateMany({
    where: { id: requirementId, status: "open" },
    data: { status: "withdrawn" },
  });
  return count === 1;
}

/** Every requirement of a tender with its live seller replies, for `/tender requirements`. */
export async function requirementsWithSellerReplies(db: Db, tenderId: number) {
  const rows = await db.requirement.findMany({
    where: { tenderId },
    orderBy: { number: "asc" },
    select: {
      ...requirementSelect,
      replies: {
        where: { deleted: false, fromSeller: true },
        orderBy: { id: "asc" },
        select: { sellerId: true, authorName: true, kind: true, text: true, answeredAt: true },
      },
    },
  });
  return rows.map(({ replies, ...row }) => ({ ...(withCurrent(row) as Requirement), replies }));
}
