/**
 * Slack accepts about one message per second per channel; beyond that it answers HTTP 429 and the
 * Web API client pauses every call until Retry-After. Spacing posts per channel avoids the stall.
 */
export class ChannelPacer {
  /** Per channel: when its last post was answered, and the queue of posts waiting behind it. */
  private readonly channels = new Map<string, { lastAt: number; queue: Promise<unknown> }>();

  /** A little over a second, so the network's jitter does not bring two posts closer than Slack allows. */
  constructor(private readonly intervalMs = 1_100) {}

  /**
   * Runs `post` once the channel's previous post was answered at least the interval ago. Counting
   * from the answer, not the request, keeps the spacing even when requests wait in a queue.
   */
  run<T>(channel: string, post: () => Promise<T>): Promise<T> {
    const state = this.channels.get(channel) ?? { lastAt: 0, queue: Promise.resolve() };
    const turn = state.queue.then(async () => {
      const delay = state.lastAt + this.intervalMs - Date.now();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      try {
        return await post();
      } finally {
        state.lastAt = Date.now();
      }
    });
    state.queue = turn.catch(() => undefined);
    this.channels.set(channel, state);
    if (this.channels.size > 5_000) this.forgetIdle();
    return turn;
  }

  private forgetIdle(): void {
    const idleSince = Date.now() - this.intervalMs;
    for (const [channel, state] of this.channels) if (state.lastAt < idleSince) this.channels.delete(channel);
  }
}
