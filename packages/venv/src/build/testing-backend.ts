// Test support: a tiny in-tree PEP 517/660 backend (`backend-path`, no requirements) and a writer for
// projects that use it, so build tests need neither an index nor setuptools.

import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Whether `git` runs on this machine (tests of git entries skip without it).
 *
 * @example
 * ```ts
 * it.skipIf(!hasGit)('a git entry', async () => { ... });
 * ```
 */
export const hasGit: boolean = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A project built by the in-tree test backend. */
export interface SimpleProject {
  name: string;
  version: string;
  /** `Requires-Dist` lines. */
  requires?: string[];
  /** Module source files under `src/`, relative path -> text (default: `<module>/__init__.py`). */
  files?: Record<string, string>;
  /** A hook that raises (after printing a few log lines), to test failures. */
  fail?: string;
  /** Leave out `prepare_metadata_for_build_*` (the frontend must fall back to building a wheel). */
  noPrepare?: boolean;
}

/** The backend: builds wheels with zipfile; editable wheels hold a `.pth` pointing at `src/`. */
export const SIMPLE_BACKEND = String.raw`
import base64, hashlib, io, json, os, zipfile

def _project():
    with io.open('project.json', encoding='utf-8') as f:
        return json.load(f)

def _dist(p):
    return p['name'].replace('-', '_') + '-' + p['version']

def _maybe_fail(hook):
    p = _project()
    if p.get('fail') == hook:
        print('simple_backend: starting ' + hook)
        print('simple_backend: compiling the flux capacitor')
        raise RuntimeError('simple_backend: %s failed on purpose' % hook)

def _metadata(p):
    lines = ['Metadata-Version: 2.1', 'Name: ' + p['name'], 'Version: ' + p['version']]
    lines += ['Requires-Dist: ' + r for r in p.get('requires', [])]
    return '\n'.join(lines) + '\n'

def get_requires_for_build_wheel(config_settings=None):
    _maybe_fail('get_requires_for_build_wheel')
    return []

def get_requires_for_build_editable(config_settings=None):
    _maybe_fail('get_requires_for_build_editable')
    return []

def _prepare(metadata_directory, hook):
    _maybe_fail(hook)
    p = _project()
    d = os.path.join(metadata_directory, _dist(p) + '.dist-info')
    os.makedirs(d)
    with io.open(os.path.join(d, 'METADATA'), 'w', encoding='utf-8') as f:
        f.write(_metadata(p))
    return os.path.basename(d)

def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _prepare(metadata_directory, 'prepare_metadata_for_build_wheel')

def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return _prepare(metadata_directory, 'prepare_metadata_for_build_editable')

def _wheel(wheel_directory, files, hook):
    _maybe_fail(hook)
    p = _project()
    dist = _dist(p)
    name = dist + '-py3-none-any.whl'
    files = list(files) + [
        (dist + '.dist-info/METADATA', _metadata(p).encode('utf-8')),
        (dist + '.dist-info/WHEEL', b'Wheel-Version: 1.0\nGenerator: simple_backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n'),
    ]
    record = []
    with zipfile.ZipFile(os.path.join(wheel_directory, name), 'w') as z:
        for arc, data in files:
            z.writestr(arc, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
            record.append('%s,sha256=%s,%d' % (arc, digest, len(data)))
        record.append(dist + '.dist-info/RECORD,,')
        z.writestr(dist + '.dist-info/RECORD', '\n'.join(record) + '\n')
    print('simple_backend: wrote ' + name)
    return name

def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    files = []
    for root, _, names in os.walk('src'):
        for n in sorted(names):
            full = os.path.join(root, n)
            with open(full, 'rb') as f:
                files.append((os.path.relpath(full, 'src').replace(os.sep, '/'), f.read()))
    return _wheel(wheel_directory, files, 'build_wheel')

def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    p = _project()
    pth = (os.path.abspath('src') + '\n').encode('utf-8')
    return _wheel(wheel_directory, [('__editable__.' + _dist(p) + '.pth', pth)], 'build_editable')
`;

/**
 * Write a project that builds with the in-tree test backend into `dir`.
 * @example await writeSimpleProject('/tmp/p', { name: 'hello-local', version: '1.0', files: { 'hello_local/__init__.py': 'X = 1\n' } });
 */
export async function writeSimpleProject(dir: string, p: SimpleProject): Promise<void> {
  await mkdir(path.join(dir, '_backend'), { recursive: true });
  let backend = SIMPLE_BACKEND;
  if (p.noPrepare) backend = backend.replace(/def prepare_metadata_for_build_(wheel|editable)\(/g, 'def _unused_prepare_$1(');
  await writeFile(path.join(dir, '_backend', 'simple_backend.py'), backend);
  await writeFile(path.join(dir, 'pyproject.toml'), '[build-system]\nrequires = []\nbuild-backend = "simple_backend"\nbackend-path = ["_backend"]\n');
  await writeFile(path.join(dir, 'project.json'), JSON.stringify({ name: p.name, version: p.version, requires: p.requires ?? [], ...(p.fail ? { fail: p.fail } : {}) }));
  const files = p.files ?? { [`${p.name.replace(/-/g, '_')}/__init__.py`]: `VALUE = ${JSON.stringify(p.version)}\n` };
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, 'src', rel)), { recursive: true });
    await writeFile(path.join(dir, 'src', rel), text);
  }
}
