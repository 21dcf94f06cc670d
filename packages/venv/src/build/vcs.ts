// VCS sources of local projects: git only, through the `git` CLI. A mirror per repository URL lives in
// the cache; a ref (branch, tag, commit; default HEAD) is resolved to a commit and checked out once.

import { createHash } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { VenvError } from '../errors';
import { pathExists } from '../path-exists';
import { execFileText } from '../child-process';

const run = execFileText;

/** A checked-out commit of a repository. */
export interface GitCheckout {
  /** The working tree (read-only by convention: it is shared through the cache). */
  dir: string;
  /** The full commit id `ref` resolved to. */
  commit: string;
}

/** Options of {@link checkoutGit}. */
export interface GitCheckoutOptions {
  /** The pipgrub cache root; repositories go under `git/`. */
  cacheDir: string;
  /** Branch, tag or commit (default: the remote's HEAD). */
  ref?: string;
  /** Name of the Pipfile entry, for messages. */
  entry?: string;
  /** Fetch even when `ref` is a commit the mirror already has (default false). */
  refresh?: boolean;
}

async function git(args: string[], what: string, entry: string | undefined, cwd?: string): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
    return stdout.trim();
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    if (err.code === 'ENOENT') {
      throw new VenvError('VCS_FAILED', `${entry ?? 'a git requirement'}: the git command is not installed`, { hint: 'install git, or use a path/file entry', cause: e });
    }
    const detail = (err.stderr ?? err.message).trim().split('\n').filter(Boolean).pop() ?? err.message;
    throw new VenvError('VCS_FAILED', `${entry ? `${entry}: ` : ''}${what} failed: ${detail}`, { cause: e });
  }
}

/**
 * Refuse VCS kinds other than git with a clear error naming the entry.
 * @example assertSupportedVcs('hg', 'mylib') // throws VenvError VCS_UNSUPPORTED
 */
export function assertSupportedVcs(kind: string, entry: string): asserts kind is 'git' {
  if (kind !== 'git') {
    throw new VenvError('VCS_UNSUPPORTED', `${entry}: ${kind} repositories are not supported by pipgrub (only git)`, {
      hint: `build the project yourself and use a file = "...whl" entry, or move ${entry} to git`,
    });
  }
}

/**
 * Resolve `ref` of the git repository at `url` to a commit and check that commit out in the cache
 * (`<cacheDir>/git/checkouts/<commit>`), reusing a checkout made before.
 * @example const { dir, commit } = await checkoutGit('https://github.com/pallets/click', { cacheDir, ref: '8.1.7' });
 */
export async function checkoutGit(url: string, options: GitCheckoutOptions): Promise<GitCheckout> {
  const entry = options.entry;
  const key = createHash('sha256').update(url).digest('hex').slice(0, 24);
  const mirror = path.join(options.cacheDir, 'git', 'db', key);
  const isCommit = options.ref !== undefined && /^[0-9a-f]{40}$/.test(options.ref);
  if (!(await pathExists(path.join(mirror, 'HEAD')))) {
    await mkdir(path.dirname(mirror), { recursive: true });
    const tmp = `${mirror}.tmp-${process.pid}-${Date.now()}`;
    await git(['clone', '--mirror', '--quiet', url, tmp], `cloning ${url}`, entry);
    await rm(mirror, { recursive: true, force: true });
    await rename(tmp, mirror);
  } else if (!isCommit || options.refresh || !(await hasCommit(mirror, options.ref!))) {
    await git(['fetch', '--quiet', '--prune', '--force', '--tags', 'origin', '+refs/*:refs/*'], `fetching ${url}`, entry, mirror);
  }
  const ref = options.ref ?? 'HEAD';
  let commit: string;
  try {
    commit = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], `resolving ${ref}`, entry, mirror);
  } catch {
    commit = '';
  }
  if (!/^[0-9a-f]{40}$/.test(commit)) {
    throw new VenvError('VCS_FAILED', `${entry ? `${entry}: ` : ''}${url} has no branch, tag or commit ${JSON.stringify(ref)}`, { hint: 'check the ref of the Pipfile entry' });
  }
  const dir = path.join(options.cacheDir, 'git', 'checkouts', commit);
  if (!(await pathExists(path.join(dir, '.git')))) {
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    await mkdir(path.dirname(dir), { recursive: true });
    await git(['clone', '--quiet', '--shared', '--no-checkout', mirror, tmp], `checking out ${commit}`, entry);
    await git(['checkout', '--quiet', '--detach', commit], `checking out ${commit}`, entry, tmp);
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
  }
  return { dir, commit };
}

async function hasCommit(mirror: string, commit: string): Promise<boolean> {
  try {
    await run('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: mirror });
    return true;
  } catch {
    return false;
  }
}
