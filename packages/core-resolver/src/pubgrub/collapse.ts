// Clean-up pass on a derivation tree before wording it: fold "no versions of foo in S" into the
// neighbouring fact about foo (pubgrub-rs report.rs `collapse_no_versions`), so reports do not list
// the gaps between the versions that exist.
import type { VersionSet } from './version-set';
import type { DerivationTree, ExternalNode } from './derivation-tree';
import { positive } from './term';

/**
 * A copy of `tree` where each derived node caused by a hint-less `noVersions` fact about package `p`
 * and an external fact about the same `p` (a dependency of `p`, or another no-versions / unavailable
 * fact on `p`) is replaced by that external fact widened to the union of both sets; next to a derived
 * cause, the derived cause is shown as concluding the node directly. A no-versions fact next to an
 * external fact about another package (typically "no versions of the dependency match") is kept: it is
 * the explanation.
 *
 * @example
 * ```ts
 * const text = new DefaultStringReporter().report(collapseNoVersions(result.tree));
 * ```
 */
export function collapseNoVersions<P, V, VS extends VersionSet<V, VS>>(
  tree: DerivationTree<P, V, VS>,
): DerivationTree<P, V, VS> {
  const memo = new Map<DerivationTree<P, V, VS>, DerivationTree<P, V, VS>>();
  // Post-order without recursion (trees of deep conflict chains can be thousands of levels deep).
  const stack: Array<{ node: DerivationTree<P, V, VS>; expanded: boolean }> = [{ node: tree, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const node = top.node;
    if (memo.has(node)) {
      stack.pop();
      continue;
    }
    if (node.kind !== 'derived') {
      memo.set(node, node);
      stack.pop();
      continue;
    }
    if (!top.expanded) {
      top.expanded = true;
      stack.push({ node: node.cause1, expanded: false }, { node: node.cause2, expanded: false });
      continue;
    }
    stack.pop();
    const c1 = memo.get(node.cause1)!;
    const c2 = memo.get(node.cause2)!;
    // A no-versions fact next to a derived cause: explain the derived cause as concluding this node
    // (the gap holds no version, so the conclusion reads the same), as pubgrub-rs does.
    const gap = isPlainNoVersions(c1) && c2.kind === 'derived' ? c2 : isPlainNoVersions(c2) && c1.kind === 'derived' ? c1 : undefined;
    if (gap !== undefined) {
      const widened: DerivationTree<P, V, VS> = { ...gap, terms: node.terms };
      if (node.sharedId !== undefined) widened.sharedId = node.sharedId;
      else delete widened.sharedId;
      memo.set(node, widened);
      continue;
    }
    const merged = mergeNoVersions(c1, c2) ?? mergeNoVersions(c2, c1);
    memo.set(node, merged ?? (c1 === node.cause1 && c2 === node.cause2 ? node : { ...node, cause1: c1, cause2: c2 }));
  }
  return memo.get(tree)!;
}

function isPlainNoVersions<P, V, VS>(n: DerivationTree<P, V, VS>): boolean {
  return n.kind === 'noVersions' && n.hint === undefined;
}

function mergeNoVersions<P, V, VS extends VersionSet<V, VS>>(
  a: DerivationTree<P, V, VS>,
  other: DerivationTree<P, V, VS>,
): ExternalNode<P, V, VS> | undefined {
  if (a.kind !== 'noVersions' || a.hint !== undefined) return undefined;
  const p = a.package;
  switch (other.kind) {
    case 'noVersions':
    case 'unavailable': {
      if (other.package !== p) return undefined;
      const set = other.set.union(a.set);
      return { ...other, set, terms: new Map([[p, positive(set)]]) };
    }
    case 'fromDependencyOf': {
      if (other.package !== p) return undefined;
      const set = other.set.union(a.set);
      const terms = new Map(other.terms);
      terms.set(p, positive(set));
      return { ...other, set, terms };
    }
    default:
      return undefined;
  }
}
