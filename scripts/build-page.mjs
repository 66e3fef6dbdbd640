// Bundles the sandbox page (src/sandbox/page) into dist/sandbox-page: one script, one style sheet,
// which the sandbox server serves. Part of `npm run build`.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));

await build({
  entryPoints: { page: join(root, "src", "sandbox", "page", "main.tsx") },
  outdir: join(root, "dist", "sandbox-page"),
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  platform: "browser",
  jsx: "automatic",
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none",
  logLevel: "warning",
});
