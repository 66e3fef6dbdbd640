import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's native engines cannot be downloaded on our machines: the client is generated for the
// TypeScript query compiler and talks to the database through driver adapters (src/db). The CLI
// only needs an adapter for commands that touch a database: they reach the PostgreSQL that
// DATABASE_URL names.
// Migrations are applied by the app's own migrator (src/db/migrate.ts), not by the CLI.
// The schema keeps `url = env("DATABASE_URL")`: without a value Prisma falls back to downloading
// a native engine. Generating the client needs no database, so any well-formed URL will do.
process.env.DATABASE_URL ??= "postgresql://localhost:5432/tender_room";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
