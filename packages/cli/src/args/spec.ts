// The command table: every command and flag pipgrub accepts, with Pipenv's names and meanings.
// The parser, the help screens, the env-option lookup and the "did you mean" suggestions all read it.

/** One command-line flag. `name` is the long form without dashes (`dev` for `--dev`). */
export interface OptionSpec {
  name: string;
  /** One-letter alias without the dash (`d` for `-d`). */
  short?: string;
  /** `flag` (boolean), `value` (one string, last wins) or `list` (repeatable, collected). */
  type: 'flag' | 'value' | 'list';
  /** Placeholder shown in help for valued options, e.g. `VERSION`. */
  metavar?: string;
  description: string;
  /**
   * Whether `PIPENV_<NAME>` / `PIPGRUB_<NAME>` may supply the option (Pipenv's auto env vars).
   * Actions such as `--where` or `--help` are never taken from the environment.
   */
  fromEnv: boolean;
  /** `--no-<name>` turns the flag off (click's `--site-packages / --no-site-packages`). */
  negatable?: boolean;
  /** Shown in help only with `--verbose`-level detail; still accepted. */
  hidden?: boolean;
}

/** One sub-command. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** Usage line after `pipgrub <name>`, e.g. `[OPTIONS] [PACKAGES]...`. */
  usage: string;
  options: OptionSpec[];
  /** Everything after the first positional is passed through untouched (`run`). */
  passthrough?: boolean;
  /** Example invocations shown at the end of the help screen. */
  examples: string[];
}

const flag = (name: string, description: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({
  name,
  type: 'flag',
  description,
  fromEnv: true,
  ...extra,
});
const value = (name: string, metavar: string, description: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({
  name,
  type: 'value',
  metavar,
  description,
  fromEnv: true,
  ...extra,
});
const action = (name: string, description: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({
  name,
  type: 'flag',
  description,
  fromEnv: false,
  ...extra,
});

export const HELP = action('help', 'Show this message and exit.', { short: 'h' });

/** Options every command that touches the environment or the index accepts (Pipenv's common set). */
export const COMMON: OptionSpec[] = [
  value('python', 'VERSION', 'Python version or interpreter path for the virtualenv.'),
  value('pypi-mirror', 'URL', 'Use this PyPI mirror instead of pypi.org.'),
  flag('clear', 'Clear caches before running.'),
  flag('verbose', 'Verbose output (stack traces on errors).', { short: 'v' }),
  flag('quiet', 'Quiet output: errors and the final summary only.', { short: 'q' }),
  flag('three', 'Deprecated: use Python 3.', { hidden: true }),
];

const DEV = flag('dev', 'Include [dev-packages] as well as [packages].', { short: 'd' });
const CATEGORIES = { ...value('categories', 'NAMES', 'Only these Pipfile categories (space or comma separated).'), type: 'list' as const };
const PRE = flag('pre', 'Allow pre-releases.');
const SYSTEM = flag('system', 'Install into the python on PATH (or --python) instead of a virtualenv.');
const RUN_SYSTEM = flag('system', 'Run with the python on PATH (or --python) instead of the virtualenv.');
const EDITABLE = { ...value('editable', 'PATH', 'Install a local project in editable mode.', { short: 'e' }), type: 'list' as const };
const REQUIREMENTS = value('requirements', 'FILE', 'Import a requirements.txt file.', { short: 'r' });
const INDEX = value('index', 'URL|NAME', 'Target package index, by URL or Pipfile source name.', { short: 'i' });
const IGNORE_PIPFILE = flag('ignore-pipfile', 'Install from Pipfile.lock only, ignoring the Pipfile.');
const DEPLOY = flag('deploy', 'Abort if Pipfile.lock is out of date or the Python version is wrong.');
const SKIP_LOCK = flag('skip-lock', 'Install from the Pipfile; Pipfile.lock is neither read nor written.');
const KEEP_OUTDATED = flag('keep-outdated', 'Removed in Pipenv; refused with the reason.', { hidden: true });
const LOCK_KEEP_OUTDATED = flag('keep-outdated', 'Keep the previous pins wherever the Pipfile still allows them.');
const SELECTIVE = flag('selective-upgrade', 'Removed in Pipenv; refused with the reason (use upgrade PKG).', { hidden: true });
const EXTRA_PIP = { ...value('extra-pip-args', 'ARGS', "pip arguments pipgrub honours ('--compile --require-hashes'...)."), type: 'list' as const };
const SITE_PACKAGES = flag('site-packages', 'Give the virtualenv access to system site-packages.', { negatable: true });
const BARE = flag('bare', 'Minimal output.');
const JSON_OUT = action('json', 'Machine-readable JSON output.');
const DRY_RUN = flag('dry-run', 'Only show what would change.');

/** Global options: valid before the command name (and alone, as actions). */
export const GLOBAL_OPTIONS: OptionSpec[] = [
  action('where', 'Print the project directory.'),
  action('venv', 'Print the virtualenv directory.'),
  action('py', 'Print the virtualenv Python interpreter.'),
  action('envs', 'List the environment variables pipgrub reads.'),
  action('rm', 'Remove the virtualenv.'),
  action('support', 'Print diagnostic information for bug reports.'),
  BARE,
  SITE_PACKAGES,
  ...COMMON,
  action('version', 'Show the version and exit.'),
  HELP,
];

/** Every command, in the order `pipgrub --help` lists them. */
export const COMMANDS: CommandSpec[] = [
  {
    name: 'install',
    summary: 'Add packages to the Pipfile, lock and sync (or install everything from the Pipfile).',
    usage: '[OPTIONS] [PACKAGES]...',
    options: [SYSTEM, DEPLOY, SITE_PACKAGES, SKIP_LOCK, EDITABLE, IGNORE_PIPFILE, SELECTIVE, REQUIREMENTS, INDEX, CATEGORIES, DEV, EXTRA_PIP, KEEP_OUTDATED, PRE, ...COMMON],
    examples: ['pipgrub install requests', 'pipgrub install "flask>=3" --dev', 'pipgrub install --deploy'],
  },
  {
    name: 'uninstall',
    summary: 'Remove packages from the virtualenv and the Pipfile, then re-lock.',
    usage: '[OPTIONS] [PACKAGES]...',
    options: [
      flag('all', 'Remove every package from the virtualenv (the Pipfile is not edited).'),
      flag('all-dev', 'Remove every [dev-packages] entry from the Pipfile and virtualenv.'),
      EDITABLE, SKIP_LOCK, DEV, CATEGORIES, EXTRA_PIP, KEEP_OUTDATED, PRE, ...COMMON,
    ],
    examples: ['pipgrub uninstall requests', 'pipgrub uninstall --all-dev'],
  },
  {
    name: 'lock',
    summary: 'Resolve the Pipfile and write Pipfile.lock.',
    usage: '[OPTIONS]',
    options: [CATEGORIES, flag('dev-only', 'Lock only [dev-packages].'), DEV, EXTRA_PIP, LOCK_KEEP_OUTDATED, PRE, JSON_OUT, ...COMMON],
    examples: ['pipgrub lock', 'pipgrub lock --pre --json'],
  },
  {
    name: 'sync',
    summary: 'Install exactly what Pipfile.lock lists into the virtualenv.',
    usage: '[OPTIONS]',
    options: [SYSTEM, BARE, CATEGORIES, DEV, EXTRA_PIP, KEEP_OUTDATED, PRE, ...COMMON],
    examples: ['pipgrub sync', 'pipgrub sync --dev'],
  },
  {
    name: 'update',
    summary: 'Re-lock (the named packages only, keeping other pins), then sync.',
    usage: '[OPTIONS] [PACKAGES]...',
    options: [
      BARE,
      flag('outdated', 'List out-of-date packages and exit.'),
      DRY_RUN,
      SYSTEM, EDITABLE, IGNORE_PIPFILE, SELECTIVE, REQUIREMENTS, INDEX, CATEGORIES, DEV, EXTRA_PIP, KEEP_OUTDATED, PRE, ...COMMON,
    ],
    examples: ['pipgrub update', 'pipgrub update requests', 'pipgrub update --outdated'],
  },
  {
    name: 'upgrade',
    summary: 'Re-lock the named packages to their newest allowed versions, without installing.',
    usage: '[OPTIONS] [PACKAGES]...',
    options: [SYSTEM, EDITABLE, INDEX, CATEGORIES, DEV, EXTRA_PIP, KEEP_OUTDATED, PRE, ...COMMON],
    examples: ['pipgrub upgrade requests', 'pipgrub upgrade "urllib3<3"'],
  },
  {
    name: 'graph',
    summary: 'Show the dependency tree of the installed packages.',
    usage: '[OPTIONS]',
    options: [BARE, JSON_OUT, action('json-tree', 'Nested JSON tree output.'), action('reverse', 'Show who depends on each package.'), ...COMMON],
    examples: ['pipgrub graph', 'pipgrub graph --reverse', 'pipgrub graph --json'],
  },
  {
    name: 'run',
    summary: 'Run a command (or a [scripts] shortcut) inside the virtualenv.',
    usage: '[OPTIONS] COMMAND [ARGS]...',
    options: [RUN_SYSTEM, ...COMMON],
    passthrough: true,
    examples: ['pipgrub run python -V', 'pipgrub run test   # a [scripts] entry', 'pipgrub run --system app   # the python on PATH, no virtualenv'],
  },
  {
    name: 'shell',
    summary: 'Spawn a shell with the virtualenv activated.',
    usage: '[OPTIONS] [SHELL_ARGS]...',
    options: [flag('fancy', 'Run the shell directly, without the activation script.'), flag('anyway', 'Spawn a shell even if one is already active.'), ...COMMON],
    passthrough: true,
    examples: ['pipgrub shell', 'exit   # leaves the subshell'],
  },
  {
    name: 'requirements',
    summary: 'Print a requirements.txt generated from Pipfile.lock.',
    usage: '[OPTIONS]',
    options: [
      flag('dev', 'Also include development requirements.'),
      flag('dev-only', 'Only development requirements.'),
      flag('hash', 'Add --hash=sha256:... for every file.'),
      flag('exclude-markers', 'Leave out environment markers.'),
      CATEGORIES,
      ...COMMON,
    ],
    examples: ['pipgrub requirements > requirements.txt', 'pipgrub requirements --hash --dev'],
  },
  {
    name: 'clean',
    summary: 'Uninstall every package that Pipfile.lock does not list.',
    usage: '[OPTIONS]',
    options: [BARE, DRY_RUN, ...COMMON],
    examples: ['pipgrub clean', 'pipgrub clean --dry-run'],
  },
  {
    name: 'verify',
    summary: 'Check that Pipfile.lock is up to date with the Pipfile.',
    usage: '[OPTIONS]',
    options: [JSON_OUT, ...COMMON],
    examples: ['pipgrub verify', 'pipgrub verify --json'],
  },
  {
    name: 'scripts',
    summary: 'List the [scripts] of the Pipfile.',
    usage: '[OPTIONS]',
    options: [...COMMON],
    examples: ['pipgrub scripts'],
  },
  {
    name: 'activate',
    summary: 'Print the command that activates the virtualenv in the current shell.',
    usage: '[OPTIONS]',
    options: [...COMMON],
    examples: ['eval "$(pipgrub activate)"'],
  },
  {
    name: 'remove',
    summary: 'Delete the project virtualenv (same as `pipgrub --rm`).',
    usage: '[OPTIONS]',
    options: [...COMMON],
    examples: ['pipgrub remove'],
  },
  {
    name: 'pylock',
    summary: 'Write a PEP 751 pylock.toml from Pipfile.lock, or validate one.',
    usage: '[OPTIONS] [FILE]',
    options: [
      action('generate', 'Write pylock.toml next to the Pipfile.'),
      action('validate', 'Check that FILE (default pylock.toml) is a valid pylock file.'),
      { ...value('output', 'FILE', 'Where --generate writes (default pylock.toml).', { short: 'o' }), fromEnv: false },
      DEV,
      ...COMMON,
    ],
    examples: ['pipgrub pylock --generate', 'pipgrub pylock --validate pylock.toml'],
  },
];

/** Look a command up by exact name. */
export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
