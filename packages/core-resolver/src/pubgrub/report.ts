// Wording a derivation tree as a numbered explanation in the style of Dart pub and uv, with a small
// formatter interface for package names, version sets and the root. solver.md § Error Reporting;
// pubgrub-rs src/report.rs (DefaultStringReporter).
import type { VersionSet } from './version-set';
import type { DerivationTree, DerivedNode, ExternalNode } from './derivation-tree';
import type { Term } from './term';
import { collapseNoVersions } from './collapse';

/**
 * How packages and version sets read in a report. Implement it (or extend `DefaultReportFormatter`)
 * to print `requests[socks]`, "the requested Python version", or ranges simplified against the versions
 * that exist.
 */
export interface ReportFormatter<P, V, VS> {
  /** Display name of a package, e.g. `requests[socks]`. */
  packageName(pkg: P): string;
  /** Whether `pkg` is the root (printed without version; "version solving failed" when forbidden). */
  isRoot(pkg: P): boolean;
  /** Whether `set` covers every version of `pkg` (printed "every version of foo" / "foo"). */
  isAny(pkg: P, set: VS): boolean;
  /** A version set of `pkg` as a specifier, e.g. `>=1.0, <2.0`. */
  versionSet(pkg: P, set: VS): string;
  /** A single version, e.g. for the root. */
  version(pkg: P, version: V): string;
}

/** Formatter using `String(pkg)` and `set.toString()`; "any" means the full set. */
export class DefaultReportFormatter<P, V, VS extends VersionSet<V, VS>> implements ReportFormatter<P, V, VS> {
  constructor(private readonly root?: P) {}
  packageName(pkg: P): string {
    return String(pkg);
  }
  isRoot(pkg: P): boolean {
    return this.root !== undefined && pkg === this.root;
  }
  isAny(_pkg: P, set: VS): boolean {
    return set.complement().isEmpty();
  }
  versionSet(_pkg: P, set: VS): string {
    return set.toString();
  }
  version(_pkg: P, version: V): string {
    return String(version);
  }
}

interface Line {
  /** 'and' lines start with "And because" (or "So, because" when numbered or last). */
  kind: 'because' | 'and' | 'blank';
  text: string;
  ref?: number;
}

/**
 * Explains a failed solve, one line per derivation step, numbering only the lines referred to later
 * (solver.md § Error Reporting), then the providers' hints.
 *
 * @example
 * ```ts
 * const reporter = new DefaultStringReporter(new DefaultReportFormatter('root'));
 * if (result.kind === 'failed') console.error(reporter.report(result.tree));
 * // Because every version of foo depends on bar >=2 which depends on baz >=3, ...
 * // So, because root depends on both baz <2 and foo, version solving failed.
 * ```
 */
export class DefaultStringReporter<P, V, VS extends VersionSet<V, VS>> {
  private lines: Line[] = [];
  private refs = new Map<number, number>();
  private refCount = 0;
  private readonly f: ReportFormatter<P, V, VS>;

  constructor(formatter?: ReportFormatter<P, V, VS>) {
    this.f = formatter ?? new DefaultReportFormatter<P, V, VS>();
  }

  /** The explanation text (after `collapseNoVersions`), followed by `hint: ...` lines if any. */
  report(tree: DerivationTree<P, V, VS>): string {
    const hints = collectHints(tree);
    const text = this.explain(collapseNoVersions(tree));
    return hints.length === 0 ? text : `${text}\n\n${hints.map((h) => `hint: ${h}`).join('\n')}`;
  }

  /** The explanation text only, for a tree as given (no clean-up pass, no hints). */
  explain(tree: DerivationTree<P, V, VS>): string {
    this.lines = [];
    this.refs = new Map();
    this.refCount = 0;
    if (tree.kind !== 'derived') {
      this.lines.push({ kind: 'because', text: `Because ${this.external(tree)}, ${this.terms(tree.terms)}.` });
    } else {
      this.buildRecursive(tree);
    }
    const last = this.lines.length - 1;
    return this.lines
      .map((l, i) => {
        if (l.kind === 'blank') return '';
        const prefix = l.kind === 'and' ? (l.ref !== undefined || i === last ? 'So, because ' : 'And because ') : '';
        return `${prefix}${l.text}${l.ref !== undefined ? ` (${l.ref})` : ''}`;
      })
      .join('\n');
  }

  private buildRecursive(node: DerivedNode<P, V, VS>): void {
    this.buildHelper(node);
    if (node.sharedId !== undefined && !this.refs.has(node.sharedId)) this.addLineRef(node.sharedId);
  }

  private addLineRef(id?: number): number {
    this.refCount++;
    const line = this.lines[this.lines.length - 1]!;
    line.ref = this.refCount;
    if (id !== undefined) this.refs.set(id, this.refCount);
    return this.refCount;
  }

  private refOf(node: DerivedNode<P, V, VS>): number | undefined {
    return node.sharedId === undefined ? undefined : this.refs.get(node.sharedId);
  }

  private buildHelper(node: DerivedNode<P, V, VS>): void {
    const { cause1, cause2 } = node;
    const concl = this.terms(node.terms);
    if (cause1.kind !== 'derived' && cause2.kind !== 'derived') {
      this.push('because', `Because ${this.joinExternals(cause1, cause2)}, ${concl}.`);
    } else if (cause1.kind === 'derived' && cause2.kind !== 'derived') {
      this.reportOneEach(cause1, cause2, concl);
    } else if (cause1.kind !== 'derived' && cause2.kind === 'derived') {
      this.reportOneEach(cause2, cause1, concl);
    } else if (cause1.kind === 'derived' && cause2.kind === 'derived') {
      const r1 = this.refOf(cause1);
      const r2 = this.refOf(cause2);
      if (r1 !== undefined && r2 !== undefined) {
        this.push(
          'because',
          `Because ${this.terms(cause1.terms)} (${r1}) and ${this.terms(cause2.terms)} (${r2}), ${concl}.`,
        );
      } else if (r1 !== undefined) {
        this.buildRecursive(cause2);
        this.push('and', `${this.terms(cause1.terms)} (${r1}), ${concl}.`);
      } else if (r2 !== undefined) {
        this.buildRecursive(cause1);
        this.push('and', `${this.terms(cause2.terms)} (${r2}), ${concl}.`);
      } else {
        this.buildRecursive(cause1);
        if (cause1.sharedId !== undefined) {
          // cause1 now has a line number: explain the current node again, referring to it.
          this.push('blank', '');
          this.buildRecursive(node);
        } else {
          const ref1 = this.addLineRef();
          this.push('blank', '');
          this.buildRecursive(cause2);
          this.push('and', `${this.terms(cause1.terms)} (${ref1}), ${concl}.`);
        }
      }
    }
  }

  private reportOneEach(derived: DerivedNode<P, V, VS>, external: ExternalNode<P, V, VS>, concl: string): void {
    const ref = this.refOf(derived);
    if (ref !== undefined) {
      this.push('because', `Because ${this.external(external)} and ${this.terms(derived.terms)} (${ref}), ${concl}.`);
      return;
    }
    const { cause1, cause2 } = derived;
    const prior =
      cause1.kind === 'derived' && cause2.kind !== 'derived'
        ? { d: cause1, e: cause2 }
        : cause2.kind === 'derived' && cause1.kind !== 'derived'
          ? { d: cause2, e: cause1 }
          : undefined;
    if (prior !== undefined && this.refOf(prior.d) === undefined) {
      // solver.md step 2.ii: skip the intermediate conclusion and chain both external facts.
      this.buildRecursive(prior.d);
      this.push('and', `${this.joinExternals(prior.e, external)}, ${concl}.`);
    } else {
      this.buildRecursive(derived);
      this.push('and', `${this.external(external)}, ${concl}.`);
    }
  }

  private push(kind: Line['kind'], text: string): void {
    this.lines.push({ kind, text });
  }

  // ---- wording ----

  private name(pkg: P): string {
    return this.f.packageName(pkg);
  }

  /** "foo >=1.0" / "foo" (any) / "root" (the root never shows its version). */
  private object(pkg: P, set: VS): string {
    if (this.f.isRoot(pkg) || this.f.isAny(pkg, set)) return this.name(pkg);
    return `${this.name(pkg)} ${this.f.versionSet(pkg, set)}`;
  }

  /** As `object`, but "every version of foo" for the full set (sentence subjects). */
  private subject(pkg: P, set: VS): string {
    if (!this.f.isRoot(pkg) && this.f.isAny(pkg, set)) return `every version of ${this.name(pkg)}`;
    return this.object(pkg, set);
  }

  /** A dependency as the depender wrote it: never widened to "any" unless it is the full set. */
  private dependencyObject(dep: P, set: VS): string {
    if (set.isEmpty()) return `${this.name(dep)} (no versions)`;
    if (set.complement().isEmpty()) return this.name(dep);
    return `${this.name(dep)} ${this.f.versionSet(dep, set)}`;
  }

  /** One external fact as a clause. */
  external(node: ExternalNode<P, V, VS>): string {
    switch (node.kind) {
      case 'notRoot':
        return `we are solving dependencies of ${this.name(node.package)} ${this.f.version(node.package, node.version)}`;
      case 'noVersions':
        return this.f.isAny(node.package, node.set)
          ? `there are no versions of ${this.name(node.package)}`
          : `no versions of ${this.name(node.package)} match ${this.f.versionSet(node.package, node.set)}`;
      case 'unavailable':
        return `${this.subject(node.package, node.set)} ${node.reason}`;
      case 'fromDependencyOf':
        return `${this.subject(node.package, node.set)} depends on ${this.dependencyObject(node.dependency, node.dependencySet)}`;
    }
  }

  /** Two external facts joined, with Dart pub's "depends on both" and "which depends on" forms. */
  private joinExternals(a: ExternalNode<P, V, VS>, b: ExternalNode<P, V, VS>): string {
    if (a.kind === 'fromDependencyOf' && b.kind === 'fromDependencyOf') {
      if (a.package === b.package && a.set.equals(b.set)) {
        // Sorted by name so the sentence does not depend on the order the solver met the two facts.
        const [x, y] = [
          this.dependencyObject(a.dependency, a.dependencySet),
          this.dependencyObject(b.dependency, b.dependencySet),
        ].sort();
        return `${this.subject(a.package, a.set)} depends on both ${x} and ${y}`;
      }
      if (a.dependency === b.package && a.dependencySet.isSubsetOf(b.set)) {
        return `${this.external(a)} which depends on ${this.dependencyObject(b.dependency, b.dependencySet)}`;
      }
      if (b.dependency === a.package && b.dependencySet.isSubsetOf(a.set)) {
        return `${this.external(b)} which depends on ${this.dependencyObject(a.dependency, a.dependencySet)}`;
      }
    }
    return `${this.external(a)} and ${this.external(b)}`;
  }

  /** What a derived incompatibility means, as a clause. */
  terms(terms: Map<P, Term<VS>>): string {
    const list = [...terms];
    if (list.length === 0) return 'version solving failed';
    if (list.length === 1) {
      const [pkg, t] = list[0]!;
      if (t.positive && this.f.isRoot(pkg)) return 'version solving failed';
      return t.positive ? `${this.object(pkg, t.set)} is forbidden` : `${this.object(pkg, t.set)} is required`;
    }
    if (list.length === 2) {
      const [[p1, t1], [p2, t2]] = list as [[P, Term<VS>], [P, Term<VS>]];
      if (t1.positive && !t2.positive) return `${this.subject(p1, t1.set)} requires ${this.object(p2, t2.set)}`;
      if (t2.positive && !t1.positive) return `${this.subject(p2, t2.set)} requires ${this.object(p1, t1.set)}`;
      if (t1.positive && t2.positive) {
        return `${this.object(p1, t1.set)} is incompatible with ${this.object(p2, t2.set)}`;
      }
    }
    const parts = list.map(([p, t]) => (t.positive ? this.object(p, t.set) : `not ${this.object(p, t.set)}`));
    return `${parts.join(', ')} are incompatible`;
  }
}

/** Distinct hints of the tree's external facts, in tree order. */
export function collectHints<P, V, VS>(tree: DerivationTree<P, V, VS>): string[] {
  const out: string[] = [];
  const seen = new Set<DerivationTree<P, V, VS>>();
  const stack: DerivationTree<P, V, VS>[] = [tree];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.kind === 'derived') stack.push(n.cause2, n.cause1);
    else if ((n.kind === 'noVersions' || n.kind === 'unavailable') && n.hint !== undefined && !out.includes(n.hint)) {
      out.push(n.hint);
    }
  }
  return out;
}
