import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.js";

/** A run-once job: it is handed the time of its run and does its work for that moment. */
export interface Job {
  name: string;
  /** A node-cron expression (seconds optional). */
  schedule: string;
  run(now: Date): Promise<unknown>;
}

/** A job that runs on every tick of the scheduler (see `SCHEDULER_TICK_SECONDS`). */
export interface TickJob {
  name: string;
  run(now: Date): Promise<unknown>;
}

/** node-cron's expression for a tick every `seconds` seconds. */
export function tickSchedule(seconds: number): string {
  return seconds >= 60 ? "0 * * * * *" : `*/${seconds} * * * * *`;
}

export interface Scheduler {
  /** Stops ticking and waits for runs in progress. */
  stop(): Promise<void>;
}

/** node-cron's own messages (e.g. a run skipped because the previous one still runs) go to our log. */
function cronLogger(logger: Logger) {
  const child = logger.child({ component: "scheduler" });
  return {
    info: (message: string) => child.debug(message),
    warn: (message: string) => child.debug(message),
    error: (message: string | Error, err?: Error) => child.error({ err: err ?? message }, String(message)),
    debug: (message: string | Error) => child.debug(String(message)),
  };
}

export function startScheduler(jobs: Job[], logger: Logger): Scheduler {
  const running = new Set<Promise<unknown>>();
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      async ({ date }) => {
        const run = job.run(date).then(
          (result) => logger.debug({ job: job.name, result }, "job done"),
          (error: unknown) => logger.error({ job: job.name, err: error }, "job failed"),
        );
        running.add(run);
        await run;
        running.delete(run);
      },
      { name: job.name, noOverlap: true, logger: cronLogger(logger) },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
      await Promise.all(running);
    },
  };
}
