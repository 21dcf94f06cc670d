// Open the project's package source: the Pipfile's [[source]] entries mapped by pypi-source
// (indexes, local wheel folders, --pypi-mirror, index pins), for the target interpreter's wheel tags.

import { effectiveSources, type Pipfile } from '@pipgrub/lockfile';
import { createPackageSource, indexOptionsFromSources, type IndexClient } from '@pipgrub/pypi-source';
import { wheelTarget, type InterpreterInfo } from '@pipgrub/venv';
import type { Context } from '../context';
import { CliError } from '../errors';
import { displayPath } from '../project-files';
import type { ProjectPaths } from '../project';

/**
 * The package source for a project's Pipfile and target interpreter.
 * @example const client = openProjectSource(ctx, project, pipfile, interpreter); ... await client.close();
 */
export function openProjectSource(ctx: Context, project: ProjectPaths, pipfile: Pipfile, interpreter: InterpreterInfo | undefined): IndexClient {
  // Pipenv hashes such a Pipfile like any other, so parsing accepts it; only using the source fails.
  const empty = pipfile.sources.find((s) => s.url.trim() === '');
  if (empty) {
    throw new CliError('CLI_BAD_SOURCE', `${displayPath(ctx, project.pipfile)}${empty.line ? `:${empty.line}` : ''}: [[source]] '${empty.name}' has an empty url.`, {
      hint: 'Give an index URL such as https://pypi.org/simple, or a folder of wheels.',
    });
  }
  const mirror = ctx.value('pypi-mirror') ?? ctx.settings.pypiMirror;
  const packageIndexes: Record<string, string> = {};
  for (const packages of pipfile.categories.values()) {
    for (const p of packages) if (p.index) packageIndexes[p.name] = p.index;
  }
  return createPackageSource({
    ...indexOptionsFromSources(effectiveSources(pipfile), { projectDir: project.root, packageIndexes, ...(mirror ? { mirror } : {}) }),
    env: ctx.env,
    timeoutMs: ctx.settings.timeoutSeconds * 1000,
    // Index pages are trusted while the index's Cache-Control max-age says they are fresh (PyPI: 600 s),
    // as uv and Poetry do; `update`/`upgrade` ask for the newest releases, so they revalidate every page.
    pageFreshness: ctx.command?.name === 'update' || ctx.command?.name === 'upgrade' ? 'revalidate' : 'max-age',
    ...(interpreter ? { target: wheelTarget(interpreter) } : {}),
    ...(ctx.settings.cacheDir ? { cacheDir: ctx.settings.cacheDir } : {}),
  });
}
