// The floor Tender Room is measured against: a bare Bolt 5 app on the same HTTP receiver, with one
// /tender command that acknowledges and one message listener that does nothing. Plain JavaScript,
// so that node runs it as it runs the compiled app, without a loader.
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  endpoints: "/slack/events",
  logLevel: LogLevel.ERROR,
  customRoutes: [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"ok":true}');
      },
    },
  ],
});
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command("/tender", async ({ ack }) => {
  await ack();
});
app.message(async () => {});
await app.start(Number(process.env.PORT));
