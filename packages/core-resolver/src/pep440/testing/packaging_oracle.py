# Differential-test oracle: answers PEP 440 / PEP 508 questions with Python's `packaging`.
# Reads one JSON request per line on stdin, writes one JSON answer per line on stdout (batched: one process per run).
import json
import sys

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import Specifier, SpecifierSet
from packaging.version import Version


def version_info(s):
    try:
        v = Version(s)
    except Exception:
        return {"ok": False}
    return {
        "ok": True,
        "norm": str(v),
        "epoch": v.epoch,
        "release": list(v.release),
        "pre": list(v.pre) if v.pre else None,
        "post": v.post,
        "dev": v.dev,
        "local": v.local,
        "isPre": v.is_prerelease,
        "isPost": v.is_postrelease,
        "isDev": v.is_devrelease,
        "base": v.base_version,
        "public": v.public,
    }


def cmp(a, b):
    va, vb = Version(a), Version(b)
    return -1 if va < vb else (1 if va > vb else 0)


def spec_answer(req):
    try:
        ss = SpecifierSet(req["spec"])
    except Exception:
        return {"ok": False}
    out = {"ok": True, "str": str(ss)}
    # str() de-duplicates clauses in place (by canonical form), which can change what a set with two
    # "equal" but differently-behaving ~= clauses matches; answer contains/filter on a fresh set.
    ss = SpecifierSet(req["spec"])
    if "vs" in req:
        res = []
        for v in req["vs"]:
            row = []
            for pre in (None, True, False):
                try:
                    row.append(ss.contains(v, prereleases=pre))
                except Exception as e:  # noqa: BLE001
                    row.append("error:" + type(e).__name__)
            res.append(row)
        out["contains"] = res
        for pre in (None, True, False):
            out["filter_" + str(pre)] = list(ss.filter(req["vs"], prereleases=pre))
    return out


def marker_answer(req):
    try:
        m = Marker(req["m"])
    except Exception:
        return {"ok": False}
    out = {"ok": True, "str": str(m), "vals": []}
    for env in req.get("envs", []):
        try:
            out["vals"].append(m.evaluate(env))
        except Exception as e:  # noqa: BLE001
            out["vals"].append("error:" + type(e).__name__)
    return out


def req_answer(req):
    try:
        r = Requirement(req["r"])
    except Exception:
        return {"ok": False}
    return {
        "ok": True,
        "str": str(r),
        "name": r.name,
        "extras": sorted(r.extras),
        "spec": str(r.specifier),
        "url": r.url,
        "marker": str(r.marker) if r.marker is not None else None,
    }


def answer(req):
    t = req["t"]
    if t == "v":
        return version_info(req["s"])
    if t == "cmp":
        return cmp(req["a"], req["b"])
    if t == "sort":
        return [str(v) for v in sorted(Version(s) for s in req["vs"])]
    if t == "spec":
        return spec_answer(req)
    if t == "marker":
        return marker_answer(req)
    if t == "req":
        return req_answer(req)
    raise ValueError(t)


def main():
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            res = answer(json.loads(line))
        except Exception as e:  # noqa: BLE001
            res = {"oracle_error": repr(e)}
        out.write(json.dumps(res))
        out.write("\n")


if __name__ == "__main__":
    main()
