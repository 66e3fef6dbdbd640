/**
 * The inbox's timers: one wake-up for the earliest retry the database knows of, and the items this
 * instance tries again by itself when the database could not record their retry.
 */
export class InboxTimers {
  private wakeUp: NodeJS.Timeout | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;
  private readonly retries = new Set<NodeJS.Timeout>();

  constructor(private readonly onWake: () => void) {}

  /** Wakes the inbox at `at` (the earliest of those asked for). */
  wakeUpAt(at: number): void {
    if (at >= this.wakeAt) return;
    clearTimeout(this.wakeUp);
    this.wakeAt = at;
    this.wakeUp = setTimeout(
      () => {
        this.wakeAt = Number.POSITIVE_INFINITY;
        this.onWake();
      },
      at - Date.now() + 5,
    );
    this.wakeUp.unref();
  }

  /** Runs `retry` after `delayMs`; counted in `retrying` until then. */
  retryLater(retry: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      retry();
    }, delayMs);
    timer.unref();
    this.retries.add(timer);
  }

  get retrying(): number {
    return this.retries.size;
  }

  /** Nothing more fires; what waited for a retry stays leased in the database for a later claim. */
  stop(): void {
    clearTimeout(this.wakeUp);
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
  }
}
