"""pg_kpi's survival estimates against lifelines: Kaplan-Meier S(t), Greenwood standard errors,
the log-log ("exponential Greenwood") interval, the median lifetime, the restricted mean
survival time and the log-rank test, on lifelines' shipped data sets (Waltons, Rossi) and on
seeded random data with censoring and late entry, within 1e-9. Run by scripts/stats_test.sh in
its virtual environment; prints what it checked and exits non-zero on any difference."""
import math
import random
import sys
import warnings
from fractions import Fraction

import numpy as np
import psycopg
from lifelines import KaplanMeierFitter
from lifelines.datasets import load_rossi, load_waltons
from lifelines.statistics import logrank_test
from lifelines.utils import restricted_mean_survival_time

warnings.filterwarnings("ignore")
TOL = 1e-9


def exact_survival(durations, events, entry, t):
    """S(t) as an exact fraction: the at-risk rule of pg_kpi (and lifelines), in rationals."""
    entry = entry if entry is not None else [0] * len(durations)
    s = Fraction(1)
    for u in sorted({int(d) for d, e in zip(durations, events) if e and d <= t}):
        n = sum(1 for d, b in zip(durations, entry) if (b < u or b == u == 0) and d >= u)
        dead = sum(1 for d, e in zip(durations, events) if e and d == u)
        s *= Fraction(n - dead, n)
    return s


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=TOL, abs_tol=TOL)


class Checks:
    def __init__(self, conn):
        self.conn, self.checked, self.bad, self.exact_half, self.refused = conn, 0, [], 0, 0

    def one(self, sql, *args):
        return self.conn.execute(sql, args).fetchone()

    def check(self, what, got, want):
        self.checked += 1
        if not close(got, want):
            self.bad.append((what, got, want))

    def summary(self, durations, events, entry=None):
        """The survivalsummary of the customers, built by survival_agg in the database."""
        if entry is None:
            entry = [0] * len(durations)
        return self.one(
            "SELECT survival_agg(d, e, n)::text FROM unnest(%s::bigint[], %s::boolean[], %s::bigint[]) AS v(d, e, n)",
            [int(d) for d in durations], [bool(e) for e in events], [int(n) for n in entry])[0]

    def fitter(self, name, durations, events, entry=None):
        """Every estimate of one data set against lifelines' KaplanMeierFitter."""
        s = self.summary(durations, events, entry)
        try:
            kmf = KaplanMeierFitter(alpha=0.05).fit(durations, events, entry=entry)
        except Exception as e:  # lifelines refuses a risk set that empties early on
            self.refused += 1
            return s
        kmf90 = KaplanMeierFitter(alpha=0.10).fit(durations, events, entry=entry)
        sf = kmf.survival_function_.iloc[:, 0]
        ci, ci90 = kmf.confidence_interval_, kmf90.confidence_interval_
        var = kmf._cumulative_sq_
        times = list(sf.index)
        rows = self.conn.execute(
            "SELECT t, survival_at(s, t), survival_std_error(s, t), survival_lower(s, t), survival_upper(s, t), "
            "survival_lower(s, t, 0.9), survival_upper(s, t, 0.9) "
            "FROM (SELECT %s::survivalsummary AS s) AS x, unnest(%s::float8[]) AS t",
            (s, [float(t) for t in times])).fetchall()
        for (t, surv, se, lo, hi, lo90, hi90) in rows:
            self.check((name, "S", t), surv, float(sf.loc[t]))
            self.check((name, "se", t), se, float(sf.loc[t]) * math.sqrt(float(var.loc[t])))
            self.check((name, "lower", t), lo, float(ci.iloc[:, 0].loc[t]))
            self.check((name, "upper", t), hi, float(ci.iloc[:, 1].loc[t]))
            self.check((name, "lower 90", t), lo90, float(ci90.iloc[:, 0].loc[t]))
            self.check((name, "upper 90", t), hi90, float(ci90.iloc[:, 1].loc[t]))
        # the median: lifelines' float product can land just above 1/2 where the exact product
        # is 1/2; there pg_kpi's 'first' rule reports the time where S is exactly 1/2
        ours = self.one("SELECT median_lifetime(%s::survivalsummary)", s)[0]
        want = kmf.median_survival_time_
        want = None if math.isinf(want) else float(want)
        if ours is not None and want is not None and ours < want and \
                exact_survival(durations, events, entry, ours) == Fraction(1, 2):
            self.exact_half += 1
        else:
            self.check((name, "median"), ours, want)
        for h in sorted({0.0, float(times[len(times) // 2]), float(max(times)), float(max(times)) * 1.5, 17.5}):
            got = self.one("SELECT rmst(%s::survivalsummary, %s)", s, h)[0]
            self.check((name, "rmst", h), got, float(restricted_mean_survival_time(kmf, t=h)))
        return s

    def logrank(self, name, a, b):
        (da, ea), (db, eb) = a, b
        got = self.one("SELECT logrank_test(%s::survivalsummary, %s::survivalsummary)",
                       self.summary(da, ea), self.summary(db, eb))[0]
        self.check((name, "logrank"), got, float(logrank_test(da, db, ea, eb).p_value))


def main(dsn):
    rng = random.Random(20261206)
    with psycopg.connect(dsn, autocommit=True) as conn:
        c = Checks(conn)
        # lifelines' shipped data sets, whole and by group, and the log-rank test of the groups
        w = load_waltons()
        c.fitter("waltons", w["T"].astype(int), w["E"])
        groups = [(g["T"].astype(int).to_numpy(), g["E"].to_numpy()) for _, g in w.groupby("group")]
        for i, (d, e) in enumerate(groups):
            c.fitter(f"waltons group {i}", d, e)
        c.logrank("waltons", groups[0], groups[1])
        r = load_rossi()
        c.fitter("rossi", r["week"], r["arrest"])
        fin = [(g["week"].to_numpy(), g["arrest"].to_numpy()) for _, g in r.groupby("fin")]
        c.logrank("rossi by fin", fin[0], fin[1])
        # seeded random data: censoring, late entry, ties, zero durations
        for k in range(120):
            n = rng.choice([1, 2, 5, 20, 100, 500, rng.randint(1, 2000)])
            top = rng.choice([5, 30, 365, 2000])
            d = np.array([rng.randint(0, top) for _ in range(n)])
            e = np.array([rng.random() < rng.choice([0.0, 0.3, 0.7, 1.0]) for _ in range(n)])
            late = k % 2 == 1
            entry = np.array([rng.randint(0, x - 1) if late and x > 1 and rng.random() < 0.4 else 0 for x in d])
            if entry.min() > 0 or (late and (entry > 0).sum() == 0 and n > 3):
                entry[0] = 0
            c.fitter(f"random {k}" + (" with late entry" if late else ""), d, e, entry if late else None)
            if not late and n > 1:
                m = rng.randint(1, 2000)
                d2 = np.array([rng.randint(0, top) for _ in range(m)])
                e2 = np.array([rng.random() < 0.5 for _ in range(m)])
                c.logrank(f"random {k}", (d, e), (d2, e2))
        # the three median rules on a curve exactly at 1/2 (S(5) = 5/6 * 3/5): lifelines' float
        # product lands above 1/2 there and reports the next churn time, 9
        d, e = [1, 5, 5, 9, 12, 12], [1, 1, 1, 1, 0, 0]
        s = c.summary(d, e)
        ours = c.one("SELECT median_lifetime(%s::survivalsummary), median_lifetime(%s::survivalsummary, 'midpoint')", s, s)
        lifelines_median = KaplanMeierFitter().fit(d, e).median_survival_time_
        print(f"survival: a curve exactly at 1/2: first {ours[0]:g}, midpoint {ours[1]:g}, lifelines {lifelines_median:g}")
        c.check(("rules", "first"), ours[0], 5.0)
        c.check(("rules", "midpoint"), ours[1], 7.0)
    for b in c.bad[:20]:
        print("survival: DIFFERS", b)
    print(f"survival: {c.checked} estimates equal lifelines 0.30.0 within {TOL:g} "
          f"({c.exact_half} medians where S is exactly 1/2 and lifelines' float product is not; "
          f"{c.refused} data sets lifelines refuses), "
          f"{len(c.bad)} differ")
    return 1 if c.bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
