#!/usr/bin/env node
"use strict";
// In this repository the command runs its TypeScript through tsx, so `npx aks-identity`
// works right after `npm ci` with no build step and no stale compiled copy. An installed
// package ships only the compiled command (dist/, built by `npm pack`).
const fs = require("fs");
const path = require("path");
const source = path.join(__dirname, "aks-identity-cli.ts");
let main;
if (fs.existsSync(source)) {
  require("tsx/cjs/api").register();
  ({ main } = require(source));
} else {
  ({ main } = require(path.join(__dirname, "..", "dist", "bin", "aks-identity-cli.js")));
}
process.exitCode = main(process.argv.slice(2));
