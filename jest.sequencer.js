// The longest files first, on a fresh clone too. Jest orders files by their last run's duration,
// and without that cache (a fresh clone, CI) by file size: the property battery, a small file and
// the longest run, then started a third of the way in and ran alone at the end.
const path = require("path");
const Sequencer = require("@jest/test-sequencer").default;

const LONGEST = ["cluster.property.test.ts", path.join("review", "rendering.test.ts")];

class LongestFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const i = LONGEST.findIndex((name) => test.path.endsWith(path.sep + name));
      return i < 0 ? LONGEST.length : i;
    };
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongestFirst;
