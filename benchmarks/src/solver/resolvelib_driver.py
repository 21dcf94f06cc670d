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
    """Requirements are (name, intervals); candidates are (name, version). Highest version first,
    fewest candidates decided first: the same policy as the TypeScript OfflineDependencyProvider."""

    def __init__(self, problem):
        self.problem = problem
        self.versions = {
            name: sorted((int(v) for v, deps in vs.items() if deps is not None), reverse=True)
            for name, vs in problem.items()
        }

    def identify(self, requirement_or_candidate):
        return requirement_or_candidate[0]

    def get_preference(self, identifier, resolutions, candidates, information, backtrack_causes):
        return sum(1 for _ in candidates[identifier])

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


def run_one(provider, root, case_timeout):
    problem = provider.problem
    resolver = Resolver(provider, BaseReporter())
    t0 = time.perf_counter()
    c0 = time.process_time()
    signal.setitimer(signal.ITIMER_PROF, case_timeout)
    try:
        result = resolver.resolve([(root[0], [[root[1], root[1] + 1]])], max_rounds=10**9)
        ms = (time.process_time() - c0) * 1000
        wall = (time.perf_counter() - t0) * 1000
        return {"outcome": "solved", "ms": ms, "wallMs": wall, "packages": len(result.mapping), "valid": valid(problem, result.mapping)}
    except ResolutionImpossible:
        return {"outcome": "failed", "ms": (time.process_time() - c0) * 1000, "wallMs": (time.perf_counter() - t0) * 1000}
    except ResolutionTooDeep:
        return {"outcome": "error", "ms": (time.perf_counter() - t0) * 1000, "error": "too deep"}
    except Timeout:
        return {"outcome": "timeout", "ms": (time.perf_counter() - t0) * 1000}
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


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
        problem = providers[case["problem"]]
        line = run_one(problem, case["root"], case_timeout)
        line["runs"] = 1
        # Warm timing, like the TS workers: after the first run, at least 3 more and ~300 ms of CPU,
        # averaged; runs over 5 s are reported as they are.
        line["coldMs"] = line["ms"]
        if line["outcome"] in ("solved", "failed") and line["ms"] < 5000:
            total = wall = 0.0
            n = 0
            while (n < 3 or total < 300) and n < 2000:
                again = run_one(problem, case["root"], case_timeout)
                total += again["ms"]
                wall += again.get("wallMs", 0)
                n += 1
            line["ms"], line["wallMs"] = total / n, wall / n
            line["runs"] += n
        line["name"] = case["name"]
        print(json.dumps(line), flush=True)
    print(json.dumps({"done": True, "baseRssKB": base, "maxRssKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), flush=True)


if __name__ == "__main__":
    sys.setrecursionlimit(100000)
    main()
