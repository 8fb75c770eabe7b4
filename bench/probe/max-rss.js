// Preloaded through NODE_OPTIONS="--require" when /usr/bin/time is missing: every node
// process of the measured tree appends its peak RSS (KiB) and CPU time (µs), both from the
// OS via getrusage, to BENCH_RSS_FILE as it exits; the bench takes the largest RSS and the
// sum of CPU. Processes that are not node (sh, esbuild) are not seen. Plain JS so bare
// node loads it.
"use strict";
const fs = require("fs");
const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    fs.appendFileSync(file, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\n`);
  });
}
