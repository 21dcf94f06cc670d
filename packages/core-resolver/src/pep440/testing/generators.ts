// fast-check generators for differential tests: PEP 440 version text in every spelling (valid and
// broken), specifier sets, PEP 508 markers and requirements. Shared by core-resolver tests and benchmarks/.
import fc from 'fast-check';

const sep = fc.constantFrom('', '', '', '.', '-', '_');

function caseOf(word: string): fc.Arbitrary<string> {
  return fc.constantFrom(word, word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1));
}

/** Small numbers mostly (so versions collide), sometimes big ones, sometimes with leading zeros. */
function numText(max: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 0, max }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 99999 }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 40 }) },
      ),
      fc.integer({ min: 0, max: 12 }),
    )
    .map(([n, z]) => (z === 0 ? `0${n}` : String(n)));
}

const optNum = (max: number): fc.Arbitrary<string> => fc.option(numText(max), { nil: '' });

function preText(max: number): fc.Arbitrary<string> {
  return fc
    .tuple(sep, fc.constantFrom('a', 'b', 'rc', 'c', 'alpha', 'beta', 'pre', 'preview').chain(caseOf), sep, optNum(max))
    .map(([a, l, b, n]) => a + l + b + n);
}

function postText(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    numText(max).map((n) => `-${n}`),
    fc.tuple(sep, fc.constantFrom('post', 'rev', 'r').chain(caseOf), sep, optNum(max)).map(([a, l, b, n]) => a + l + b + n),
  );
}

function devText(max: number): fc.Arbitrary<string> {
  return fc.tuple(sep, caseOf('dev'), sep, optNum(max)).map(([a, l, b, n]) => a + l + b + n);
}

const localText: fc.Arbitrary<string> = fc
  .array(fc.stringMatching(/^[a-zA-Z0-9]{1,4}$/), { minLength: 1, maxLength: 3 })
  .chain((segs) => fc.array(fc.constantFrom('.', '-', '_'), { minLength: segs.length, maxLength: segs.length }).map((seps) => segs.map((s, i) => (i ? seps[i]! + s : s)).join('')))
  .map((s) => `+${s}`);

/** Options for {@link versionText}. */
export interface VersionTextOptions {
  /** Largest "small" number used in components (small = frequent collisions). */
  max?: number;
  maxRelease?: number;
  local?: boolean;
  whitespace?: boolean;
}

/** Valid PEP 440 version text in any spelling (`V1.0-RC.1`, `1.0.post`, `1!2.3.dev4+abc.5`). */
export function versionText(opts: VersionTextOptions = {}): fc.Arbitrary<string> {
  const max = opts.max ?? 20;
  const ws = opts.whitespace ? fc.constantFrom('', '', '', '', ' ', '\t', '\n ') : fc.constant('');
  return fc
    .record({
      lead: ws,
      v: fc.constantFrom('', '', '', '', 'v', 'V'),
      epoch: fc.oneof({ weight: 9, arbitrary: fc.constant('') }, { weight: 1, arbitrary: numText(3).map((n) => `${n}!`) }),
      release: fc.array(numText(max), { minLength: 1, maxLength: opts.maxRelease ?? 5 }).map((a) => a.join('.')),
      pre: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: preText(max) }),
      post: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: postText(max) }),
      dev: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: devText(max) }),
      local: opts.local === false ? fc.constant('') : fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: localText }),
      trail: ws,
    })
    .map((r) => r.lead + r.v + r.epoch + r.release + r.pre + r.post + r.dev + r.local + r.trail);
}

const JUNK = '0123456789.-_+!*abcdeprvostAPV \t';

/** Version-like text that is often invalid: random junk and one-character mutations of valid text. */
export function brokenVersionText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.array(fc.constantFrom(...JUNK.split('')), { maxLength: 14 }).map((a) => a.join('')),
    fc.tuple(versionText(), fc.nat(), fc.constantFrom(...JUNK.split(''))).map(([s, i, c]) => {
      const k = i % (s.length + 1);
      return s.slice(0, k) + c + s.slice(k);
    }),
    fc.tuple(versionText(), fc.nat()).map(([s, i]) => {
      const k = i % Math.max(1, s.length);
      return s.slice(0, k) + s.slice(k + 1);
    }),
  );
}

/** Candidate versions from a small universe, so they hit specifier edges often. */
export function candidateText(): fc.Arbitrary<string> {
  return versionText({ max: 3, maxRelease: 3 }).filter((s) => !/\s/.test(s));
}

const spaces = fc.constantFrom('', '', '', ' ', '  ');

/** One specifier clause, mostly valid, over the same small universe as {@link candidateText}. */
export function specifierText(): fc.Arbitrary<string> {
  const small = versionText({ max: 3, maxRelease: 3, local: false });
  const withLocal = versionText({ max: 3, maxRelease: 3 });
  const release = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }).map((a) => a.join('.'));
  const release2 = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 4 }).map((a) => a.join('.'));
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom('<', '<=', '>', '>='), spaces, small).map(([o, s, v]) => o + s + v) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('==', '!='), spaces, withLocal).map(([o, s, v]) => o + s + v) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('==', '!='), spaces, fc.constantFrom('', 'v', '1!'), release).map(([o, s, p, v]) => `${o}${s}${p}${v}.*`) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(spaces, release2, fc.oneof(fc.constant(''), preText(3), postText(3), devText(3), fc.constant('.post1'), fc.constant('rc1')))
        .map(([s, v, suffix]) => `~=${s}${v}${suffix}`),
    },
    { weight: 1, arbitrary: fc.tuple(spaces, fc.oneof(small, fc.constantFrom('foo', 'Foo', '1.0', '1.0.0'))).map(([s, v]) => `===${s}${v}`) },
    { weight: 1, arbitrary: fc.constantFrom('>=1.0.*', '~=1', '<1.0+abc', '=>1.0', '>= 1.0 1', '==', '~=1.0.*', '>=', '!=1.0.*+abc') },
  );
}

/** A specifier set: 0-3 clauses joined by commas with optional spaces. */
export function specifierSetText(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(specifierText(), { maxLength: 3 }), fc.array(fc.constantFrom(',', ', ', ' ,'), { minLength: 3, maxLength: 3 }))
    .map(([clauses, seps]) => clauses.map((c, i) => (i ? seps[i]! + c : c)).join(''));
}

const VERSION_VARS = ['python_version', 'python_full_version', 'implementation_version', 'platform_release'];
const STRING_VARS = ['os_name', 'os.name', 'sys_platform', 'sys.platform', 'platform_system', 'platform_machine', 'platform.machine', 'platform_python_implementation', 'python_implementation', 'implementation_name'];
const VERSION_VALUES = ['2.7', '3', '3.8', '3.9', '3.10', '3.12', '3.8.1', '3.12.1', '3.13.0rc1', '3.*', '3.1*', '3.10.*', 'foo', '6', '6.1.0', '10'];
const STRING_VALUES = ['posix', 'nt', 'linux', 'win32', 'darwin', 'Linux', 'Windows', 'Darwin', 'x86_64', 'AMD64', 'arm64', 'CPython', 'cpython', 'pypy', 'PyPy', 'lin', ''];

function quote(v: string): fc.Arbitrary<string> {
  return fc.constantFrom(`"${v}"`, `'${v}'`);
}

/** One marker comparison in varied spellings. */
export function markerComparisonText(): fc.Arbitrary<string> {
  const versionCmp = fc
    .tuple(fc.constantFrom(...VERSION_VARS), fc.constantFrom('==', '!=', '<', '<=', '>', '>=', '~=', '===', 'in', 'not in'), fc.constantFrom(...VERSION_VALUES), fc.boolean())
    .chain(([v, op, val, flip]) => quote(val).map((q) => (flip ? `${q} ${op} ${v}` : `${v} ${op} ${q}`)));
  const stringCmp = fc
    .tuple(fc.constantFrom(...STRING_VARS), fc.constantFrom('==', '!=', '==', '!=', 'in', 'not in', '<', '>=', '<='), fc.constantFrom(...STRING_VALUES), fc.boolean())
    .chain(([v, op, val, flip]) => quote(val).map((q) => (flip ? `${q} ${op} ${v}` : `${v} ${op} ${q}`)));
  const extraCmp = fc
    .tuple(fc.constantFrom('==', '!='), fc.constantFrom('security', 'Foo_Bar', 'foo-bar', 'socks', 'tests'))
    .chain(([op, val]) => quote(val).map((q) => `extra ${op} ${q}`));
  return fc.oneof({ weight: 4, arbitrary: versionCmp }, { weight: 4, arbitrary: stringCmp }, { weight: 2, arbitrary: extraCmp });
}

/** Markers: comparisons combined with and/or and parentheses, with varied whitespace. */
export function markerText(): fc.Arbitrary<string> {
  const { tree } = fc.letrec<{ tree: string }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      markerComparisonText(),
      fc.tuple(tie('tree'), fc.constantFrom(' and ', ' or ', ' and  ', ')and('), tie('tree')).map(([a, op, b]) => (op === ')and(' ? `(${a})and(${b})` : a + op + b)),
      tie('tree').map((t) => `(${t})`),
    ),
  }));
  return tree;
}

/** Broken markers: unbalanced parentheses, missing operands, junk. */
export function brokenMarkerText(): fc.Arbitrary<string> {
  return fc.oneof(
    markerText().map((m) => `(${m}`),
    markerText().map((m) => `${m})`),
    markerText().map((m) => `${m} and`),
    fc.tuple(markerText(), fc.nat()).map(([m, i]) => m.slice(0, i % (m.length + 1))),
    fc.constantFrom('os_name', 'os_name ==', '== "x"', 'foo == "bar"', 'os_name = "nt"', 'os_name == nt', '((((', 'os_name not "nt"', 'python_version ≥ "3"'),
  );
}

/** PEP 508 requirement strings. */
export function requirementText(): fc.Arbitrary<string> {
  const name = fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,6}$/), fc.option(fc.tuple(fc.constantFrom('-', '_', '.'), fc.stringMatching(/^[A-Za-z0-9]{1,5}$/)), { nil: undefined })).map(([a, b]) => (b ? a + b[0] + b[1] : a));
  const extras = fc.option(fc.array(fc.constantFrom('socks', 'Security', 'tests', 'foo_bar', 'a.b'), { minLength: 0, maxLength: 3 }).map((a) => `[${a.join(', ')}]`), { nil: '' });
  const spec = fc.oneof(specifierSetText(), specifierSetText().map((s) => `(${s})`));
  const marker = fc.option(markerText().map((m) => ` ; ${m}`), { nil: '' });
  const url = fc.constantFrom('https://example.com/pkg-1.0.tar.gz', 'git+https://github.com/a/b.git@v1#egg=b', 'file:///tmp/x.whl');
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(name, spaces, extras, spaces, spec, marker).map((p) => p.join('')) },
    { weight: 1, arbitrary: fc.tuple(name, extras, url, fc.option(markerText(), { nil: undefined })).map(([n, e, u, m]) => `${n}${e} @ ${u}${m ? ` ; ${m}` : ''}`) },
    { weight: 1, arbitrary: fc.tuple(name, fc.constantFrom('[a b]', '[', '>=1.0,,<2', ' @', '>=1.0 ; ', ';os_name', '>=1.0 junk', '==1.0.*.*')).map(([n, s]) => n + s) },
  );
}

/** Marker environments for evaluation (all PEP 508 variables). */
export const MARKER_ENVIRONMENTS = [
  {
    implementation_name: 'cpython', implementation_version: '3.12.1', os_name: 'posix', platform_machine: 'x86_64', platform_release: '6.1.0',
    platform_system: 'Linux', platform_version: '#1 SMP', python_full_version: '3.12.1', platform_python_implementation: 'CPython',
    python_version: '3.12', sys_platform: 'linux', extra: '',
  },
  {
    implementation_name: 'cpython', implementation_version: '3.8.10', os_name: 'nt', platform_machine: 'AMD64', platform_release: '10',
    platform_system: 'Windows', platform_version: '10.0.19045', python_full_version: '3.8.10', platform_python_implementation: 'CPython',
    python_version: '3.8', sys_platform: 'win32', extra: 'Foo_Bar',
  },
  {
    implementation_name: 'pypy', implementation_version: '7.3.15', os_name: 'posix', platform_machine: 'arm64', platform_release: '23.0.0',
    platform_system: 'Darwin', platform_version: 'Darwin Kernel', python_full_version: '3.10.0rc1', platform_python_implementation: 'PyPy',
    python_version: '3.10', sys_platform: 'darwin', extra: 'security',
  },
] as const;
