import type { Db } from "../../db/client.js";
import type { BidIntent, SellerStatus, TenderStage } from "../../generated/prisma/enums.js";

/** Where a seller's overview lives: its channel, in its tender. */
export interface SellerChannel {
  id: number;
  tenderId: number;
  channelId: string;
}

const channelSelect = { id: true, tenderId: true, channelId: true } as const;

export async function sellerChannel(db: Db, sellerId: number): Promise<SellerChannel | null> {
  return db.seller.findUnique({ where: { id: sellerId }, select: channelSelect });
}

/** The seller whose channel `channelId` is; null for a team channel or any other. */
export async function sellerOfChannel(db: Db, channelId: string): Promise<SellerChannel | null> {
  return db.seller.findUnique({ where: { channelId }, select: channelSelect });
}

export async function sellersOfTender(db: Db, tenderId: number): Promise<SellerChannel[]> {
  return db.seller.findMany({ where: { tenderId }, select: channelSelect, orderBy: { id: "asc" } });
}

/** The seller and its tender, as its overview shows them: nothing of any other seller. */
export interface OverviewSeller {
  id: number;
  channelId: string;
  status: SellerStatus;
  intent: BidIntent;
  intentBy: string | null;
  intentAt: Date | null;
  tender: {
    id: number;
    number: number;
    title: string;
    stage: TenderStage;
    timezone: string;
    questionsDueOn: Date | null;
    proposalsDueOn: Date | null;
    awardPlannedOn: Date | null;
  };
}

export async function findOverviewSeller(db: Db, sellerId: number): Promise<OverviewSeller | null> {
  return db.seller.findUnique({
    where: { id: sellerId },
    select: {
      id: true,
      channelId: true,
      status: true,
      intent: true,
      intentBy: true,
      intentAt: true,
      tender: {
        select: {
          id: true,
          number: true,
          title: true,
          stage: true,
          timezone: true,
          questionsDueOn: true,
          proposalsDueOn: true,
          awardPlannedOn: true,
        },
      },
    },
  });
}

/** An open requirement posted to the seller that none of its people has replied to yet. */
export interface AwaitingRequirement {
  number: number;
  title: string;
  inputDueOn: Date | null;
  channelId: string;
  ts: string;
}

export async function awaitingInput(db: Db, sellerId: number): Promise<AwaitingRequirement[]> {
  const posts = await db.requirementPost.findMany({
    where: {
      sellerId,
      requirement: {
        status: "open",
        replies: { none: { sellerId, fromSeller: true, deleted: false } },
      },
    },
    select: {
      channelId: true,
      ts: true,
      requirement: {
        select: {
          number: true,
          revisions: {
            orderBy: { version: "desc" },
            take: 1,
            select: { title: true, inputDueOn: true },
          },
        },
      },
    },
    orderBy: { requirement: { number: "asc" } },
  });
  return posts.flatMap(({ channelId, ts, requirement }) => {
    const [current] = requirement.revisions;
    return current
      ? [{ number: requirement.number, title: current.title, inputDueOn: current.inputDueOn, channelId, ts }]
      : [];
  });
}

/** A lesson the seller's own people shared in its channel, and the requirement versions it shaped. */
export interface OwnLesson {
  id: number;
  title: string;
  applications: { number: number; version: number }[];
}

/** The latest lessons are enough for an overview; the library holds them all. */
const LESSONS_SHOWN = 30;

export async function ownLessons(db: Db, sellerId: number): Promise<OwnLesson[]> {
  const lessons = await db.lesson.findMany({
    where: { sellerId, fromSeller: true },
    select: {
      id: true,
      title: true,
      applications: {
        select: { version: true, requirement: { select: { number: true } } },
        orderBy: [{ requirement: { number: "asc" } }, { version: "asc" }],
      },
    },
    orderBy: { id: "desc" },
    take: LESSONS_SHOWN,
  });
  return lessons.map((lesson) => ({
    id: lesson.id,
    title: lesson.title,
    applications: lesson.applications.map((use) => ({
      number: use.requirement.number,
      version: use.version,
    })),
  }));
}
