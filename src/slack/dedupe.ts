import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { PrismaClient } from "../db/client.js";
import type { Logger } from "../logger.js";

function eventIdOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { type, event_id } = body as { type?: unknown; event_id?: unknown };
  return type === "event_callback" && typeof event_id === "string" ? event_id : undefined;
}

/**
 * Slack redelivers an event when it did not see our acknowledgement in time (x-slack-retry-num),
 * and Bolt does not drop the copies. Each event_id is claimed once; if its listeners fail, the
 * claim is released so that Slack's next retry can do the work.
 */
export function handleEachEventOnce(db: PrismaClient, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = eventIdOf(body);
    if (!eventId) return next();
    const { count } = await db.processedEvent.createMany({ data: [{ eventId }], skipDuplicates: true });
    if (count === 0) {
      logger.info({ eventId }, "event already handled; redelivery ignored");
      return;
    }
    try {
      await next();
    } catch (error) {
      await db.processedEvent.delete({ where: { eventId } }).catch(() => undefined);
      throw error;
    }
  };
}

/** Slack retries for at most a few hours; older claims only take space. */
export async function forgetOldEvents(db: PrismaClient, now: Date, keepHours = 72): Promise<number> {
  const before = new Date(now.getTime() - keepHours * 3_600_000);
  const { count } = await db.processedEvent.deleteMany({ where: { receivedAt: { lt: before } } });
  return count;
}
