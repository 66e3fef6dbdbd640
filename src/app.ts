import type { WebClientOptions } from "@slack/web-api";
import type { Config } from "./config.js";
import { type Database, openDatabase } from "./db/client.js";
import { migrate, readMigrations } from "./db/migrate.js";
import * as checkins from "./features/checkins/index.js";
import * as clarifications from "./features/clarifications/index.js";
import * as lessons from "./features/lessons/index.js";
import * as nudges from "./features/nudges/index.js";
import * as replies from "./features/replies/index.js";
import * as requirements from "./features/requirements/index.js";
import * as revisions from "./features/revisions/index.js";
import * as sellers from "./features/sellers/index.js";
import * as tenders from "./features/tenders/index.js";
import type { Deps } from "./kernel/deps.js";
import { failureText } from "./kernel/handlers.js";
import type { Logger } from "./logger.js";
import { Outbox } from "./outbox/index.js";
import { startScheduler, type TickJob, tickSchedule } from "./scheduler/index.js";
import { createSlackApp, StartError } from "./slack/app.js";
import { registerTenderCommand } from "./slack/commands/index.js";
import { forgetOldEvents, handleEachEventOnce } from "./slack/dedupe.js";
import { SlackGateway } from "./slack/gateway.js";
import { loadInstallation } from "./slack/installation.js";

export interface TenderRoomOptions {
  config: Config;
  logger: Logger;
  /** A database opened by the caller (tests share one); otherwise opened from the config. */
  database?: Database;
  clientOptions?: WebClientOptions;
  /** Least time between two posts in one channel (Slack allows about one a second). */
  postIntervalMs?: number;
  /** Least time between two updates of a requirement's team copy while its fan-out runs. */
  teamCopyRefreshMs?: number;
}

export interface TenderRoom {
  port: number;
  database: Database;
  /**
   * Runs every tick job once as if it were `now` (check-ins, nudges), then sends what is due at
   * `now`: what the scheduler does on each tick, for tests and the benchmark.
   */
  runJobs(now: Date): Promise<void>;
  /** Resolves once work already acknowledged to Slack has finished. */
  settled(timeoutMs?: number): Promise<boolean>;
  /** Stops taking requests, finishes work in flight, stops the scheduler, closes the database. */
  stop(): Promise<void>;
}

const SHUTDOWN_DRAIN_MS = 8_000;

/** The composition root: config → database → Slack app → features → scheduler. */
export async function startTenderRoom(options: TenderRoomOptions): Promise<TenderRoom> {
  const { config, logger } = options;
  const ownsDatabase = options.database === undefined;
  const database =
    options.database ??
    (await openDatabase(
      config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.DATA_DIR },
    ));
  try {
    const applied = await migrate(database.sql, await readMigrations());
    if (applied.length > 0) logger.info({ applied }, "database migrated");

    const slackApp = createSlackApp({
      config,
      logger,
      databaseIsUp: () => database.ping(),
      clientOptions: options.clientOptions,
    });
    const { app } = slackApp;
    const installation = await loadInstallation(database.prisma, app.client).catch((error: unknown) => {
      throw new StartError("SLACK_BOT_TOKEN", error);
    });
    const outbox = new Outbox({ db: database.prisma, logger, inFlight: slackApp.inFlight });
    const deps: Deps = {
      db: database.prisma,
      slack: new SlackGateway(app.client, logger, options.postIntervalMs),
      installation,
      logger,
      outbox,
    };

    // The features, in the order of the graph in README.md (Architecture): each one builds only
    // on those before it.
    outbox.register(
      requirements.requirementDeliveryKinds(deps, {
        inFlight: slackApp.inFlight,
        teamCopyRefreshMs: options.teamCopyRefreshMs,
        // The features working in a requirement's thread put their buttons on its seller post.
        sellerPostButtons: (requirementId) => [
          ...replies.sellerPostButtons(requirementId),
          lessons.shareLessonButton({ requirementId }),
        ],
      }),
      replies.replyDeliveries(deps),
      clarifications.clarificationDeliveries(deps),
      lessons.lessonDeliveries(deps),
      checkins.checkInDeliveries(deps),
      nudges.nudgeDeliveries(deps),
    );
    app.use(handleEachEventOnce(database.prisma, logger));
    registerTenderCommand(app, logger, [
      tenders.commands(deps),
      sellers.commands(deps),
      requirements.commands(deps),
      revisions.commands(deps),
      clarifications.commands(deps),
      lessons.commands(deps),
      checkins.commands(deps),
      nudges.commands(deps),
    ]);
    tenders.register(app, deps);
    sellers.register(app, deps);
    requirements.register(app, deps);
    replies.register(app, deps);
    revisions.register(app, deps);
    clarifications.register(app, deps);
    lessons.register(app, deps, [checkins.lessonAnswers(deps)]);
    checkins.register(app, deps);
    app.error(async (error) => {
      failureText(error.original ?? error, logger, { where: "listener" });
    });

    const port = await slackApp.start();
    // Each instance ticks; the jobs' rows and claims make every occurrence and nudge happen once.
    const tickJobs: TickJob[] = [
      ...checkins.jobs(deps, { graceHours: config.CHECKIN_GRACE_HOURS }),
      ...nudges.jobs(deps),
    ];
    const tick = tickSchedule(config.SCHEDULER_TICK_SECONDS);
    const scheduler = startScheduler(
      [
        {
          name: "forget-old-events",
          schedule: "17 * * * *",
          run: (now) => forgetOldEvents(database.prisma, now),
        },
        // Kicks send at once; the tick picks up what another instance or a crash left behind.
        { name: "dispatch-outbox", schedule: "*/10 * * * * *", run: (now) => outbox.runOnce(now) },
        ...tickJobs.map((job) => ({ ...job, schedule: tick })),
      ],
      logger,
    );
    outbox.kick();
    logger.info(
      {
        port,
        team: installation.teamId,
        database: database.kind,
        socketMode: Boolean(config.SLACK_APP_TOKEN),
      },
      "Tender Room is listening",
    );

    return {
      port,
      database,
      async runJobs(now) {
        for (const job of tickJobs) await job.run(now);
        // Claims made at the real time would look expired to a pass at a later `now`.
        await outbox.idle();
        await outbox.runOnce(now);
      },
      settled: (timeoutMs = 10_000) => slackApp.inFlight.drain(timeoutMs),
      async stop() {
        await slackApp.stop();
        // The outbox stops after the message in hand; the rest waits in the database for the next start.
        const outboxStopped = outbox.stop();
        const drained = await slackApp.inFlight.drain(SHUTDOWN_DRAIN_MS);
        if (!drained) logger.warn({ running: slackApp.inFlight.size }, "stopped with work still running");
        await scheduler.stop();
        await outboxStopped;
        if (ownsDatabase) await database.close();
      },
    };
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
}
