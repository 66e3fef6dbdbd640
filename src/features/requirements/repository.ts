import type { Db } from "../../db/client.js";
import type { Priority, RequirementStatus } from "../../generated/prisma/enums.js";

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
}

const requirementSelect = {
  id: true,
  tenderId: true,
  number: true,
  version: true,
  status: true,
  teamTs: true,
  revisions: { select: revisionSelect, orderBy: { version: "desc" }, take: 1 },
} as const;

type Row = {
  id: number;
  tenderId: number;
  number: number;
  version: number;
  status: RequirementStatus;
  teamTs: string | null;
  revisions: Revision[];
};

function withCurrent(row: Row | null): Requirement | null {
  if (!row) return null;
  const { revisions, ...requirement } = row;
  const current = revisions[0];
  if (!current) throw new Error(`requirement ${row.id} has no revision`);
  return { ...requirement, current };
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

/** The requirement thread a message in a seller channel belongs to. */
export async function findPostByThread(db: Db, channelId: string, threadTs: string) {
  return db.requirementPost.findUnique({
    where: { channelId_ts: { channelId, ts: threadTs } },
    select: { requirementId: true, sellerId: true, channelId: true, ts: true },
  });
}

export async function listRequirements(db: Db, tenderId: number) {
  return db.requirement.findMany({
    where: { tenderId },
    orderBy: { number: "asc" },
    select: {
      ...requirementSelect,
      replies: {
        where: { deleted: false },
        select: { sellerId: true, fromSeller: true, kind: true, answeredAt: true, ts: true, channelId: true },
      },
    },
  });
}
