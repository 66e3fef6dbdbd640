import type { WebClientOptions } from "@slack/web-api";
import { caughtUp } from "./caught-up.js";
import type { Config } from "./config.js";
import { type Database, openDatabase } from "./db/client.js";
import { migrate, readMigrations } from "./db/migrate.js";
import * as acknowledgements from "./features/acknowledgements/index.js";
import * as audit from "./features/audit/index.js";
import * as businessCase from "./features/business-case/index.js";
import * as checkins from "./features/checkins/index.js";
import * as clarifications from "./features/clarifications/index.js";
import * as engagement from "./features/engagement/index.js";
import * as estimates from "./features/estimates/index.js";
import * as recordExport from "./features/export/index.js";
import * as home from "./features/home/index.js";
import * as intents from "./features/intents/index.js";
import * as lessons from "./features/lessons/index.js";
import * as metrics from "./features/metrics/index.js";
import * as nudges from "./features/nudges/index.js";
import * as overview from "./features/overview/index.js";
import * as replies from "./features/replies/index.js";
import * as requirements from "./features/requirements/index.js";
import * as revisions from "./features/revisions/index.js";
import * as sellers from "./features/sellers/index.js";
import * as tenders from "./features/tenders/index.js";
import * as timeline from "./features/timeline/index.js";
import { Inbox, type InboxOptions } from "./inbox/inbox.js";
import { forgetWorked } from "./inbox/repository.js";
import { keepOnlyWhatMatters, tokenWorks } from "./intake.js";
import type { Deps } from "./kernel/deps.js";
import { failureText } from "./kernel/handlers.js";
import type { Logger } from "./logger.js";
import { Outbox } from "./outbox/index.js";
import { startScheduler, type TickJob, tickSchedule } from "./scheduler/index.js";
import { createSlackApp, StartError } from "./slack/app.js";
import { registerTenderCommand } from "./slack/commands/index.js";
import { SlackGateway } from "./slack/gateway.js";
import { InFlight } from "./slack/in-flight.js";
import { loadInstallation } from "./slack/installation.js";
import { ChannelPacer } from "./slack/pacer.js";

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
  /** How long changes to a seller's overview are gathered before one update (tests shorten it); default 5 s. */
  overviewRefreshMs?: number;
  /** How long changes to a person's App Home are gathered before one publish (tests shorten it); default 5 s. */
  homeRefreshMs?: number;
  /** The longest one Web API call may take (tests shorten it); default 10 s. */
  callTimeoutMs?: number;
  /** How long who a person is (users.info) is remembered; default 10 minutes, 0 never. */
  peopleCacheMs?: number;
  /** First wait before asking Slack again whether a refused token works (tests shorten it). */
  tokenRecheckMs?: number;
  /** How much the inbox takes in and works at once (tests make it small to see it refuse). */
  inbox?: Pick<InboxOptions, "maxKeeping" | "maxWorking">;
  /** How the tender record is exported (tests read small pages to see its progress). */
  export?: recordExport.ExportOptions;
  /** The address the receiver listens on; every address unless given (the sandbox keeps to 127.0.0.1). */
  host?: string;
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
  /** Resolves once that work has finished and nothing is left to send within a second. */
  caughtUp(timeoutMs?: number): Promise<boolean>;
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
      config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.DATA_DIR, logger },
    ));
  try {
    const applied = await migrate(database.sql, await readMigrations());
    if (applied.length > 0) logger.info({ applied }, "database migrated");

    const inFlight = new InFlight();
    const inbox = new Inbox({ db: database.prisma, logger, inFlight, ...options.inbox });
    const slackApp = createSlackApp({
      config,
      logger,
      inFlight,
      databaseIsUp: () => database.ping(),
      figures: () => ({ inbox: inbox.figures() }),
      clientOptions: options.clientOptions,
      ...(options.callTimeoutMs ? { callTimeoutMs: options.callTimeoutMs } : {}),
      wrapReceiver: (receiver) => inbox.receiver(receiver),
      host: options.host,
    });
    const { app } = slackApp;
    const installation = await loadInstallation(database.prisma, app.client).catch((error: unknown) => {
      throw new StartError("SLACK_BOT_TOKEN", error);
    });
    // One pacer: the interactive and the outbox's posts to a channel keep Slack's pace together.
    const pacer = new ChannelPacer(options.postIntervalMs);
    const outbox = new Outbox({
      db: database.prisma,
      logger,
      inFlight,
      slack: new SlackGateway(slackApp.deliveryClient, logger, pacer),
      tokenWorks: () => tokenWorks(app),
      ...(options.callTimeoutMs ? { callTimeoutMs: options.callTimeoutMs } : {}),
      ...(options.tokenRecheckMs ? { recheckMs: options.tokenRecheckMs } : {}),
    });
    const deps: Deps = {
      db: database.prisma,
      slack: new SlackGateway(app.client, logger, pacer, options.peopleCacheMs),
      installation,
      logger,
      outbox,
      inbox,
    };
    keepOnlyWhatMatters(inbox, deps);
    outbox.onResumed(tenders.announceHeld(deps));

    // The features, in the order of the graph in README.md (Architecture): each one builds only
    // on those before it.
    outbox.register(
      tenders.tenderDeliveries(),
      acknowledgements.acknowledgementDeliveries(deps),
      metrics.metricDeliveries(deps, {
        // The features working on a metric put their buttons on its post in a seller channel.
        sellerButtons: (metricId) => [estimates.quantifyButton(metricId)],
      }),
      metrics.suggestionDeliveries(deps),
      estimates.estimateDeliveries(deps),
      requirements.requirementDeliveryKinds(deps, {
        inFlight: slackApp.inFlight,
        teamCopyRefreshMs: options.teamCopyRefreshMs,
        // The features working in a requirement's thread put their buttons on its seller post.
        sellerPostButtons: ({ id: requirementId, metrics: served }) => [
          ...replies.sellerPostButtons(requirementId),
          lessons.shareLessonButton({ requirementId }),
          // A requirement that serves key metrics asks for the seller's estimate on them.
          ...(served[0] ? [estimates.quantifyButton(served[0].id)] : []),
        ],
      }),
      intents.intentDeliveries(deps),
      replies.replyDeliveries(deps),
      clarifications.clarificationDeliveries(deps),
      clarifications.quietDeliveries(deps),
      lessons.lessonDeliveries(deps),
      checkins.checkInDeliveries(deps),
      nudges.nudgeDeliveries(deps),
      timeline.timelineDeliveries(deps),
      // Each seller's pinned overview, updated once what it shows has gone out.
      overview.overviewDeliveries(deps, { refreshMs: options.overviewRefreshMs }),
      // The App Home of whoever opened it, published again once what it shows has gone out.
      home.homeDeliveries(deps, { refreshEveryMs: options.homeRefreshMs }),
    );
    // What features above tenders add to its status, in `/tender status` and from the App Home.
    const statusNotes = [
      clarifications.quietNotes,
      acknowledgements.acknowledgementNotes,
      engagement.engagementNotes,
    ];
    registerTenderCommand(app, logger, [
      tenders.commands(deps, { notes: statusNotes }),
      metrics.commands(deps),
      businessCase.commands(deps),
      recordExport.commands(deps, options.export),
      sellers.commands(deps),
      requirements.commands(deps),
      revisions.commands(deps),
      clarifications.commands(deps),
      lessons.commands(deps),
      checkins.commands(deps),
      nudges.commands(deps),
      timeline.commands(deps),
      audit.commands(deps),
    ]);
    tenders.register(app, deps);
    acknowledgements.register(app, deps);
    metrics.register(app, deps);
    estimates.register(app, deps);
    sellers.register(app, deps);
    requirements.register(app, deps);
    intents.register(app, deps);
    // A buyer's answer to one seller in the quiet period: publish it to all sellers, or keep it as an exception.
    replies.register(app, deps, [clarifications.privateAnswers(deps)]);
    revisions.register(app, deps);
    clarifications.register(app, deps);
    lessons.register(app, deps, [checkins.lessonAnswers(deps)]);
    checkins.register(app, deps);
    timeline.register(app, deps);
    home.register(app, deps, { statusNotes });
    // Slack revoked the app's tokens or the app was uninstalled: hold every message until it works again.
    app.event("tokens_revoked", async () => outbox.hold("tokens_revoked"));
    app.event("app_uninstalled", async () => outbox.hold("app_uninstalled"));
    app.error(async (error) => {
      failureText(error.original ?? error, logger, { where: "listener" });
      // The inbox works the item again later: it must learn that this attempt failed.
      throw error.original ?? error;
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
          name: "forget-worked-inbox-items",
          schedule: "17 * * * *",
          run: (now) => forgetWorked(database.prisma, new Date(now.getTime() - 72 * 3_600_000)),
        },
        // Kicks work and send at once; the ticks pick up what another instance or a crash left behind.
        { name: "work-inbox", schedule: "*/10 * * * * *", run: (now) => inbox.runOnce(now) },
        { name: "dispatch-outbox", schedule: "*/10 * * * * *", run: (now) => outbox.runOnce(now) },
        // While the token is refused, nothing new is planned either: it could not be sent.
        ...tickJobs.map((job) => ({
          ...job,
          schedule: tick,
          run: (now: Date) => (outbox.held ? Promise.resolve("held") : job.run(now)),
        })),
      ],
      logger,
    );
    inbox.kick();
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
      settled: (timeoutMs = 10_000) => inFlight.drain(timeoutMs),
      caughtUp: (timeoutMs = 30_000) => caughtUp({ inFlight, inbox, outbox, database }, timeoutMs),
      async stop() {
        await slackApp.stop();
        // The inbox finishes the items in hand and the outbox the message in hand; the rest waits
        // in the database for the next start.
        const inboxStopped = inbox.stop();
        const outboxStopped = outbox.stop();
        const drained = await inFlight.drain(SHUTDOWN_DRAIN_MS);
        if (!drained) logger.warn({ running: inFlight.size }, "stopped with work still running");
        await inboxStopped;
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
