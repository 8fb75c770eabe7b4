import { synthesizeApp } from "./lib";
import { buildExampleApp } from "./scenarios";

// The example app: one stack per scenario of the article. `npm run synth` and `cdktf synth` both run this.
process.exitCode = synthesizeApp(buildExampleApp).exitCode;
