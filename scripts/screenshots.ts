/**
 * Regenerates the sandbox screenshots the README shows (docs/sandbox-*.png): a sandbox on a fresh
 * embedded database, the demo tender loaded through the app's real handlers, then the buyer's
 * team channel with a requirement's thread and the same tender as a seller sees it. Run with
 * `npm run screenshots`; it needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { startTenderRoom } from "../src/app.js";
import { loadStart } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startSandbox } from "../src/sandbox/index.js";
import { buildPageIfStale, launchChromium } from "../tests/support/browser.js";

const ROOT = new URL("..", import.meta.url).pathname;
const VIEWPORT = { width: 1440, height: 900 };

async function channelNamed(page: Page, prefix: string, suffix: string): Promise<void> {
  const channels = page.locator(`[data-testid^="channel-${prefix}"]`);
  await channels.first().waitFor({ timeout: 20_000 });
  const ids = await channels.evaluateAll((items) =>
    items.map((item) => item.getAttribute("data-testid") ?? ""),
  );
  const wanted = ids.find((id) => id.endsWith(suffix)) ?? ids[0] ?? "";
  await page.getByTestId(wanted).click();
}

async function main(): Promise<void> {
  buildPageIfStale();
  const dataDir = await mkdtemp(join(tmpdir(), "tender-room-screenshots-"));
  const start = loadStart({ SANDBOX: "1", PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "warn" });
  if (start.mode !== "sandbox") throw new Error("the sandbox did not open");
  const logger = createLogger({ level: "warn" });
  const sandbox = await startSandbox({
    config: start.config,
    logger,
    startApp: (config, host) => startTenderRoom({ config, logger, host }),
  });
  const browser = await launchChromium();
  try {
    const loaded = await fetch(`${sandbox.url}sandbox/demo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ as: "U0OLIVIA" }),
    });
    if (!loaded.ok) throw new Error(`the demo tender did not load: ${await loaded.text()}`);

    const buyer = await browser.newPage({ viewport: VIEWPORT });
    await buyer.goto(`${sandbox.url}?as=U0OLIVIA`);
    await channelNamed(buyer, "tender-smart-meter-rollout-2027", "2027");
    const withReplies = buyer.getByTestId("thread-open").first();
    await withReplies.waitFor({ timeout: 20_000 });
    await withReplies.click();
    await buyer.getByTestId("thread-pane").waitFor();
    await buyer.waitForTimeout(500);
    await buyer.screenshot({ path: join(ROOT, "docs", "sandbox-buyer.png") });

    const seller = await browser.newPage({ viewport: VIEWPORT });
    await seller.goto(`${sandbox.url}?as=U0SAMSTONE`);
    await channelNamed(seller, "tender-smart-meter-rollout-2027", "acme-grid-systems");
    await seller.waitForTimeout(500);
    await seller.screenshot({ path: join(ROOT, "docs", "sandbox-seller.png") });
    process.stdout.write("Wrote docs/sandbox-buyer.png and docs/sandbox-seller.png\n");
  } finally {
    await browser.close();
    await sandbox.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
