#!/usr/bin/env node
// The `pipgrub` executable: loads the built CLI and exits with its status.
import { main } from '../dist/index.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`pipgrub: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  },
);
