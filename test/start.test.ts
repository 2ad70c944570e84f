import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig, type Config } from "../src/config";
import { embeddedOwner } from "../src/db/embedded-owner";
import { openDatabase } from "../src/db/open";
import { startCaregraph } from "../src/start";
import { createDisposableDatabase, type DisposableDatabase } from "./setup/test-database";

const BACK_SPASMS = `{ entity(slug: "back-spasms") { name } entities { totalCount } }`;

async function ask(url: string, query: string): Promise<any> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return response.json();
}

// What `npm start` does, on the database a fresh machine would use: the
// embedded one in a data directory that does not exist yet, or DATABASE_URL's.
describe("starting Caregraph", () => {
  let tempDir: string;
  let scratch: DisposableDatabase | undefined;
  let config: Config;

  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), "caregraph-start-"));
    if (process.env.DATABASE_URL) scratch = await createDisposableDatabase("start");
    config = loadConfig({
      PORT: "0",
      ...(scratch ? { DATABASE_URL: scratch.url } : { EMBEDDED_DATA_DIR: path.join(tempDir, "not", "yet", "there") }),
    });
  });

  afterAll(async () => {
    await scratch?.drop();
    await rm(tempDir, { recursive: true, force: true });
  });

  it("migrates, seeds the empty database, serves the article, and keeps it across a restart without seeding again", async () => {
    const firstLog: string[] = [];
    const first = await startCaregraph(config, (line) => firstLog.push(line));
    const seeded = await ask(first.url, BACK_SPASMS);
    await first.stop();
    expect(seeded.data).toEqual({ entity: { name: "Back spasms" }, entities: { totalCount: 78 } });
    expect(firstLog.join("\n")).toMatch(/Applied migrations: .*_init/);
    expect(firstLog.join("\n")).toContain("entities   78 created");
    expect(firstLog.join("\n")).toContain("npm run token:create -- --name <you> --role ADMIN");

    const secondLog: string[] = [];
    const second = await startCaregraph(config, (line) => secondLog.push(line));
    const again = await ask(second.url, BACK_SPASMS);
    await second.stop();
    expect(again.data).toEqual(seeded.data);
    expect(secondLog.join("\n")).not.toMatch(/Applied migrations|Seeded/);
  }, 180_000); // creating the embedded database is slow on a busy machine

  // Instances racing on one database only exist on PostgreSQL: an embedded data directory admits one server (see test/embedded-owner.test.ts).
  const postgresOnly = process.env.DATABASE_URL ? it : it.skip;

  postgresOnly("starts two instances at once on one empty database: both serve, exactly one seeds", async () => {
    const racing = await createDisposableDatabase("start_race");
    try {
      const raceConfig = { ...config, databaseUrl: racing.url };
      const logs: string[][] = [[], []];
      const servers = await Promise.all(logs.map((log) => startCaregraph(raceConfig, (line) => log.push(line))));
      try {
        for (const server of servers) expect((await ask(server.url, BACK_SPASMS)).data).toEqual({ entity: { name: "Back spasms" }, entities: { totalCount: 78 } });
        expect(logs.filter((log) => log.join("\n").includes("Seeded the empty database"))).toHaveLength(1);
        expect(logs.filter((log) => log.join("\n").includes("Applied migrations"))).toHaveLength(1);
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
      }
    } finally {
      await racing.drop();
    }
  });

  // Only the embedded database is one process's directory.
  const embeddedOnly = process.env.DATABASE_URL ? it.skip : it;

  embeddedOnly("lets a command borrow the embedded database a running server holds, instead of opening it twice", async () => {
    const server = await startCaregraph(config, () => undefined);
    try {
      const owner = (await embeddedOwner(config.embeddedDataDir))!;
      expect(owner).toMatchObject({ pid: process.pid, use: "server" });
      const command = await openDatabase(config, "command");
      expect(command.url).toBe(owner.url);
      expect(await command.db.entity.count()).toBe(78);
      await command.close();
      // Closing the borrowed database left the server's own running.
      expect((await ask(server.url, BACK_SPASMS)).data.entities.totalCount).toBe(78);
    } finally {
      await server.stop();
    }
  });

  embeddedOnly("waits for a command that holds the embedded database, then serves it itself (a command's database goes away with it)", async () => {
    const command = await openDatabase(config, "command");
    let started = false;
    const starting = startCaregraph(config, () => undefined).then((server) => {
      started = true;
      return server;
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(started).toBe(false);
    await command.close();
    const server = await starting;
    try {
      expect(await embeddedOwner(config.embeddedDataDir)).toMatchObject({ pid: process.pid, use: "server", url: expect.any(String) });
      expect((await ask(server.url, BACK_SPASMS)).data.entities.totalCount).toBe(78);
    } finally {
      await server.stop();
    }
  });
});
