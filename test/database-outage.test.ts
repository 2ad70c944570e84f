import { seedDatabase } from "../seed/seed";
import { createDatabase, type Database } from "../src/db/client";
import { EMBEDDED_POOL_MAX } from "../src/db/embedded";
import { connectTestDatabase, resetDatabase, testDatabaseUrl } from "./support/database";
import { issueTokens, type Tokens } from "./support/editors";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy";
import { startTestServer, type GraphQLResponse, type TestServer } from "./support/http";

// Short limits so that every outage is over in seconds.
const LIMITS = { connectTimeoutMs: 1000, statementTimeoutMs: 1000, idleInTransactionTimeoutMs: 2000 };
const SETTINGS = { requestTimeoutMs: 5000, readyTimeoutMs: 1000 };
// A request during an outage answers within the longest wait (connection, or statement + the read margin), plus slack.
const FAILS_WITHIN_MS = 4000;
const RECOVERS_WITHIN_MS = 5000;

const READ = `{ entity(slug: "back-spasms") { name relations(predicates: [TREATED_BY]) { object { name } } } }`;
const CREATE = `mutation ($name: String!) { createEntity(input: { kind: TREATMENT, name: $name }) { id } }`;

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await run();
  return { result, ms: Date.now() - started };
}

async function probe(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

// The server's database connections pass through a proxy this test owns: the
// database itself (the shared server, or the run's embedded one) is never stopped.
describe("database outages", () => {
  let proxy: TcpProxy;
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  let created = 0;
  const origin = () => new URL(server.url).origin;

  beforeAll(async () => {
    const direct = connectTestDatabase();
    await resetDatabase(direct);
    await seedDatabase(direct);
    tokens = await issueTokens(direct);
    await direct.$disconnect();
    proxy = await startTcpProxy(testDatabaseUrl());
    db = createDatabase(proxy.url, { ...LIMITS, poolMax: process.env.DATABASE_URL ? 4 : EMBEDDED_POOL_MAX });
    server = await startTestServer(db, SETTINGS);
  }, 120_000);

  afterAll(async () => {
    proxy?.restore();
    await server?.stop();
    await db?.$disconnect();
    await proxy?.close();
  });

  /** Reads and a write, as several clients at once; every answer must be a success. */
  async function expectEverythingWorks(): Promise<void> {
    const answers = await Promise.all([
      server.graphql(READ),
      server.graphql(READ),
      server.graphql(CREATE, { name: `Outage remedy ${++created}` }, tokens.editor),
    ]);
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(answers[0].data?.entity.name).toBe("Back spasms");
    expect(await probe(`${origin()}/ready`)).toEqual({ status: 200, body: { status: "ready" } });
  }

  /** Polls until reads, a write and /ready all succeed; returns how long that took after the database came back. */
  async function recovery(): Promise<number> {
    const started = Date.now();
    for (;;) {
      try {
        await expectEverythingWorks();
        return Date.now() - started;
      } catch (error) {
        if (Date.now() - started > RECOVERS_WITHIN_MS * 2) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  function expectCleanOutageAnswer(answer: GraphQLResponse): void {
    expect(answer.status).toBe(503);
    expect(answer.errors?.map((error) => error.extensions?.code)).toContain("SERVICE_UNAVAILABLE");
    expect(JSON.stringify(answer)).not.toMatch(/prisma|ECONN|terminated|timeout exceeded|SELECT|\/src\//i);
  }

  it.each(["cut", "freeze"] as const)(
    "answers SERVICE_UNAVAILABLE in seconds while the database is %s, reports not ready, and recovers within 5 s of its return",
    async (fault) => {
      await expectEverythingWorks();
      try {
        // Requests in flight when the fault hits, and requests made during it.
        const inFlight = [server.graphql(READ), server.graphql(CREATE, { name: `Outage remedy ${++created}` }, tokens.editor)];
        await new Promise((resolve) => setImmediate(resolve));
        if (fault === "cut") proxy.cut();
        else proxy.freeze();
        const during = await timed(() =>
          Promise.all([...inFlight, server.graphql(READ), server.graphql(CREATE, { name: `Outage remedy ${++created}` }, tokens.editor)]),
        );
        for (const answer of during.result.slice(2)) expectCleanOutageAnswer(answer);
        // A request the database answered before the fault reached it may have succeeded.
        for (const answer of during.result.slice(0, 2)) if (answer.errors) expectCleanOutageAnswer(answer);
        expect(during.ms).toBeLessThan(FAILS_WITHIN_MS * 2);

        const ready = await timed(() => probe(`${origin()}/ready`));
        expect(ready.result).toEqual({ status: 503, body: { status: "unavailable" } });
        expect(ready.ms).toBeLessThan(FAILS_WITHIN_MS);
        expect(await probe(`${origin()}/health`)).toEqual({ status: 200, body: { status: "ok" } });
      } finally {
        proxy.restore();
      }
      expect(await recovery()).toBeLessThan(RECOVERS_WITHIN_MS);
    },
    60_000,
  );

  it("stops a request that outlives its deadline with DEADLINE_EXCEEDED (504), one error instead of one per field", async () => {
    // Connecting and a statement may take 3 s here, the request only 1 s: a frozen read outlives the deadline.
    const slow = createDatabase(proxy.url, { ...LIMITS, connectTimeoutMs: 3000, statementTimeoutMs: 3000, poolMax: 1 });
    const impatient = await startTestServer(slow, { requestTimeoutMs: 1000, readyTimeoutMs: 1000 });
    try {
      proxy.freeze();
      const answer = await impatient.graphql(`{ a: entities { totalCount } b: entities { totalCount } c: search(query: "spasm") { name } }`);
      expect(answer.status).toBe(504);
      expect(answer.errors).toEqual([{ message: "The request ran longer than 1000 ms and was stopped.", extensions: { code: "DEADLINE_EXCEEDED" } }]);
    } finally {
      proxy.restore();
      await impatient.stop();
      await slow.$disconnect();
    }
    expect(await recovery()).toBeLessThan(RECOVERS_WITHIN_MS);
  }, 60_000);
});
