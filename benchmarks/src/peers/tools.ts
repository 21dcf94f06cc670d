// The peers of the comparison (pipgrub, pipenv, poetry, pdm, pip): how each is found (apt-installed when
// missing), isolated (temp HOME/caches, only the kit index, no PyPI), and asked to lock and to sync.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { PeerProject } from './projects';

/** Where one tool works on one project: the project folder and its cache root (wiped for a cold run). */
export interface PeerDirs {
  project: string;
  cache: string;
  config: string;
}

/** One peer tool. */
export interface PeerTool {
  id: 'pipgrub' | 'pipenv' | 'poetry' | 'pdm' | 'pip';
  /**
   * Needs the index without PEP 658 `.metadata` files: pipenv 2022.12's vendored pip 22.3 rejects the
   * wheels of projects whose `Name:` is not normalized (Flask, Jinja2...) when it reads their PEP 658 file.
   */
  legacyIndex?: boolean;
  /** The file the lock writes (deleted before every lock so each run re-resolves). */
  lockFile: string;
  /** Write the project's manifest (Pipfile, pyproject.toml, requirements.in) pointing at `indexUrl` only. */
  writeProject(dirs: PeerDirs, project: PeerProject, indexUrl: string): void;
  lock(dirs: PeerDirs, indexUrl: string): { cmd: string; args: string[]; env: NodeJS.ProcessEnv };
  /** Install the lock into a fresh virtualenv (the caller deletes `.venv` first); absent = not compared. */
  sync?(dirs: PeerDirs, indexUrl: string): { cmd: string; args: string[]; env: NodeJS.ProcessEnv };
  /** Number of distributions the lock pins (a sanity check that peers solved the same problem). */
  pins(dirs: PeerDirs): number | undefined;
}

/** The repository root (three levels above this file). */
const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
/** pipgrub's CLI entry (needs `pnpm run build`). */
export const PIPGRUB_BIN = path.join(repoRoot, 'packages/cli/bin/pipgrub.js');
/** The interpreter the apt peers run on and create virtualenvs with. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
/** A CPython with a pip that has `--dry-run --report` (pyenv's 3.11 when present). */
export const PIP_PYTHON = [path.join(homedir(), '.pyenv/versions/3.11.7/bin/python3'), SYSTEM_PYTHON].find((p) => existsSync(p))!;

/** A clean environment: nothing inherited but PATH, so the machine's pip config and PIP_* never leak in. */
function baseEnv(dirs: PeerDirs): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    HOME: path.join(dirs.cache, 'home'),
    XDG_CACHE_HOME: path.join(dirs.cache, 'xdg'),
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: path.join(dirs.cache, 'data'),
    PIP_CONFIG_FILE: '/dev/null',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_NO_INPUT: '1',
    PYTHON_KEYRING_BACKEND: 'keyring.backends.null.Keyring',
    NO_COLOR: '1',
    CI: '1',
  };
}

function pipfile(project: PeerProject, indexUrl: string): string {
  const pkgs = Object.entries(project.requirements).map(([n, s]) => `"${n}" = "${s}"`).join('\n');
  return `[[source]]\nurl = "${indexUrl}"\nverify_ssl = false\nname = "kit"\n\n[packages]\n${pkgs}\n\n[dev-packages]\n\n[requires]\npython_version = "3.11"\n`;
}

function pep508(project: PeerProject): string[] {
  return Object.entries(project.requirements).map(([n, s]) => (s === '*' ? n : `${n}${s}`));
}

function countPipfileLock(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const lock = JSON.parse(readFileSync(file, 'utf8')) as { default?: Record<string, unknown> };
  return Object.keys(lock.default ?? {}).length;
}

function countTomlPackages(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() === '[[package]]').length;
}

const pipenvEnv = (dirs: PeerDirs): NodeJS.ProcessEnv => ({
  ...baseEnv(dirs),
  PIPENV_VENV_IN_PROJECT: '1',
  PIPENV_NOSPIN: '1',
  PIPENV_YES: '1',
  PIPENV_IGNORE_VIRTUALENVS: '1',
  PIPENV_PYTHON: SYSTEM_PYTHON,
  PIPENV_CACHE_DIR: path.join(dirs.cache, 'pipenv'),
  PIPENV_VERBOSITY: '-1',
  WORKON_HOME: path.join(dirs.cache, 'venvs'),
});

const PIPGRUB: PeerTool = {
  id: 'pipgrub',
  lockFile: 'Pipfile.lock',
  writeProject: (dirs, project, url) => writeFileSync(path.join(dirs.project, 'Pipfile'), pipfile(project, url)),
  lock: (dirs) => ({ cmd: process.execPath, args: [PIPGRUB_BIN, 'lock'], env: { ...pipenvEnv(dirs), PIPGRUB_CACHE_DIR: path.join(dirs.cache, 'pipgrub') } }),
  sync: (dirs) => ({ cmd: process.execPath, args: [PIPGRUB_BIN, 'sync'], env: { ...pipenvEnv(dirs), PIPGRUB_CACHE_DIR: path.join(dirs.cache, 'pipgrub') } }),
  pins: (dirs) => countPipfileLock(path.join(dirs.project, 'Pipfile.lock')),
};

const PIPENV: PeerTool = {
  id: 'pipenv',
  legacyIndex: true,
  lockFile: 'Pipfile.lock',
  writeProject: (dirs, project, url) => writeFileSync(path.join(dirs.project, 'Pipfile'), pipfile(project, url)),
  lock: (dirs) => ({ cmd: 'pipenv', args: ['lock'], env: pipenvEnv(dirs) }),
  sync: (dirs) => ({ cmd: 'pipenv', args: ['sync'], env: pipenvEnv(dirs) }),
  pins: (dirs) => countPipfileLock(path.join(dirs.project, 'Pipfile.lock')),
};

const POETRY: PeerTool = {
  id: 'poetry',
  lockFile: 'poetry.lock',
  writeProject: (dirs, project, url) => {
    const deps = Object.entries(project.requirements).map(([n, s]) => `"${n}" = "${s}"`).join('\n');
    writeFileSync(
      path.join(dirs.project, 'pyproject.toml'),
      `[tool.poetry]\nname = "bench-${project.name}"\nversion = "0.1.0"\ndescription = ""\nauthors = ["bench <bench@example.com>"]\n\n` +
        `[tool.poetry.dependencies]\npython = "~3.11"\n${deps}\n\n[[tool.poetry.source]]\nname = "kit"\nurl = "${url}"\ndefault = true\n\n` +
        `[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n`,
    );
  },
  lock: (dirs) => ({
    cmd: 'poetry',
    args: ['lock', '--no-interaction'],
    env: { ...baseEnv(dirs), POETRY_CACHE_DIR: path.join(dirs.cache, 'poetry'), POETRY_CONFIG_DIR: path.join(dirs.config, 'poetry'), POETRY_VIRTUALENVS_IN_PROJECT: '1', POETRY_NO_INTERACTION: '1' },
  }),
  pins: (dirs) => countTomlPackages(path.join(dirs.project, 'poetry.lock')),
};

const PDM: PeerTool = {
  id: 'pdm',
  lockFile: 'pdm.lock',
  writeProject: (dirs, project, url) => {
    const deps = pep508(project).map((d) => `  "${d}",`).join('\n');
    writeFileSync(
      path.join(dirs.project, 'pyproject.toml'),
      `[project]\nname = "bench-${project.name}"\nversion = "0.1.0"\nrequires-python = "~=3.11.0"\ndependencies = [\n${deps}\n]\n\n` +
        `[[tool.pdm.source]]\nname = "pypi"\nurl = "${url}"\nverify_ssl = false\n`,
    );
  },
  lock: (dirs) => ({ cmd: 'pdm', args: ['lock'], env: { ...baseEnv(dirs), PDM_PYTHON: SYSTEM_PYTHON, PDM_CHECK_UPDATE: 'false', PDM_IGNORE_SAVED_PYTHON: '1' } }),
  pins: (dirs) => countTomlPackages(path.join(dirs.project, 'pdm.lock')),
};

const PIP: PeerTool = {
  id: 'pip',
  lockFile: 'report.json',
  writeProject: (dirs, project) => writeFileSync(path.join(dirs.project, 'requirements.in'), pep508(project).join('\n') + '\n'),
  lock: (dirs, url) => ({
    cmd: PIP_PYTHON,
    args: ['-m', 'pip', 'install', '--isolated', '--disable-pip-version-check', '--dry-run', '--ignore-installed', '--quiet', '--report', 'report.json', '--index-url', url, '--cache-dir', path.join(dirs.cache, 'pip'), '-r', 'requirements.in'],
    env: baseEnv(dirs),
  }),
  // The pip workflow: a fresh venv, then install the pins the dry-run reported.
  sync: (dirs, url) => {
    const report = JSON.parse(readFileSync(path.join(dirs.project, 'report.json'), 'utf8')) as { install: Array<{ metadata: { name: string; version: string } }> };
    writeFileSync(path.join(dirs.project, 'requirements.txt'), report.install.map((i) => `${i.metadata.name}==${i.metadata.version}`).join('\n') + '\n');
    // Fastest plain-pip route: a venv without its own pip, filled by the outer pip (`--python`, pip >= 22.3).
    const pip = `${PIP_PYTHON} -m pip --python .venv/bin/python install --isolated --disable-pip-version-check --quiet --index-url ${url} --cache-dir ${path.join(dirs.cache, 'pip')} -r requirements.txt`;
    return { cmd: 'sh', args: ['-c', `${PIP_PYTHON} -m venv --without-pip .venv && ${pip}`], env: baseEnv(dirs) };
  },
  pins: (dirs) => {
    const file = path.join(dirs.project, 'report.json');
    if (!existsSync(file)) return undefined;
    return (JSON.parse(readFileSync(file, 'utf8')) as { install: unknown[] }).install.length;
  },
};

/** Every peer, pipgrub first (ratios are peer time / pipgrub time). */
export const PEERS: readonly PeerTool[] = [PIPGRUB, PIPENV, POETRY, PDM, PIP];

const APT_PACKAGE: Partial<Record<PeerTool['id'], string>> = { pipenv: 'pipenv', poetry: 'python3-poetry', pdm: 'python3-pdm' };

function versionOf(cmd: string, args: string[]): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH, HOME: process.env.HOME, PIP_CONFIG_FILE: '/dev/null' } });
  if (r.status !== 0) return undefined;
  return (r.stdout + r.stderr).trim().split('\n')[0];
}

/**
 * Find a peer's version, installing the apt peers with apt-get when missing (and saying so).
 * Returns the version line, or why the peer cannot run.
 */
export function checkPeer(tool: PeerTool, log: (line: string) => void): { ok: true; version: string } | { ok: false; reason: string } {
  switch (tool.id) {
    case 'pipgrub': {
      if (!existsSync(path.join(repoRoot, 'packages/cli/dist'))) return { ok: false, reason: 'packages/cli is not built (run `npx -y pnpm@10 run build`)' };
      const v = versionOf(process.execPath, [PIPGRUB_BIN, '--version']);
      return v ? { ok: true, version: v } : { ok: false, reason: '`pipgrub --version` failed' };
    }
    case 'pip': {
      const v = versionOf(PIP_PYTHON, ['-m', 'pip', '--version']);
      return v ? { ok: true, version: v.replace(/ from \S+/, '') } : { ok: false, reason: `${PIP_PYTHON} has no pip` };
    }
    default: {
      let v = versionOf(tool.id, ['--version']);
      if (!v) {
        const pkg = APT_PACKAGE[tool.id]!;
        log(`${tool.id} is missing: installing it with apt-get install -y ${pkg}`);
        const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: 'inherit', timeout: 600_000 });
        if (r.status !== 0) return { ok: false, reason: `not installed and \`apt-get install ${pkg}\` failed` };
        v = versionOf(tool.id, ['--version']);
      }
      return v ? { ok: true, version: v } : { ok: false, reason: `\`${tool.id} --version\` failed` };
    }
  }
}

/** Create (or reset) a tool's folders for a project. */
export function prepareDirs(root: string, tool: PeerTool, project: PeerProject): PeerDirs {
  const base = path.join(root, tool.id, project.name);
  const dirs = { project: path.join(base, 'project'), cache: path.join(base, 'cache'), config: path.join(base, 'config') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  return dirs;
}

/** Wipe a tool's caches (a cold run); the project and its virtualenv stay. */
export function wipeCache(dirs: PeerDirs): void {
  rmSync(dirs.cache, { recursive: true, force: true });
  mkdirSync(dirs.cache, { recursive: true });
}
