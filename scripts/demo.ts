// README command 1's main job: build the sample project's wheels, copy examples/sample to a temp
// folder and run the Pipenv workflow there with the built `pipgrub` (install, lock, run, graph,
// requirements, --rm + sync), printing each command and what it did. Offline; exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExampleWheels } from './build-example-wheels';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const bin = join(repoRoot, 'packages/cli/bin/pipgrub.js');

function main(): number {
  const sample = join(repoRoot, 'examples/sample');
  const wheels = buildExampleWheels(join(sample, 'wheels'));
  console.log(`built ${wheels.files.length} sample distributions of ${wheels.projects.length} projects into examples/sample/wheels`);

  const work = mkdtempSync(join(tmpdir(), 'pipgrub-demo-'));
  const project = join(work, 'sample');
  cpSync(sample, project, { recursive: true, filter: (src) => !/[\\/](\.venv|Pipfile\.lock|pylock\.toml)$/.test(src) });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(PIPENV_|PIPGRUB_|VIRTUAL_ENV$)/.test(k)) env[k] = v;
  Object.assign(env, { PIPGRUB_CACHE_DIR: join(work, 'cache'), PIP_CONFIG_FILE: '/dev/null' });
  console.log(`copied examples/sample to ${project}\n`);

  const steps: Array<{ args: string[]; what: string }> = [
    { args: ['install', '--dev'], what: 'resolve the Pipfile, write Pipfile.lock, create .venv and install [packages] + [dev-packages]' },
    { args: ['run', 'hello'], what: 'a [scripts] entry, run inside the virtualenv' },
    { args: ['run', 'test'], what: "pytest's console script from the venv" },
    { args: ['graph'], what: 'the installed dependency tree' },
    { args: ['install', 'itsdangerous==2.1.2'], what: 'add a pin: the Pipfile is edited in place, other pins are kept' },
    { args: ['lock'], what: 'lock again: nothing changed, so the file is left alone' },
    { args: ['verify'], what: 'the lock matches the Pipfile' },
    { args: ['requirements'], what: 'export requirements.txt from the lock' },
    { args: ['--rm'], what: 'delete the virtualenv' },
    { args: ['sync', '--dev'], what: 'recreate it from Pipfile.lock alone (wheels come from the cache)' },
  ];
  const started = performance.now();
  let failed = 0;
  for (const step of steps) {
    console.log(`$ pipgrub ${step.args.join(' ')}    # ${step.what}`);
    const r = spawnSync(process.execPath, [bin, ...step.args], { cwd: project, env, encoding: 'utf8' });
    const out = `${r.stdout}${r.stderr}`.trimEnd().split('\n');
    const shown = out.length > 14 ? [...out.slice(0, 12), `  ... (${out.length - 12} more lines)`] : out;
    for (const line of shown) if (line) console.log(`  ${line}`);
    if (r.status !== 0) {
      console.log(`  -> exit ${r.status}`);
      failed++;
    }
    console.log('');
  }
  const pipfile = readFileSync(join(project, 'Pipfile'), 'utf8');
  console.log(`Pipfile now pins itsdangerous: ${/itsdangerous = "==2\.1\.2"/.test(pipfile) ? 'yes' : 'NO'}`);
  console.log(`${steps.length - failed}/${steps.length} commands succeeded in ${((performance.now() - started) / 1000).toFixed(2)}s`);
  rmSync(work, { recursive: true, force: true });
  return failed === 0 ? 0 : 1;
}

process.exit(main());
