# One benchmark worker for Python's resolvelib (the resolver inside pip and Pipenv): loads the same
# problems file as the TypeScript engines and prints one JSON line per case, then peak memory.
import json
import resource
import signal
import sys
import time

from resolvelib import AbstractProvider, BaseReporter, Resolver
from resolvelib.resolvers import ResolutionImpossible, ResolutionTooDeep


class Timeout(Exception):
    pass


def contains(intervals, v):
    for lo, hi in intervals:
        if (lo is None or v >= lo) and (hi is None or v < hi):
            return True
    return False


class ProblemProvider(AbstractProvider):
    """Requirements are (name, intervals); candidates are (name, version). Highest version first; packages
    involved in the last conflict (pip's `is_backtrack_cause`) decided first, then fewest candidates: the
    counterpart of the TypeScript OfflineDependencyProvider's policy (conflict tiers, then fewest
    candidate versions)."""

    def __init__(self, problem):
        self.problem = problem
        self.versions = {
            name: sorted((int(v) for v, deps in vs.items() if deps is not None), reverse=True)
            for name, vs in problem.items()
        }

    def identify(self, requirement_or_candidate):
        return requirement_or_candidate[0]

    def get_preference(self, identifier, resolutions, candidates, information, backtrack_causes):
        return (not self.is_backtrack_cause(identifier, backtrack_causes), sum(1 for _ in candidates[identifier]))

    @staticmethod
    def is_backtrack_cause(identifier, backtrack_causes):
        # As pip's PipProvider.is_backtrack_cause.
        for cause in backtrack_causes:
            if identifier == cause.requirement[0]:
                return True
            if cause.parent is not None and identifier == cause.parent[0]:
                return True
        return False

    def find_matches(self, identifier, requirements, incompatibilities):
        bad = {c[1] for c in incompatibilities[identifier]}
        reqs = [r[1] for r in requirements[identifier]]
        return [
            (identifier, v)
            for v in self.versions.get(identifier, [])
            if v not in bad and all(contains(r, v) for r in reqs)
        ]

    def is_satisfied_by(self, requirement, candidate):
        return contains(requirement[1], candidate[1])

    def get_dependencies(self, candidate):
        deps = self.problem[candidate[0]][str(candidate[1])] or {}
        return [(name, intervals) for name, intervals in deps.items()]


def valid(problem, mapping):
    for name, (_, v) in mapping.items():
        for dep, intervals in (problem[name][str(v)] or {}).items():
            got = mapping.get(dep)
            if got is None or not contains(intervals, got[1]):
                return False
    return True


# Mirrors benchmarks/src/solver/autorange.ts (keep both in sync).
MIN_BATCH_MS = 20
BATCHES = 5
BUDGET_MS = 3000
WARMUP_MS = 250
COLD_ONLY_MS = 2000


def cpu_ms():
    """CPU time of this (single-threaded) process, in ms. The thread clock, not `time.process_time()`:
    while `run_case`'s ITIMER_PROF is armed, Linux reads the process clock from its tick-sampled
    timer, so it moves in whole ticks (4 ms at HZ=250, a fifth of a 20 ms batch); the thread clock stays
    exact."""
    return time.thread_time() * 1000


def autorange(once):
    """A cold run, a warm-up until WARMUP_MS of CPU, then batch sizes 1, 2, 5, 10, 20, 50... until one batch spans MIN_BATCH_MS of CPU, then
    BATCHES batches of that size; returns (last result, median ms per solve, cold ms, runs, batch)."""
    c0 = cpu_ms()
    last = once()
    cold = cpu_ms() - c0
    runs = 1
    if cold >= COLD_ONLY_MS:
        return last, cold, cold, runs, 1
    spent = cold
    while spent < WARMUP_MS:
        c0 = cpu_ms()
        last = once()
        spent += cpu_ms() - c0
        runs += 1
    state = {"last": last, "runs": runs, "spent": spent}

    def time_batch(n):
        """One timed batch of n solves (CPU ms); the same loop sizes the batch and measures it."""
        b0 = cpu_ms()
        for _ in range(n):
            state["last"] = once()
        t = cpu_ms() - b0
        state["runs"] += n
        state["spent"] += t
        return t

    i = 0
    while True:
        batch = (1, 2, 5)[i % 3] * 10 ** (i // 3)
        i += 1
        if time_batch(batch) >= MIN_BATCH_MS:
            break
    per_solve = []
    for b in range(BATCHES):
        per_solve.append(time_batch(batch) / batch)
        if b >= 2 and state["spent"] >= BUDGET_MS:
            break
    last, runs = state["last"], state["runs"]
    per_solve.sort()
    return last, per_solve[len(per_solve) // 2], cold, runs, batch


def run_case(provider, root, case_timeout):
    """Time one case; the outcome and validity come from its last solve, checked untimed. The whole
    timing is bounded by `case_timeout` seconds of CPU (a timeout reports the case as such)."""
    resolver = Resolver(provider, BaseReporter())  # reusable, built once per case outside the timing
    requirement = (root[0], [[root[1], root[1] + 1]])

    def once():
        try:
            return ("solved", resolver.resolve([requirement], max_rounds=10**9))
        except ResolutionImpossible:
            return ("failed", None)

    c0 = cpu_ms()
    signal.setitimer(signal.ITIMER_PROF, case_timeout)
    try:
        (outcome, result), ms, cold, runs, batch = autorange(once)
    except ResolutionTooDeep:
        return {"outcome": "error", "ms": cpu_ms() - c0, "error": "too deep"}
    except Timeout:
        return {"outcome": "timeout", "ms": cpu_ms() - c0}
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    line = {"outcome": outcome, "ms": ms, "coldMs": cold, "runs": runs, "batch": batch}
    if outcome == "solved":
        line["packages"] = len(result.mapping)
        line["valid"] = valid(provider.problem, result.mapping)
    return line


def main():
    path, group, case_timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def on_alarm(signum, frame):
        raise Timeout()

    signal.signal(signal.SIGPROF, on_alarm)
    with open(path) as f:
        data = json.load(f)
    providers = {}  # built once per problem (stateless), outside the timing, like the TS workers
    for case in data["cases"]:
        if case["group"] != group:
            continue
        if case["problem"] not in providers:
            providers[case["problem"]] = ProblemProvider(data["problems"][case["problem"]])
        line = run_case(providers[case["problem"]], case["root"], case_timeout)
        line["name"] = case["name"]
        print(json.dumps(line), flush=True)
    print(json.dumps({"done": True, "baseRssKB": base, "maxRssKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), flush=True)


if __name__ == "__main__":
    sys.setrecursionlimit(100000)
    main()
