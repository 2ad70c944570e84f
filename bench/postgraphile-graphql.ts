import Module from "node:module";
import path from "node:path";

/*
 * PostGraphile 4 needs graphql 15 while Caregraph pins 16, so npm installs
 * graphql 15 twice (under postgraphile and under graphile-build-pg) and
 * PostGraphile fails every query with "Cannot use ... from another module or
 * realm". This process runs PostGraphile only: every `graphql` import in it
 * is sent to the one copy beside postgraphile. Import this module first.
 */
const graphqlDir = path.dirname(require.resolve("graphql/package.json", { paths: [path.dirname(require.resolve("postgraphile"))] }));

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  const redirected = request === "graphql" || request.startsWith("graphql/") ? graphqlDir + request.slice("graphql".length) : request;
  return resolveFilename.call(this, redirected, ...rest);
};
