import { OWNER, type Stage, timeUntil } from "./setup.js";

export interface FanOutResult {
  requirements: number;
  sellers: number;
  seconds: number;
  floorSeconds: number;
  throttled: number;
  duplicates: number;
}

/** Sellers invited through `/tender invite`, as a buyer would; the tender is T-1. */
export async function tenderWithSellers(stage: Stage, sellers: number): Promise<string> {
  await stage.command("new Bench tender", "C0GENERAL");
  const tender = await stage.db.tender.findFirstOrThrow({ orderBy: { id: "desc" } });
  for (let i = 1; i <= sellers; i++) {
    await stage.command(`invite Seller ${i} people@seller${i}.example`, tender.teamChannelId);
  }
  return tender.teamChannelId;
}

/**
 * Posts `requirements` requirements back to back and times until every seller channel has all of
 * them. With Slack's limit of one message per second per channel, each channel needs at least
 * (requirements - 1) seconds: that is the floor.
 */
export async function fanOut(
  stage: Stage,
  teamChannelId: string,
  requirements: number,
): Promise<FanOutResult> {
  const sellers = await stage.db.seller.findMany({ select: { channelId: true } });
  const before = await stage.db.requirementPost.count();
  const postsIn = (channelId: string) =>
    stage.fake.messages(channelId).filter((message) => message.metadata).length;
  const postsBefore = new Map(sellers.map((seller) => [seller.channelId, postsIn(seller.channelId)]));
  stage.fake.limitPostsPerChannel(1);
  stage.fake.clearCalls();
  const started = performance.now();
  // Only the acknowledgements are awaited: the clock runs while the outbox sends.
  for (let i = 1; i <= requirements; i++) {
    await stage.requests.command({
      text: `require Bench requirement ${i}`,
      userId: OWNER,
      channelId: teamChannelId,
    });
  }
  const expected = before + requirements * sellers.length;
  await timeUntil(async () => (await stage.db.requirementPost.count()) >= expected);
  const seconds = (performance.now() - started) / 1000;
  stage.fake.limitPostsPerChannel(null);
  await stage.room.settled(60_000);
  const duplicates = sellers.reduce((sum, seller) => {
    const added = postsIn(seller.channelId) - (postsBefore.get(seller.channelId) ?? 0);
    return sum + Math.max(0, added - requirements);
  }, 0);
  return {
    requirements,
    sellers: sellers.length,
    seconds,
    floorSeconds: requirements - 1,
    throttled: stage.fake.calls("chat.postMessage").filter((call) => call.status === 429).length,
    duplicates,
  };
}
