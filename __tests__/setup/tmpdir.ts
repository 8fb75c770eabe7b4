import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Each jest worker gets a temporary folder of its own, removed when the worker exits: cdktf's
 * `Testing.app()` makes an output folder in the temporary directory for every app and never
 * removes it, which left about a thousand folders in /tmp per `npm test`. Everything a test
 * makes there (and the tools it starts, which inherit TMPDIR) goes with the worker.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-tests-"));
process.env.TMPDIR = dir;
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
