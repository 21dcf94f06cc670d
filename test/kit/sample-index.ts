// A realistic small index for the bundled sample project, examples and benchmarks: real project names,
// versions and dependency shapes (flask, requests, pytest trees) with a few older releases to choose from.
import type { IndexDescription, ReleaseDescription } from './description';

// Real MarkupSafe/charset-normalizer ship only platform wheels; the extra pure wheel keeps the sample
// installable on any machine (kit wheels contain pure Python either way).
const SPEEDUPS = (py: string[]): string[] => [
  ...py.flatMap((v) => [`cp${v}-cp${v}-manylinux_2_17_x86_64.manylinux2014_x86_64`, `cp${v}-cp${v}-macosx_10_9_universal2`, `cp${v}-cp${v}-win_amd64`]),
  'py3-none-any',
];

const r = (requiresPython: string | undefined, requiresDist: string[] = [], extra: Partial<ReleaseDescription> = {}): ReleaseDescription => ({
  ...(requiresPython !== undefined ? { requiresPython } : {}),
  requiresDist,
  ...extra,
});

/**
 * The sample index: web (flask), HTTP (requests) and test (pytest) trees as published on PyPI, including
 * markers, extras, a real yanked release (requests 2.32.0) and multi-platform wheels.
 *
 * @example
 * ```ts
 * writeIndex('examples/sample/wheels', SAMPLE_INDEX, { filesDir: '.' });
 * ```
 */
export const SAMPLE_INDEX: IndexDescription = {
  Flask: {
    '2.3.3': r('>=3.8', ['Werkzeug>=2.3.7', 'Jinja2>=3.1.2', 'itsdangerous>=2.1.2', 'click>=8.1.3', 'blinker>=1.6.2', 'importlib-metadata>=3.6.0; python_version < "3.10"', 'asgiref>=3.2; extra == "async"', 'python-dotenv; extra == "dotenv"'], { providesExtra: ['async', 'dotenv'], entryPoints: { console_scripts: { flask: 'flask.cli:main' } } }),
    '3.0.3': r('>=3.8', ['Werkzeug>=3.0.0', 'Jinja2>=3.1.2', 'itsdangerous>=2.1.2', 'click>=8.1.3', 'blinker>=1.6.2', 'importlib-metadata>=3.6.0; python_version < "3.10"', 'asgiref>=3.2; extra == "async"', 'python-dotenv; extra == "dotenv"'], { providesExtra: ['async', 'dotenv'], entryPoints: { console_scripts: { flask: 'flask.cli:main' } }, sdist: true, summary: 'A simple framework for building complex web applications.' }),
  },
  Werkzeug: {
    '2.3.8': r('>=3.8', ['MarkupSafe>=2.1.1', 'watchdog>=2.3; extra == "watchdog"'], { providesExtra: ['watchdog'] }),
    '3.0.3': r('>=3.8', ['MarkupSafe>=2.1.1', 'watchdog>=2.3; extra == "watchdog"'], { providesExtra: ['watchdog'], sdist: true }),
  },
  Jinja2: {
    '3.1.3': r('>=3.7', ['MarkupSafe>=2.0', 'Babel>=2.7; extra == "i18n"'], { providesExtra: ['i18n'] }),
    '3.1.4': r('>=3.7', ['MarkupSafe>=2.0', 'Babel>=2.7; extra == "i18n"'], { providesExtra: ['i18n'], sdist: true }),
  },
  MarkupSafe: {
    '2.1.3': r('>=3.7', [], { wheels: SPEEDUPS(['311', '312']) }),
    '2.1.5': r('>=3.7', [], { wheels: SPEEDUPS(['38', '39', '310', '311', '312']), sdist: true }),
  },
  itsdangerous: {
    '2.1.2': r('>=3.7'),
    '2.2.0': r('>=3.8'),
  },
  click: {
    '8.1.6': r('>=3.7', ['colorama; platform_system == "Windows"', 'importlib-metadata; python_version < "3.8"']),
    '8.1.7': r('>=3.7', ['colorama; platform_system == "Windows"', 'importlib-metadata; python_version < "3.8"'], { sdist: true }),
  },
  blinker: {
    '1.7.0': r('>=3.8'),
    '1.8.2': r('>=3.8'),
  },
  'importlib-metadata': {
    '8.0.0': r('>=3.8', ['zipp>=0.5', 'typing-extensions>=3.6.4; python_version < "3.8"']),
  },
  zipp: { '3.19.2': r('>=3.8') },
  colorama: { '0.4.6': r('!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*,!=3.5.*,!=3.6.*,>=2.7', [], { wheels: ['py2.py3-none-any'], sdist: true }) },
  requests: {
    '2.31.0': r('>=3.7', ['charset-normalizer<4,>=2', 'idna<4,>=2.5', 'urllib3<3,>=1.21.1', 'certifi>=2017.4.17', 'PySocks!=1.5.7,>=1.5.6; extra == "socks"', 'chardet<6,>=3.0.2; extra == "use-chardet-on-py3"'], { providesExtra: ['socks', 'use-chardet-on-py3'] }),
    '2.32.0': r('>=3.8', ['charset-normalizer<4,>=2', 'idna<4,>=2.5', 'urllib3<3,>=1.21.1', 'certifi>=2017.4.17', 'PySocks!=1.5.7,>=1.5.6; extra == "socks"', 'chardet<6,>=3.0.2; extra == "use-chardet-on-py3"'], { providesExtra: ['socks', 'use-chardet-on-py3'], yanked: 'Yanked due to conflicts with CVE-2024-35195 mitigation' }),
    '2.32.3': r('>=3.8', ['charset-normalizer<4,>=2', 'idna<4,>=2.5', 'urllib3<3,>=1.21.1', 'certifi>=2017.4.17', 'PySocks!=1.5.7,>=1.5.6; extra == "socks"', 'chardet<6,>=3.0.2; extra == "use-chardet-on-py3"'], { providesExtra: ['socks', 'use-chardet-on-py3'], sdist: true, summary: 'Python HTTP for Humans.' }),
  },
  'charset-normalizer': {
    '3.3.2': r('>=3.7.0', [], { wheels: SPEEDUPS(['311', '312']), entryPoints: { console_scripts: { normalizer: 'charset_normalizer.cli:cli_detect' } } }),
  },
  idna: {
    '3.6': r('>=3.5'),
    '3.7': r('>=3.5'),
  },
  urllib3: {
    '1.26.19': r('!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*,!=3.5.*,>=2.7', ['PySocks!=1.5.7,<2.0,>=1.5.6; extra == "socks"'], { providesExtra: ['brotli', 'secure', 'socks'], wheels: ['py2.py3-none-any'] }),
    '2.2.2': r('>=3.8', ['pysocks!=1.5.7,<2.0,>=1.5.6; extra == "socks"', 'h2<5,>=4; extra == "h2"'], { providesExtra: ['brotli', 'h2', 'socks', 'zstd'] }),
  },
  certifi: { '2024.7.4': r('>=3.6') },
  PySocks: { '1.7.1': r('>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*', [], { wheels: ['py3-none-any'] }) },
  pytest: {
    '8.2.2': r('>=3.8', ['iniconfig', 'packaging', 'pluggy<2.0,>=1.5', 'exceptiongroup>=1.0.0rc8; python_version < "3.11"', 'tomli>=1; python_version < "3.11"', 'colorama; sys_platform == "win32"'], { entryPoints: { console_scripts: { pytest: 'pytest:console_main', 'py.test': 'pytest:console_main' } } }),
    '8.3.3': r('>=3.8', ['iniconfig', 'packaging', 'pluggy<2,>=1.5', 'exceptiongroup>=1.0.0rc8; python_version < "3.11"', 'tomli>=1; python_version < "3.11"', 'colorama; sys_platform == "win32"'], { entryPoints: { console_scripts: { pytest: 'pytest:console_main', 'py.test': 'pytest:console_main' } }, sdist: true }),
  },
  iniconfig: { '2.0.0': r('>=3.7') },
  packaging: {
    '23.2': r('>=3.7'),
    '24.1': r('>=3.8'),
  },
  pluggy: {
    '1.4.0': r('>=3.8'),
    '1.5.0': r('>=3.8'),
  },
  exceptiongroup: { '1.2.2': r('>=3.7') },
  tomli: { '2.0.1': r('>=3.7') },
};
