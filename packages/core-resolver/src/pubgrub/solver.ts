// The PubGrub main loop: propagate, then choose a package and a version, get its dependencies. Only
// choosing may wait for the provider. solver.md § The Algorithm; pubgrub-rs src/solver.rs.
import type { VersionSet, VersionSetKind } from './version-set';
import type { Dependencies, DependencyProvider } from './provider';
import type { SolveOptions, SolveResult, SolveStats } from './result';
import { SolverError } from './errors';
import { CoreState } from './internal/core';
import { DecisionQueue } from './internal/decision-queue';
import { buildDerivationTree } from './internal/build-tree';

function isThenable<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

/** Key under which a version is remembered as "dependencies already added". */
function versionKey<V>(v: V): unknown {
  return typeof v === 'object' && v !== null ? String(v) : v;
}

/**
 * Find versions for `root` at `rootVersion` and everything it transitively depends on, or explain why
 * none exist. Resolution failure is returned as data (`kind: 'failed'` with a derivation tree); only a
 * provider error, a broken provider contract or cancellation throws (`SolverError`).
 *
 * @example
 * ```ts
 * const result = await solve(provider, 'root', 1, IntRange);
 * if (result.kind === 'solved') console.log(result.solution.get('foo'));
 * else console.log(new DefaultStringReporter().report(result.tree));
 * ```
 */
export async function solve<P, V, VS extends VersionSet<V, VS>>(
  provider: DependencyProvider<P, V, VS>,
  root: P,
  rootVersion: V,
  kind: VersionSetKind<V, VS>,
  options: SolveOptions = {},
): Promise<SolveResult<P, V, VS>> {
  const started = performance.now();
  let providerWaitMs = 0;
  let decisions = 0;
  const state = new CoreState<P, V, VS>(root, rootVersion, kind);
  const ps = state.solution;
  const queue = new DecisionQueue<P, V, VS>();
  const added = new Map<P, Set<unknown>>();
  const maxDecisions = options.maxDecisions ?? Infinity;

  const stats = (): SolveStats => ({
    decisions,
    conflicts: state.counters.conflicts,
    propagations: state.counters.propagations,
    backtracks: state.counters.backtracks,
    incompatibilities: state.arena.size,
    timeMs: performance.now() - started,
    providerWaitMs,
  });

  /** Await a provider promise, counting the wait and wrapping a rejection. */
  const waitFor = async <T>(what: string, pkg: P, promise: Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await promise;
    } catch (e) {
      throw wrap(what, pkg, e);
    } finally {
      providerWaitMs += performance.now() - t0;
    }
  };

  /** Queue (and announce to the provider) every undecided positive package whose term changed. */
  const enqueue = (pkgs: P[]): void => {
    for (const pkg of pkgs) {
      const pa = ps.packages.get(pkg);
      if (pa === undefined || pa.decision !== undefined || !pa.term.positive || pkg === root) continue;
      if (pa.announcedStamp === pa.stamp) continue;
      pa.announcedStamp = pa.stamp;
      const priority = provider.prioritize(pkg, pa.term.set);
      if (pa.queuedPriority !== priority) queue.push(pkg, pa, priority);
      provider.prefetch?.(pkg, pa.term.set);
    }
  };
  const valid = (pkg: P, pa: object): boolean => {
    const cur = ps.packages.get(pkg);
    return cur === pa && cur.decision === undefined && cur.term.positive;
  };

  let next: P = root;
  for (;;) {
    if (provider.shouldCancel?.() === true || decisions >= maxDecisions) {
      throw new SolverError('ERR_SOLVER_CANCELLED', `solving cancelled after ${decisions} decisions`);
    }
    if (!state.unitPropagation(next)) {
      return { kind: 'failed', tree: buildDerivationTree(state.arena, state.failure!), stats: stats() };
    }
    if (state.touched.length > 0) {
      enqueue(state.touched);
      state.touched = [];
    }
    enqueue(ps.takeChanged());

    // Choose: the root first (its version is given), then the provider's highest priority.
    const rootPa = ps.packages.get(root)!;
    let pkg: P | undefined;
    if (rootPa.decision === undefined) pkg = root;
    else pkg = queue.pop(valid);
    if (pkg === undefined) {
      return { kind: 'solved', solution: ps.extractSolution(), stats: stats() };
    }
    next = pkg;
    const range = ps.termOf(pkg)!.set;
    let version: V | undefined;
    if (pkg === root) {
      version = rootVersion;
    } else if (range.isEmpty()) {
      // Earlier derivations emptied the range: record it so the conflict surfaces in propagation.
      state.addIncompatibility(state.arena.noVersions(pkg, range));
      continue;
    } else {
      let chosen: V | undefined | Promise<V | undefined>;
      try {
        chosen = provider.chooseVersion(pkg, range);
      } catch (e) {
        throw wrap('chooseVersion', pkg, e);
      }
      version = isThenable(chosen) ? await waitFor('chooseVersion', pkg, chosen) : chosen;
      if (version === undefined) {
        const hint = provider.describeNoVersions?.(pkg, range);
        state.addIncompatibility(state.arena.noVersions(pkg, range, hint));
        continue;
      }
      if (!range.contains(version)) {
        throw new SolverError(
          'ERR_SOLVER_BAD_VERSION',
          `the provider chose version ${String(version)} of ${String(pkg)}, outside the allowed ${range.toString()}`,
        );
      }
    }
    decisions++;
    let seen = added.get(pkg);
    if (seen === undefined) added.set(pkg, (seen = new Set()));
    const key = versionKey(version);
    if (seen.has(key)) {
      // Its dependency incompatibilities are already known and not satisfied.
      ps.addDecision(pkg, version);
      continue;
    }
    seen.add(key);
    let got: Dependencies<P, VS> | Promise<Dependencies<P, VS>>;
    try {
      got = provider.getDependencies(pkg, version);
    } catch (e) {
      throw wrap('getDependencies', pkg, e);
    }
    const deps = isThenable(got) ? await waitFor('getDependencies', pkg, got) : got;
    if (deps.kind === 'unavailable') {
      state.addIncompatibility(state.arena.unavailable(pkg, kind.singleton(version), deps.reason, deps.hint));
      continue;
    }
    const ids: number[] = [];
    const single = kind.singleton(version);
    for (const [dep, set] of deps.dependencies) {
      if (dep === pkg) {
        throw new SolverError('ERR_SOLVER_SELF_DEPENDENCY', `${String(pkg)} ${String(version)} depends on itself`);
      }
      ids.push(state.arena.dependency(pkg, single, dep, set));
    }
    for (const id of ids) state.addIncompatibility(id);
    // Before anything went wrong, a decision is very unlikely to conflict with its own dependencies.
    if (!state.hasBacktracked || !state.wouldConflict(pkg, version, ids)) ps.addDecision(pkg, version);
  }
}

function wrap(what: string, pkg: unknown, e: unknown): SolverError {
  if (e instanceof SolverError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new SolverError('ERR_SOLVER_PROVIDER', `${what}(${String(pkg)}) failed: ${detail}`, { cause: e });
}
