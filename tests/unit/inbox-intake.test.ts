import { describe, expect, it } from "vitest";
import { formItem, intakeOf } from "../../src/inbox/classify.js";

const never = () => undefined;
const event = (inner: Record<string, unknown>, id = "Ev01") => ({
  type: "event_callback",
  event_id: id,
  event: inner,
});

describe("what the inbox does with what Slack sends", () => {
  it("works a thread's messages, edits and deletions in one lane, and other threads beside it", () => {
    const reply = intakeOf(event({ type: "message", channel: "C1", ts: "2.0", thread_ts: "1.0" }), never);
    const edit = intakeOf(
      event({
        type: "message",
        subtype: "message_changed",
        channel: "C1",
        message: { ts: "2.0", thread_ts: "1.0" },
      }),
      never,
    );
    const deletion = intakeOf(
      event({
        type: "message",
        subtype: "message_deleted",
        channel: "C1",
        deleted_ts: "2.0",
        previous_message: { ts: "2.0", thread_ts: "1.0" },
      }),
      never,
    );
    const otherThread = intakeOf(
      event({ type: "message", channel: "C1", ts: "4.0", thread_ts: "3.0" }),
      never,
    );
    const channelEvent = intakeOf(event({ type: "member_joined_channel", channel: "C1" }), never);
    expect([reply, edit, deletion].map((intake) => intake.take === "keep" && intake.lane)).toEqual([
      "C1:1.0",
      "C1:1.0",
      "C1:1.0",
    ]);
    expect(otherThread).toMatchObject({ take: "keep", lane: "C1:3.0" });
    expect(channelEvent).toMatchObject({ take: "keep", lane: "C1" });
  });

  it("keys an event by Slack's event id, so its retries are one item", () => {
    expect(intakeOf(event({ type: "message", channel: "C1" }, "Ev0RETRIED"), never)).toMatchObject({
      take: "keep",
      kind: "event",
      key: "Ev0RETRIED",
    });
  });

  it("keys a command, button and shortcut by their trigger id, and a form by its own", () => {
    expect(intakeOf({ command: "/tender", trigger_id: "t1", channel_id: "C1" }, never)).toEqual({
      take: "keep",
      kind: "command",
      key: "command:t1",
      lane: "C1",
    });
    expect(
      intakeOf({ type: "block_actions", trigger_id: "t2", channel: { id: "C2" }, user: { id: "U1" } }, never),
    ).toEqual({ take: "keep", kind: "action", key: "action:t2", lane: "C2" });
    expect(intakeOf({ type: "shortcut", trigger_id: "t3", user: { id: "U1" } }, never)).toEqual({
      take: "keep",
      kind: "shortcut",
      key: "shortcut:t3",
      lane: "U1",
    });
    expect(intakeOf({ type: "view_submission", trigger_id: "t4" }, never)).toEqual({ take: "direct" });
    expect(formItem({ type: "view_submission", trigger_id: "t4", user: { id: "U1" } })).toEqual({
      kind: "form",
      key: "form:t4",
      lane: "U1",
    });
  });

  it("drops what no feature acts on, and an event without an id", () => {
    const ignores = (inner: Record<string, unknown>) =>
      inner.subtype === "channel_join" ? "a join" : undefined;
    expect(intakeOf(event({ type: "message", subtype: "channel_join", channel: "C1" }), ignores)).toEqual({
      take: "ignore",
      reason: "a join",
    });
    expect(intakeOf({ type: "event_callback", event: { type: "message" } }, never)).toMatchObject({
      take: "ignore",
    });
  });
});
