// The kit's wheels and sdists are real: Python's zipfile/tarfile/packaging read them, RECORD digests
// match, METADATA equals the PEP 658 file; and every artifact is byte-for-byte deterministic.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildSdist, buildWheel, crc32, deflateRaw, gzipDeterministic, isTestKitError, wheelDataDir, writeIndex, writeZip, type IndexDescription,
} from '@pipgrub/test-kit';

const hasPython = spawnSync('python3', ['-c', 'import zipfile, tarfile'], { encoding: 'utf8' }).status === 0;
if (!hasPython) console.log('skipping Python validity checks of kit artifacts: python3 not found on PATH');

const DESCRIPTION: IndexDescription = {
  'Tool.Kit': {
    '2.0.0': {
      summary: 'A tool with everything',
      requiresDist: ['lib>=1,<3', 'colorama; sys_platform == "win32"', 'rich>=13; extra == "pretty"'],
      requiresPython: '>=3.8',
      providesExtra: ['pretty'],
      wheels: ['py3-none-any', 'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64'],
      sdist: true,
      dynamic: ['Requires-Dist'],
      entryPoints: { console_scripts: { tool: 'tool_kit.cli:main', 'tool-alt': 'tool_kit:main' }, gui_scripts: { 'tool-gui': 'tool_kit.gui.app:run' } },
      files: {
        'ns/sub/mod.py': 'VALUE = 1\n',
        [`${wheelDataDir('Tool.Kit', '2.0.0')}/scripts/tool-sh`]: '#!/bin/sh\necho tool\n',
        [`${wheelDataDir('Tool.Kit', '2.0.0')}/data/share/tool/x.txt`]: 'data\n',
        [`${wheelDataDir('Tool.Kit', '2.0.0')}/headers/tool.h`]: '#define TOOL 1\n',
        'tool_kit/blob.bin': new Uint8Array([0, 1, 2, 255]),
      },
    },
  },
  lib: { '1.0': { compression: 'store' }, '2.0': { yanked: true, sdist: true, wheels: ['py2.py3-none-any'] } },
};

const VALIDATE_WHEELS = String.raw`
import sys, zipfile, csv, hashlib, base64, io, json, email.parser
from packaging.utils import parse_wheel_filename
from packaging.metadata import Metadata
out = {}
for path in sys.argv[1:]:
    z = zipfile.ZipFile(path)
    names = z.namelist()
    record = [n for n in names if n.endswith('.dist-info/RECORD')]
    assert len(record) == 1, record
    di = record[0].rsplit('/', 1)[0]
    errors = []
    listed = set()
    for p, h, size in csv.reader(io.StringIO(z.read(di + '/RECORD').decode())):
        listed.add(p)
        if p == di + '/RECORD':
            if h or size: errors.append('RECORD lists a hash for itself')
            continue
        data = z.read(p)
        algo, digest = h.split('=', 1)
        if base64.urlsafe_b64encode(hashlib.new(algo, data).digest()).rstrip(b'=').decode() != digest: errors.append('hash mismatch: ' + p)
        if int(size) != len(data): errors.append('size mismatch: ' + p)
    if set(names) - listed: errors.append('not in RECORD: %r' % sorted(set(names) - listed))
    raw = z.read(di + '/METADATA')
    try: Metadata.from_email(raw, validate=True)
    except Exception as e: errors.append('packaging rejects METADATA: %r' % (e,))
    meta = email.parser.BytesParser().parsebytes(raw)
    wheel = email.parser.BytesParser().parsebytes(z.read(di + '/WHEEL'))
    name, version, build, tags = parse_wheel_filename(path.rsplit('/', 1)[-1])
    out[path.rsplit('/', 1)[-1]] = dict(
        testzip=z.testzip(), errors=errors, names=names, metadata=raw.decode(),
        name=meta['Name'], version=meta['Version'], requiresDist=meta.get_all('Requires-Dist') or [],
        requiresPython=meta['Requires-Python'], extras=meta.get_all('Provides-Extra') or [],
        wheelVersion=wheel['Wheel-Version'], purelib=wheel['Root-Is-Purelib'], tags=wheel.get_all('Tag'),
        filenameTags=sorted(str(t) for t in tags), filenameName=name, modes={i.filename: i.external_attr >> 16 for i in z.infolist()},
        entryPoints=z.read(di + '/entry_points.txt').decode() if di + '/entry_points.txt' in names else None)
print(json.dumps(out))
`;

const VALIDATE_SDISTS = String.raw`
import sys, tarfile, json
from packaging.utils import parse_sdist_filename
from packaging.metadata import Metadata
out = {}
for path in sys.argv[1:]:
    fn = path.rsplit('/', 1)[-1]
    name, version = parse_sdist_filename(fn)
    with tarfile.open(path, 'r:gz') as t:
        members = t.getmembers()
        root = fn[:-len('.tar.gz')]
        pkg = t.extractfile(root + '/PKG-INFO').read()
        errors = []
        try: m = Metadata.from_email(pkg, validate=True)
        except Exception as e: errors.append('packaging rejects PKG-INFO: %r' % (e,)); m = None
        out[fn] = dict(errors=errors, names=[x.name for x in members], mtimes=sorted({x.mtime for x in members}),
            owners=sorted({(x.uid, x.gid) for x in members}), allUnderRoot=all(x.name.startswith(root + '/') for x in members),
            name=m and m.name, version=m and str(m.version), dynamic=m and (m.dynamic or []), metadataVersion=m and m.metadata_version,
            requiresDist=m and [str(r) for r in (m.requires_dist or [])], pyproject=t.extractfile(root + '/pyproject.toml').read().decode())
print(json.dumps(out))
`;

function python(script: string, args: string[]): any {
  const r = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  if (r.status !== 0) throw new Error(`python3 failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function treeBytes(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

const tmp: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pipgrub-kit-'));
  tmp.push(d);
  return d;
};
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

describe('archive primitives', () => {
  it('crc32 matches the standard check value and zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const data = new TextEncoder().encode('hello world');
    expect(gunzipSync(gzipDeterministic(data)).toString()).toBe('hello world');
  });

  it('deflateRaw round-trips through zlib for any bytes (seeded property test)', () => {
    const repetitive = fc.array(fc.constantFrom(0, 1, 97, 98, 255), { maxLength: 3000 }).map((a) => new Uint8Array(a));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 3000 }), repetitive), (data) => {
        expect(Buffer.from(inflateRawSync(deflateRaw(data))).equals(Buffer.from(data))).toBe(true);
      }),
      { seed: 20261124, numRuns: 300 },
    );
    const big = new Uint8Array(70_000).map((_, i) => (i * 7919) % 251); // stored blocks past 65535 bytes
    expect(Buffer.from(inflateRawSync(deflateRaw(big))).equals(Buffer.from(big))).toBe(true);
    const text = new TextEncoder().encode('Requires-Dist: werkzeug>=3.0.0\n'.repeat(200));
    expect(deflateRaw(text).length).toBeLessThan(text.length / 10);
  });

  it('writeZip stores entries that inflate back and rejects duplicates', () => {
    const z = Buffer.from(writeZip([{ path: 'a.txt', data: new TextEncoder().encode('aaaa') }]));
    expect(z.readUInt32LE(0)).toBe(0x04034b50);
    const nameLen = z.readUInt16LE(26);
    const csize = z.readUInt32LE(18);
    expect(inflateRawSync(z.subarray(30 + nameLen, 30 + nameLen + csize)).toString()).toBe('aaaa');
    expect(() => writeZip([{ path: 'a', data: new Uint8Array() }, { path: 'a', data: new Uint8Array() }])).toThrow(/duplicate/);
  });
});

describe('bad descriptions', () => {
  it('throw a TestKitError with a stable code and a hint', () => {
    const cases: [() => unknown, string][] = [
      [() => buildWheel('x', '1.0', { wheels: ['py3-any'] }), 'BAD_TAG'],
      [() => buildWheel('x', '1.0', { summary: 'two\nlines' }), 'BAD_METADATA_VALUE'],
      [() => buildWheel('x', '1.0', { files: { 'x-1.0.dist-info/METADATA': '' } }), 'BAD_PATH'],
      [() => writeIndex(freshDir(), { Foo: { '1': {} }, foo: { '1': {} } }), 'DUPLICATE_PROJECT'],
      [() => writeIndex(freshDir(), {}, { links: 'absolute' }), 'BAD_OPTION'],
    ];
    for (const [fn, code] of cases) {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      expect(isTestKitError(err), code).toBe(true);
      expect((err as { code: string }).code).toBe(code);
    }
  });
});

describe('determinism', () => {
  it('the same description builds byte-identical wheels and sdists', () => {
    const r = DESCRIPTION['Tool.Kit']!['2.0.0']!;
    const a = buildWheel('Tool.Kit', '2.0.0', r);
    const b = buildWheel('Tool.Kit', '2.0.0', structuredClone(r));
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(a.sha256).toBe(b.sha256);
    expect(buildSdist('Tool.Kit', '2.0.0', r).sha256).toBe(buildSdist('Tool.Kit', '2.0.0', r).sha256);
    expect(buildWheel('Tool.Kit', '2.0.1', r).sha256).not.toBe(a.sha256);
  });

  it('golden hashes: the same description gives the same bytes on every machine and Node version', () => {
    // If this fails after an intended change to the kit's output, update the hashes in the same commit.
    const r = { requiresDist: ['lib>=1'], entryPoints: { console_scripts: { app: 'app.cli:main' } }, sdist: true };
    expect(buildWheel('app', '1.0', r).sha256).toBe('47f7368e2d49ea4d0a45f2cfde80f00fc13dd4aced6c3ca921b27146984d1974');
    expect(buildSdist('app', '1.0', r).sha256).toBe('63365f23a8097a94dca303263b863d469537aa3c73448523715bf4f2c81164f2');
  });

  it('writeIndex twice gives identical trees (every file, every byte)', () => {
    const one = treeBytes(writeIndex(freshDir(), DESCRIPTION).root);
    const two = treeBytes(writeIndex(freshDir(), structuredClone(DESCRIPTION)).root);
    expect([...one.keys()]).toEqual([...two.keys()]);
    for (const [k, v] of one) expect(v.equals(two.get(k)!), k).toBe(true);
    expect([...one.keys()].filter((k) => k.startsWith('files/')).length).toBe(4 + 3 + 3); // 4 wheels + 2 sdists + 4 .metadata
  });
});

describe.skipIf(!hasPython)('validity (checked by Python zipfile, tarfile and packaging)', () => {
  const dir = freshDir();
  const index = writeIndex(dir, DESCRIPTION);
  const wheels = index.files.filter((f) => f.kind === 'wheel');
  const sdists = index.files.filter((f) => f.kind === 'sdist');

  it('every wheel is a valid zip whose RECORD digests and sizes match and whose METADATA parses', () => {
    const res = python(VALIDATE_WHEELS, wheels.map((w) => w.path));
    for (const w of wheels) {
      const r = res[w.filename];
      expect(r.testzip, w.filename).toBeNull();
      expect(r.errors, w.filename).toEqual([]);
      expect(r.wheelVersion).toBe('1.0');
      expect([...r.tags].sort()).toEqual(r.filenameTags);
      expect(r.metadata).toBe(readFileSync(`${w.path}.metadata`, 'utf8')); // PEP 658 file == METADATA
    }
    const any = res['tool_kit-2.0.0-py3-none-any.whl'];
    expect(any).toMatchObject({ name: 'Tool.Kit', version: '2.0.0', filenameName: 'tool-kit', requiresPython: '>=3.8', extras: ['pretty'], purelib: 'true' });
    expect(any.requiresDist).toEqual(DESCRIPTION['Tool.Kit']!['2.0.0']!.requiresDist);
    expect(any.entryPoints).toBe('[console_scripts]\ntool = tool_kit.cli:main\ntool-alt = tool_kit:main\n\n[gui_scripts]\ntool-gui = tool_kit.gui.app:run\n');
    expect(any.names).toEqual(expect.arrayContaining([
      'tool_kit/__init__.py', 'tool_kit/cli.py', 'tool_kit/gui/__init__.py', 'tool_kit/gui/app.py', 'ns/sub/mod.py', 'tool_kit/blob.bin',
      'tool_kit-2.0.0.data/scripts/tool-sh', 'tool_kit-2.0.0.data/data/share/tool/x.txt', 'tool_kit-2.0.0.data/headers/tool.h',
    ]));
    expect(any.names[any.names.length - 1]).toBe('tool_kit-2.0.0.dist-info/RECORD');
    expect(any.modes['tool_kit-2.0.0.data/scripts/tool-sh'] & 0o777).toBe(0o755);
    const plat = res['tool_kit-2.0.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'];
    expect(plat.purelib).toBe('false');
    expect(plat.tags).toEqual(['cp312-cp312-manylinux_2_17_x86_64', 'cp312-cp312-manylinux2014_x86_64']);
    expect(res['lib-2.0-py2.py3-none-any.whl'].tags).toEqual(['py2-none-any', 'py3-none-any']);
  });

  it('the generated modules import and entry-point stubs run (zipimport; namespace packages are checked by the pip test)', () => {
    const wheel = wheels.find((w) => w.filename === 'tool_kit-2.0.0-py3-none-any.whl')!;
    const r = spawnSync('python3', ['-c', 'import sys; sys.path.insert(0, sys.argv[1]); import tool_kit, tool_kit.cli, tool_kit.gui.app; print(tool_kit.__version__); tool_kit.cli.main(); tool_kit.gui.app.run()', wheel.path], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('2.0.0\nTool.Kit 2.0.0\nTool.Kit 2.0.0\n');
  });

  it('every sdist opens with tarfile and its PKG-INFO parses (Dynamic -> Metadata-Version 2.2)', () => {
    const res = python(VALIDATE_SDISTS, sdists.map((s) => s.path));
    const tool = res['tool_kit-2.0.0.tar.gz'];
    expect(tool.errors).toEqual([]);
    expect(tool).toMatchObject({ name: 'Tool.Kit', version: '2.0.0', metadataVersion: '2.2', dynamic: ['requires-dist'], allUnderRoot: true, mtimes: [315532800], owners: [[0, 0]] });
    expect(tool.names).toEqual(expect.arrayContaining(['tool_kit-2.0.0/PKG-INFO', 'tool_kit-2.0.0/pyproject.toml', 'tool_kit-2.0.0/tool_kit/__init__.py', 'tool_kit-2.0.0/ns/sub/mod.py']));
    expect(tool.pyproject).toContain('[project.scripts]\n"tool" = "tool_kit.cli:main"');
    const lib = res['lib-2.0.tar.gz'];
    expect(lib).toMatchObject({ errors: [], name: 'lib', version: '2.0', metadataVersion: '2.1', dynamic: [] });
  });

  it('writes the files it reports, with matching sizes', () => {
    for (const f of index.files) expect(readFileSync(f.path).length).toBe(f.size);
    writeFileSync(join(dir, 'marker'), ''); // the folder stays writable for callers
  });
});
