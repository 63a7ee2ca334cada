"""The customer models' row of `make bench` (BENCH_ONLY=models): fitting BG/NBD and Gamma-Gamma
over BENCH_MODEL_CUSTOMERS customers (default 1,000,000, drawn from the models with a fixed seed)
in the database, against what users do today: export the table to Python (psycopg COPY into
pandas) and fit with lifetimes 0.11.3. Also the floor (count(*)) and the no-op aggregate over
the same arguments. Alternating passes in one session (BENCH_REPEAT, default 3), medians.
Run by scripts/bench.sh in the test venv against the bench cluster (PG* variables)."""
import io
import os
import statistics
import time

import numpy as np
import pandas as pd
import psycopg
from lifetimes import BetaGeoFitter, GammaGammaFitter

N = int(os.environ.get("BENCH_MODEL_CUSTOMERS", "1000000"))
REPEAT = max(3, int(os.environ.get("BENCH_REPEAT", "3")))


def draw(n, seed=20261206):
    """n customers from BG/NBD (r 0.25, alpha 4, a 0.8, b 2.5; ages 1-39 weeks) with Gamma-Gamma
    spends (p 6, q 4, gamma 15), as model_reference.py draws them, vectorised."""
    rng = np.random.default_rng(seed)
    age = rng.integers(100, 3901, n) / 100
    lam = rng.gamma(0.25, 1 / 4.0, n)
    death = rng.beta(0.8, 2.5, n)
    x = np.zeros(n, dtype=np.int64)
    last = np.zeros(n)
    now = np.zeros(n)
    alive = np.ones(n, dtype=bool)
    while alive.any():
        now[alive] += rng.exponential(1 / lam[alive])
        buying = alive & (now <= age)
        x[buying] += 1
        last[buying] = now[buying]
        alive = buying & (rng.random(n) >= death)
    nu = rng.gamma(4.0, 1 / 15.0, n)
    spend = np.where(x > 0, rng.gamma(6.0 * np.maximum(x, 1), 1 / nu) / np.maximum(x, 1), 0.0)
    return pd.DataFrame({"id": np.arange(n), "frequency": x, "recency": np.round(last, 2),
                         "t": age, "monetary_value": np.round(spend, 2)})


def setup(conn):
    have = conn.execute("SELECT count(*) FROM pg_class WHERE relname = 'model_bench'").fetchone()[0]
    if have and conn.execute("SELECT count(*) FROM model_bench").fetchone()[0] == N:
        return
    print(f"bench: generating model_bench, {N:,} customers...", flush=True)
    frame = draw(N)
    conn.execute("DROP TABLE IF EXISTS model_bench")
    conn.execute("CREATE TABLE model_bench (id bigint, frequency bigint, recency float8, t float8, monetary_value float8)")
    buf = io.StringIO()
    frame.to_csv(buf, index=False, header=False)
    with conn.cursor().copy("COPY model_bench FROM STDIN (FORMAT csv)") as copy:
        copy.write(buf.getvalue())
    conn.execute("VACUUM (FREEZE, ANALYZE) model_bench")


def timed(f):
    start = time.perf_counter()
    out = f()
    return (time.perf_counter() - start) * 1000, out


def main():
    conn = psycopg.connect(autocommit=True)
    conn.execute("CREATE EXTENSION IF NOT EXISTS pg_kpi")
    conn.execute("""CREATE OR REPLACE FUNCTION bench_noop3_accum(internal, "any", "any", "any") RETURNS internal
                        LANGUAGE C AS '$libdir/pg_kpi', 'clv_accum_int8'""")
    conn.execute("""CREATE OR REPLACE AGGREGATE bench_noop3("any", "any", "any")
                        (SFUNC = bench_noop3_accum, STYPE = internal, FINALFUNC = kpi_internal.clv_final_int)""")
    conn.execute("SET max_parallel_workers_per_gather = 0")
    setup(conn)

    def export():
        buf = io.BytesIO()
        with conn.cursor().copy("COPY (SELECT frequency, recency, t, monetary_value FROM model_bench) TO STDOUT (FORMAT csv)") as copy:
            for chunk in copy:
                buf.write(chunk)
        buf.seek(0)
        return pd.read_csv(buf, names=["frequency", "recency", "T", "monetary_value"])

    def python_bgnbd():
        d = export()
        return BetaGeoFitter().fit(d["frequency"], d["recency"], d["T"]).params_

    def python_gammagamma():
        d = export()
        r = d[d["frequency"] > 0]
        return GammaGammaFitter().fit(r["frequency"], r["monetary_value"]).params_

    one = lambda sql: (lambda: conn.execute(sql).fetchone()[0])  # noqa: E731
    rows = [
        ("floor: count(*)", one("SELECT count(*) FROM model_bench")),
        ("no-op over (frequency, recency, t)", one("SELECT bench_noop3(frequency, recency, t) FROM model_bench")),
        ("bgnbd_fit in the database", one("SELECT bgnbd_fit(frequency, recency, t)::text FROM model_bench")),
        ("export (COPY to pandas) alone", export),
        ("export + lifetimes BetaGeoFitter", python_bgnbd),
        ("gammagamma_fit in the database", one("SELECT gammagamma_fit(frequency, monetary_value)::text FROM model_bench")),
        ("export + lifetimes GammaGammaFitter", python_gammagamma),
    ]
    times = {name: [] for name, _ in rows}
    for f in (r[1] for r in rows):  # warm-up
        f()
    for p in range(REPEAT):
        for name, f in rows[p % len(rows):] + rows[:p % len(rows)]:
            times[name].append(timed(f)[0])
    ours = conn.execute("SELECT bgnbd_fit(frequency, recency, t)::text, gammagamma_fit(frequency, monetary_value)::text FROM model_bench").fetchone()
    print(f"\n## Customer models: {N:,} customers, {REPEAT} alternating passes, medians (PostgreSQL "
          f"{conn.execute('SHOW server_version').fetchone()[0].split()[0]}, serial)\n")
    print("| query | median | vs no-op |")
    print("|---|---:|---:|")
    noop = statistics.median(times["no-op over (frequency, recency, t)"])
    for name, _ in rows:
        m = statistics.median(times[name])
        print(f"| {name} | {m:,.1f} ms | {m / noop:.2f}x |")
    print(f"\nbgnbd_fit: {ours[0]}\ngammagamma_fit: {ours[1]}")


if __name__ == "__main__":
    main()
