// The structured (JSON) form of a derivation tree: a flat table of nodes by incompatibility id, so
// shared derivations appear once and deep trees serialize without recursion.
import type { VersionSet } from './version-set';
import type { DerivationTree } from './derivation-tree';

/** One term, printed: `{ package: 'foo', positive: true, set: '>=1.0, <2.0' }`. */
export interface TermJSON {
  package: string;
  positive: boolean;
  set: string;
}

/** One node of `DerivationTreeJSON.nodes`. Derived nodes name their causes by id. */
export type DerivationNodeJSON =
  | { kind: 'notRoot'; id: number; terms: TermJSON[]; package: string; version: string }
  | { kind: 'noVersions'; id: number; terms: TermJSON[]; package: string; set: string; hint?: string }
  | { kind: 'unavailable'; id: number; terms: TermJSON[]; package: string; set: string; reason: string; hint?: string }
  | {
      kind: 'fromDependencyOf';
      id: number;
      terms: TermJSON[];
      package: string;
      set: string;
      dependency: string;
      dependencySet: string;
    }
  | { kind: 'derived'; id: number; terms: TermJSON[]; shared: boolean; cause1: number; cause2: number };

/** `{ root, nodes }`: `root` is the id of the terminal node; nodes sorted by id (causes first). */
export interface DerivationTreeJSON {
  root: number;
  nodes: DerivationNodeJSON[];
}

/**
 * Serialize a derivation tree. Packages are printed with `packageName` (default `String`), sets with
 * their `toString()`.
 *
 * @example
 * ```ts
 * if (result.kind === 'failed') process.stdout.write(JSON.stringify(treeToJSON(result.tree)));
 * ```
 */
export function treeToJSON<P, V, VS extends VersionSet<V, VS>>(
  tree: DerivationTree<P, V, VS>,
  packageName: (pkg: P) => string = String,
): DerivationTreeJSON {
  const byId = new Map<number, DerivationNodeJSON>();
  const stack: DerivationTree<P, V, VS>[] = [tree];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (byId.has(n.id)) continue;
    const terms = [...n.terms].map(([p, t]) => ({ package: packageName(p), positive: t.positive, set: t.set.toString() }));
    let out: DerivationNodeJSON;
    switch (n.kind) {
      case 'notRoot':
        out = { kind: 'notRoot', id: n.id, terms, package: packageName(n.package), version: String(n.version) };
        break;
      case 'noVersions':
        out = { kind: 'noVersions', id: n.id, terms, package: packageName(n.package), set: n.set.toString() };
        if (n.hint !== undefined) out.hint = n.hint;
        break;
      case 'unavailable':
        out = {
          kind: 'unavailable',
          id: n.id,
          terms,
          package: packageName(n.package),
          set: n.set.toString(),
          reason: n.reason,
        };
        if (n.hint !== undefined) out.hint = n.hint;
        break;
      case 'fromDependencyOf':
        out = {
          kind: 'fromDependencyOf',
          id: n.id,
          terms,
          package: packageName(n.package),
          set: n.set.toString(),
          dependency: packageName(n.dependency),
          dependencySet: n.dependencySet.toString(),
        };
        break;
      case 'derived':
        out = {
          kind: 'derived',
          id: n.id,
          terms,
          shared: n.sharedId !== undefined,
          cause1: n.cause1.id,
          cause2: n.cause2.id,
        };
        stack.push(n.cause1, n.cause2);
        break;
    }
    byId.set(n.id, out);
  }
  return { root: tree.id, nodes: [...byId.values()].sort((a, b) => a.id - b.id) };
}
