/** Transpile-only (swc): type checking runs once, separately, as `tsc --noEmit`. The cdktf flavour. */
const { flavourJest } = require("./flavours/jest");

module.exports = {
  testEnvironment: "node",
  // Two cores here: jest's default (cores - 1) would run every file in one process.
  maxWorkers: 2,
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  ...flavourJest("cdktf"),
};
