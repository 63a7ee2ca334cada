"""pg_kpi's cohort retention against an independent Python reference of the rules, on seeded
random subscription tables: every cell of retention_matrix() and retention_curve() under every
mode (end of period / active in period, N-period / on or after, first / new cohort), with MRR,
for every period, compared exactly. Whole months come from dateutil's relativedelta (as age()
counts them), offsets from walking the days. Run by scripts/stats_test.sh; prints what it
checked and exits non-zero on any difference."""
import random
import sys
import uuid
from datetime import date, timedelta
from decimal import Decimal

import psycopg
from dateutil.relativedelta import relativedelta

UNITS = ["day", "week", "month", "quarter", "year"]
MODES = [(by, h) for by in ["end_of_period", "active_in_period"] for h in ["n_period", "on_or_after"]]
RULES = ["first_cohort", "new_cohort"]


def whole(unit, a, b):
    """Whole periods from day a to day b (b >= a)."""
    if unit == "day":
        return (b - a).days
    if unit == "week":
        return (b - a).days // 7
    r = relativedelta(b, a)
    months = r.years * 12 + r.months
    return {"month": months, "quarter": months // 3, "year": months // 12}[unit]


def period_start(unit, d):
    return {
        "day": d,
        "week": d - timedelta(days=d.weekday()),
        "month": d.replace(day=1),
        "quarter": d.replace(month=3 * ((d.month - 1) // 3) + 1, day=1),
        "year": d.replace(month=1, day=1),
    }[unit]


def memberships(subs, rule):
    subs = sorted(subs, key=lambda s: s[0])
    if rule == "first_cohort":
        return [subs]
    out = []
    for s in subs:
        # a return after a gap: every earlier subscription ended before this start
        if not out or all(e is not None and e < s[0] for _, e, _ in out[-1]):
            out.append([s])
        else:
            out[-1].append(s)
    return out


def reference(customers, unit, as_of, rule):
    """{(cohort, offset): [size, eligible, retained by mode..., initial, mrr, capped]} and sizes."""
    cells, sizes = {}, {}
    for subs in customers.values():
        for m in memberships(subs, rule):
            start = min(s[0] for s in m)
            cohort = period_start(unit, start)
            sizes[cohort] = sizes.get(cohort, 0) + 1
            # B(k): the first day k whole periods after the start: from relativedelta's date
            # k periods on (which clamps 31 January + 1 month to 28 February), walking on days
            # while fewer than k periods are whole
            step = {"day": relativedelta(days=1), "week": relativedelta(weeks=1), "month": relativedelta(months=1),
                    "quarter": relativedelta(months=3), "year": relativedelta(years=1)}[unit]
            bounds = [start]
            while bounds[-1] <= as_of + timedelta(days=1):
                k = len(bounds)
                d = start + step * k
                while whole(unit, start, d) < k:
                    d += timedelta(days=1)
                bounds.append(d)
            observed = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)
                        if bounds[k + 1] <= as_of + timedelta(days=1)]

            def at(t):  # active at the start of day t
                return [s for s in m if s[0] < t and (s[1] is None or t <= s[1])]

            def during(a, b):  # present on a day of [a, b)
                return any(s[0] < b and (s[1] is None or s[1] >= a) for s in m)

            initial = sum((s[2] for s in m if s[0] == start), Decimal(0))
            flags = {
                "end_of_period": [bool(at(b)) for _, b in observed],
                "active_in_period": [during(a, b) for a, b in observed],
            }
            for k, (_, b) in enumerate(observed):
                cell = cells.setdefault((cohort, k), [0, [0, 0, 0, 0], Decimal(0), Decimal(0), Decimal(0)])
                cell[0] += 1
                for i, (by, h) in enumerate(MODES):
                    f = flags[by]
                    cell[1][i] += int(f[k] if h == "n_period" else any(f[k:]))
                mrr = sum((s[2] for s in at(b)), Decimal(0))
                cell[2] += initial
                cell[3] += mrr
                cell[4] += min(mrr, initial)
    return cells, sizes


def random_table(rng, unit):
    span = {"day": 60, "week": 200, "month": 900, "quarter": 1500, "year": 3000}[unit]
    day0 = date(2022, 1, 1) + timedelta(days=rng.randrange(60))
    customers = {}
    for c in range(rng.randrange(20, 120)):
        subs = []
        for _ in range(rng.choice([1, 1, 1, 2, 3, 4])):
            start = day0 + timedelta(days=rng.randrange(span))
            kind = rng.randrange(4)
            end = None if kind == 0 else start if kind == 1 else start + timedelta(days=rng.randrange(span // 2 + 1))
            mrr = Decimal(rng.choice(["0", "19.99", "49", "49.50", "99.5", "250"]))
            subs.append((start, end, mrr))
        customers[c] = subs
    as_of = day0 + timedelta(days=rng.randrange(span + 30))
    return customers, as_of


def main(dsn):
    rng = random.Random(20261206)
    checked, bad = 0, []
    with psycopg.connect(dsn, autocommit=True) as conn:
        for n in range(40):
            unit = UNITS[n % len(UNITS)]
            customers, as_of = random_table(rng, unit)
            id_type = ["bigint", "text", "uuid"][n % 3]
            ids = {c: (c if id_type == "bigint" else f"cust-{c}" if id_type == "text" else str(uuid.UUID(int=c * 7919)))
                   for c in customers}
            rows = [(ids[c], s[2], s[0], s[1]) for c, subs in customers.items() for s in subs]
            conn.execute("DROP TABLE IF EXISTS subs")
            conn.execute(f"CREATE TABLE subs (customer_id {id_type}, mrr numeric, started_on date, ended_on date)")
            with conn.cursor().copy("COPY subs FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r)
            summary = conn.execute("SELECT cohort_agg(customer_id, mrr, started_on, ended_on, %s, %s)::text FROM subs",
                                   (as_of, unit)).fetchone()[0]
            # customers whose every subscription starts after as_of are not in the data yet
            seen = {c: [s for s in subs if s[0] <= as_of] for c, subs in customers.items()}
            seen = {c: subs for c, subs in seen.items() if subs}
            for rule in RULES:
                cells, sizes = reference(seen, unit, as_of, rule)
                for by, h in MODES:
                    i = MODES.index((by, h))
                    got = conn.execute(
                        "SELECT cohort, period_offset, cohort_size, eligible, retained, initial_mrr, mrr, retention "
                        "FROM retention_matrix(%s::cohortsummary, %s, %s, %s)", (summary, by, h, rule)).fetchall()
                    grid = {}
                    for cohort, k, size, eligible, retained, initial, mrr, retention in got:
                        checked += 1
                        want = cells.get((cohort, k))
                        if size != sizes.get(cohort):
                            bad.append((unit, rule, by, h, cohort, k, "size", size, sizes.get(cohort)))
                        if want is None:
                            if eligible != 0 or retained is not None or retention is not None:
                                bad.append((unit, rule, by, h, cohort, k, "not yet", eligible, retained))
                            continue
                        grid[(cohort, k)] = True
                        mine = (eligible, retained, initial, mrr)
                        ref = (want[0], want[1][i], want[2], want[3])
                        if mine != ref or retention != Decimal(100) * retained / eligible and abs(
                                retention - Decimal(100) * retained / eligible) > Decimal("1e-15"):
                            bad.append((unit, rule, by, h, cohort, k, mine, ref))
                    missing = set(cells) - set(grid)
                    if missing:
                        bad.append((unit, rule, by, h, "cells missing", sorted(missing)[:3]))
                    # the pooled curve: sums over the cohorts observed at each offset
                    curve = conn.execute(
                        "SELECT period_offset, eligible, retained, mrr, gross_mrr_retention "
                        "FROM retention_curve(%s::cohortsummary, %s, %s, %s)", (summary, by, h, rule)).fetchall()
                    for k, eligible, retained, mrr, gross in curve:
                        checked += 1
                        at_k = [v for (c, kk), v in cells.items() if kk == k]
                        want = (sum(v[0] for v in at_k), sum(v[1][i] for v in at_k), sum(v[3] for v in at_k))
                        initial = sum(v[2] for v in at_k)
                        capped = sum(v[4] for v in at_k)
                        want_gross = None if initial == 0 else Decimal(100) * capped / initial
                        close = gross == want_gross or (gross is not None and want_gross is not None
                                                        and abs(gross - want_gross) < Decimal("1e-12"))
                        if (eligible, retained, mrr) != want or not close:
                            bad.append((unit, rule, by, h, "curve", k, (eligible, retained, mrr, gross), want, want_gross))
        conn.execute("DROP TABLE IF EXISTS subs")
    print(f"cohort_reference: {checked} cells and curve points of 40 random subscription tables, "
          f"every period and mode, equal to the Python reference: {'no' if not bad else len(bad)} differences")
    for b in bad[:20]:
        print("  DIFFERS", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
