// Test configuration for the whole workspace: every package's unit tests, the cross-package tests in
// test/, and benchmark self-checks. Workspace packages resolve to their sources, so tests need no build.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@pipgrub\/core-resolver\/(.+)$/, replacement: src('./packages/core-resolver/src/$1/index.ts') },
      { find: /^@pipgrub\/core-resolver$/, replacement: src('./packages/core-resolver/src/index.ts') },
      { find: /^@pipgrub\/pypi-source$/, replacement: src('./packages/pypi-source/src/index.ts') },
      { find: /^@pipgrub\/lockfile$/, replacement: src('./packages/lockfile/src/index.ts') },
      { find: /^@pipgrub\/venv$/, replacement: src('./packages/venv/src/index.ts') },
      { find: /^@pipgrub\/cli$/, replacement: src('./packages/cli/src/index.ts') },
      { find: /^@pipgrub\/test-kit$/, replacement: src('./test/kit/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'benchmarks/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
