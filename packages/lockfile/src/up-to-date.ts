// Whether a Pipfile.lock still matches its Pipfile, decided as Pipenv decides (the `_meta.hash`
// comparison), with reasons that say what changed when it does not.

import { normalizeName } from '@pipgrub/core-resolver/pep508';
import type { Lockfile } from './lockfile';
import type { Pipfile } from './pipfile';
import { effectiveSources, lockSectionName } from './pipfile';
import { pipfileHash } from './pipfile-hash';

export interface UpToDateOptions {
  /** Also accept a lock whose hash is the pre-2026 raw-name hash (Pipenv 2026 itself does not). */
  acceptLegacyHash?: boolean;
}

/** One reason a lock is out of date. */
export type StaleReason =
  | { kind: 'hash-mismatch'; expected: string; actual: string }
  | { kind: 'legacy-hash'; message: string }
  | { kind: 'package-added'; category: string; name: string }
  | { kind: 'package-removed'; category: string; name: string }
  | { kind: 'category-missing'; category: string }
  | { kind: 'sources-changed' }
  | { kind: 'requires-changed' };

export interface UpToDateResult {
  upToDate: boolean;
  /** Empty when up to date; otherwise the hash mismatch first, then what differs. */
  reasons: StaleReason[];
  /** One human line per reason. */
  messages: string[];
}

/**
 * Compare a Pipfile with its lock the way `pipenv install`/`pipenv verify` do.
 * @example
 * const r = isLockUpToDate(pipfile, lock);
 * if (!r.upToDate) console.log(r.messages.join('\n'));
 */
export function isLockUpToDate(pipfile: Pipfile, lock: Lockfile, options: UpToDateOptions = {}): UpToDateResult {
  const expected = pipfileHash(pipfile);
  const actual = lock.meta.hash?.sha256 ?? '';
  const reasons: StaleReason[] = [];
  if (expected !== actual) {
    const legacy = pipfileHash(pipfile, { names: 'raw' }) === actual;
    if (legacy && options.acceptLegacyHash) return { upToDate: true, reasons: [], messages: [] };
    reasons.push({ kind: 'hash-mismatch', expected, actual });
    if (legacy) reasons.push({ kind: 'legacy-hash', message: 'the lock hash was computed by an older Pipenv from un-normalized package names' });
    reasons.push(...explain(pipfile, lock));
  }
  return { upToDate: reasons.length === 0, reasons, messages: reasons.map(describe) };
}

function explain(pipfile: Pipfile, lock: Lockfile): StaleReason[] {
  const out: StaleReason[] = [];
  const want = effectiveSources(pipfile).map((s) => `${s.name}\u0000${s.url}\u0000${s.verifySsl}`).join('\n');
  const have = (lock.meta.sources ?? []).map((s) => `${s.name}\u0000${s.url}\u0000${s.verify_ssl}`).join('\n');
  if (want !== have) out.push({ kind: 'sources-changed' });
  const req = (o: object) => JSON.stringify(Object.entries(o).sort());
  if (req(pipfile.requires) !== req(lock.meta.requires ?? {})) out.push({ kind: 'requires-changed' });
  for (const [category, pkgs] of pipfile.categories) {
    const section = lock.sections[lockSectionName(category)];
    if (!section) {
      if (pkgs.length) out.push({ kind: 'category-missing', category });
      continue;
    }
    const locked = new Set(Object.keys(section).map(normalizeName));
    for (const p of pkgs) if (!locked.has(p.normalizedName)) out.push({ kind: 'package-added', category, name: p.name });
  }
  // Packages removed from the Pipfile can only be seen as "no longer requested"; a lock also holds
  // transitive dependencies, so only report top-level entries (those with an `index`) that vanished.
  for (const [section, entries] of Object.entries(lock.sections)) {
    const category = section === 'default' ? 'packages' : section === 'develop' ? 'dev-packages' : section;
    const declared = new Set((pipfile.categories.get(category) ?? []).map((p) => p.normalizedName));
    for (const [name, e] of Object.entries(entries)) {
      if (e.index !== undefined && !declared.has(normalizeName(name))) out.push({ kind: 'package-removed', category, name });
    }
  }
  return out;
}

function describe(r: StaleReason): string {
  switch (r.kind) {
    case 'hash-mismatch':
      return `Pipfile hash ${r.expected.slice(0, 6)} differs from the lock's ${r.actual ? r.actual.slice(0, 6) : '(none)'}`;
    case 'legacy-hash':
      return r.message;
    case 'package-added':
      return `[${r.category}] ${r.name} is not in the lock`;
    case 'package-removed':
      return `[${r.category}] ${r.name} is locked but no longer in the Pipfile`;
    case 'category-missing':
      return `[${r.category}] has no section in the lock`;
    case 'sources-changed':
      return '[[source]] entries differ from the lock';
    case 'requires-changed':
      return '[requires] differs from the lock';
  }
}
