// The realistic projects of the peer comparison and the loopback index they resolve against: the kit's
// SAMPLE_INDEX plus a web stack, a data-science stack, a generated 100+-package platform and a real conflict.
import { SAMPLE_INDEX, type IndexDescription, type ReleaseDescription } from '@pipgrub/test-kit';
import { prng } from '../generate/prng';

/** One project every peer locks: its top-level requirements (Pipfile-style `name -> specifier`). */
export interface PeerProject {
  name: string;
  summary: string;
  requirements: Record<string, string>;
  /** The requirements cannot be satisfied: every tool must fail (the time to the failure is measured). */
  conflict?: boolean;
}

const PLAT = ['cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64', 'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64', 'cp311-cp311-win_amd64', 'cp311-cp311-macosx_11_0_arm64'];
const r = (requiresPython: string | undefined, requiresDist: string[] = [], extra: Partial<ReleaseDescription> = {}): ReleaseDescription => ({
  ...(requiresPython ? { requiresPython } : {}),
  requiresDist,
  ...extra,
});
const native = (requiresPython: string, requiresDist: string[] = []): ReleaseDescription => r(requiresPython, requiresDist, { wheels: PLAT });

/** Web-stack projects added to the sample index (versions and dependencies as published on PyPI). */
const WEB: IndexDescription = {
  gunicorn: { '21.2.0': r('>=3.5', ['packaging']), '22.0.0': r('>=3.7', ['packaging']), '23.0.0': r('>=3.7', ['packaging']) },
  SQLAlchemy: {
    '2.0.30': native('>=3.7', ['typing-extensions>=4.6.0', 'greenlet!=0.4.17; platform_machine == "x86_64" or platform_machine == "aarch64"']),
    '2.0.36': native('>=3.7', ['typing-extensions>=4.6.0', 'greenlet!=0.4.17; platform_machine == "x86_64" or platform_machine == "aarch64"']),
  },
  greenlet: { '3.0.3': native('>=3.7'), '3.1.1': native('>=3.7') },
  'typing-extensions': { '4.11.0': r('>=3.8'), '4.12.2': r('>=3.8') },
  pydantic: {
    '2.8.2': r('>=3.8', ['annotated-types>=0.4.0', 'pydantic-core==2.20.1', 'typing-extensions>=4.6.1']),
    '2.9.2': r('>=3.8', ['annotated-types>=0.6.0', 'pydantic-core==2.23.4', 'typing-extensions>=4.6.1; python_version < "3.13"', 'typing-extensions>=4.12.2; python_version >= "3.13"']),
  },
  'pydantic-core': { '2.20.1': native('>=3.8', ['typing-extensions>=4.6.0,!=4.7.0']), '2.23.4': native('>=3.8', ['typing-extensions>=4.6.0,!=4.7.0']) },
  'annotated-types': { '0.6.0': r('>=3.8'), '0.7.0': r('>=3.8') },
  'python-dotenv': { '1.0.0': r('>=3.8'), '1.0.1': r('>=3.8') },
  alembic: { '1.13.2': r('>=3.8', ['SQLAlchemy>=1.3.0', 'Mako', 'typing-extensions>=4']), '1.13.3': r('>=3.8', ['SQLAlchemy>=1.3.0', 'Mako', 'typing-extensions>=4']) },
  Mako: { '1.3.5': r('>=3.8', ['MarkupSafe>=0.9.2']) },
  'Flask-SQLAlchemy': { '3.0.5': r('>=3.7', ['flask>=2.2.5', 'sqlalchemy>=1.4.18']), '3.1.1': r('>=3.8', ['flask>=2.2.5', 'sqlalchemy>=2.0.16']) },
};

/** Data-science projects (numpy/scipy/pandas/matplotlib/scikit-learn/statsmodels with their real bounds). */
const DATA: IndexDescription = {
  numpy: {
    '1.23.5': native('>=3.8'), '1.24.4': native('>=3.8'), '1.25.2': native('>=3.9'), '1.26.4': native('>=3.9'), '2.0.2': native('>=3.9'), '2.1.3': native('>=3.10'),
  },
  pandas: {
    '1.5.3': native('>=3.8', ['numpy>=1.21.0; python_version >= "3.10"', 'python-dateutil>=2.8.1', 'pytz>=2020.1']),
    '2.0.3': native('>=3.8', ['numpy>=1.21.0; python_version >= "3.10"', 'numpy>=1.23.2; python_version >= "3.11"', 'python-dateutil>=2.8.2', 'pytz>=2020.1', 'tzdata>=2022.1']),
    '2.1.4': native('>=3.9', ['numpy<2,>=1.23.2; python_version == "3.11"', 'numpy<2,>=1.26.0; python_version >= "3.12"', 'python-dateutil>=2.8.2', 'pytz>=2020.1', 'tzdata>=2022.1']),
    '2.2.3': native('>=3.9', ['numpy>=1.23.2; python_version == "3.11"', 'numpy>=1.26.0; python_version >= "3.12"', 'python-dateutil>=2.8.2', 'pytz>=2020.1', 'tzdata>=2022.7']),
  },
  'python-dateutil': { '2.8.2': r('!=3.0.*,!=3.1.*,!=3.2.*,>=2.7', ['six>=1.5']), '2.9.0.post0': r('!=3.0.*,!=3.1.*,!=3.2.*,>=2.7', ['six>=1.5']) },
  six: { '1.16.0': r('>=2.7, !=3.0.*, !=3.1.*, !=3.2.*', [], { wheels: ['py2.py3-none-any'] }) },
  pytz: { '2023.4': r(undefined, [], { wheels: ['py2.py3-none-any'] }), '2024.2': r(undefined, [], { wheels: ['py2.py3-none-any'] }) },
  tzdata: { '2024.1': r('>=2', [], { wheels: ['py2.py3-none-any'] }), '2024.2': r('>=2', [], { wheels: ['py2.py3-none-any'] }) },
  scipy: {
    '1.10.1': native('<3.12,>=3.8', ['numpy<1.27.0,>=1.19.5']),
    '1.11.4': native('>=3.9', ['numpy<1.28.0,>=1.21.6']),
    '1.13.1': native('>=3.9', ['numpy<2.3,>=1.22.4']),
    '1.14.1': native('>=3.10', ['numpy<2.3,>=1.23.5']),
  },
  'scikit-learn': {
    '1.3.2': native('>=3.8', ['numpy<2.0,>=1.17.3', 'scipy>=1.5.0', 'joblib>=1.1.1', 'threadpoolctl>=2.0.0']),
    '1.5.2': native('>=3.9', ['numpy>=1.19.5', 'scipy>=1.6.0', 'joblib>=1.2.0', 'threadpoolctl>=3.1.0']),
  },
  joblib: { '1.3.2': r('>=3.7'), '1.4.2': r('>=3.8') },
  threadpoolctl: { '3.2.0': r('>=3.8'), '3.5.0': r('>=3.8') },
  matplotlib: {
    '3.7.5': native('>=3.8', ['contourpy>=1.0.1', 'cycler>=0.10', 'fonttools>=4.22.0', 'kiwisolver>=1.0.1', 'numpy<2,>=1.20', 'packaging>=20.0', 'pillow>=6.2.0', 'pyparsing>=2.3.1', 'python-dateutil>=2.7']),
    '3.9.2': native('>=3.9', ['contourpy>=1.0.1', 'cycler>=0.10', 'fonttools>=4.22.0', 'kiwisolver>=1.3.1', 'numpy>=1.23', 'packaging>=20.0', 'pillow>=8', 'pyparsing>=2.3.1', 'python-dateutil>=2.7']),
  },
  contourpy: { '1.2.1': native('>=3.9', ['numpy>=1.20']), '1.3.0': native('>=3.9', ['numpy>=1.23']) },
  cycler: { '0.12.1': r('>=3.8') },
  fonttools: { '4.53.1': native('>=3.8'), '4.54.1': native('>=3.8') },
  kiwisolver: { '1.4.5': native('>=3.7'), '1.4.7': native('>=3.8') },
  pillow: { '10.4.0': native('>=3.8'), '11.0.0': native('>=3.9') },
  pyparsing: { '3.1.4': r('>=3.6.8'), '3.2.0': r('>=3.9') },
  seaborn: {
    '0.12.2': r('>=3.7', ['numpy!=1.24.0,>=1.17', 'pandas>=0.25', 'matplotlib!=3.6.1,>=3.1']),
    '0.13.2': r('>=3.8', ['numpy!=1.24.0,>=1.20', 'pandas>=1.2', 'matplotlib!=3.6.1,>=3.4']),
  },
  statsmodels: { '0.14.4': native('>=3.9', ['numpy<3,>=1.22.3', 'scipy!=1.9.2,>=1.8', 'pandas!=2.1.0,>=1.4', 'patsy>=0.5.6', 'packaging>=21.3']) },
  patsy: { '0.5.6': r(undefined, ['six', 'numpy>=1.4']) },
  // The conflict: a dashboard that needs pandas 2, next to a legacy report library that pins pandas 1.
  'analytics-dashboard': { '1.0.0': r('>=3.9', ['pandas>=2.0', 'matplotlib>=3.7']), '1.1.0': r('>=3.9', ['pandas>=2.1', 'seaborn>=0.13']) },
  'legacy-report': { '0.9.0': r('>=3.8', ['pandas<2', 'numpy<1.24']), '1.0.0': r('>=3.8', ['pandas<2,>=1.5', 'numpy<1.25']) },
};

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'zen', 'tor', 'vex', 'pu', 'na', 'sol', 'dri', 'fen', 'gal', 'hux', 'ix', 'jor'];

/**
 * A generated in-house platform: `count` packages (`acme-<name>`) in 4 layers, 3 versions each, every
 * package reachable from the 6 roots, so a lock pins 100+ distributions.
 */
export function platformIndex(count = 130, seed = 11): { index: IndexDescription; roots: string[] } {
  const rand = prng(seed);
  const names: string[] = [];
  const seen = new Set<string>();
  while (names.length < count) {
    const n = `acme-${SYLLABLES[rand.int(0, 15)]}${SYLLABLES[rand.int(0, 15)]}${SYLLABLES[rand.int(0, 15)]}`;
    if (!seen.has(n)) {
      seen.add(n);
      names.push(n);
    }
  }
  const layers = [names.slice(0, 6), names.slice(6, 26), names.slice(26, 66), names.slice(66)];
  const deps = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (let L = 0; L + 1 < layers.length; L++) {
    // Every package of the next layer has at least one parent; then a few random extra edges.
    layers[L + 1]!.forEach((child, i) => deps.get(layers[L]![i % layers[L]!.length]!)!.add(child));
    for (const parent of layers[L]!) for (const child of rand.sample(layers[L + 1]!, 2)) deps.get(parent)!.add(child);
  }
  const index: IndexDescription = {};
  for (const n of names) {
    const list = [...deps.get(n)!];
    index[n] = Object.fromEntries(
      ['1.0.0', '1.1.0', '2.0.0'].map((v, vi) => [
        v,
        r('>=3.8', list.map((d) => (vi === 2 ? `${d}>=1.1` : vi === 1 ? `${d}>=1.0,<3` : d))),
      ]),
    );
  }
  // Layer-3 packages also use a few real libraries, as in-house code does.
  for (const n of layers[3]!.slice(0, 10)) for (const rel of Object.values(index[n]!)) rel.requiresDist!.push('requests>=2.28', 'pydantic>=2');
  return { index, roots: layers[0]! };
}

/**
 * The four projects and the one index (sdists left out: building them would need setuptools from the
 * index, which is not the point here).
 *
 * @example
 * ```ts
 * const { projects, index } = peerProjects();
 * ```
 */
export function peerProjects(): { projects: PeerProject[]; index: IndexDescription } {
  const platform = platformIndex();
  const index: IndexDescription = {};
  for (const [name, releases] of Object.entries({ ...SAMPLE_INDEX, ...WEB, ...DATA, ...platform.index })) {
    index[name] = Object.fromEntries(Object.entries(releases).map(([v, rel]) => [v, { ...rel, sdist: false }]));
  }
  const projects: PeerProject[] = [
    {
      name: 'web-app',
      summary: 'Flask + SQLAlchemy/Alembic + pydantic + gunicorn + requests',
      requirements: { flask: '*', 'flask-sqlalchemy': '*', alembic: '*', gunicorn: '*', pydantic: '>=2', 'python-dotenv': '*', requests: '*' },
    },
    {
      name: 'data-science',
      summary: 'pandas, scipy, scikit-learn, matplotlib, seaborn, statsmodels',
      requirements: { pandas: '*', scipy: '*', 'scikit-learn': '*', matplotlib: '*', seaborn: '*', statsmodels: '*' },
    },
    {
      name: 'platform-100+',
      summary: `6 in-house roots pulling ${Object.keys(platform.index).length} generated packages + requests/pydantic`,
      requirements: Object.fromEntries(platform.roots.map((n) => [n, '*'])),
    },
    {
      name: 'conflict',
      summary: 'analytics-dashboard (pandas>=2) next to legacy-report (pandas<2): unsatisfiable',
      requirements: { 'analytics-dashboard': '*', 'legacy-report': '*', scipy: '*' },
      conflict: true,
    },
  ];
  return { projects, index };
}
