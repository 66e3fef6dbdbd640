import { z } from "zod";
import { originCodec, rowId } from "../../../slack/modal.js";

/** What an answer form remembers: the run it answers and where its prompt is. */
export const answerOrigin = originCodec({
  occurrenceId: rowId,
  channelId: z.string().min(1),
  threadTs: z.string().optional(),
});
