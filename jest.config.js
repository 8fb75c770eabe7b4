/** The cdktf flavour. Type checking runs once, separately, as `tsc --noEmit`; the runner transpiles with tsx (jest.runner.mjs). */
const { flavourJest } = require("./flavours/jest");

module.exports = {
  testEnvironment: "node",
  // Two cores here: jest's default (cores - 1) would run every file in one process.
  maxWorkers: 2,
  // Beside tsc's and eslint's caches: a fresh clone starts without it (what the bench's cold run clears).
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  runner: "<rootDir>/jest.runner.mjs",
  testSequencer: "<rootDir>/jest.sequencer.js",
  // Once per worker: stacks are built as synthesizeApp builds them, without cdktf's per-token
  // stack traces; temporary files go to the worker's own folder, removed when it exits.
  setupFiles: ["<rootDir>/__tests__/setup/token-stack-traces.ts", "<rootDir>/__tests__/setup/tmpdir.ts"],
  ...flavourJest("cdktf"),
};
