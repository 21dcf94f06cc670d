// A SAT backend over the same DependencyProvider as PubGrub: one boolean variable per package version,
// solved by logic-solver (MiniSat), then optimized toward preferred versions in a documented order.
import type LogicModule from 'logic-solver';

// logic-solver (an emscripten MiniSat build) costs up to a second to load, so it is loaded on the first
// SAT solve rather than whenever the package is imported.
let logic: Promise<typeof LogicModule> | undefined;
function loadLogic(): Promise<typeof LogicModule> {
  logic ??= import('logic-solver').then((m) => ((m as { default?: typeof LogicModule }).default ?? m) as typeof LogicModule);
  return logic;
}
import type { DependencyProvider, VersionSet } from '../pubgrub/index';
import { SolverError } from '../pubgrub/index';

/** Counters of one SAT solve. */
export interface SatStats {
  /** Package versions encoded (one variable each). */
  variables: number;
  /** Constraints handed to the solver (at-most-one groups, dependency and exclusion clauses). */
  constraints: number;
  /** Calls to the SAT solver (one to find a solution, the rest to optimize it). */
  satCalls: number;
  timeMs: number;
  providerWaitMs: number;
}

/**
 * The outcome of `solveSat`: a solution like `solve`'s, or a failure without explanation (a SAT
 * solver proves unsatisfiability but does not say why; use PubGrub for the report).
 */
export type SatResult<P, V> =
  | { kind: 'solved'; solution: Map<P, V>; stats: SatStats }
  | { kind: 'failed'; reason: string; stats: SatStats };

/** Options of `solveSat`. */
export interface SatOptions {
  /**
   * `lexicographic` (default): packages in breadth-first order from the root, each in turn given its
   * most preferred possible state — absent first, else the earliest version in `listVersions` order —
   * with earlier packages fixed. `none`: any satisfying assignment (fastest; a test oracle needs no more).
   */
  optimize?: 'lexicographic' | 'none';
}

function isThenable<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

/**
 * Solve the provider's problem with a SAT solver. Needs `provider.listVersions` (the whole universe of
 * versions is encoded up front, reachable from the root), so it fetches metadata for every candidate.
 *
 * @example
 * ```ts
 * const r = await solveSat(provider, 'root', 1);
 * if (r.kind === 'solved') console.log(r.solution);
 * ```
 */
export async function solveSat<P, V, VS extends VersionSet<V, VS>>(
  provider: DependencyProvider<P, V, VS>,
  root: P,
  rootVersion: V,
  options: SatOptions = {},
): Promise<SatResult<P, V>> {
  try {
    return await solveSatUnchecked(provider, root, rootVersion, options);
  } catch (e) {
    if (e instanceof SolverError) throw e;
    // logic-solver's MiniSat runs in a fixed 64 MB emscripten heap and aborts on large problems.
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new SolverError('ERR_SOLVER_SAT', `the SAT solver failed: ${first}`, {
      cause: e,
      hint: 'the SAT backend suits small and medium problems (tens of thousands of versions at most); use solve()',
    });
  }
}

async function solveSatUnchecked<P, V, VS extends VersionSet<V, VS>>(
  provider: DependencyProvider<P, V, VS>,
  root: P,
  rootVersion: V,
  options: SatOptions,
): Promise<SatResult<P, V>> {
  const started = performance.now();
  let providerWaitMs = 0;
  const wait = async <T>(x: T | Promise<T>): Promise<T> => {
    if (!isThenable(x)) return x;
    const t0 = performance.now();
    try {
      return await x;
    } finally {
      providerWaitMs += performance.now() - t0;
    }
  };
  const guard = async <T>(what: string, pkg: P, f: () => T | Promise<T>): Promise<T> => {
    try {
      return await wait(f());
    } catch (e) {
      if (e instanceof SolverError) throw e;
      throw new SolverError('ERR_SOLVER_PROVIDER', `${what}(${String(pkg)}) failed: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
  };
  const listVersions = provider.listVersions?.bind(provider);
  if (listVersions === undefined) {
    throw new SolverError('ERR_SOLVER_NO_LIST_VERSIONS', 'solveSat needs a provider with listVersions()', {
      hint: 'implement listVersions(pkg) returning every candidate version, preferred first',
    });
  }

  const Logic = await loadLogic();
  const solver = new Logic.Solver();
  let constraints = 0;
  const require = (f: LogicModule.Formula): void => {
    solver.require(f);
    constraints++;
  };
  // Packages in breadth-first discovery order; versions preferred first.
  const order: P[] = [];
  const versions = new Map<P, readonly V[]>();
  const varName = (pi: number, vi: number): string => `${pi}:${vi}`;
  const index = new Map<P, number>();
  const discover = async (pkg: P): Promise<number> => {
    let i = index.get(pkg);
    if (i !== undefined) return i;
    i = order.length;
    index.set(pkg, i);
    order.push(pkg);
    const vs = pkg === root ? [rootVersion] : await guard('listVersions', pkg, () => listVersions(pkg));
    versions.set(pkg, vs);
    if (vs.length > 1) require(Logic.atMostOne(vs.map((_, vi) => varName(i!, vi))));
    return i;
  };

  await discover(root);
  require(varName(0, 0));
  for (let pi = 0; pi < order.length; pi++) {
    const pkg = order[pi]!;
    const vs = versions.get(pkg)!;
    for (let vi = 0; vi < vs.length; vi++) {
      const me = varName(pi, vi);
      const deps = await guard('getDependencies', pkg, () => provider.getDependencies(pkg, vs[vi]!));
      if (deps.kind === 'unavailable') {
        require(Logic.not(me));
        continue;
      }
      for (const [dep, set] of deps.dependencies) {
        const di = await discover(dep);
        const allowed: string[] = [];
        versions.get(dep)!.forEach((dv, dvi) => {
          if (set.contains(dv)) allowed.push(varName(di, dvi));
        });
        require(allowed.length === 0 ? Logic.not(me) : Logic.implies(me, Logic.or(allowed)));
      }
    }
  }

  let satCalls = 1;
  let sol = solver.solve();
  const stats = (): SatStats => ({
    variables: [...versions.values()].reduce((n, vs) => n + vs.length, 0),
    constraints,
    satCalls,
    timeMs: performance.now() - started,
    providerWaitMs,
  });
  if (sol === null) return { kind: 'failed', reason: 'the dependency constraints are unsatisfiable', stats: stats() };

  if ((options.optimize ?? 'lexicographic') === 'lexicographic') {
    for (let pi = 1; pi < order.length; pi++) {
      const vars = versions.get(order[pi]!)!.map((_, vi) => varName(pi, vi));
      if (vars.length === 0) continue;
      const current = vars.findIndex((v) => sol!.evaluate(v));
      const absent = Logic.not(Logic.or(vars));
      if (current < 0) {
        require(absent);
        continue;
      }
      satCalls++;
      const without = solver.solveAssuming(absent);
      if (without !== null) {
        sol = without;
        require(absent);
        continue;
      }
      let best = current;
      for (let vi = 0; vi < current; vi++) {
        satCalls++;
        const s = solver.solveAssuming(vars[vi]!);
        if (s !== null) {
          sol = s;
          best = vi;
          break;
        }
      }
      require(vars[best]!);
    }
  }

  const solution = new Map<P, V>();
  for (const name of sol.getTrueVars()) {
    const [pi, vi] = name.split(':').map(Number) as [number, number];
    const pkg = order[pi]!;
    solution.set(pkg, versions.get(pkg)![vi]!);
  }
  return { kind: 'solved', solution, stats: stats() };
}
