// RECORD parsing/formatting as Python's csv module does it, and the launcher text pip generates.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatRecord, parseRecord, recordHash } from './record';
import { adjustVersionedScripts, launcherScript, parseEntryPoints, shebang } from './entry-points';
import { parseWheelName } from './wheel-name';
import { bestWheel } from './select';
import { directUrlJson } from './staged-install';

describe('RECORD', () => {
  it('parses quoted fields, CRLF and LF', () => {
    const rows = parseRecord('a.py,sha256=x,1\r\n"we,ird ""name"".py",sha256=y,2\nd/RECORD,,\n');
    expect(rows).toEqual([
      { path: 'a.py', hash: 'sha256=x', size: '1' },
      { path: 'we,ird "name".py', hash: 'sha256=y', size: '2' },
      { path: 'd/RECORD', hash: '', size: '' },
    ]);
  });

  it('formats sorted with CRLF like pip, and round-trips', () => {
    expect(formatRecord([{ path: 'b', hash: '', size: '' }, { path: 'a,1', hash: 'h', size: '3' }])).toBe('"a,1",h,3\r\nb,,\r\n');
    fc.assert(
      fc.property(fc.array(fc.record({ path: fc.string({ minLength: 1 }), hash: fc.string(), size: fc.string() }), { maxLength: 8 }), (rows) => {
        const clean = rows.filter((r) => !/[\r\n]/.test(r.path + r.hash + r.size));
        const back = parseRecord(formatRecord(clean));
        expect(back.length).toBe(clean.length);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('hashes as urlsafe base64 without padding', () => {
    expect(recordHash('')).toBe('sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU');
  });
});

describe('entry points and launchers', () => {
  const eps = parseEntryPoints('[console_scripts]\nfoo = foo.cli:main.run [extra]\npip3.9 = pip._internal.cli.main:main\npip = pip._internal.cli.main:main\n\n[gui_scripts]\nfoog = foo:gui\n[other]\nx = y:z\n');

  it('parses console and gui scripts, dropping extras', () => {
    expect(eps).toEqual([
      { name: 'foo', module: 'foo.cli', attr: 'main.run', gui: false },
      { name: 'pip3.9', module: 'pip._internal.cli.main', attr: 'main', gui: false },
      { name: 'pip', module: 'pip._internal.cli.main', attr: 'main', gui: false },
      { name: 'foog', module: 'foo', attr: 'gui', gui: true },
    ]);
  });

  it('renames pip\'s versioned scripts for the target Python, as pip does', () => {
    expect(adjustVersionedScripts(eps, [3, 12]).map((e) => e.name)).toEqual(['pip', 'pip3', 'pip3.12', 'foo', 'foog']);
  });

  it('writes pip\'s launcher text, with the /bin/sh trick for long or spaced paths', () => {
    expect(launcherScript('/v/bin/python', eps[0]!)).toBe(
      "#!/v/bin/python\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom foo.cli import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main.run())\n",
    );
    if (process.platform === 'linux') {
      expect(shebang('/with space/python')).toBe(`#!/bin/sh\n'''exec' "/with space/python" "$0" "$@"\n' '''\n`);
      expect(shebang('/' + 'x'.repeat(130))).toMatch(/^#!\/bin\/sh\n/);
    }
  });
});

describe('wheel names and PEP 610', () => {
  it('parses wheel file names with build tags and compressed tag sets', () => {
    const w = parseWheelName('foo_bar-1.0-1b-py2.py3-none-any.whl');
    expect(w).toEqual({ distribution: 'foo_bar', version: '1.0', build: '1b', tags: ['py2-none-any', 'py3-none-any'] });
    expect(() => parseWheelName('nope.whl')).toThrow(/not a valid wheel/);
  });

  it('serializes direct_url.json like json.dumps(sort_keys=True)', () => {
    expect(directUrlJson({ url: 'file:///x.whl', archive_info: { hashes: { sha256: 'ab' }, hash: 'sha256=ab' } })).toBe(
      '{"archive_info": {"hash": "sha256=ab", "hashes": {"sha256": "ab"}}, "url": "file:///x.whl"}',
    );
    expect(directUrlJson({ url: 'file:///é' })).toBe('{"url": "file:///\\u00e9"}');
  });
});

describe('bestWheel', () => {
  it('picks the wheel whose tag ranks best, skipping sdists and incompatible wheels', () => {
    const tags = ['cp312-cp312-manylinux_2_17_x86_64', 'cp312-abi3-manylinux_2_17_x86_64', 'py3-none-any'];
    const files = ['x-1.tar.gz', 'x-1-py3-none-any.whl', 'x-1-cp312-abi3-manylinux_2_17_x86_64.whl', 'x-1-cp311-cp311-win_amd64.whl'];
    expect(bestWheel(files, tags)).toBe(2);
    expect(bestWheel(['x-1-cp311-cp311-win_amd64.whl', 'x-1.tar.gz'], tags)).toBe(-1);
  });
});
