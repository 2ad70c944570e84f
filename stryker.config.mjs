// Mutation testing (`npm run test:mutation`): StrykerJS plants one small bug
// at a time in the code that protects the public and the data, runs the tests
// that reached that code against a real database, and reports the bugs no
// test caught. See README, "Mutation testing".
//
// MUTATION_AREA=<area> limits a run to one area below and to the test files
// that speak for it, so that a partial run still lands a result.

/** Areas of the scope: the code mutated, and the test files run against it (all of them when absent). */
const AREAS = {
  auth: {
    mutate: ["src/auth/**/*.ts"],
    tests: ["auth", "server"],
  },
  migrations: {
    mutate: ["src/db/migrate.ts"],
    tests: ["migrations", "revision-log"],
  },
  import: {
    mutate: ["seed/import/**/*.ts", "seed/validate-extraction.ts"],
    tests: ["import-validation", "import-rules", "seed"],
  },
  review: {
    mutate: ["src/graph/review/review.service.ts"],
    tests: ["editor-review", "editor-integrity", "source-retraction"],
  },
  visibility: {
    mutate: ["src/graph/review/visibility.ts", "src/graph/review/pending-changes.ts"],
    tests: ["visibility-rules", "read-visibility"],
  },
  claims: {
    mutate: ["src/graph/relations/claim-rules.ts", "src/graph/relations/relation.sql.ts", "src/graph/sources/source-support.ts", "src/graph/sources/source-impact.service.ts"],
    tests: ["claim-rank", "claim-evidence", "source-retraction", "relation-order", "editor-integrity"],
  },
  editing: {
    mutate: ["src/graph/editing/**/*.ts"],
    tests: ["editing-rules", "versioned-record", "editor-transactions", "editor-concurrency", "editor-entities", "editor-relations", "editor-sources", "editor-integrity", "editor-history", "editor-races"],
  },
  compiler: {
    mutate: ["src/graph/sql/**/*.ts"],
    tests: ["sql-statement", "read-api", "read-visibility", "read-pagination", "read-batching", "read-consistency", "list-caps", "relation-order", "visibility-rules", "traversal", "compiled-selection", "read-pending-edits", "compiled-operation"],
  },
  // The read path's table declarations: module-level data, so each of its mutants is static and
  // runs every test file of its area; here, the files that read every column and type back.
  tables: {
    mutate: ["src/graph/sql/tables.ts"],
    tests: ["read-pending-edits", "compiled-selection"],
  },
  history: {
    mutate: ["src/graph/history/**/*.ts"],
    tests: ["editor-history", "editor-integrity", "revision-log"],
  },
  // The HTTP edge's refusals: every error as JSON with its code, the bodies read, revalidation, hostile variables.
  edge: {
    mutate: ["src/http/json-errors.ts", "src/http/request-body.ts", "src/http/revalidation.ts", "src/graphql/nesting.ts", "src/graphql/well-formed-text.ts"],
    tests: ["http-edge", "hostile-input", "http-get-caching"],
  },
};

// Declarations only (type-graphql decorators, argument and object types, and
// resolvers that hand each field to its service): `npm run schema:check` pins their SDL.
const DECLARATIONS = ["!src/**/*.args.ts", "!src/**/*.resolver.ts", "!src/**/*.type.ts"];

const areaName = process.env.MUTATION_AREA;
const area = areaName ? AREAS[areaName] : undefined;
if (areaName && !area) throw new Error(`MUTATION_AREA must be one of ${Object.keys(AREAS).join(", ")}`);

// One embedded database per test-runner process for all its runs (see test/setup/global-setup.ts).
process.env.CAREGRAPH_TEST_REUSE_EMBEDDED_DATABASE = "1";

// MUTATION_REPORT names a run's reports (default: its area), so that runs of parts of an area
// (`-- --mutate <files>`) each keep their own incremental file: a run replaces its file whole.
const reports = `reports/mutation/${process.env.MUTATION_REPORT ?? areaName ?? "all"}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "jest",
  jest: {
    projectType: "custom",
    configFile: "jest.config.js",
    // Of the tests that reached a mutant, only the files that import its module run.
    enableFindRelatedTests: true,
    config: {
      // Jest follows imports only through its roots: without src/ and seed/ a
      // test that reaches the code through the server counts as unrelated, and
      // neither runs in the dry run nor against a mutant.
      roots: ["<rootDir>/test", "<rootDir>/src", "<rootDir>/seed"],
      ...(area && { testMatch: area.tests.map((name) => `**/test/${name}.test.ts`) }),
    },
  },
  // PGlite loads its wasm through a dynamic import (see the npm test script).
  testRunnerNodeArgs: ["--experimental-vm-modules", "--disable-warning=ExperimentalWarning"],
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // Each mutant runs only the tests that reached its code.
  coverageAnalysis: "perTest",
  mutate: [...(area ? area.mutate : Object.values(AREAS).flatMap((candidate) => candidate.mutate)), ...DECLARATIONS],
  // The machine is shared (2 cores), and every test run holds a database: one runner at a time.
  concurrency: 1,
  // The first run of an area's files with coverage, on PostgreSQL beside another run, took over the default 5 min.
  dryRunTimeoutMinutes: 20,
  timeoutMS: 60_000,
  timeoutFactor: 2,
  // Resume where the last run stopped; a changed file or test reruns only its mutants.
  incremental: true,
  incrementalFile: `${reports}/incremental.json`,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
