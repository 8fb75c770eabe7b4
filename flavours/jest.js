// Jest settings that pick a flavour: which copy of cdktf, its provider and constructs the
// sources load. The suite runs under jest-light-runner (jest.runner.mjs), which loads modules
// with Node and tsx rather than jest's module registry, so jest's moduleNameMapper does not
// apply: tsx maps the sources' `cdktf` imports to the flavour's install through that flavour's
// tsconfig `paths` (TSX_TSCONFIG_PATH), and flavours.test.ts checks that no other copy loads.
const path = require("path");
const FLAVOURS = require("./flavours.json");

const ROOT = path.resolve(__dirname, "..");

/** The jest settings (and the environment the workers and spawned tools inherit) for one flavour. */
function flavourJest(name) {
  const flavour = FLAVOURS[name];
  if (!flavour) throw new Error(`unknown flavour ${JSON.stringify(name)}; flavours/flavours.json has ${Object.keys(FLAVOURS).join(", ")}`);
  process.env.TSX_TSCONFIG_PATH = path.join(ROOT, flavour.tsconfig);
  return { displayName: name };
}

module.exports = { flavourJest, FLAVOURS };
