import { LogLevel, type Logger as SlackLogger, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { type FakeSlack, startFakeSlack } from "../../src/sandbox/slack/index.js";
import { SlackGateway } from "../../src/slack/gateway.js";
import { ChannelPacer } from "../../src/slack/pacer.js";
import { WORK_EVENT_TYPE, workAttempt } from "../../src/slack/work-scope.js";

const quiet: SlackLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

let fake: FakeSlack;
let slack: SlackGateway;
let channel: string;

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  channel = fake.addChannel({ name: "tender-pumps" });
  slack = new SlackGateway(
    new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: quiet }),
    createLogger({ level: "silent" }),
    new ChannelPacer(0),
  );
});

const work = (attempt: number, since = new Date()) => workAttempt("Ev0WORK", attempt, since);

describe("posts while something Slack sent is worked", () => {
  it("names each post by the work and its place, and a later attempt finds them instead of posting again", async () => {
    const since = new Date();
    const firstAttempt = slack.forWork(work(1, since));
    const first = [
      await firstAttempt.post(channel, { text: "Welcome" }),
      await firstAttempt.post(channel, { text: "Details" }),
    ];
    expect(fake.messages(channel).map((message) => message.metadata)).toEqual([
      { event_type: WORK_EVENT_TYPE, event_payload: { post: `Ev0WORK:${channel}::1` } },
      { event_type: WORK_EVENT_TYPE, event_payload: { post: `Ev0WORK:${channel}::2` } },
    ]);

    // The second attempt posts the same two, then one the first attempt never got to.
    const secondAttempt = slack.forWork(work(2, since));
    const again = [
      await secondAttempt.post(channel, { text: "Welcome" }),
      await secondAttempt.post(channel, { text: "Details" }),
      await secondAttempt.post(channel, { text: "Report" }),
    ];
    expect(again.slice(0, 2)).toEqual(first);
    expect(fake.messages(channel).map((message) => message.text)).toEqual(["Welcome", "Details", "Report"]);
  });

  it("counts places per thread, and leaves alone a message with metadata of its own and one posted for no work", async () => {
    const parent = await slack.post(channel, { text: "Outside" });
    const worked = slack.forWork(work(1));
    await worked.post(channel, { text: "In the thread", threadTs: parent });
    await worked.post(channel, {
      text: "Own metadata",
      metadata: { event_type: "tender_requirement", event_payload: { requirement: 1 } },
    });
    await slack.post(channel, { text: "Outside again" });
    expect(fake.messages(channel).map((message) => [message.text, message.metadata])).toEqual([
      ["Outside", undefined],
      [
        "In the thread",
        { event_type: WORK_EVENT_TYPE, event_payload: { post: `Ev0WORK:${channel}:${parent}:1` } },
      ],
      ["Own metadata", { event_type: "tender_requirement", event_payload: { requirement: 1 } }],
      ["Outside again", undefined],
    ]);
  });
});
