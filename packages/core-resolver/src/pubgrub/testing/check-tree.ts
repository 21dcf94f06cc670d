// Test helpers: check a solution against the provider's data and a derivation tree for internal
// consistency (each derived incompatibility follows from resolving its two causes).
import type { VersionSet } from '../version-set';
import type { DerivationTree } from '../derivation-tree';
import type { Term } from '../term';
import { intersectTerms, isAnyTerm, termSubsetOf, unionTerms } from '../term';
import type { OfflineDependencyProvider } from '../offline-provider';

/** Problems with `solution`: a dependency not satisfied, an unavailable version chosen... */
export function checkSolution<P, V, VS extends VersionSet<V, VS>>(
  provider: OfflineDependencyProvider<P, V, VS>,
  solution: Map<P, V>,
): string[] {
  const problems: string[] = [];
  for (const [pkg, v] of solution) {
    const deps = provider.getDependencies(pkg, v);
    if (deps.kind === 'unavailable') {
      problems.push(`${String(pkg)} ${String(v)} is unavailable`);
      continue;
    }
    for (const [d, set] of deps.dependencies) {
      const dv = solution.get(d);
      if (dv === undefined || !set.contains(dv)) {
        problems.push(`${String(pkg)} ${String(v)} needs ${String(d)} ${set.toString()}, got ${String(dv)}`);
      }
    }
  }
  return problems;
}

function resolve<P, V, VS extends VersionSet<V, VS>>(
  a: Map<P, Term<VS>>,
  b: Map<P, Term<VS>>,
  pkg: P,
): Map<P, Term<VS>> {
  const out = new Map<P, Term<VS>>();
  for (const [p, t] of a) if (p !== pkg) out.set(p, t);
  for (const [p, t] of b) if (p !== pkg) out.set(p, out.has(p) ? intersectTerms(out.get(p)!, t) : t);
  const u = unionTerms(a.get(pkg)!, b.get(pkg)!);
  if (!isAnyTerm(u)) out.set(pkg, u);
  return out;
}

/** Whether incompatibility `derived` is implied by incompatibility `from` (every term weaker). */
function implies<P, V, VS extends VersionSet<V, VS>>(from: Map<P, Term<VS>>, derived: Map<P, Term<VS>>): boolean {
  for (const [p, t] of from) {
    const d = derived.get(p);
    if (d === undefined ? !isAnyTerm(t) : !termSubsetOf(d, t)) return false;
  }
  return true;
}

/**
 * Problems with a derivation tree: external facts that contradict the provider's data, derived nodes
 * that do not follow from their causes, a root that is not terminal.
 */
export function checkTree<P, V, VS extends VersionSet<V, VS>>(
  provider: OfflineDependencyProvider<P, V, VS>,
  tree: DerivationTree<P, V, VS>,
  root: P,
  rootVersion: V,
): string[] {
  const problems: string[] = [];
  const rootTerm = tree.terms.get(root);
  const terminal =
    tree.terms.size === 0 || (tree.terms.size === 1 && rootTerm !== undefined && rootTerm.positive && rootTerm.set.contains(rootVersion));
  if (!terminal) problems.push(`root node ${tree.id} is not terminal`);
  const seen = new Set<number>();
  const stack = [tree];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    switch (n.kind) {
      case 'derived': {
        stack.push(n.cause1, n.cause2);
        const shared = [...n.cause1.terms.keys()].filter((p) => n.cause2.terms.has(p));
        if (!shared.some((p) => implies(resolve(n.cause1.terms, n.cause2.terms, p), n.terms))) {
          problems.push(`derived node ${n.id} does not follow from ${n.cause1.id} and ${n.cause2.id}`);
        }
        break;
      }
      case 'fromDependencyOf':
        for (const v of provider.versions(n.package)) {
          if (!n.set.contains(v)) continue;
          const deps = provider.getDependencies(n.package, v);
          const got = deps.kind === 'available' ? deps.dependencies.get(n.dependency) : undefined;
          if (got === undefined || !got.equals(n.dependencySet)) {
            problems.push(`node ${n.id}: ${String(n.package)} ${String(v)} does not depend on ${String(n.dependency)} ${n.dependencySet.toString()}`);
          }
        }
        break;
      case 'noVersions':
        for (const v of provider.versions(n.package)) {
          if (n.set.contains(v)) problems.push(`node ${n.id}: ${String(n.package)} ${String(v)} exists`);
        }
        break;
      case 'unavailable':
        for (const v of provider.versions(n.package)) {
          if (n.set.contains(v) && provider.getDependencies(n.package, v).kind !== 'unavailable') {
            problems.push(`node ${n.id}: ${String(n.package)} ${String(v)} is available`);
          }
        }
        break;
      case 'notRoot':
        if (n.package !== root) problems.push(`node ${n.id}: notRoot for ${String(n.package)}`);
        break;
    }
  }
  return problems;
}
