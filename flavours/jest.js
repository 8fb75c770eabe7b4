// Jest settings that pick a flavour: which copy of cdktf, its provider and constructs the
// sources load (their imports name cdktf; moduleNameMapper sends them to the flavour's
// install), and which per-flavour module `#flavour` is.
const path = require("path");
const FLAVOURS = require("./flavours.json");

const ROOT = path.resolve(__dirname, "..");
/** Every package whose classes must come from one flavour: cdktf and cdktn classes cannot mix. */
const SHARED = ["cdktf", "@cdktf/provider-azurerm", "constructs"];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** moduleNameMapper (and the environment spawned tools inherit) for one flavour. */
function flavourJest(name) {
  const flavour = FLAVOURS[name];
  if (!flavour) throw new Error(`unknown flavour ${JSON.stringify(name)}; flavours/flavours.json has ${Object.keys(FLAVOURS).join(", ")}`);
  const moduleNameMapper = { "^#flavour$": `<rootDir>/lib/flavour/${name}.ts` };
  const modulePathIgnorePatterns = [];
  if (flavour.modules !== "node_modules") {
    for (const pkg of SHARED) {
      const target = `<rootDir>/${flavour.modules}/${flavour.rename[pkg] ?? pkg}`;
      moduleNameMapper[`^${escape(pkg)}$`] = target;
      moduleNameMapper[`^${escape(pkg)}/(.*)$`] = `${target}/$1`;
      // The default flavour's copy stays invisible, so a stray import fails loudly instead of mixing classes.
      modulePathIgnorePatterns.push(`<rootDir>/node_modules/${pkg}/`);
    }
  }
  // Apps the tests run through tsx resolve with the flavour's tsconfig `paths`.
  process.env.TSX_TSCONFIG_PATH = path.join(ROOT, flavour.tsconfig);
  return { moduleNameMapper, modulePathIgnorePatterns };
}

module.exports = { flavourJest, FLAVOURS, SHARED };
