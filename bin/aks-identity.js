#!/usr/bin/env node
"use strict";
// In this repository the command runs its TypeScript through tsx, so `npx aks-identity`
// works right after `npm ci` with no build step and no stale compiled copy. An installed
// package ships only the compiled command (dist/, built by `npm pack`).
const fs = require("fs");
const path = require("path");

// A reader that stops early (`| head -1`) closes the pipe: stop quietly with the exit code so
// far, never an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err && err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const source = path.join(__dirname, "aks-identity-cli.ts");
let main;
if (fs.existsSync(source)) {
  require("tsx/cjs/api").register();
  ({ main } = require(source));
} else {
  ({ main } = require(path.join(__dirname, "..", "dist", "bin", "aks-identity-cli.js")));
}
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    // A bug, not bad input (that is a ReviewInputError, printed by main): one line, no stack
    // unless asked for with AKS_IDENTITY_DEBUG=1.
    process.stderr.write(`aks-identity: internal error: ${err && err.message ? err.message : String(err)}\n${process.env.AKS_IDENTITY_DEBUG ? `${err && err.stack}\n` : ""}`);
    process.exitCode = 1;
  },
);
