import { defineConfig } from "vitest/config";

/**
 * The sandbox's own tests and the browser tests check the sandbox and its page, not the database:
 * they run on the embedded database only.
 */
const onPostgres = process.env.TEST_DATABASE === "postgres";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: onPostgres ? ["tests/sandbox/**", "tests/browser/**"] : [],
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The test files of one worker reuse its prepared database (see tests/support/database.ts).
    pool: "forks",
    // Two files at once even on two cores (vitest would take one): much of the suite waits on
    // timers, child processes, Chromium and PostgreSQL, which the other file's work fills.
    maxWorkers: 2,
  },
});
