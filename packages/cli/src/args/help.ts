// Help screens: `pipgrub --help` and `pipgrub <command> --help`, each short enough for one screen
// (under 40 lines) and ending with examples.

import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './spec';

function optionLabel(o: OptionSpec): string {
  const long = o.negatable ? `--${o.name} / --no-${o.name}` : `--${o.name}`;
  const names = o.short ? `-${o.short}, ${long}` : `    ${long}`;
  return o.type === 'flag' ? names : `${names} ${o.metavar ?? 'VALUE'}`;
}

function optionTable(options: readonly OptionSpec[]): string[] {
  const shown = options.filter((o) => !o.hidden);
  const width = Math.min(30, Math.max(...shown.map((o) => optionLabel(o).length)));
  return shown.map((o) => {
    const label = optionLabel(o);
    return label.length > width ? `  ${label}\n  ${' '.repeat(width)}  ${o.description}` : `  ${label.padEnd(width)}  ${o.description}`;
  });
}

/**
 * The top-level help screen.
 * @example globalHelp('0.1.0').startsWith('Usage: pipgrub') // true
 */
export function globalHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const globals = GLOBAL_OPTIONS.filter((o) => !['python', 'pypi-mirror', 'clear', 'three', 'bare', 'site-packages'].includes(o.name));
  return [
    `Usage: pipgrub [OPTIONS] COMMAND [ARGS]...`,
    '',
    `pipgrub ${version}: Pipenv's workflow (Pipfile, Pipfile.lock, virtualenvs) on a PubGrub resolver.`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    ...optionTable(globals),
    '  --python, --pypi-mirror, --clear, -q, -v: accepted here and by every command.',
    '',
    'Examples:',
    '  pipgrub install requests      add requests to the Pipfile, lock, and install',
    '  pipgrub run python app.py     run inside the virtualenv',
    '  pipgrub <command> --help      options of one command',
  ].join('\n');
}

/**
 * The help screen of one command.
 * @example commandHelp(findCommand('lock')!).includes('pipgrub lock --pre') // true
 */
export function commandHelp(command: CommandSpec): string {
  const options = command.options.some((o) => o.name === 'help')
    ? command.options
    : [...command.options, { name: 'help', short: 'h', type: 'flag' as const, description: 'Show this message and exit.', fromEnv: false }];
  return [
    `Usage: pipgrub ${command.name} ${command.usage}`,
    '',
    `  ${command.summary}`,
    '',
    'Options:',
    ...optionTable(options),
    '',
    'Options can also come from PIPENV_<OPTION> or PIPGRUB_<OPTION> (e.g. PIPENV_DEV=1).',
    '',
    'Examples:',
    ...command.examples.map((e) => `  $ ${e}`),
  ].join('\n');
}
