// Turn the arena's incompatibility graph below the terminal incompatibility into a DerivationTree.
// Causes always have smaller ids than what they cause, so nodes are built bottom-up without recursion.
import type { VersionSet } from '../version-set';
import type { DerivationTree } from '../derivation-tree';
import type { IncompatibilityArena } from './incompatibility';

export function buildDerivationTree<P, V, VS extends VersionSet<V, VS>>(
  arena: IncompatibilityArena<P, V, VS>,
  terminal: number,
): DerivationTree<P, V, VS> {
  // Reachable ids and how many derived incompatibilities use each as a cause.
  const uses = new Map<number, number>();
  const stack = [terminal];
  uses.set(terminal, 0);
  while (stack.length > 0) {
    const id = stack.pop()!;
    const cause = arena.get(id).cause;
    if (cause.kind !== 'derived') continue;
    for (const c of [cause.cause1, cause.cause2]) {
      const n = uses.get(c);
      if (n === undefined) {
        uses.set(c, 1);
        stack.push(c);
      } else {
        uses.set(c, n + 1);
      }
    }
  }
  const nodes = new Map<number, DerivationTree<P, V, VS>>();
  for (const id of [...uses.keys()].sort((a, b) => a - b)) {
    const { terms, cause } = arena.get(id);
    let node: DerivationTree<P, V, VS>;
    switch (cause.kind) {
      case 'notRoot':
        node = { kind: 'notRoot', id, terms, package: cause.package, version: cause.version };
        break;
      case 'noVersions':
        node = { kind: 'noVersions', id, terms, package: cause.package, set: cause.set };
        if (cause.hint !== undefined) node.hint = cause.hint;
        break;
      case 'unavailable':
        node = { kind: 'unavailable', id, terms, package: cause.package, set: cause.set, reason: cause.reason };
        if (cause.hint !== undefined) node.hint = cause.hint;
        break;
      case 'dependency':
        node = {
          kind: 'fromDependencyOf',
          id,
          terms,
          package: cause.package,
          set: cause.set,
          dependency: cause.dependency,
          dependencySet: cause.dependencySet,
        };
        break;
      case 'derived':
        node = { kind: 'derived', id, terms, cause1: nodes.get(cause.cause1)!, cause2: nodes.get(cause.cause2)! };
        if (uses.get(id)! > 1) node.sharedId = id;
        break;
    }
    nodes.set(id, node);
  }
  return nodes.get(terminal)!;
}
