import { LogLevel, type Logger as SlackLogger, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { SlackGateway } from "../../src/slack/gateway.js";
import { ChannelPacer } from "../../src/slack/pacer.js";
import { inWorkScope, outsideWork, WORK_EVENT_TYPE } from "../../src/slack/work-scope.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";

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

const work = (attempt: number, since = new Date()) => ({ key: "Ev0WORK", attempt, since });

describe("posts while something Slack sent is worked", () => {
  it("names each post by the work and its place, and a later attempt finds them instead of posting again", async () => {
    const since = new Date();
    const first = await inWorkScope(work(1, since), async () => [
      await slack.post(channel, { text: "Welcome" }),
      await slack.post(channel, { text: "Details" }),
    ]);
    expect(fake.messages(channel).map((message) => message.metadata)).toEqual([
      { event_type: WORK_EVENT_TYPE, event_payload: { post: `Ev0WORK:${channel}::1` } },
      { event_type: WORK_EVENT_TYPE, event_payload: { post: `Ev0WORK:${channel}::2` } },
    ]);

    // The second attempt posts the same two, then one the first attempt never got to.
    const again = await inWorkScope(work(2, since), async () => [
      await slack.post(channel, { text: "Welcome" }),
      await slack.post(channel, { text: "Details" }),
      await slack.post(channel, { text: "Report" }),
    ]);
    expect(again.slice(0, 2)).toEqual(first);
    expect(fake.messages(channel).map((message) => message.text)).toEqual(["Welcome", "Details", "Report"]);
  });

  it("counts places per thread, and leaves alone a message with metadata of its own and one outside any work", async () => {
    const parent = await slack.post(channel, { text: "Outside" });
    await inWorkScope(work(1), async () => {
      await slack.post(channel, { text: "In the thread", threadTs: parent });
      await slack.post(channel, {
        text: "Own metadata",
        metadata: { event_type: "tender_requirement", event_payload: { requirement: 1 } },
      });
      await outsideWork(() => slack.post(channel, { text: "Outside again" }));
    });
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
