// `npm start`: runs the compiled app, compiling it first only when a source changed since the last
// build (`npm install` builds it once). Plain JavaScript: it runs before anything is compiled.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function newestIn(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestIn(join(path, entry)));
  return newest;
}

function builtAt() {
  try {
    return statSync(join(root, "dist", "main.js")).mtimeMs;
  } catch {
    return 0;
  }
}

const sources = ["src", "tsconfig.json", "tsconfig.build.json"].map((path) => newestIn(join(root, path)));
if (Math.max(...sources) > builtAt()) {
  process.stderr.write("Compiling Tender Room (a source changed since the last build)...\n");
  const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

await import(pathToFileURL(join(root, "dist", "main.js")).href);
