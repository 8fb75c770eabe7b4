// Preloaded through NODE_OPTIONS="--require" when /usr/bin/time is missing: every node
// process of the measured tree appends its peak RSS (KiB, from the OS via getrusage) to
// BENCH_RSS_FILE as it exits; the bench takes the largest. Plain JS so bare node loads it.
"use strict";
const fs = require("fs");
const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    fs.appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
