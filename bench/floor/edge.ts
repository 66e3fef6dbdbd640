import { performance } from "node:perf_hooks";
import { inspectRequest } from "../../src/slack/edge.js";

/** Requests in the shapes Slack sends them, as the edge sees them parsed. */
function samples(): Record<string, unknown>[] {
  const user = { id: "U0SELLER", team_id: "T0SELLER", username: "sam", name: "sam" };
  return [
    {
      type: "event_callback",
      team_id: "T0BUYER",
      api_app_id: "A0APP",
      event_id: "Ev0EDGE",
      event_time: 1_800_000_000,
      event: {
        type: "message",
        channel: "C0SELLER",
        channel_type: "group",
        user: "U0SELLER",
        user_team: "T0SELLER",
        text: "We did this at three utilities: <https://acme.example/case|case study> cc <@U0OWNER> :rocket:",
        ts: "1800000000.000200",
        thread_ts: "1800000000.000100",
        blocks: [
          {
            type: "rich_text",
            elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "We did this" }] }],
          },
        ],
      },
    },
    {
      command: "/tender",
      text: "status",
      team_id: "T0BUYER",
      channel_id: "C0TEAM",
      user_id: "U0OWNER",
      response_url: "https://hooks.slack.com/commands/T0BUYER/1/abc",
      trigger_id: "1.2.abc",
    },
    {
      type: "block_actions",
      user,
      channel: { id: "C0SELLER" },
      trigger_id: "1.2.def",
      response_url: "https://hooks.slack.com/actions/T0BUYER/1/def",
      actions: [{ action_id: "requirement_ask_question", value: "12", type: "button", block_id: "b" }],
      message: { ts: "1800000000.000100", text: "R-1", blocks: [] },
    },
    {
      type: "view_submission",
      user,
      trigger_id: "1.2.ghi",
      view: {
        id: "V0",
        callback_id: "seller_input",
        private_metadata: JSON.stringify({ requirementId: 12, channelId: "C0SELLER", kind: "question" }),
        state: {
          values: { text: { text_input: { type: "plain_text_input", value: "Must it work offline?" } } },
        },
      },
      response_urls: [],
    },
  ];
}

/** Microseconds the edge spends on one request (cleaning, shape, response URLs), median of runs. */
export function edgeCostMicros(iterations = 20_000): number {
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const batch = Array.from({ length: iterations }, (_, i) => structuredClone(samples()[i % 4] ?? {}));
    const started = performance.now();
    for (const body of batch) inspectRequest(body, undefined);
    runs.push(((performance.now() - started) * 1_000) / iterations);
  }
  return runs.sort((a, b) => a - b)[2] ?? 0;
}
