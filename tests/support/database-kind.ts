/** `npm test` runs on the embedded database; `TEST_DATABASE=postgres` runs the same tests on PostgreSQL. */
export function testDatabaseKind(): "embedded" | "postgres" {
  return process.env.TEST_DATABASE === "postgres" ? "postgres" : "embedded";
}

/** The server that test databases are created on (trust auth on the development machines and CI). */
export function adminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
