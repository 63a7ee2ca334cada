#!/usr/bin/env python3
"""Where each KPI's time goes (`make bench BENCH_PERF=1`, issue 26): after bench.py's timed passes,
`perf record -e cpu-clock` samples the backend while it runs one query over and over for
BENCH_PERF_SECONDS (default 3), for every serial group's KPI and its no-op (else its floor), and
reports the share of the samples in pg_kpi's library (the KPI's own code: its transition and what
it calls; for the no-op, its near-empty transition) and in PostgreSQL (the executor: scan,
deforming, expression evaluation, the call), with each side's milliseconds at the median
bench.py measured, and the KPI's busiest functions. The difference of the pg_kpi milliseconds is
the KPI's own work; what the KPI costs beyond its no-op and is not there is the executor's.

Reads bench.py's queries (the same BENCH_ONLY), target/bench/results-pgNN.json for the medians,
appends its table to target/bench/report.md and writes each KPI's own time to
target/bench/perf-pgNN.json (scripts/bench_versions.py compares them across versions). Needs
`perf` (bench.sh installs linux-perf).
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import bench

SECONDS = float(os.environ.get("BENCH_PERF_SECONDS", "3"))
LIB = re.compile(r"^pg_kpi(_previous)?\.so$")


def profile(setting, query):
    """The samples of one backend running `query` for SECONDS: {(dso, symbol): percent}."""
    session = subprocess.Popen(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    session.stdin.write("SELECT pg_backend_pid();\n")
    session.stdin.flush()
    pid = session.stdout.readline().strip()
    # the query over and over for a little longer than perf samples it (the first run untimed)
    session.stdin.write(f"{setting};\nDO $bench_perf$ DECLARE t timestamptz := clock_timestamp(); BEGIN "
                        f"EXECUTE $q${query}$q$; t := clock_timestamp(); "
                        f"WHILE clock_timestamp() < t + interval '{SECONDS + 1} s' LOOP "
                        f"EXECUTE $q${query}$q$; END LOOP; END $bench_perf$;\n")
    session.stdin.close()
    time.sleep(0.5)
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "perf.data")
        subprocess.run(["perf", "record", "-q", "-e", "cpu-clock", "-F", "4999", "-p", pid, "-o", data,
                        "--", "sleep", str(SECONDS)], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        out = subprocess.run(["perf", "report", "-i", data, "--no-children", "--sort", "dso,symbol",
                              "--stdio", "-q", "--percent-limit", "0.01"],
                             capture_output=True, text=True, check=True).stdout
    if session.wait() != 0:
        sys.exit(f"bench_perf: the query failed: {query}")
    samples = {}
    for line in out.splitlines():
        m = re.match(r"\s*([0-9.]+)%\s+(\S+)\s+\[.\]\s+(.*?)(\s{2,}|$)", line)
        if m:
            key = (m.group(2), m.group(3))
            samples[key] = samples.get(key, 0.0) + float(m.group(1))
    return samples


def share(samples, test):
    return sum(p for (dso, _), p in samples.items() if test(dso))


def short(symbol):
    """`<pg_kpi::kpi::nps::NpsState as pg_kpi::agg::AggState>::merge` -> `NpsState::merge`."""
    symbol = re.sub(r"<([\w:]+::)?(\w+)(<[^>]*>)? as [\w:]+(<[^>]*>)?>", r"\2", symbol)
    parts = symbol.split("::")
    return "::".join(parts[-2:]) if len(parts) > 1 else symbol


def main():
    major = int(bench.psql("SHOW server_version_num").strip()) // 10000
    with open(f"target/bench/results-pg{major}.json") as f:
        ms = {(q["group"], q["role"]): q["ms"] for q in json.load(f)["queries"]}
    groups = {}
    for q in bench.QUERIES:
        groups.setdefault(q[0], {})[q[1]] = q
    rows = []
    own = {}  # group -> the KPI's own ms (its pg_kpi time less its no-op's) and its excess
    for name, roles in groups.items():
        base = roles.get(bench.NOOP) or roles.get(bench.FLOOR)
        ours = roles.get("ours")
        if not ours or not base or ours[3] != bench.SERIAL:  # a parallel query's workers are other processes
            continue
        got = {}
        for who in (ours, base):
            s = profile(who[3], who[4])
            lib, pg = share(s, LIB.match), share(s, lambda d: d == "postgres")
            top = sorted(((p, sym) for (dso, sym), p in s.items() if LIB.match(dso)), reverse=True)[:3]
            got[who[1]] = (lib, pg, 100 - lib - pg, top, ms.get((name, who[1])))
        (lib, pg, other, top, t), (b_lib, b_pg, b_other, _, b_t) = got["ours"], got[base[1]]
        if t is None or b_t is None:
            continue

        own[name] = {"own_ms": (lib * t - b_lib * b_t) / 100, "excess_ms": t - b_t}

        def cell(pct, total):
            return f"{pct * total / 100:.1f} ({pct:.0f} %)"
        rows.append(f"| {name} | `{ours[2]}` | {t:.1f} | {cell(lib, t)} | {cell(pg, t)} | {cell(other, t)} "
                    f"| `{base[2]}` | {b_t:.1f} | {cell(b_lib, b_t)} | {cell(b_pg, b_t)} | {cell(b_other, b_t)} "
                    f"| {(lib * t - b_lib * b_t) / 100:.1f} of {t - b_t:.1f} | "
                    + ", ".join(f"`{short(sym)}` {p:.0f} %" for p, sym in top) + " |")
    out = ["", f"Where the time goes (perf record -e cpu-clock, {SECONDS:g} s a query, PostgreSQL {major}): "
           "each query's median in ms split by the share of its samples in pg_kpi's library, in "
           "PostgreSQL and elsewhere (the kernel, libc); the KPI's own work is its pg_kpi time less "
           "its no-op's, shown against all it costs beyond the no-op.", "",
           "| group | KPI | ms | pg_kpi | PostgreSQL | elsewhere | no-op (or floor) | ms | pg_kpi | "
           "PostgreSQL | elsewhere | KPI's own ms, of its excess | busiest in pg_kpi |",
           "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|"] + rows
    with open("target/bench/report.md", "a") as f:
        f.write("\n".join(out) + "\n")
    # for scripts/bench_versions.py: the own times of this version's run (bench.py removes the
    # file when it writes new results, so it never outlives the run it describes)
    with open(f"target/bench/perf-pg{major}.json", "w") as f:
        json.dump({"version": major, "groups": own}, f, indent=1)
    print("\n".join(out))


if __name__ == "__main__":
    main()
