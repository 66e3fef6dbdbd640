/**
 * The architecture rules of `npm run lint`. The graph of the features is read from README.md
 * (section "The features and what builds on what"), so the drawing and the code cannot drift apart.
 */
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

/** The arrows `a --> b` of the README's mermaid graph: feature a builds on feature b. */
function featureGraph() {
  const readme = readFileSync(join(__dirname, "README.md"), "utf8");
  const section = readme.split("### The features and what builds on what")[1] ?? "";
  const mermaid = section.split("```mermaid")[1]?.split("```")[0];
  if (!mermaid) throw new Error("README.md has no mermaid graph of the features");
  const graph = new Map();
  for (const [, from, to] of mermaid.matchAll(/^\s*([a-z-]+)\s*-->\s*([a-z-]+)\s*$/gm)) {
    graph.set(from, [...(graph.get(from) ?? []), to]);
    if (!graph.has(to)) graph.set(to, []);
  }
  return graph;
}

const graph = featureGraph();
const oneOf = (names) => `(${names.join("|")})`;

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules form a graph without cycles.",
      from: {},
      to: { circular: true },
    },
    {
      name: "feature-not-in-graph",
      severity: "error",
      comment: "Every feature folder is drawn in README.md's graph.",
      from: { path: `^src/features/(?!${oneOf([...graph.keys()])}/)` },
      to: {},
    },
    ...[...graph].map(([feature, buildsOn]) => ({
      name: `feature-graph-${feature}`,
      severity: "error",
      comment: `${feature} builds only on ${buildsOn.join(", ") || "no other feature"} (README.md, Architecture).`,
      from: { path: `^src/features/${feature}/` },
      to: { path: "^src/features/", pathNot: `^src/features/${oneOf([feature, ...buildsOn])}/` },
    })),
    {
      name: "feature-through-its-index",
      severity: "error",
      comment: "A feature reaches another only through that feature's index.ts.",
      from: { path: "^src/features/([^/]+)/" },
      to: { path: "^src/features/", pathNot: ["^src/features/$1/", "^src/features/[^/]+/index\\.ts$"] },
    },
    {
      name: "kernel-below-features",
      severity: "error",
      comment: "The kernel is what features share; it knows none of them.",
      from: { path: "^src/kernel/" },
      to: { path: "^src/(features|scheduler|app\\.ts|main\\.ts)" },
    },
    {
      name: "inbox-below-kernel",
      severity: "error",
      comment: "The inbox keeps and replays what Slack sends; it knows neither features nor the kernel.",
      from: { path: "^src/inbox/" },
      to: { path: "^src/(features|kernel|outbox|scheduler|app\\.ts|main\\.ts)" },
    },
    {
      name: "outbox-below-kernel",
      severity: "error",
      comment: "The outbox serves the features; it knows neither them nor the kernel.",
      from: { path: "^src/outbox/" },
      to: { path: "^src/(features|kernel|scheduler|app\\.ts|main\\.ts)" },
    },
    {
      name: "slack-below-outbox",
      severity: "error",
      comment: "src/slack is the Slack platform: no product concepts, no inbox or outbox.",
      from: { path: "^src/slack/" },
      to: { path: "^src/(features|kernel|inbox|outbox|scheduler|app\\.ts|main\\.ts)" },
    },
    {
      name: "db-at-the-bottom",
      severity: "error",
      comment: "src/db is the database alone.",
      from: { path: "^src/db/" },
      to: { path: "^src/(features|kernel|inbox|outbox|slack|scheduler|app\\.ts|main\\.ts)" },
    },
    {
      name: "scheduler-runs-jobs-only",
      severity: "error",
      comment: "The scheduler is handed its jobs; it imports no feature.",
      from: { path: "^src/scheduler/" },
      to: { path: "^src/(features|kernel|inbox|outbox|slack|db|app\\.ts)" },
    },
    {
      name: "composition-root-on-top",
      severity: "error",
      comment: "Only main.ts starts the app; nothing else imports the composition root.",
      from: { pathNot: "^src/main\\.ts$|^(tests|bench)/" },
      to: { path: "^src/(app|main)\\.ts$" },
    },
    {
      name: "sandbox-beside-the-app",
      severity: "error",
      comment:
        "The sandbox plays Slack to the app from outside: only main.ts starts it, and it knows no feature, kernel, inbox, outbox or database.",
      from: { path: "^src/sandbox/" },
      to: { path: "^src/(features|kernel|inbox|outbox|scheduler|db|slack|app\\.ts|main\\.ts)" },
    },
    {
      name: "only-main-starts-the-sandbox",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(main\\.ts|sandbox/)" },
      to: { path: "^src/sandbox/" },
    },
    {
      name: "src-not-to-tests",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(tests|bench)/" },
    },
    {
      name: "src-not-to-dev-dependencies",
      severity: "error",
      comment: "What runs in production is in dependencies, not devDependencies.",
      from: { path: "^src/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".json"],
    },
  },
};
