import { auditServer, type AuditResult } from "graphql-http";
import { loadConfig } from "../src/config";
import type { Database } from "../src/db/client";
import { connectTestDatabase, resetDatabase } from "./support/database";
import { issueTokens } from "./support/editors";
import { startTestServer, type TestServer } from "./support/http";

// graphql-http's conformance audit (GraphQL over HTTP) against the real server, in development and production modes.

/**
 * The notices (MAY items) the server may leave, each explained in the README: GETs that carry
 * neither a JSON content type nor a preflight header are refused by Apollo's CSRF prevention.
 */
const ALLOWED_NOTICES = ["5A70", "D6D5", "6A70"];

function summary(results: AuditResult[]) {
  const failing = (status: string) => results.filter((result) => result.status === status).map((result) => `${result.id} ${result.name}: ${"reason" in result ? result.reason : ""}`);
  return { errors: failing("error"), warnings: failing("warn"), notices: failing("notice"), ok: results.filter((result) => result.status === "ok").length };
}

describe("GraphQL over HTTP conformance (graphql-http's serverAudits)", () => {
  let db: Database;
  let token: string;

  beforeAll(async () => {
    db = connectTestDatabase();
    await resetDatabase(db);
    token = (await issueTokens(db)).editor;
  });

  afterAll(() => db.$disconnect());

  async function audit(environment: NodeJS.ProcessEnv, headers: Record<string, string> = {}) {
    const server: TestServer = await startTestServer(db, { ...loadConfig({ LOG_LEVEL: "silent", ...environment }), rateLimit: { max: 0, windowMs: 60_000 } });
    try {
      const fetchFn: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), ...headers } });
      return summary(await auditServer({ url: server.url, fetchFn }));
    } finally {
      await server.stop();
    }
  }

  it("passes in development mode with no error and no warning", async () => {
    const result = await audit({ NODE_ENV: "development" });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    for (const notice of result.notices) expect(ALLOWED_NOTICES).toContain(notice.slice(0, 4));
  });

  it("passes in production mode, the audit signed in to introspect, with no error and no warning", async () => {
    const result = await audit({ NODE_ENV: "production", INTROSPECTION: "signed-in" }, { authorization: `Bearer ${token}` });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    for (const notice of result.notices) expect(ALLOWED_NOTICES).toContain(notice.slice(0, 4));
  });
});
