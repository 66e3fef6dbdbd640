import type { HomeView } from "@slack/types";
import { WebClient } from "@slack/web-api";
import type { RecordedCall } from "../src/sandbox/slack/index.js";
import { OWNER, percentile, type Stage } from "./setup.js";

export interface HomeResult {
  tenders: number;
  sellers: number;
  questions: number;
  /** Blocks of the published Home. */
  blocks: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  /** A bare views.publish of the same view against the same fake Slack. */
  floorP50Ms: number;
  floorP99Ms: number;
}

const SELLERS = 3;
const REQUIREMENTS = 3;
const QUESTIONS = 2;
const DAY_MS = 86_400_000;

/**
 * The owner in `count` tenders, each with a few sellers (one of them silent for a month), posted
 * requirements, unanswered questions mirrored to the team channel, a change every seller has still
 * to acknowledge, a key metric nobody quantified and a check-in due within the day; stored directly
 * (the figures are about the Home, not about how the tenders came about).
 */
async function seedTenders(stage: Stage, count: number): Promise<void> {
  const { db, fake } = stage;
  const installation = await db.installation.findFirstOrThrow();
  const monthAgo = new Date(Date.now() - 30 * DAY_MS);
  fake.addUser({ id: "U0BENCHSELLER", teamId: "T0BENCHSELLER" });
  for (let t = 1; t <= count; t++) {
    const teamChannelId = fake.addChannel({ name: `tender-home-${t}`, isPrivate: true });
    const tender = await db.tender.create({
      data: {
        installationId: installation.id,
        number: t,
        title: `Field service platform ${t}`,
        slug: `home-${t}`,
        teamChannelId,
        timezone: "Europe/Berlin",
        questionsDueOn: new Date(Date.now() + 20 * DAY_MS),
        createdBy: OWNER,
        members: { create: { userId: OWNER, role: "owner" } },
        metrics: {
          create: {
            number: 1,
            name: "Mean time to repair",
            unit: "hours",
            direction: "lower",
            baseline: 4,
            target: 2,
            createdBy: OWNER,
          },
        },
      },
    });
    const sellers = [];
    for (let s = 1; s <= SELLERS; s++) {
      const channelId = fake.addChannel({ name: `tender-home-${t}-seller-${s}`, isPrivate: true });
      sellers.push(
        await db.seller.create({
          data: {
            tenderId: tender.id,
            name: `Seller ${s}`,
            slug: `seller-${s}`,
            channelId,
            status: "joined",
            createdBy: OWNER,
          },
        }),
      );
    }
    for (let r = 1; r <= REQUIREMENTS; r++) {
      const teamTs = fake.addMessage(teamChannelId, { user: OWNER, text: `R-${r}` });
      const requirement = await db.requirement.create({
        data: {
          tenderId: tender.id,
          number: r,
          teamTs,
          createdBy: OWNER,
          revisions: {
            create: { version: 1, title: `Requirement ${r}`, priority: "must", createdBy: OWNER },
          },
        },
      });
      for (const [s, seller] of sellers.entries()) {
        const ts = fake.addMessage(seller.channelId, { user: OWNER, text: `R-${r}` });
        await db.requirementPost.create({
          data: {
            requirementId: requirement.id,
            sellerId: seller.id,
            channelId: seller.channelId,
            ts,
            shownVersion: 1,
            ...(s === SELLERS - 1 ? { createdAt: monthAgo } : {}),
          },
        });
        if (r !== 1 || s !== 0) continue;
        for (let q = 1; q <= QUESTIONS; q++) {
          const text = `Does requirement ${r} cover site ${q}?`;
          const asked = fake.addMessage(seller.channelId, { user: "U0BENCHSELLER", text, threadTs: ts });
          const mirrorTs = fake.addMessage(teamChannelId, { user: OWNER, text, threadTs: teamTs });
          await db.reply.create({
            data: {
              requirementId: requirement.id,
              sellerId: seller.id,
              channelId: seller.channelId,
              ts: asked,
              threadTs: ts,
              userId: "U0BENCHSELLER",
              userTeamId: "T0BENCHSELLER",
              authorName: "Bench Seller",
              fromSeller: true,
              kind: "question",
              text,
              mirrorTs,
            },
          });
        }
      }
    }
    await db.notice.create({
      data: {
        tenderId: tender.id,
        key: `bench:dates:${tender.id}`,
        kind: "dates",
        subject: "Key dates moved: questions close",
        createdBy: OWNER,
        receipts: { create: sellers.map((seller) => ({ sellerId: seller.id })) },
      },
    });
    await db.checkIn.create({
      data: {
        tenderId: tender.id,
        number: 1,
        cadence: "daily",
        cron: "0 10 * * *",
        timezone: "Europe/Berlin",
        prompt: "What changed on your side?",
        nextRunAt: new Date(Date.now() + 6 * 3_600_000),
        createdBy: OWNER,
      },
    });
  }
}

/** Resolves with the first call of `method` for the owner that Slack answered `ok`. */
function nextCall(stage: Stage, method: string): Promise<RecordedCall> {
  return new Promise((resolve) => {
    const listener = (call: RecordedCall) => {
      if (call.method !== method || call.args.user_id !== OWNER || !call.ok) return;
      stage.fake.off("call", listener);
      resolve(call);
    };
    stage.fake.on("call", listener);
  });
}

/**
 * The owner, in `tenders` tenders, opens the App Home `samples` times: the time from Slack's
 * `app_home_opened` to the Home published (views.publish received), next to the floor, a bare
 * views.publish of the same view against the same fake Slack.
 */
export async function publishHomes(stage: Stage, tenders: number, samples: number): Promise<HomeResult> {
  await seedTenders(stage, tenders);
  const open = async () => {
    const published = nextCall(stage, "views.publish");
    const started = performance.now();
    const sent = await stage.requests.event({
      type: "app_home_opened",
      user: OWNER,
      channel: "D0OWNER",
      tab: "home",
    });
    if (sent.status !== 200) throw new Error(`app_home_opened answered HTTP ${sent.status}`);
    await published;
    return performance.now() - started;
  };
  for (let i = 0; i < 3; i++) await open();
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) latencies.push(await open());
  await stage.room.settled(60_000);

  const view = stage.fake.home(OWNER)?.view as HomeView | undefined;
  if (!view) throw new Error("no Home was published");
  const client = new WebClient(stage.fake.botToken, { slackApiUrl: stage.fake.apiUrl });
  const floor: number[] = [];
  for (let i = 0; i < samples + 3; i++) {
    const started = performance.now();
    await client.views.publish({ user_id: OWNER, view });
    if (i >= 3) floor.push(performance.now() - started);
  }
  return {
    tenders,
    sellers: SELLERS,
    questions: QUESTIONS,
    blocks: view.blocks.length,
    samples,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    floorP50Ms: percentile(floor, 50),
    floorP99Ms: percentile(floor, 99),
  };
}
