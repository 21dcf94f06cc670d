// `pipgrub install [PKG...]`: add packages to the Pipfile (format-preserving), re-lock keeping the
// other pins, and sync the virtualenv; with no packages, install from the lock (re-locking first if
// it is stale). Files are written only after lock and sync succeeded: a failure or Ctrl-C changes
// nothing. `--deploy` refuses a stale lock; `--ignore-pipfile` installs the lock as it is.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { effectiveSources, isLockUpToDate, PipfileDocument, writeFileAtomic, type Lockfile, type PackageSpecInput, type Pipfile } from '@pipgrub/lockfile';
import type { Context } from '../context';
import { CliError } from '../errors';
import { formatDuration } from '../output/output';
import { projectAt } from '../project';
import { displayPath, loadLockWithText } from '../project-files';
import { parsePackageArg, requirementsFileLines } from '../workflow/package-arg';
import { describeSync, installSections, lockCategories, lockIsCurrent, openSession, relock, skipLock, syncVenv, writeLockIfChanged } from '../workflow/session';

/** The Pipfile `pipenv install` creates in a new project. */
export function newPipfileText(pythonVersion: string | undefined): string {
  const lines = ['[[source]]', 'url = "https://pypi.org/simple"', 'verify_ssl = true', 'name = "pypi"', '', '[packages]', '', '[dev-packages]', ''];
  if (pythonVersion) lines.push('[requires]', `python_version = "${pythonVersion}"`, '');
  return lines.join('\n');
}

/** Package arguments from the command line and `-r FILE`. */
function requestedPackages(ctx: Context): string[] {
  if (ctx.list('editable').length) {
    throw new CliError('CLI_UNSUPPORTED_REQUIREMENT', 'Editable installs (-e) are not supported by pipgrub yet.', { hint: 'Build a wheel of the project and install that.' });
  }
  const args = [...ctx.args];
  const reqFile = ctx.value('requirements');
  if (reqFile) {
    const path = resolve(ctx.cwd, reqFile);
    if (!existsSync(path)) throw new CliError('CLI_NO_REQUIREMENTS', `${reqFile} does not exist.`);
    args.push(...requirementsFileLines(readFileSync(path, 'utf8')));
  }
  return args;
}

/** `-i/--index NAME|URL`: the [[source]] name a new package is pinned to, if any. */
function indexName(ctx: Context, pipfile: Pipfile): string | undefined {
  const wanted = ctx.value('index');
  if (!wanted) return undefined;
  const sources = effectiveSources(pipfile);
  const trim = (u: string) => u.replace(/\/+$/, '');
  const found = sources.find((s) => s.name === wanted || trim(s.url) === trim(wanted));
  if (!found) {
    throw new CliError('CLI_UNKNOWN_INDEX', `--index ${wanted} is not a [[source]] of the Pipfile.`, {
      hint: `Add a [[source]] for it first (known: ${sources.map((s) => s.name).join(', ')}).`,
    });
  }
  return found.name;
}

function withIndex(spec: PackageSpecInput, index: string): PackageSpecInput {
  return typeof spec === 'string' ? { version: spec, index } : { ...spec, index };
}

export async function install(ctx: Context): Promise<number> {
  const started = performance.now();
  const found = ctx.findProject();
  const project = found ?? projectAt(ctx.cwd);
  const requested = requestedPackages(ctx).map(parsePackageArg);
  const category = ctx.list('categories')[0] ?? (ctx.flag('dev') ? 'dev-packages' : 'packages');
  const originalText = found ? readFileSync(project.pipfile, 'utf8') : undefined;
  const pipfilePath = displayPath(ctx, project.pipfile);
  const skippingLock = skipLock(ctx); // --skip-lock: Pipfile.lock is neither read nor written

  // A new project gets its Pipfile only at the end; until then it exists in memory.
  let doc = originalText !== undefined ? PipfileDocument.parse(originalText, { path: pipfilePath }) : undefined;
  const previous = found && !skippingLock ? loadLockWithText(ctx, project) : { lock: undefined, text: undefined };
  const session = await openSession(ctx, project, doc?.pipfile ?? PipfileDocument.parse(newPipfileText(undefined)).pipfile);
  try {
    if (!doc) {
      const [major, minor] = session.target.environment.python.split('.');
      doc = PipfileDocument.parse(newPipfileText(`${major}.${minor}`), { path: pipfilePath });
    }
    const index = indexName(ctx, doc.pipfile);
    for (const p of requested) doc.setPackage(category, p.name, index ? withIndex(p.spec, index) : p.spec);
    const pipfile = doc.pipfile;

    let lock: Lockfile;
    if (ctx.flag('deploy') || ctx.flag('ignore-pipfile')) {
      if (!previous.lock) {
        throw new CliError('CLI_NO_LOCKFILE', `${displayPath(ctx, project.lockfile)} does not exist.`, { hint: 'Run `pipgrub lock` first.' });
      }
      if (ctx.flag('deploy')) {
        const wanted = pipfile.requires.python_version;
        const have = session.target.environment.markers.python_version;
        if (wanted && wanted !== have) {
          throw new CliError('CLI_PYTHON_MISMATCH', `The Pipfile requires Python ${wanted}, but the virtualenv uses ${have}; aborting deploy.`, {
            hint: `Recreate it with \`pipgrub --rm && pipgrub install --deploy --python ${wanted}\`.`,
          });
        }
        const check = isLockUpToDate(pipfile, previous.lock);
        if (!check.upToDate) {
          for (const m of check.messages) ctx.out.info(`  ${m}`);
          throw new CliError('CLI_LOCK_STALE', `Pipfile.lock (${previous.lock.meta.hash.sha256.slice(-6)}) is out of date with the Pipfile; aborting deploy.`, {
            hint: 'Run `pipgrub lock` and commit Pipfile.lock, or install without --deploy.',
          });
        }
      }
      lock = previous.lock;
    } else if (requested.length === 0 && lockIsCurrent(pipfile, previous.lock)) {
      lock = previous.lock!;
    } else {
      if (requested.length === 0 && previous.lock) ctx.out.info('Pipfile.lock is out of date; locking again.');
      lock = await relock(ctx, session, pipfile, previous.lock, {
        keepPins: true,
        unlock: requested.map((p) => p.name),
        categories: lockCategories(ctx, pipfile),
      });
    }

    const sections = installSections(ctx);
    if (category !== 'packages' && requested.length) sections.push(category === 'dev-packages' ? 'develop' : category);
    const syncStarted = performance.now();
    const { report } = await syncVenv(ctx, session, lock, [...new Set(sections)]);

    // Everything worked: now (and only now) write the files, lock first.
    const lockWritten = !skippingLock && (await writeLockIfChanged(project, lock, previous.text));
    const newText = doc.toString();
    if (newText !== originalText) await writeFileAtomic(project.pipfile, newText);
    if (originalText === undefined) ctx.out.info(`Created ${pipfilePath} for this project`);
    for (const p of requested) ctx.out.info(`Added ${p.name} to [${category}] in ${pipfilePath}`);
    if (lockWritten) ctx.out.info(`Wrote ${displayPath(ctx, project.lockfile)}`);
    ctx.out.info(`Virtualenv: ${describeSync(report, performance.now() - syncStarted)}`);
    const count = report.installed.length + report.replaced.length + report.kept.length;
    ctx.out.summary(`Installed ${count} package${count === 1 ? '' : 's'} (${report.installed.length + report.replaced.length} changed) in ${formatDuration(performance.now() - started)}`);
    return 0;
  } finally {
    await session.close();
  }
}
