// Build: ESM + CJS + type declarations for every public entry point.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ["src/index.ts","src/pep440/index.ts","src/pep508/index.ts","src/pubgrub/index.ts","src/python/index.ts","src/sat/index.ts"],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
