/**
 * Sending the app what people do, as Slack sends it: an event the app does not take with HTTP 200
 * is delivered again (with Slack's retry headers) a few times; an interaction is sent once and a
 * failure shows, as Slack's client shows it.
 */
import type { Logger } from "../../logger.js";
import type { SlackHttpResponse, SlackRequests } from "../slack/requests.js";

/** When Slack tries an event again, after the first attempt (shorter than Slack's, for a sandbox). */
const RETRY_AFTER_MS = [1_000, 5_000, 30_000];

class AppUnavailableError extends Error {
  constructor(readonly status: number) {
    super(`Tender Room answered HTTP ${status}`);
    this.name = "AppUnavailableError";
  }
}

export function isOk(response: SlackHttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

export class Forwarder {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly requests: SlackRequests,
    private readonly logger: Logger,
  ) {}

  /** Delivers an event; resolves once the app answered the first attempt. */
  async event(event: Record<string, unknown>): Promise<void> {
    const first = await this.requests.event(event);
    if (!isOk(first)) this.retry(event, first.eventId, first.status, 1);
  }

  /** An interaction payload; rejects when the app does not take it. */
  async interaction(payload: Record<string, unknown>): Promise<SlackHttpResponse> {
    const response = await this.requests.interaction(payload);
    if (!isOk(response)) throw new AppUnavailableError(response.status);
    return response;
  }

  private retry(event: Record<string, unknown>, eventId: string, status: number, attempt: number): void {
    const delay = RETRY_AFTER_MS[attempt - 1];
    if (delay === undefined) {
      this.logger.warn(
        { eventId, type: event.type, status },
        "the app did not take an event; Slack gives up",
      );
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.requests
        .event(event, { eventId, retryNum: attempt, retryReason: "http_error" })
        .then((again) => {
          if (!isOk(again)) this.retry(event, eventId, again.status, attempt + 1);
        })
        .catch((error: unknown) => {
          this.logger.warn({ err: error, eventId }, "could not deliver an event again");
          this.retry(event, eventId, status, attempt + 1);
        });
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  /** No more retries: the sandbox is closing. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
