// README command 1's main job. Until the CLI can run the sample project, this shows the build works.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const core = require('../packages/core-resolver/dist/index.cjs');
console.log(`pipgrub built; normalizeName('Foo_Bar') = ${core.normalizeName('Foo_Bar')}`);
