// synthesizeApp sets process.exitCode on a failed synth. On a 2-core machine jest runs the
// files in its own process, so a leaked exit code would fail the whole run with every test
// green: name the test that leaked it instead.
afterAll(() => {
  const code = process.exitCode;
  if (code !== undefined && code !== 0) {
    process.exitCode = undefined;
    throw new Error(`a test in this file left process.exitCode = ${code}; reset it (afterEach(() => { process.exitCode = undefined; })).`);
  }
});
