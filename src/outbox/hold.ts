import type { Logger } from "../logger.js";
import type { InFlight } from "../slack/in-flight.js";

/** Refusals of the app's token: every message waits until Slack takes the token again. */
export const TOKEN_REFUSED = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "tokens_revoked",
  "app_uninstalled",
]);

export interface Hold {
  reason: string;
  since: Date;
}

export interface TokenHoldOptions {
  logger: Logger;
  inFlight: InFlight;
  /** Whether Slack takes the app's token again (`auth.test`). */
  tokenWorks?: () => Promise<boolean>;
  /** Once it does: before what waited is sent. */
  resumed: (hold: Hold & { until: Date }) => Promise<void>;
  /** First wait before asking again; it doubles up to five minutes. */
  recheckMs?: number;
}

/**
 * Slack refuses the app's token (or said it was revoked): the outbox sends nothing and fails
 * nothing until `auth.test` passes again, asked with a growing pause.
 */
export class TokenHold {
  private hold: Hold | undefined;
  private recheck: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: TokenHoldOptions) {}

  get current(): Hold | undefined {
    return this.hold;
  }

  start(reason: string): void {
    if (this.hold || this.stopped) return;
    this.hold = { reason, since: new Date() };
    this.options.logger.warn({ reason }, "Slack refuses the app's token: the outbox holds its messages");
    this.scheduleRecheck(this.options.recheckMs ?? 5_000);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.recheck);
  }

  private scheduleRecheck(delayMs: number): void {
    clearTimeout(this.recheck);
    this.recheck = setTimeout(() => void this.options.inFlight.track(this.check(delayMs)), delayMs);
    this.recheck.unref();
  }

  private async check(delayMs: number): Promise<void> {
    const hold = this.hold;
    if (!hold || this.stopped) return;
    const works = await (this.options.tokenWorks?.() ?? Promise.resolve(true)).catch(() => false);
    if (!works) {
      this.scheduleRecheck(Math.min(delayMs * 2, 5 * 60_000));
      return;
    }
    this.hold = undefined;
    this.options.logger.info({ reason: hold.reason, since: hold.since }, "Slack takes the app's token again");
    await this.options.resumed({ ...hold, until: new Date() }).catch((error: unknown) => {
      this.options.logger.error({ err: error }, "could not tell what was held");
    });
  }
}
