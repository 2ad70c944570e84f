import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { attachReadSql } from "./read-sql";

export type Database = PrismaClient;

export interface DatabaseOptions {
  poolMax?: number;
  connectTimeoutMs?: number;
  /** Called with every SQL statement the clients send (tests count them); the read client adds its parameters. */
  onQuery?: (sql: string, parameters?: readonly unknown[]) => void;
}

/**
 * Creates the Prisma client on a `pg` pool through Prisma 7's driver adapter,
 * with a Postgres.js client of the same pool size beside it for the compiled
 * read path (see read-sql.ts).
 */
export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  const client = createPrismaClient(url, options);
  attachReadSql(client, url, { poolMax: options.poolMax ?? 10, connectTimeoutMs: options.connectTimeoutMs ?? 5000, onQuery: options.onQuery });
  return client;
}

function createPrismaClient(url: string, options: DatabaseOptions): Database {
  const adapter = new PrismaPg({
    connectionString: url,
    max: options.poolMax ?? 10,
    // pg waits forever for a free connection by default; fail instead.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
  });
  if (!options.onQuery) return new PrismaClient({ adapter });
  const onQuery = options.onQuery;
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => onQuery(event.query));
  return client;
}
