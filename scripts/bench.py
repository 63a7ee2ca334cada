#!/usr/bin/env python3
"""pg_kpi benchmark: nps() against the floor (count(score)) and the hand-written SQL formula.

Runs inside ONE psql session: every repeat runs each query of a group once, in turn
(alternating), so drift and caching hit all of them alike. Reports medians and ratios, checks
the targets of issue 2, and writes target/bench/report.md. No timing assertion fails the run.

Environment: BENCH_ROWS (default 10,000,000), BENCH_REPEAT (default 5), WINDOW_ROWS (default
1,000,000: the rolling-window rows), PGHOST/PGPORT/PGUSER/PGDATABASE for psql.
"""
import os
import re
import statistics
import subprocess
import sys

ROWS = int(os.environ.get("BENCH_ROWS", "10000000"))
REPEAT = max(5, int(os.environ.get("BENCH_REPEAT", "5")))
WINDOW_ROWS = min(ROWS, int(os.environ.get("WINDOW_ROWS", "1000000")))
HAND = ("100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))"
        " / nullif(count(score), 0)")

SERIAL = "SET max_parallel_workers_per_gather = 0"
PARALLEL = "SET max_parallel_workers_per_gather = 2"

# (group, label, setting, query)
QUERIES = [
    ("serial", "count(score)", SERIAL, "SELECT count(score) FROM bench"),
    ("serial", "hand-written formula", SERIAL, f"SELECT {HAND} FROM bench"),
    ("serial", "nps(score)", SERIAL, "SELECT nps(score) FROM bench"),
    ("parallel", "count(score)", PARALLEL, "SELECT count(score) FROM bench"),
    ("parallel", "hand-written formula", PARALLEL, f"SELECT {HAND} FROM bench"),
    ("parallel", "nps(score)", PARALLEL, "SELECT nps(score) FROM bench"),
    ("group by 100", "count(score)", SERIAL, "SELECT grp, count(score) FROM bench GROUP BY grp"),
    ("group by 100", "hand-written formula", SERIAL, f"SELECT grp, {HAND} FROM bench GROUP BY grp"),
    ("group by 100", "nps(score)", SERIAL, "SELECT grp, nps(score) FROM bench GROUP BY grp"),
]
for width in (100, 10000):
    QUERIES.append((
        "rolling window", f"nps(score) OVER {width} rows", SERIAL,
        f"SELECT count(w) FROM (SELECT nps(score) OVER (ORDER BY id ROWS BETWEEN {width - 1} "
        f"PRECEDING AND CURRENT ROW) AS w FROM bench WHERE id <= {WINDOW_ROWS}) s"))


def psql(script, capture=True):
    res = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1"], input=script,
                         text=True, stdout=subprocess.PIPE if capture else None)
    if res.returncode != 0:
        sys.exit(f"bench: psql failed (exit {res.returncode})")
    return res.stdout


def setup():
    have = psql("SELECT count(*) FROM pg_class WHERE relname = 'bench'").strip()
    if have == "1" and psql("SELECT count(*) FROM bench").strip() == str(ROWS):
        return
    print(f"bench: generating {ROWS:,} rows...", file=sys.stderr)
    psql(f"""
        CREATE EXTENSION IF NOT EXISTS pg_kpi;
        DROP TABLE IF EXISTS bench;
        CREATE TABLE bench AS
        SELECT i AS id, (i % 100)::int AS grp,
               CASE WHEN i % 53 = 0 THEN NULL ELSE ((i * 7919) # (i >> 7)) % 11 END::int AS score
        FROM generate_series(1, {ROWS}::bigint) AS i;
        CREATE INDEX ON bench (id);
        VACUUM (FREEZE, ANALYZE) bench;
    """, capture=False)


def run():
    lines = ["\\timing on"]
    order = []
    # one untimed warm-up pass, then REPEAT alternating passes
    for rep in range(REPEAT + 1):
        for i, (_, _, setting, query) in enumerate(QUERIES):
            lines += [setting + ";", query + ";"]
            order.append((rep, i))
    out = psql("\n".join(lines) + "\n")
    times = [float(t) for t in re.findall(r"^Time: ([0-9.]+) ms", out, re.M)]
    # each (setting, query) pair prints two Time: lines; keep the query's
    times = times[1::2]
    assert len(times) == len(order), (len(times), len(order))
    samples = {}
    for (rep, i), t in zip(order, times):
        if rep > 0:
            samples.setdefault(i, []).append(t)
    return {i: statistics.median(v) for i, v in samples.items()}


def conditions():
    settings = psql("""SELECT string_agg(name || ' = ' || current_setting(name), ', ' ORDER BY name)
        FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'jit', 'max_parallel_workers_per_gather',
                                       'max_worker_processes', 'max_parallel_workers')""").strip()
    settings += ", JIT available: " + psql("SELECT pg_jit_available()").strip()
    version = psql("SELECT version()").strip()
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"],
                         capture_output=True, text=True).stdout.strip()
    return version, settings, f"{os.cpu_count()} cores ({cpu})"


def main():
    setup()
    med = run()
    by = {(g, label): med[i] for i, (g, label, _, _) in enumerate(QUERIES)}
    version, settings, cores = conditions()
    out = [f"Rows: {ROWS:,} (window rows: {WINDOW_ROWS:,}); each query run {REPEAT} times "
           "alternating, after one warm-up pass; median wall time from psql `\\timing`.",
           f"Machine: {cores}. Server: {version}.", f"Settings: {settings}.", "",
           "| group | query | median ms | vs count(score) | vs hand-written |",
           "|---|---|---:|---:|---:|"]
    for i, (g, label, _, _) in enumerate(QUERIES):
        floor = by.get((g, "count(score)"))
        hand = by.get((g, "hand-written formula"))
        r1 = f"{med[i] / floor:.2f}x" if floor else ""
        r2 = f"{med[i] / hand:.2f}x" if hand else ""
        out.append(f"| {g} | {label} | {med[i]:.1f} | {r1} | {r2} |")
    checks = [
        ("serial nps <= 1.10 x count(score)", by[("serial", "nps(score)")] <= 1.10 * by[("serial", "count(score)")]),
        ("serial nps <= 0.85 x hand-written", by[("serial", "nps(score)")] <= 0.85 * by[("serial", "hand-written formula")]),
        ("parallel nps faster than serial", by[("parallel", "nps(score)")] < by[("serial", "nps(score)")]),
        ("rolling window 10000 rows within 1.25 x 100 rows",
         by[("rolling window", "nps(score) OVER 10000 rows")] <= 1.25 * by[("rolling window", "nps(score) OVER 100 rows")]),
    ]
    out += ["", "| target | met |", "|---|---|"]
    out += [f"| {name} | {'yes' if ok else 'NO'} |" for name, ok in checks]
    report = "\n".join(out) + "\n"
    os.makedirs("target/bench", exist_ok=True)
    with open("target/bench/report.md", "w") as f:
        f.write(report)
    print(report)


if __name__ == "__main__":
    main()
