// `pipgrub install [PKG...]`: add packages to the Pipfile (format-preserving), re-lock keeping the
// other pins, and sync the virtualenv; with no packages, install from the lock (re-locking first if
// it is stale). Files are written only after lock and sync succeeded: a failure or Ctrl-C changes
// nothing. `--deploy` refuses a stale lock; `--ignore-pipfile` installs the lock as it is.

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { effectiveSources, isLockUpToDate, PipfileDocument, writeFileAtomic, type Lockfile, type PackageSpecInput, type Pipfile } from '@pipgrub/lockfile';
import type { Context } from '../context';
import { CliError } from '../errors';
import { formatDuration } from '../output/output';
import { projectAt } from '../project';
import { displayPath, loadLockWithText } from '../project-files';
import { localProjectSpec } from '@pipgrub/venv';
import { localProjectsOf, withBuildLog } from '../workflow/local-projects';
import { editableTarget, parseLocalArg, parsePackageArg, requirementsFileLines, type LocalPackageArg, type PackageArg } from '../workflow/package-arg';
import type { Session } from '../workflow/session';
import { describeSync, targetLabel, installSections, lockCategories, lockIsCurrent, openSession, relock, skipLock, syncVenv, writeLockIfChanged } from '../workflow/session';

/** The Pipfile `pipenv install` creates in a new project. */
export function newPipfileText(pythonVersion: string | undefined): string {
  const lines = ['[[source]]', 'url = "https://pypi.org/simple"', 'verify_ssl = true', 'name = "pypi"', '', '[packages]', '', '[dev-packages]', ''];
  if (pythonVersion) lines.push('[requires]', `python_version = "${pythonVersion}"`, '');
  return lines.join('\n');
}

/** Package arguments from the command line (`-e PATH|URL` too) and `-r FILE`: requirements and local projects. */
function requestedPackages(ctx: Context): { plain: PackageArg[]; locals: LocalPackageArg[] } {
  const locals: LocalPackageArg[] = [];
  for (const e of ctx.list('editable')) {
    const local = parseLocalArg(e, true, ctx.cwd);
    if (!local) {
      throw new CliError('CLI_BAD_REQUIREMENT', `-e ${e}: not a path or a VCS URL.`, { hint: 'Use `-e .`, `-e ./path/to/project` or `-e git+https://host/repo.git#egg=name`.' });
    }
    locals.push(local);
  }
  const plain: PackageArg[] = [];
  for (const arg of requestedArgs(ctx)) {
    const editable = editableTarget(arg);
    if (editable !== undefined) {
      const local = parseLocalArg(editable, true, ctx.cwd);
      if (!local) throw new CliError('CLI_BAD_REQUIREMENT', `-e ${editable} (in ${ctx.value('requirements')}): not a path or a VCS URL.`);
      locals.push(local);
      continue;
    }
    const local = parseLocalArg(arg, false, ctx.cwd);
    if (local) locals.push(local);
    else plain.push(parsePackageArg(arg));
  }
  return { plain, locals };
}

/** Relative paths of a local argument, re-rooted at the project folder (the Pipfile's own folder). */
function rootedSpec(ctx: Context, projectRoot: string, spec: LocalPackageArg['spec']): LocalPackageArg['spec'] {
  const out = { ...spec };
  for (const key of ['path', 'file'] as const) {
    const v = out[key];
    if (typeof v !== 'string' || isAbsolute(v) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || resolve(ctx.cwd) === resolve(projectRoot)) continue;
    const rel = relative(projectRoot, resolve(ctx.cwd, v)) || '.';
    out[key] = rel.startsWith('.') ? rel : `./${rel}`;
  }
  return out;
}

/** Name each local argument: its `#egg=` / `name @`, else the name its built metadata declares. */
async function nameLocals(ctx: Context, session: Session, locals: readonly LocalPackageArg[]): Promise<PackageArg[]> {
  const out: PackageArg[] = [];
  for (const l of locals) {
    const spec = rootedSpec(ctx, session.project.root, l.spec);
    let name = l.name;
    if (!name) {
      const task = ctx.out.task(`Building ${l.arg} (metadata)`);
      const prepared = await withBuildLog(ctx, () => localProjectsOf(ctx, session).prepare(l.arg, localProjectSpec(l.arg, spec, session.project.root))).finally(() => task.end());
      name = prepared.metadata.name;
    }
    out.push({ name, spec });
  }
  return out;
}

/** Raw package arguments from the command line and `-r FILE`. */
function requestedArgs(ctx: Context): string[] {
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
  const { plain, locals } = requestedPackages(ctx);
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
    for (const p of plain) doc.setPackage(category, p.name, index ? withIndex(p.spec, index) : p.spec);
    const localArgs = await nameLocals(ctx, session, locals);
    for (const p of localArgs) doc.setPackage(category, p.name, p.spec);
    const requested = [...plain, ...localArgs];
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
          const system = ctx.flag('system');
          const subject = system ? `the system interpreter (${session.target.interpreter.executable}) is Python` : 'the virtualenv uses';
          throw new CliError('CLI_PYTHON_MISMATCH', `The Pipfile requires Python ${wanted}, but ${subject} ${have}; aborting deploy.`, {
            hint: system
              ? `Name a Python ${wanted} interpreter: \`pipgrub install --deploy --system --python ${wanted}\`.`
              : `Recreate it with \`pipgrub --rm && pipgrub install --deploy --python ${wanted}\`.`,
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
    const label = targetLabel(session);
    ctx.out.info(`${label[0]!.toUpperCase()}${label.slice(1)}: ${describeSync(report, performance.now() - syncStarted)}`);
    const count = report.installed.length + report.replaced.length + report.kept.length;
    ctx.out.summary(`Installed ${count} package${count === 1 ? '' : 's'} (${report.installed.length + report.replaced.length} changed) in ${formatDuration(performance.now() - started)}`);
    return 0;
  } finally {
    await session.close();
  }
}
