/** The same suite on the CDK Terrain flavour (npm run test:cdktn): only the module mapping differs. */
const { flavourJest } = require("./flavours/jest");

module.exports = { ...require("./jest.config"), ...flavourJest("cdktn") };
