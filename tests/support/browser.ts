/**
 * Headless Chromium for the browser tests, driven by playwright-core: Debian's `chromium` package
 * (or the build CHROMIUM_PATH names), started without any of its calls to the outside.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";

const ROOT = new URL("../..", import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Whether the browser tests run: on the embedded database only (they check the page, not the
 * database), and where Chromium is installed. REQUIRE_BROWSER=1 (CI) turns a missing Chromium into
 * a failure instead of a skip.
 */
export function browserTestsRun(): boolean {
  if (process.env.TEST_DATABASE === "postgres") return false;
  if (existsSync(CHROMIUM)) return true;
  if (process.env.REQUIRE_BROWSER === "1") {
    throw new Error(`Chromium is not at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH.`);
  }
  console.warn(`The browser tests are skipped: Chromium is not at ${CHROMIUM} (apt-get install chromium).`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

function newestIn(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestIn(join(path, entry))));
}

/** Bundles the page again when a source of it changed since the last build. */
export function buildPageIfStale(): void {
  const bundle = join(ROOT, "dist", "sandbox-page", "page.js");
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  const sources = Math.max(
    newestIn(join(ROOT, "src", "sandbox", "page")),
    newestIn(join(ROOT, "src", "sandbox", "contract.ts")),
  );
  if (sources <= built) return;
  const build = spawnSync(process.execPath, ["scripts/build-page.mjs"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`the sandbox page did not build:\n${build.stderr}`);
}
