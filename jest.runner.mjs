// jest's default runner gives every test file a fresh module registry, so each of the ~120 files
// loaded cdktf and the library again: half of the suite's CPU time. jest-light-runner runs the
// files in plain Node worker processes that keep their module cache from file to file. The files
// are TypeScript: every worker starts with tsx (as `npm run synth` does), which also applies the
// flavour's tsconfig `paths` (TSX_TSCONFIG_PATH, set by flavours/jest.js).
import { createRunner } from "jest-light-runner";
import { register as registerCjs } from "tsx/cjs/api";
import { register as registerEsm } from "tsx/esm/api";

// Forked workers take this process's execArgv.
if (!process.execArgv.includes("tsx")) process.execArgv.push("--import", "tsx");

const ChildProcessRunner = createRunner({ runtime: "child_process" });

export default class TypeScriptLightRunner extends ChildProcessRunner {
  constructor(globalConfig, context) {
    super(globalConfig, context);
    // In band (jest -i, or one worker) the files run in this process: it needs tsx too.
    this.inBand = globalConfig.maxWorkers === 1;
    if (this.inBand) {
      registerCjs();
      registerEsm();
    }
  }

  // jest-light-runner 0.7.11 gives every worker process its settings through one channel object
  // shared by all tasks (src/index.js, poolRunOption): when both workers start together, the first
  // worker's request answers and drops the second worker's listener, whose own request then goes
  // unanswered, and that worker waits for ever on its first file (seen on cold runs). A channel of
  // its own for each task answers only the worker that task went to.
  _runTest(test) {
    const entry = this._testRunners.get(test.context.config);
    if (this._runtime !== "child_process" || entry === undefined) return super._runTest(test);
    if (!entry.ownChannels) {
      const workerData = { globalConfig: this._globalConfig, projectConfig: test.context.config, runtime: this._runtime };
      entry.run = (t) => entry.pool.run(t.path, { channel: workerDataChannel(workerData) });
      entry.ownChannels = true;
    }
    return entry.run(test);
  }

  async runTests(...args) {
    await super.runTests(...args);
    // synthesizeApp sets process.exitCode on a failed synth: in band, a test that leaks it would
    // fail the run with every test green. (In a worker process it ends with the worker.)
    if (this.inBand && process.exitCode) {
      process.stderr.write(`A test left process.exitCode = ${process.exitCode}, so jest exits non-zero: reset it after the test (afterEach(() => { process.exitCode = undefined; })).\n`);
    }
  }
}

/** Answers a worker's request for its settings (the protocol of jest-light-runner's worker-runner.js). */
function workerDataChannel(workerData) {
  const listeners = new Set();
  return {
    onMessage(listener) {
      listeners.add(listener);
    },
    postMessage(message) {
      if (message !== "jest-light-runner-get-worker-data") return;
      for (const listener of listeners) {
        listener({ type: "jest-light-runner-worker-data", workerData });
        listeners.delete(listener);
      }
    },
  };
}
