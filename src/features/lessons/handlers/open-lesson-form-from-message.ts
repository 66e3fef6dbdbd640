import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import type { Deps } from "../../../kernel/deps.js";
import { failureText } from "../../../kernel/handlers.js";
import { plainText } from "../../../slack/text.js";
import { TEXT_MAX, titleFrom } from "../domain.js";
import { capturePlace, lessonForm } from "../service.js";

/** "Save as lesson learned" on a message of a tender channel: the form prefilled with it, linked to it. */
export function openLessonFormFromMessage(deps: Deps) {
  return async ({
    ack,
    shortcut,
    respond,
  }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
    await ack();
    try {
      const place = await capturePlace(deps, shortcut.channel.id, {
        id: shortcut.user.id,
        teamId: shortcut.user.team_id,
      });
      const text = plainText(shortcut.message.text ?? "");
      const threadTs =
        typeof shortcut.message.thread_ts === "string" ? shortcut.message.thread_ts : shortcut.message.ts;
      const view = await lessonForm(deps, {
        place,
        threadTs,
        source: { channelId: shortcut.channel.id, ts: shortcut.message.ts },
        responseUrl: shortcut.response_url,
        prefill: { title: titleFrom(text), lesson: text.slice(0, TEXT_MAX) },
      });
      await deps.slack.openModal(shortcut.trigger_id, view);
    } catch (error) {
      const text = failureText(error, deps.logger, {
        shortcut: shortcut.callback_id,
        user: shortcut.user.id,
      });
      await respond({ response_type: "ephemeral", text });
    }
  };
}
