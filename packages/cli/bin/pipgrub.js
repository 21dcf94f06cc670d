#!/usr/bin/env node
// The `pipgrub` executable: loads the built CLI and exits with its status.
import { main } from '../dist/index.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Interrupted (Ctrl-C): do not wait for in-flight index requests to drain.
    if (code === 130) process.exit(code);
  },
  (error) => {
    process.stderr.write(`pipgrub: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  },
);
