import { LogLevel, type Logger as SlackLogger, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { type FakeSlack, startFakeSlack } from "../../src/sandbox/slack/index.js";
import { slackErrorCode } from "../../src/slack/errors.js";
import { SlackGateway } from "../../src/slack/gateway.js";
import { ChannelPacer } from "../../src/slack/pacer.js";
import { workAttempt } from "../../src/slack/work-scope.js";

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

/** Bytes no text encoding would keep intact. */
const chart = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x7f]);

describe("uploading a file to Slack", () => {
  it("uploads the bytes and shares them in the channel with the comment, in a thread when asked", async () => {
    const parent = await slack.post(channel, { text: "Compare the sellers" });
    const uploaded = await slack.uploadFile(channel, {
      filename: "improvement.png",
      title: "T-3 · improvement toward target",
      content: chart,
      initialComment: "Where each seller's estimate lands",
      threadTs: parent,
    });

    expect(fake.files()).toEqual([
      {
        id: uploaded.fileId,
        filename: "improvement.png",
        title: "T-3 · improvement toward target",
        channelId: channel,
        bytes: chart,
        initialComment: "Where each seller's estimate lands",
        threadTs: parent,
      },
    ]);
    expect(uploaded.permalink).toContain(uploaded.fileId);
    const share = fake.messages(channel).at(-1);
    expect(share).toMatchObject({
      text: "Where each seller's estimate lands",
      threadTs: parent,
      files: [{ id: uploaded.fileId, name: "improvement.png", title: "T-3 · improvement toward target" }],
    });
  });

  it("sends text as UTF-8 and shares at the top of the channel without a thread", async () => {
    await slack.uploadFile(channel, {
      filename: "scores.csv",
      title: "Scores",
      content: "seller,score\nÆsir,3\n",
    });
    const [file] = fake.files();
    expect(file?.bytes.toString("utf8")).toBe("seller,score\nÆsir,3\n");
    expect(file?.threadTs).toBeUndefined();
    expect(fake.messages(channel).map((message) => message.threadTs)).toEqual([undefined]);
  });

  it("passes on Slack's refusal when the app is not in the channel", async () => {
    const elsewhere = fake.addChannel({ name: "tender-private", isPrivate: true, members: [] });
    const refused = await slack
      .uploadFile(elsewhere, { filename: "a.png", title: "A", content: chart })
      .catch((error: unknown) => error);
    expect(slackErrorCode(refused)).toBe("not_in_channel");
    expect(fake.files()).toEqual([]);
    expect(fake.messages(elsewhere)).toEqual([]);
  });

  it("does not upload again on a later attempt of the same work", async () => {
    const since = new Date();
    const file = { filename: "improvement.png", title: "Improvement", content: chart };
    const first = await slack.forWork(workAttempt("Ev0CHART", 1, since)).uploadFile(channel, file);
    const again = await slack.forWork(workAttempt("Ev0CHART", 2, since)).uploadFile(channel, file);
    expect(again.fileId).toBe(first.fileId);
    expect(fake.files()).toHaveLength(1);
    expect(fake.calls("files.getUploadURLExternal")).toHaveLength(1);
  });
});
