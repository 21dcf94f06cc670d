// Build: ESM + CJS + type declarations. The workspace libraries and their npm dependencies are bundled
// in (fewer files for Node to resolve and load at start-up); commands stay lazily loaded ESM chunks.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // No source maps: with undici and logic-solver bundled in they were ~12 MB of the package.
  sourcemap: false,
  target: 'node20',
  splitting: true,
  noExternal: [/^@pipgrub\//],
  // Bundled CommonJS dependencies (undici, logic-solver) call require() for Node built-ins.
  banner: ({ format }) => (format === 'esm' ? { js: "import { createRequire as __cliCreateRequire } from 'node:module';\nconst require = __cliCreateRequire(import.meta.url);" } : {}),
});
