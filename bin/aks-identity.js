#!/usr/bin/env node
"use strict";
// Runs the TypeScript command through tsx, so `npx aks-identity` works on a fresh clone
// right after `npm ci`, with no build step and no stale compiled copy to go out of date.
require("tsx/cjs/api").register();
const { main } = require("./aks-identity-cli.ts");
process.exitCode = main(process.argv.slice(2));
