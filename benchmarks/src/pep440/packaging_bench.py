# Times Python `packaging` on the same inputs as the TypeScript throughput benchmark.
# Input: JSON on stdin {versions, pairs, contains: [[spec, version]], intersect: [[specA, specB]], repeat}.
# Output: JSON {op: ops_per_second} (best of `repeat` runs).
import json
import sys
import time

from packaging.specifiers import SpecifierSet, _intersect_ranges
from packaging.version import Version


def best(fn, n, repeat):
    times = []
    for _ in range(repeat):
        # CPU time (see throughput.ts): the machine is shared.
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return n / min(times)


def main():
    data = json.load(sys.stdin)
    repeat = data["repeat"]
    versions = data["versions"]
    out = {}

    def parse():
        for s in versions:
            Version(s)

    out["parse"] = best(parse, len(versions), repeat)

    parsed = {s: Version(s) for s in versions}
    pairs = [(parsed[a], parsed[b]) for a, b in data["pairs"]]

    def compare():
        for a, b in pairs:
            a < b  # noqa: B015

    # Warm the comparison-key caches first: packaging computes them lazily on first use.
    compare()
    out["compare"] = best(compare, len(pairs), repeat)

    sets = {}
    checks = []
    for spec, v in data["contains"]:
        ss = sets.get(spec)
        if ss is None:
            ss = sets[spec] = SpecifierSet(spec)
        checks.append((ss, parsed.get(v) or Version(v)))

    def contains():
        for ss, v in checks:
            ss.contains(v, prereleases=True)

    contains()
    out["contains"] = best(contains, len(checks), repeat)

    range_pairs = []
    for a, b in data["intersect"]:
        sa = sets.get(a) or SpecifierSet(a)
        sb = sets.get(b) or SpecifierSet(b)
        range_pairs.append((sa._get_ranges(), sb._get_ranges()))

    def intersect():
        for ra, rb in range_pairs:
            _intersect_ranges(ra, rb)

    out["intersect"] = best(intersect, len(range_pairs), repeat)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
