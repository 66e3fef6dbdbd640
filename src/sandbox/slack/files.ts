/**
 * File uploads as Slack takes them: files.getUploadURLExternal hands out a file id and an upload
 * URL (here on the fake's own address), the bytes are POSTed there, and
 * files.completeUploadExternal finishes the upload and shares the file in a channel, posting the
 * file share message there.
 */
import { randomBytes } from "node:crypto";
import { isRecord, str, structured } from "./args.js";
import { fail, type Handler, type MethodContext, ok, writableChannel } from "./common.js";
import { apiFile } from "./serialize.js";
import type { SlackState } from "./state.js";
import type { ApiBody, FakeChannel } from "./types.js";

/** Where upload URLs point, under the fake's base URL. */
export const UPLOAD_PATH = "/upload/v1/";

/** The name faults and recorded calls give the POST of a file's bytes to its upload URL. */
export const UPLOAD_URL_METHOD = "files.upload_url";

function missing(field: string): ApiBody {
  return fail("invalid_arguments", {
    response_metadata: { messages: [`[ERROR] missing required field: ${field}`] },
  });
}

function invalid(problem: string, pointer: string): ApiBody {
  return fail("invalid_arguments", {
    response_metadata: { messages: [`[ERROR] ${problem} [json-pointer:${pointer}]`] },
  });
}

/** files.getUploadURLExternal and files.completeUploadExternal; `baseUrl` is the fake's own. */
export function fileMethods(baseUrl: () => string): Record<string, Handler> {
  const getUploadUrl: Handler = (ctx) => {
    const filename = str(ctx.args, "filename");
    if (filename === undefined || filename.trim() === "") return missing("filename");
    const lengthArg = str(ctx.args, "length");
    if (lengthArg === undefined || lengthArg === "") return missing("length");
    if (!/^\d+$/.test(lengthArg)) return invalid("must be an integer", "/length");
    const id = ctx.state.ids.next("F");
    const token = randomBytes(12).toString("hex");
    ctx.state.uploads.set(id, {
      id,
      filename,
      length: Number(lengthArg),
      token,
      bytes: undefined,
      completed: undefined,
    });
    return ok({ upload_url: `${baseUrl()}${UPLOAD_PATH}${token}`, file_id: id });
  };

  return {
    "files.getUploadURLExternal": getUploadUrl,
    "files.completeUploadExternal": completeUpload,
  };
}

/** The `files` argument: a non-empty array of `{ id, title? }`. */
function readFiles(ctx: MethodContext): { id: string; title: string | undefined }[] | ApiBody {
  const arg = structured(ctx.args, "files");
  if (!arg.present) return missing("files");
  if ("invalid" in arg || !Array.isArray(arg.value) || arg.value.length === 0) {
    return invalid("must provide a non-empty array", "/files");
  }
  const files: { id: string; title: string | undefined }[] = [];
  for (const [i, entry] of arg.value.entries()) {
    if (!isRecord(entry) || typeof entry.id !== "string" || entry.id === "") {
      return invalid("must provide an id", `/files/${i}/id`);
    }
    files.push({ id: entry.id, title: typeof entry.title === "string" ? entry.title : undefined });
  }
  return files;
}

const completeUpload: Handler = (ctx) => {
  const files = readFiles(ctx);
  if (!Array.isArray(files)) return files;
  const channelId = str(ctx.args, "channel_id") || undefined;
  const threadTs = str(ctx.args, "thread_ts") || undefined;
  if (threadTs !== undefined && channelId === undefined) return missing("channel_id");
  // An upload whose bytes never arrived, or that is already complete, is no file to complete.
  const uploads = files.map((file) => ctx.state.uploads.get(file.id));
  if (uploads.some((upload) => upload?.bytes === undefined || upload.completed !== undefined)) {
    return fail("file_not_found");
  }
  let channel: FakeChannel | undefined;
  if (channelId !== undefined) {
    const found = writableChannel(ctx, "channel_id");
    if (typeof found === "string") return fail(found);
    channel = found;
  }
  const initialComment = str(ctx.args, "initial_comment") || undefined;
  const shared = files.flatMap((file, i) => {
    const upload = uploads[i];
    if (!upload) return [];
    const title = file.title || upload.filename;
    upload.completed = { title, channelId: channel?.id, initialComment, threadTs };
    return [{ id: upload.id, name: upload.filename, title }];
  });
  if (channel) share(ctx.state, channel, shared, initialComment, threadTs);
  return ok({ files: shared.map((file) => apiFile(ctx.state, file)) });
};

/** The file share message, posted by the app like a message of its own. */
function share(
  state: SlackState,
  channel: FakeChannel,
  files: { id: string; name: string; title: string }[],
  text: string | undefined,
  threadTs: string | undefined,
): void {
  state.appendMessage({
    channel: channel.id,
    ts: state.clock.next(),
    text: text ?? "",
    blocks: undefined,
    threadTs,
    metadata: undefined,
    user: state.identity.botUserId,
    botId: state.identity.botId,
    edited: undefined,
    replyCount: 0,
    files,
  });
}

/**
 * Takes the bytes POSTed to an upload URL: the raw body, or the first file part of a multipart
 * form (as the Web API client sends them). Answers like Slack's upload endpoint: 200 "OK - <length>".
 */
export async function receiveUpload(
  state: SlackState,
  token: string,
  bytes: Buffer,
  contentType: string,
): Promise<{ status: number; body: string; fileId?: string }> {
  const upload = [...state.uploads.values()].find((candidate) => candidate.token === token);
  if (!upload || upload.completed !== undefined) return { status: 404, body: "not found" };
  let content = bytes;
  if (contentType.toLowerCase().startsWith("multipart/form-data")) {
    const form = await new Response(new Uint8Array(bytes), {
      headers: { "content-type": contentType },
    })
      .formData()
      .catch(() => undefined);
    const part = form && [...form.values()].find((value) => typeof value !== "string");
    if (!part || typeof part === "string") return { status: 400, body: "invalid_form_data" };
    content = Buffer.from(await part.arrayBuffer());
  }
  upload.bytes = content;
  return { status: 200, body: `OK - ${content.length}`, fileId: upload.id };
}
