/** Jest runs the TypeScript tests through ts-jest, in band, against a real PostgreSQL (see test/setup). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { ignoreCodes: [151002] } }] },
  globalSetup: "<rootDir>/test/setup/global-setup.ts",
  globalTeardown: "<rootDir>/test/setup/global-teardown.ts",
  setupFiles: ["reflect-metadata"],
  testTimeout: 60_000,
  // Once every suite has reported, exit: a handle some library leaves behind (seen once in CI after the
  // browser tests, the process spinning at full CPU after its summary) must not hold CI past its limit.
  forceExit: true,
};
