import "./postgraphile-graphql";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "pg";
import { postgraphile } from "postgraphile";

/*
 * PostGraphile 4 over Caregraph's tables, as a peer: library mode on plain
 * node:http, read-only (no mutations), no GraphiQL, no query log. It sees the
 * tables as they are: no visibility rules (the bench graph is all published),
 * unique indexes only through `allEntities(condition: {slug})`.
 *
 * Usage: DATABASE_URL=... node postgraphile-server.js   (prints its URL, port chosen by the system)
 */
function main(): void {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const middleware = postgraphile(pool, "public", {
    disableDefaultMutations: true,
    graphiql: false,
    disableQueryLog: true,
    ignoreRBAC: false,
    setofFunctionsContainNulls: false,
    retryOnInitFail: false,
  });
  const server = createServer(middleware);
  server.listen(0, "127.0.0.1", () => {
    console.log(`postgraphile at http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
  });
  process.on("SIGTERM", () => {
    server.close(() => void pool.end().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}

main();
