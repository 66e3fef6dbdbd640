/** The page itself: its HTML shell, its built script and style, and the files people download. */
import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import { SANDBOX_ROUTES } from "../contract.js";
import type { FakeSlack } from "../slack/index.js";
import { canSee, personOf } from "./people.js";

export const PAGE_NOT_BUILT = "The sandbox page is not built yet: run npm run build.";

const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tender Room sandbox</title>
<link rel="stylesheet" href="${SANDBOX_ROUTES.style}">
</head>
<body>
<div id="root"></div>
<script type="module" src="${SANDBOX_ROUTES.script}"></script>
</body>
</html>
`;

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

export function answerShell(res: ServerResponse): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    "content-type": "text/html; charset=utf-8",
    "content-security-policy":
      "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(SHELL);
}

const ASSETS: Record<string, { file: string; type: string }> = {
  [SANDBOX_ROUTES.script]: { file: "page.js", type: "text/javascript; charset=utf-8" },
  [SANDBOX_ROUTES.style]: { file: "page.css", type: "text/css; charset=utf-8" },
};

export function isAsset(path: string): boolean {
  return path in ASSETS;
}

export async function answerAsset(res: ServerResponse, pageDir: string, path: string): Promise<void> {
  const asset = ASSETS[path];
  const bytes = asset && (await readFile(join(pageDir, asset.file)).catch(() => undefined));
  if (!asset || !bytes) {
    res.writeHead(503, { ...SECURITY_HEADERS, "content-type": "text/plain; charset=utf-8" });
    res.end(PAGE_NOT_BUILT);
    return;
  }
  res.writeHead(200, { ...SECURITY_HEADERS, "content-type": asset.type });
  res.end(bytes);
}

/** A shared file, to a person of a channel it was shared in; to anyone else it does not exist. */
export function answerFile(res: ServerResponse, slack: FakeSlack, fileId: string, as: string): void {
  const person = personOf(slack, as);
  const file = slack.files().find((candidate) => candidate.id === fileId);
  const channel = file?.channelId === undefined ? undefined : slack.channel(file.channelId);
  if (!file || !channel || !canSee(channel, person)) {
    res.writeHead(404, { ...SECURITY_HEADERS, "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: `${person.name} can see no file ${fileId.slice(0, 40)}.` }));
    return;
  }
  const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    "content-type": "application/octet-stream",
    "content-length": String(file.bytes.length),
    "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  });
  res.end(file.bytes);
}
