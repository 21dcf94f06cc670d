// Importer for packse-style scenarios (../shared/corpora/packse and ../shared/corpora/uv-scenarios):
// TOML (or JSON) files -> ResolverCase, applying packse's defaults and marking out-of-scope features.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { CaseIndex, CaseOptions, CaseRelease, ResolverCase } from './format';

/** packse `PackageMetadata` (per version), see packse `src/packse/scenario.py`. */
interface ScenarioVersion {
  requires_python?: string;
  requires?: string[];
  extras?: Record<string, string[]>;
  sdist?: boolean;
  wheel?: boolean;
  yanked?: boolean;
  wheel_tags?: string[];
}

/** A packse / uv scenario as written in TOML. */
export interface Scenario {
  name: string;
  description?: string;
  root?: { requires?: string[]; requires_python?: string };
  packages?: Record<string, { versions?: Record<string, ScenarioVersion> }>;
  expected: { satisfiable: boolean; packages?: Record<string, string>; explanation?: string };
  environment?: { python?: string; additional_python?: string[] };
  resolver_options?: {
    python?: string;
    prereleases?: boolean;
    no_build?: string[];
    no_binary?: string[];
    universal?: boolean;
    python_platform?: string;
    required_environments?: string[];
    resolution?: 'highest' | 'lowest' | 'lowest-direct';
  };
  testgen?: { disable?: boolean; kind?: string };
}

/** packse's default `Requires-Python` for a version that does not set one. */
const DEFAULT_REQUIRES_PYTHON = '>=3.12';
const DEFAULT_PYTHON = '3.12';

/** Append `extra == "name"` to a requirement string, keeping any marker it already has. */
export function withExtraMarker(requirement: string, extra: string): string {
  const semi = requirement.indexOf(';');
  if (semi < 0) return `${requirement} ; extra == "${extra}"`;
  const req = requirement.slice(0, semi).trimEnd();
  const marker = requirement.slice(semi + 1).trim();
  return `${req} ; (${marker}) and extra == "${extra}"`;
}

function releaseOf(meta: ScenarioVersion): CaseRelease {
  const requiresDist = [...(meta.requires ?? [])];
  const providesExtra: string[] = [];
  for (const [extra, reqs] of Object.entries(meta.extras ?? {})) {
    providesExtra.push(extra);
    for (const r of reqs) requiresDist.push(withExtraMarker(r, extra));
  }
  const wheel = meta.wheel ?? true;
  const release: CaseRelease = {
    requiresDist,
    requiresPython: meta.requires_python ?? DEFAULT_REQUIRES_PYTHON,
    wheels: wheel ? (meta.wheel_tags && meta.wheel_tags.length > 0 ? meta.wheel_tags : ['py3-none-any']) : [],
    sdist: meta.sdist ?? true,
  };
  if (providesExtra.length > 0) release.providesExtra = providesExtra;
  if (meta.yanked) release.yanked = true;
  return release;
}

/** `x86_64-manylinux2014` and friends -> our platform names. */
function platformOf(pythonPlatform: string | undefined): ResolverCase['environment']['platform'] | undefined {
  if (pythonPlatform === undefined) return undefined;
  if (/^x86_64-(manylinux|unknown-linux-gnu|linux)/.test(pythonPlatform)) return 'linux-x86_64';
  if (/^aarch64-(manylinux|unknown-linux-gnu|linux)/.test(pythonPlatform)) return 'linux-aarch64';
  return undefined;
}

/**
 * Convert one scenario into a case. Universal (lock-style, multi-platform) scenarios are kept but marked
 * skipped, naming the feature.
 */
export function scenarioToCase(s: Scenario, suite: string, category: string, origin: string): ResolverCase {
  const index: CaseIndex = {};
  for (const [name, pkg] of Object.entries(s.packages ?? {})) {
    const versions: Record<string, CaseRelease> = {};
    for (const [v, meta] of Object.entries(pkg.versions ?? {})) versions[v] = releaseOf(meta ?? {});
    index[name] = versions;
  }
  const ro = s.resolver_options ?? {};
  const options: CaseOptions = {
    // packse/uv ignore Requires-Python upper bounds (scenario requires_python/python-less-than-current).
    requiresPythonUpperBound: 'ignore',
  };
  if (ro.prereleases) options.prereleases = 'allow';
  if (ro.resolution) options.strategy = ro.resolution;
  if (ro.no_build && ro.no_build.length > 0) options.noBuild = ro.no_build;
  if (ro.no_binary && ro.no_binary.length > 0) options.noBinary = ro.no_binary;
  const platform = platformOf(ro.python_platform);
  const c: ResolverCase = {
    suite,
    category,
    name: s.name,
    origin,
    index,
    root: s.root?.requires ?? [],
    // `resolver_options.python` resolves for another interpreter than the one running the installer.
    environment: { python: ro.python ?? s.environment?.python ?? DEFAULT_PYTHON, ...(platform ? { platform } : {}) },
    options,
    expected: {
      satisfiable: s.expected.satisfiable,
      ...(s.expected.packages && Object.keys(s.expected.packages).length > 0 ? { packages: s.expected.packages } : {}),
      ...(s.expected.explanation ? { explanation: s.expected.explanation } : {}),
    },
  };
  if (s.description) c.description = s.description;
  if (ro.universal) {
    c.skip = {
      feature: 'universal resolution',
      reason: 'universal (cross-platform, forking) lock resolution is not implemented yet',
    };
  } else if (ro.python_platform && !platform) {
    c.skip = { feature: 'python_platform', reason: `target platform ${ro.python_platform} is not modelled` };
  }
  return c;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

function readScenarios(file: string): Scenario[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.toml')) return [parseToml(text) as unknown as Scenario];
  const data = JSON.parse(text) as Scenario | Scenario[];
  return Array.isArray(data) ? data : [data];
}

/**
 * Load every scenario of a packse-style corpus (`<root>/scenarios/<category>/<name>.toml`).
 * `preferExpected` (another corpus root, e.g. uv-scenarios) supplies the expectation for scenarios found
 * at the same path there when the two disagree.
 *
 * @example
 * ```ts
 * const cases = loadScenarioSuite('packse', '/work/shared/corpora/packse', '/work/shared/corpora/uv-scenarios');
 * ```
 */
export function loadScenarioSuite(suite: string, corpusRoot: string, preferExpectedFrom?: string): ResolverCase[] {
  const scenariosDir = path.join(corpusRoot, 'scenarios');
  const cases: ResolverCase[] = [];
  for (const file of listFiles(scenariosDir)) {
    const rel = path.relative(scenariosDir, file);
    const category = rel.split(path.sep)[0] ?? 'misc';
    const origin = path.join(path.basename(corpusRoot), 'scenarios', rel);
    if (file.endsWith('.yaml') || file.endsWith('.yml')) {
      cases.push({
        suite,
        category,
        name: path.basename(file),
        origin,
        index: {},
        root: [],
        environment: { python: DEFAULT_PYTHON },
        skip: { feature: 'yaml', reason: 'YAML copy of examples/example.toml (no YAML parser; the TOML copy runs)' },
      });
      continue;
    }
    if (!file.endsWith('.toml') && !file.endsWith('.json')) continue;
    for (const s of readScenarios(file)) {
      const c = scenarioToCase(s, suite, category, origin);
      if (preferExpectedFrom && file.endsWith('.toml')) {
        const other = path.join(preferExpectedFrom, 'scenarios', rel);
        if (existsSync(other)) {
          const [o] = readScenarios(other);
          if (o && o.name === s.name && !sameExpectation(o.expected, s.expected)) {
            const oc = scenarioToCase(o, suite, category, origin);
            c.expected = { ...oc.expected!, source: `${path.basename(preferExpectedFrom)} (differs from ${suite})` };
          }
        }
      }
      cases.push(c);
    }
  }
  return cases;
}

function sameExpectation(a: Scenario['expected'], b: Scenario['expected']): boolean {
  if (a.satisfiable !== b.satisfiable) return false;
  return JSON.stringify(sortKeys(a.packages ?? {})) === JSON.stringify(sortKeys(b.packages ?? {}));
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}
