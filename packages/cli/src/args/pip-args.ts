// Pipenv's pass-through flags checked in one place: `--extra-pip-args` mapped onto what pipgrub does
// itself (pipgrub never runs pip), and the flags today's Pipenv removed refused with Pipenv's reason.

import { CliError } from '../errors';

/** What the supported pip arguments change in a pipgrub install. */
export interface PipArgEffects {
  /** `--compile`: write bytecode at install time (`--no-compile`, the default, does not). */
  compile: boolean;
  /** `--require-hashes`: refuse any wheel without a locked hash. */
  requireHashes: boolean;
  /** `--break-system-packages`: allow `--system` into a PEP 668 externally managed Python. */
  breakSystemPackages: boolean;
}

/** pip flags that take a value as the next argument (or after `=`). */
const VALUED = new Set(['--only-binary', '--progress-bar']);

/**
 * pip arguments pipgrub already behaves like, so they are accepted without changing anything:
 * lock installs never resolve dependencies (`--no-deps`), only wheels are installed
 * (`--only-binary :all:`, `--prefer-binary`), and pipgrub prints none of pip's warnings or prompts.
 */
const ALREADY = new Set(['--no-deps', '--prefer-binary', '--no-warn-script-location', '--no-warn-conflicts', '--disable-pip-version-check', '--no-input', '--isolated', '--no-python-version-warning', '--root-user-action']);

const SUPPORTED = ['--compile', '--no-compile', '--require-hashes', '--break-system-packages', '--only-binary :all:', ...ALREADY].sort();

/**
 * Parse `--extra-pip-args` values (each split on whitespace, as Pipenv does) into their effect on
 * pipgrub. Anything pipgrub cannot honour is one clear error naming the pip argument.
 * @example parsePipArgs(['--compile --no-deps']) // { compile: true, requireHashes: false, breakSystemPackages: false }
 */
export function parsePipArgs(values: readonly string[]): PipArgEffects {
  const effects: PipArgEffects = { compile: false, requireHashes: false, breakSystemPackages: false };
  const words = values.flatMap((v) => v.split(/\s+/)).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const eq = word.indexOf('=');
    const name = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
    let value: string | undefined = eq > 0 && word.startsWith('--') ? word.slice(eq + 1) : undefined;
    if (VALUED.has(name) && value === undefined) value = words[++i];
    if (name === '--compile') effects.compile = true;
    else if (name === '--no-compile') effects.compile = false;
    else if (name === '--require-hashes') effects.requireHashes = true;
    else if (name === '--break-system-packages') effects.breakSystemPackages = true;
    else if (name === '--only-binary' && value === ':all:') continue;
    else if (name === '--progress-bar' && value === 'off') continue;
    else if (ALREADY.has(name) && !(name === '--root-user-action' && value)) continue;
    else {
      const shown = value !== undefined && VALUED.has(name) ? `${name} ${value}` : word;
      throw new CliError('CLI_UNSUPPORTED_PIP_ARG', `--extra-pip-args: pip argument '${shown}' is not supported (pipgrub installs wheels itself and does not run pip).`, {
        hint: `Supported: ${SUPPORTED.join(', ')}.`,
        exitCode: 2,
      });
    }
  }
  return effects;
}

/** Pipenv's warning when --skip-lock is used (printed as Pipenv prints it). */
export const SKIP_LOCK_WARNING =
  'The flag --skip-lock has been reintroduced (but is not recommended).  Without the lock resolver it is difficult to manage multiple package indexes, and hash checking is not provided.  However it can help manage installs with current deficiencies in locking across platforms.';

/**
 * Refuse the flags today's Pipenv removed, with Pipenv's reason and what to use instead.
 * `allowKeepOutdated` is true for `lock`, where pipgrub still keeps the previous pins.
 * @example refuseRemovedFlags((n) => n === 'selective-upgrade', false) // throws CLI_REMOVED_OPTION
 */
export function refuseRemovedFlags(flag: (name: string) => boolean, allowKeepOutdated: boolean): void {
  if (flag('keep-outdated') && !allowKeepOutdated) {
    throw new CliError('CLI_REMOVED_OPTION', 'The flag --keep-outdated has been removed (as in Pipenv): it did not respect the resolver\'s results and led to inconsistent lock files.', {
      hint: 'pipgrub install/uninstall already keep the other pins; use `pipgrub upgrade PKG` to update selected packages.',
    });
  }
  if (flag('selective-upgrade')) {
    throw new CliError('CLI_REMOVED_OPTION', 'The flag --selective-upgrade has been removed (as in Pipenv): it was buggy and led to inconsistent lock files.', {
      hint: 'Use `pipgrub upgrade PKG` (re-lock PKG only) or `pipgrub update PKG` (and install it).',
    });
  }
}
