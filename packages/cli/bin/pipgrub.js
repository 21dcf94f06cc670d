#!/usr/bin/env node
// The `pipgrub` executable: loads the built CLI (CommonJS, through a V8 code cache: the fastest start
// Node 20 offers) and exits with its status.
'use strict';
const path = require('node:path');

require('./compile-cache.js').enable(path.join(__dirname, '..', 'dist'));
const { main } = require('../dist/index.cjs');

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
