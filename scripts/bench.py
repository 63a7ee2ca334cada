#!/usr/bin/env python3
"""pg_kpi benchmark: every aggregate against the floor (count(col) over the same scan), against
the SQL a user would write instead, and against a no-op aggregate over the KPI's own arguments
(what PostgreSQL's executor charges any aggregate over them before it does any work).

Runs inside ONE psql session: after one untimed warm-up pass, every repeat runs each query once,
in turn (alternating), so drift and caching hit all of them alike. Reports medians and ratios,
checks the targets of the issues, and writes target/bench/report.md. No timing assertion ever
fails the run: `make bench` reports, it does not judge.

Environment: BENCH_ROWS (default 10,000,000), BENCH_REPEAT (default 5, at least 5), WINDOW_ROWS
(default 1,000,000: the rolling-window rows), BENCH_ONLY (a regular expression: only the groups
whose names match, and only the tables they read, e.g. the headline rows
'^(nps serial|nps parallel|churn period|clv numeric|rollup throughput)$'),
BENCH_PREVIOUS_LIB (set by `make bench BENCH_PREVIOUS=<git revision>`, scripts/bench_previous.sh:
a previous build's library in $libdir; each KPI then also runs as that build, in the same passes,
and the report gives the per-pass ratio), PGHOST/PGPORT/PGUSER/PGDATABASE for psql.
"""
import json
import os
import re
import statistics
import subprocess
import sys

from bench_sql import CX_TABLES, NOOP_SQL, NPS_HAND, SUMMARY_TABLES, mrr_hand, share_hand

ROWS = int(os.environ.get("BENCH_ROWS", "10000000"))
REPEAT = max(5, int(os.environ.get("BENCH_REPEAT", "5")))
WINDOW_ROWS = min(ROWS, int(os.environ.get("WINDOW_ROWS", "1000000")))

SERIAL = "SET max_parallel_workers_per_gather = 0"
PARALLEL = "SET max_parallel_workers_per_gather = 2"
FLOOR, HAND, NOOP = "floor", "hand-written", "no-op"
GROUPING = "grouping"  # PostgreSQL's own GROUP BY customer over a per-customer KPI's rows
PREVIOUS = "previous build"
LOWER = "lower bound"
PREVIOUS_LIB = os.environ.get("BENCH_PREVIOUS_LIB", "")
JAN = "daterange('2025-01-01', '2025-02-01')"

# (group, role, label, setting, query); role is FLOOR, HAND, NOOP or the aggregate under test.
QUERIES = []


def group(name, setting, floor, hand, ours, table="bench", by="", noop=None, lower=None):
    """noop: an aggregate over the same arguments as `ours` that does no work (see NOOP_SQL); for a
    one-argument KPI over a column, `bench_noop1(col)` unless given: the cost of an aggregate with
    an `internal` state beside the floor `count(col)` (a built-in with a by-value one). lower: the
    KPI's lower bound (bench_lower_*, see bench_sql.py), timed beside it."""
    one = re.fullmatch(r"count\((\w+)\)", floor)
    # (not in parallel plans: the no-op has no combine function, so it would run serially)
    if noop is None and one and re.fullmatch(r"\w+\(\w+\)", ours) and setting != PARALLEL:
        noop = f"bench_noop1({one.group(1)})"
    select = f"SELECT {by + ', ' if by else ''}%s FROM {table}{' GROUP BY ' + by if by else ''}"
    QUERIES.append((name, FLOOR, floor, setting, select % floor))
    if noop:
        QUERIES.append((name, NOOP, noop, setting, select % noop))
    if lower:
        QUERIES.append((name, LOWER, lower, setting, select % lower))
    QUERIES.append((name, HAND, hand, setting, select % hand))
    QUERIES.append((name, "ours", ours, setting, select % ours))


group("nps serial", SERIAL, "count(score)", NPS_HAND, "nps(score)")
group("nps parallel", PARALLEL, "count(score)", NPS_HAND, "nps(score)")
group("nps group by 100", SERIAL, "count(score)", NPS_HAND, "nps(score)", by="grp")
for width in (100, 10000):
    QUERIES.append((
        "nps rolling window", f"{width} rows", f"nps(score) OVER {width} rows", SERIAL,
        f"SELECT count(w) FROM (SELECT nps(score) OVER (ORDER BY id ROWS BETWEEN {width - 1} "
        f"PRECEDING AND CURRENT ROW) AS w FROM bench WHERE id <= {WINDOW_ROWS}) s"))
group("csat", SERIAL, "count(rating)", share_hand("rating >= 4", "rating"), "csat(rating)", "survey_bench")
group("csat threshold", SERIAL, "count(rating)", share_hand("rating >= 5", "rating"), "csat(rating, 5)", "survey_bench",
      noop="bench_noop2(rating, 5)")
group("ces mean", SERIAL, "count(effort)", "avg(effort)", "ces(effort)", "survey_bench")
group("csat numeric", SERIAL, "count(rating_n)", share_hand("rating_n >= 4", "rating_n"), "csat(rating_n)",
      "survey_numeric_bench")
group("ces mean numeric", SERIAL, "count(effort_n)", "avg(effort_n)", "ces(effort_n)", "survey_numeric_bench")
group("ces easy", SERIAL, "count(effort)", share_hand("effort >= 5", "effort"), "ces(effort, 5)", "survey_bench",
      noop="bench_noop2(effort, 5)")
group("conversion_rate", SERIAL, "count(converted)", share_hand("converted", "converted"), "conversion_rate(converted)", "funnel_bench")
group("fcr_rate(contacts)", SERIAL, "count(contacts)", share_hand("contacts = 1", "contacts"), "fcr_rate(contacts)", "funnel_bench")
group("share", SERIAL, "count(health)", share_hand("health < 40", "health"), "share(health < 40)", "funnel_bench",
      noop="count(health < 40)")
group("share weighted", SERIAL, "count(mrr)",
      "100.0 * coalesce(sum(mrr) FILTER (WHERE health < 40), 0) / nullif(sum(mrr) FILTER (WHERE health IS NOT NULL), 0)",
      "share(health < 40, mrr)", "funnel_bench", noop="bench_noop2(health < 40, mrr)")
group("churn flags", SERIAL, "count(lost)",
      "100.0 * count(*) FILTER (WHERE active AND lost) / nullif(count(*) FILTER (WHERE active AND lost IS NOT NULL), 0)",
      "churn_rate(active, lost)", "churn_bench", noop="bench_noop2(active, lost)")
group("churn period", SERIAL, "count(started_on)",
      "100.0 * count(*) FILTER (WHERE started_on < '2025-01-01' AND ended_on >= '2025-01-01' AND ended_on < '2025-02-01')"
      " / nullif(count(*) FILTER (WHERE started_on < '2025-01-01' AND (ended_on IS NULL OR ended_on >= '2025-01-01')), 0)",
      f"churn_rate(started_on, ended_on, {JAN})", "churn_bench", noop=f"bench_noop3(started_on, ended_on, {JAN})")
group("churn counts", SERIAL, "count(at_start)", "100.0 * sum(lost_n) / nullif(sum(at_start), 0)",
      "churn_rate(at_start, lost_n)", "churn_bench", noop="bench_noop2(at_start, lost_n)")
group("retention classic", SERIAL, "count(at_start)",
      "100.0 * (sum(at_end) - sum(new_n)) / nullif(sum(at_start), 0)", "retention_rate(at_start, at_end, new_n)", "churn_bench",
      noop="bench_noop3(at_start, at_end, new_n)")
group("clv numeric", SERIAL, "count(purchase_value)",
      "avg(purchase_value) * avg(purchase_freq) * avg(lifespan)", "clv(purchase_value, purchase_freq, lifespan)", "clv_bench",
      noop="bench_noop3(purchase_value, purchase_freq, lifespan)",
      lower="bench_lower_clv(purchase_value, purchase_freq, lifespan)")
group("clv integer", SERIAL, "count(value_cents)",
      "avg(value_cents) * avg(orders) * avg(months)", "clv(value_cents, orders, months)", "clv_bench",
      noop="bench_noop3(value_cents, orders, months)")
group("clv float8", SERIAL, "count(purchase_value)",
      "avg(purchase_value) * avg(purchase_freq) * avg(lifespan)", "clv(purchase_value, purchase_freq, lifespan)",
      "clv_float_bench", noop="bench_noop3(purchase_value, purchase_freq, lifespan)")
# double precision and bigint inputs (issue 12): what pandas and JSON loaders write
group("nps float8", SERIAL, "count(score_f)", NPS_HAND.replace("score", "score_f"), "nps(score_f)", "float_bench")
group("csat float8", SERIAL, "count(rating_f)", share_hand("rating_f >= 4", "rating_f"), "csat(rating_f)", "float_bench")
# cessummary version 2 (issue 14): ces_agg also sums squares; the hand-written SQL keeps what the
# t interval needs (count, sum, sum of squares)
group("ces_agg", SERIAL, "count(effort)", "count(effort), sum(effort), sum(effort * effort)", "ces_agg(effort)",
      "survey_bench")
group("ces_agg numeric", SERIAL, "count(effort_n)", "count(effort_n), sum(effort_n), sum(effort_n * effort_n)",
      "ces_agg(effort_n)", "survey_numeric_bench", lower="bench_lower_ces_agg(effort_n)")
group("ces mean float8", SERIAL, "count(rating_f)", "avg(rating_f::numeric)", "ces(rating_f)", "float_bench")
group("fcr_rate(bigint)", SERIAL, "count(contacts_l)", share_hand("contacts_l = 1", "contacts_l"), "fcr_rate(contacts_l)",
      "float_bench")
group("avg_response_time", SERIAL, "count(responded_at)",
      "avg(responded_at - requested_at)", "avg_response_time(requested_at, responded_at)", "ticket_bench",
      noop="bench_noop2(requested_at, responded_at)")
# Health tiers and referral value (issue 25): the distribution over tiers (customers and MRR)
# against the share at risk written by hand; referral value against its FILTERed sums and means.
group("tier_agg", SERIAL, "count(tier)",
      "100.0 * count(*) FILTER (WHERE tier = 'At-risk') / count(*), 100.0 * sum(mrr) FILTER (WHERE tier = 'At-risk') / sum(mrr)",
      "tier_agg(tier, mrr)", "health_bench", noop="bench_noop2(tier, mrr)", lower="bench_lower_tier(tier, mrr)")
group("referral_agg", SERIAL, "count(mrr)",
      "sum(mrr) FILTER (WHERE referred), avg(mrr) FILTER (WHERE referred), avg(mrr) FILTER (WHERE NOT referred),"
      " 100.0 * count(*) FILTER (WHERE referrals > 0) / count(*)",
      "referral_agg(referred, mrr, referrals)", "health_bench", noop="bench_noop3(referred, mrr, referrals)")

# Summaries (issue 4): monthly NPS by segment from a daily-summary materialized view against the
# one-step aggregate over the raw rows, and rollup() throughput against count(*) over the summaries
# and the no-op over them.
MONTHLY_RAW = "SELECT (id % 365) / 31 AS month, grp % 7 AS segment, nps(score) FROM bench GROUP BY 1, 2"
QUERIES.append(("summary monthly by segment", FLOOR, "count(*) over the daily view", SERIAL,
                "SELECT day / 31, segment, count(*) FROM bench_daily GROUP BY 1, 2"))
QUERIES.append(("summary monthly by segment", HAND, "nps(score) over the raw rows", SERIAL, MONTHLY_RAW))
QUERIES.append(("summary monthly by segment", "ours", "nps(rollup(summary)) over the daily view", SERIAL,
                "SELECT day / 31, segment, nps(rollup(summary)) FROM bench_daily GROUP BY 1, 2"))
# Equality and hashing of summaries (issue 26): GROUP BY a summary column over 1,000,000 of them,
# against GROUP BY an integer into about as many groups (200,000; the summaries of 10M rows have
# 192,222 distinct values).
QUERIES.append(("summary group by", FLOOR, "GROUP BY bucket % 200000", SERIAL,
                "SELECT count(*) FROM (SELECT bucket % 200000 FROM bench_summaries GROUP BY 1) s"))
QUERIES.append(("summary group by", "ours", "GROUP BY summary", SERIAL,
                "SELECT count(*) FROM (SELECT summary FROM bench_summaries GROUP BY summary) s"))
# over bench_summaries' npssummary values and each other summary type's table (bench_sql.py); the
# lower bound reads every byte of each summary, which the no-op never does
for name, table in [("rollup throughput", "bench_summaries")] + [
        (f"rollup {kind}", f"bench_rollup_{kind}") for kind in SUMMARY_TABLES]:
    QUERIES += [(name, role, label, SERIAL, f"SELECT {label} FROM {table}")
                for role, label in ((FLOOR, "count(*)"), (NOOP, "bench_noop1(summary)"),
                                    (LOWER, "bench_lower_bytes(summary)"), ("ours", "rollup(summary)"))]

# MRR movements (issue 13): a million subscriptions of 300,000 customers, one month and twelve,
# against the hand-written per-customer CTE with FILTERed sums and a CASE per movement; and the
# per-customer shape over BENCH_ROWS rows against its FILTERed sums and the no-op.
MRR_ROWS = min(ROWS, 1000000)


MRR_ARGS = "customer_id, mrr, started_on, ended_on, {p}"
for name, period, by, source in [("mrr one month", JAN, "", "mrr_bench"),
                                 ("mrr twelve months", "period", "period", "mrr_bench, bench_months")]:
    sel = f"SELECT {by + ', ' if by else ''}%s FROM {source}{' GROUP BY ' + by if by else ''}"
    QUERIES.append((name, FLOOR, "count(customer_id)", SERIAL, sel % "count(customer_id)"))
    QUERIES.append((name, NOOP, "bench_noop5(...)", SERIAL, sel % f"bench_noop5({MRR_ARGS.format(p=period)})"))
    QUERIES.append((name, HAND, "per-customer CTE, FILTERed sums", SERIAL, mrr_hand(period, by)))
    # the least any per-customer answer costs: PostgreSQL's own hash grouping of the same rows by
    # customer, nothing computed (the no-op does not group, so no per-customer KPI is near it)
    QUERIES.append((name, GROUPING, "GROUP BY customer_id, nothing else", SERIAL,
                    f"SELECT count(*) FROM (SELECT {by + ', ' if by else ''}customer_id FROM {source} "
                    f"GROUP BY {by + ', ' if by else ''}customer_id) s"))
    QUERIES.append((name, "ours", f"mrr_agg({MRR_ARGS.format(p=period)})", SERIAL,
                    sel % f"mrr_agg({MRR_ARGS.format(p=period)})"))
group("mrr per-customer rows", SERIAL, "count(s)",
      "sum(s), sum(e), sum(e) FILTER (WHERE s = 0 AND e > 0 AND NOT paid), sum(e) FILTER (WHERE s = 0 AND e > 0 AND paid), "
      "sum(e - s) FILTER (WHERE s > 0 AND e > s), sum(s - e) FILTER (WHERE e > 0 AND s > e), "
      "sum(s) FILTER (WHERE s > 0 AND e = 0), count(*) FILTER (WHERE s > 0), count(*) FILTER (WHERE e > 0), "
      "count(*) FILTER (WHERE s = 0 AND e > 0 AND NOT paid), count(*) FILTER (WHERE s = 0 AND e > 0 AND paid), "
      "count(*) FILTER (WHERE s > 0 AND e > s), count(*) FILTER (WHERE e > 0 AND s > e), count(*) FILTER (WHERE s > 0 AND e = 0)",
      "mrr_agg(s, e, paid)", "mrr_rows_bench", noop="bench_noop3(s, e, paid)", lower="bench_lower_mrr(s, e, paid)")

# Survival (issue 23): a life table over the million subscriptions of mrr_bench, as of a date, and
# S(365 days) read from it, against the hand-written Kaplan-Meier (durations, a GROUP BY, a
# reverse running count for the risk set, exp(sum(ln(1 - d / n)))).
AS_OF = "date '2025-06-30'"
SURVIVAL_HAND = (f"SELECT exp(sum(ln(1 - d::float8 / n))) FROM (SELECT t, d, sum(removed) OVER (ORDER BY t DESC) AS n "
                 f"FROM (SELECT t, count(*) FILTER (WHERE churned) AS d, count(*) AS removed "
                 f"FROM (SELECT least(coalesce(ended_on, {AS_OF}), {AS_OF}) - started_on AS t, ended_on <= {AS_OF} AS churned "
                 f"FROM mrr_bench WHERE started_on <= {AS_OF}) AS l GROUP BY t) AS by_t) AS risk WHERE t <= 365")
QUERIES.append(("survival", FLOOR, "count(started_on)", SERIAL, "SELECT count(started_on) FROM mrr_bench"))
QUERIES.append(("survival", NOOP, "bench_noop3(started_on, ended_on, as_of)", SERIAL,
                f"SELECT bench_noop3(started_on, ended_on, {AS_OF}) FROM mrr_bench"))
QUERIES.append(("survival", HAND, "durations, GROUP BY, reverse running count, exp(sum(ln(1 - d / n)))", SERIAL,
                SURVIVAL_HAND))
QUERIES.append(("survival", "ours", "survival_at(survival_agg(started_on, ended_on, as_of), 365)", SERIAL,
                f"SELECT survival_at(survival_agg(started_on, ended_on, {AS_OF}), 365) FROM mrr_bench"))

# Cohort retention (issue 23): the monthly grid of the million subscriptions of mrr_bench as of a
# date, against the hand-written grid (each customer's first start, a generate_series of months,
# the subscriptions active at the end of each month since that start, DISTINCT per customer,
# counts per cohort and month beside the eligible customers). Ours keeps every rule and the MRR.
COHORT_HAND = (f"WITH firsts AS (SELECT customer_id, min(started_on) AS first FROM mrr_bench WHERE started_on <= {AS_OF} GROUP BY 1), "
               f"eligible AS (SELECT date_trunc('month', first) AS cohort, k, count(*) AS n FROM firsts, generate_series(0, 30) AS k "
               f"WHERE first + make_interval(months => k + 1) <= {AS_OF} + 1 GROUP BY 1, 2), "
               f"retained AS (SELECT DISTINCT f.customer_id, date_trunc('month', f.first) AS cohort, k "
               f"FROM mrr_bench s JOIN firsts f USING (customer_id), generate_series(0, 30) AS k "
               f"WHERE f.first + make_interval(months => k + 1) <= {AS_OF} + 1 AND s.started_on < f.first + make_interval(months => k + 1) "
               f"AND coalesce(s.ended_on >= f.first + make_interval(months => k + 1), true)) "
               f"SELECT count(*), sum(e.n), sum(r.n) FROM eligible e LEFT JOIN (SELECT cohort, k, count(*) AS n FROM retained GROUP BY 1, 2) AS r "
               f"USING (cohort, k)")
COHORT_ARGS = f"customer_id, mrr, started_on, ended_on, {AS_OF}, 'month'"
QUERIES.append(("cohort", FLOOR, "count(customer_id)", SERIAL, "SELECT count(customer_id) FROM mrr_bench"))
QUERIES.append(("cohort", NOOP, "bench_noop6(customer_id, mrr, started_on, ended_on, as_of, 'month')", SERIAL,
                f"SELECT bench_noop6({COHORT_ARGS}) FROM mrr_bench"))
QUERIES.append(("cohort", "per customer", "count(DISTINCT customer_id): grouping the rows by customer at all", SERIAL,
                f"SELECT count(DISTINCT customer_id) FROM mrr_bench WHERE started_on <= {AS_OF}"))
QUERIES.append(("cohort", HAND, "firsts, generate_series of months, a join, DISTINCT, counts", SERIAL, COHORT_HAND))
QUERIES.append(("cohort", "ours", "cohort_agg(customer_id, mrr, started_on, ended_on, as_of, 'month'), every cell", SERIAL,
                f"SELECT count(*), sum(eligible), sum(retained) FROM retention_matrix((SELECT cohort_agg({COHORT_ARGS}) FROM mrr_bench))"))

# (name, ok?) targets, each a ratio within one run
# Every percentage KPI counts as "counting": the hand-written SQL they replace is counts or sums.
ONLY = os.environ.get("BENCH_ONLY")
if ONLY:
    QUERIES[:] = [q for q in QUERIES if re.search(ONLY, q[0])]


def needed(table):
    """Is `table` read by a query that will run?"""
    return any(re.search(rf"\b{table}\b", q[4]) for q in QUERIES)


COUNTING = ["csat", "csat threshold", "ces easy", "conversion_rate", "fcr_rate(contacts)", "share",
            "share weighted", "churn flags", "churn period", "churn counts", "retention classic"]


def psql(script, capture=True):
    res = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1"], input=script,
                         text=True, stdout=subprocess.PIPE if capture else None)
    if res.returncode != 0:
        sys.exit(f"bench: psql failed (exit {res.returncode})")
    return res.stdout


def table_rows(name):
    if psql(f"SELECT count(*) FROM pg_class WHERE relname = '{name}'").strip() != "1":
        return -1
    return int(psql(f"SELECT count(*) FROM {name}").strip())


def setup():
    psql("CREATE EXTENSION IF NOT EXISTS pg_kpi")
    psql(NOOP_SQL)
    if PREVIOUS_LIB:  # the previous build's aggregates, in schema bench_previous
        with open(os.path.join(os.path.dirname(__file__), "bench_previous.sql")) as f:
            psql(f"\\set lib {PREVIOUS_LIB}\n" + f.read())
    # the summaries are built from bench: a run of their groups alone needs it too
    summaries_missing = (needed("bench_summaries") or needed("bench_daily")) and table_rows("bench_summaries") < 0
    if (needed("bench") or summaries_missing) and table_rows("bench") != ROWS:
        print(f"bench: generating bench, {ROWS:,} rows...", file=sys.stderr)
        # the summaries are built from it: dropped with it, and built again when a group needs them
        psql(f"""
            DROP MATERIALIZED VIEW IF EXISTS bench_daily;
            DROP TABLE IF EXISTS bench_summaries;
            DROP TABLE IF EXISTS bench;
            CREATE TABLE bench AS
            SELECT i AS id, (i % 100)::int AS grp,
                   CASE WHEN i % 53 = 0 THEN NULL ELSE ((i * 7919) # (i >> 7)) % 11 END::int AS score
            FROM generate_series(1, {ROWS}::bigint) AS i;
            CREATE INDEX ON bench (id);
            VACUUM (FREEZE, ANALYZE) bench;
        """, capture=False)
    if (needed("bench_summaries") or needed("bench_daily")) and table_rows("bench_summaries") < 0:
        print("bench: building the daily-summary view and 1,000,000 summaries...", file=sys.stderr)
        psql("""
            CREATE MATERIALIZED VIEW bench_daily AS
            SELECT (id % 365)::int AS day, grp % 7 AS segment, nps_agg(score) AS summary FROM bench GROUP BY 1, 2;
            CREATE UNIQUE INDEX ON bench_daily (day, segment);
            CREATE TABLE bench_summaries AS SELECT id % 1000000 AS bucket, nps_agg(score) AS summary FROM bench GROUP BY 1;
            VACUUM (FREEZE, ANALYZE) bench_summaries;
            ANALYZE bench_daily;
        """, capture=False)
    if needed("mrr_bench") and table_rows("mrr_bench") != MRR_ROWS:
        print(f"bench: generating mrr_bench, {MRR_ROWS:,} subscriptions...", file=sys.stderr)
        psql(f"""
            DROP TABLE IF EXISTS mrr_bench;
            CREATE TABLE mrr_bench AS
            SELECT (i * 7919 % {max(1, MRR_ROWS * 3 // 10)})::bigint AS customer_id,
                   ((i * 37) % 50000 / 100.0)::numeric(10, 2) AS mrr,
                   date '2023-01-01' + (i * 13 % 900)::int AS started_on,
                   CASE WHEN i % 3 = 0 THEN date '2023-01-01' + (i * 13 % 900)::int + (i * 17 % 500)::int END AS ended_on
            FROM generate_series(1, {MRR_ROWS}::bigint) AS i;
            DROP TABLE IF EXISTS bench_months;
            CREATE TABLE bench_months AS SELECT daterange(d::date, (d + interval '1 month')::date) AS period
            FROM generate_series(date '2025-01-01', date '2025-12-01', interval '1 month') AS d;
            VACUUM (FREEZE, ANALYZE) mrr_bench;
            VACUUM (FREEZE, ANALYZE) bench_months;
        """, capture=False)
    for kind, agg in SUMMARY_TABLES.items():
        if needed(f"bench_rollup_{kind}") and table_rows(f"bench_rollup_{kind}") < 0:
            print(f"bench: building 1,000,000 {kind} values...", file=sys.stderr)
            psql(f"""CREATE TABLE bench_rollup_{kind} AS SELECT {agg} AS summary FROM generate_series(1, 1000000) AS i
                     GROUP BY i; VACUUM (FREEZE, ANALYZE) bench_rollup_{kind};""", capture=False)
    for name, columns in CX_TABLES.items():
        if needed(name) and table_rows(name) != ROWS:
            print(f"bench: generating {name}, {ROWS:,} rows...", file=sys.stderr)
            psql(f"""
                DROP TABLE IF EXISTS {name};
                CREATE TABLE {name} AS SELECT {columns} FROM generate_series(1, {ROWS}::bigint) AS i;
                VACUUM (FREEZE, ANALYZE) {name};
            """, capture=False)


def setting_line(q):
    """The statement before query q: its setting, and with a previous build, the search path that
    picks that build's aggregates (bench_previous, an identical signature earlier in the path
    wins) or this build's, in one statement (one `Time:` line before each query's)."""
    if not PREVIOUS_LIB:
        return q[3] + ";"
    name, value = re.fullmatch(r"SET (\w+) = (\S+)", q[3]).groups()
    path = "bench_previous, public" if q[1] == PREVIOUS else "public"
    return f"SELECT set_config('{name}', '{value}', false), set_config('search_path', '{path}', false);"


def run():
    lines = ["\\timing on"]
    order = []
    groups = {}
    for i, q in enumerate(QUERIES):
        groups.setdefault(q[0], []).append(i)
    for rep in range(REPEAT + 1):  # pass 0 is the untimed warm-up
        # Each pass rotates the order within a group, so no query is always the first to touch
        # its table after another group's (a first query can pay for pages coming back in).
        for members in groups.values():
            k = rep % len(members)
            for i in members[k:] + members[:k]:
                lines += [setting_line(QUERIES[i]), QUERIES[i][4] + ";"]
                order.append((rep, i))
    out = psql("\n".join(lines) + "\n")
    times = [float(t) for t in re.findall(r"^Time: ([0-9.]+) ms", out, re.M)][1::2]  # skip the SETs
    assert len(times) == len(order), (len(times), len(order))
    passes = {}  # query -> {pass: ms}, the warm-up pass left out
    for (rep, i), t in zip(order, times):
        if rep > 0:
            passes.setdefault(i, {})[rep] = t
    return passes


def paired(passes, i, base):
    """Query i's time over base's, pass by pass (the two ran in the same pass, within one group,
    so a slow minute on the machine slows both): the median of those ratios and their first and
    third quartiles. A ratio of two medians would set one pass's slow minute against another's
    quiet one."""
    r = [passes[i][rep] / passes[base][rep] for rep in passes[i]]
    q1, q2, q3 = statistics.quantiles(r, n=4, method="inclusive")
    return q2, q1, q3


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
    if PREVIOUS_LIB:  # each KPI again, as the previous build
        QUERIES.extend([(g, PREVIOUS, f"{label} (previous build)", setting, sql)
                        for g, role, label, setting, sql in list(QUERIES) if role == "ours"])
    setup()
    passes = run()
    # the raw times first, so that nothing measured is lost if the report fails
    os.makedirs("target/bench", exist_ok=True)
    with open("target/bench/passes.json", "w") as f:
        json.dump([{"group": q[0], "role": q[1], "ms": passes[i]} for i, q in enumerate(QUERIES)], f)
    med = {i: statistics.median(p.values()) for i, p in passes.items()}
    at = {(g, role): i for i, (g, role, _, _, _) in enumerate(QUERIES)}
    version, settings, cores = conditions()
    out = [f"Rows: {ROWS:,} per table (rolling-window rows: {WINDOW_ROWS:,}); each query run {REPEAT} "
           "times alternating, after one warm-up pass; median wall time from psql `\\timing`; each "
           "ratio is the median of the per-pass ratios (the two queries ran in the same pass), and "
           "`quartiles` the first and third quartiles of those to the no-op.",
           f"Machine: {cores}. Server: {version}.", f"Settings: {settings}.", "",
           "| group | query | median ms | vs floor | vs no-op | quartiles vs no-op | vs hand-written |"
           + (" vs previous build (quartiles) |" if PREVIOUS_LIB else ""),
           "|---|---|---:|---:|---:|---:|---:|" + ("---:|" if PREVIOUS_LIB else "")]
    spread = {}  # (group, role) -> (median, quartile 1, quartile 3) of the ratio to its no-op or floor
    for i, (g, role, label, _, _) in enumerate(QUERIES):
        cells = []
        for base in (FLOOR, NOOP, HAND):
            if (g, base) in at:
                cells.append(f"{paired(passes, i, at[(g, base)])[0]:.2f}x")
            else:
                cells.append("")
            if base == NOOP:
                against = at.get((g, NOOP), at.get((g, FLOOR)))  # the window groups have neither
                spread[(g, role)] = None if against is None else paired(passes, i, against)
                cells.append(f"{spread[(g, role)][1]:.2f}-{spread[(g, role)][2]:.2f}" if (g, NOOP) in at else "")
        if PREVIOUS_LIB:
            r = paired(passes, i, at[(g, PREVIOUS)]) if role == "ours" and (g, PREVIOUS) in at else None
            cells.append(f"{r[0]:.2f}x ({r[1]:.2f}-{r[2]:.2f})" if r else "")
        out.append(f"| {g} | `{label}` | {med[i]:.1f} | {' | '.join(cells)} |")

    if PREVIOUS_LIB:
        left_out = psql("""SELECT string_agg(DISTINCT p.proname, ', ') FROM pg_aggregate a
            JOIN pg_proc p ON p.oid = a.aggfnoid
            JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
            WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pg_kpi')
              AND to_regprocedure(format('bench_previous.%s(%s)', p.proname,
                                         oidvectortypes(p.proargtypes))) IS NULL""").strip()
        out += ["", "Previous build: " + os.environ.get("BENCH_PREVIOUS", PREVIOUS_LIB) + "; aggregates it "
                "lacks (their rows run this build twice): " + (left_out or "none") + "."]

    def ratio(g, base, who="ours"):
        """g's `who` over `base` (a role in g, or another group's (group, role)), pass by pass."""
        return paired(passes, at[(g, who)], at[base if isinstance(base, tuple) else (g, base)])[0]

    def bound(g, base):
        """The ratio of the no-op over the same arguments (the floor for a one-argument KPI)."""
        return ratio(g, base, NOOP if (g, NOOP) in at else FLOOR)

    targets = [
        ("nps serial <= 1.10 x floor", lambda: ratio("nps serial", FLOOR), 1.10, lambda: bound("nps serial", FLOOR)),
        ("nps serial <= 0.85 x hand-written", lambda: ratio("nps serial", HAND), 0.85,
         lambda: bound("nps serial", HAND)),
        ("nps parallel / nps serial < 1", lambda: ratio("nps parallel", ("nps serial", "ours")), 1.0,
         None),
        ("nps window 10000 rows / 100 rows <= 1.25",
         lambda: ratio("nps rolling window", "100 rows", "10000 rows"), 1.25, None),
    ]
    for g in COUNTING:
        targets.append((f"{g} <= 1.10 x floor", lambda g=g: ratio(g, FLOOR), 1.10, lambda g=g: bound(g, FLOOR)))
        targets.append((f"{g} <= 0.85 x hand-written", lambda g=g: ratio(g, HAND), 0.85,
                        lambda g=g: bound(g, HAND)))
    targets.append(("clv numeric <= 0.50 x hand-written", lambda: ratio("clv numeric", HAND), 0.50,
                    lambda: bound("clv numeric", HAND)))
    for g in ("mrr one month", "mrr twelve months"):
        targets.append((f"{g} <= 0.33 x hand-written", lambda g=g: ratio(g, HAND), 0.33, lambda g=g: bound(g, HAND)))
    for g in ("mrr one month", "mrr twelve months"):
        targets.append((f"{g} < GROUP BY customer_id alone", lambda g=g: ratio(g, GROUPING), 1.0, None))
    targets.append(("mrr per-customer rows <= 1.10 x no-op", lambda: ratio("mrr per-customer rows", NOOP), 1.10, None))
    targets.append(("survival <= 1.10 x no-op", lambda: ratio("survival", NOOP), 1.10, None))
    targets.append(("survival < hand-written", lambda: ratio("survival", HAND), 1.0, None))
    targets.append(("cohort <= 1.10 x no-op", lambda: ratio("cohort", NOOP), 1.10, None))
    targets.append(("cohort < hand-written", lambda: ratio("cohort", HAND), 1.0, None))
    targets.append(("monthly NPS from daily summaries <= 1/20 x raw (speedup >= 20x)",
                    lambda: ratio("summary monthly by segment", HAND), 0.05, None))
    checks = []
    for name, r, limit, b in targets:
        try:  # with BENCH_ONLY, a target whose groups did not run is left out
            checks.append((name, r(), limit, b() if b else None))
        except KeyError:
            pass
    out += ["", "| target | ratio | met | no-op's ratio |", "|---|---:|---|---:|"]
    for name, r, limit, b in checks:
        met = "yes" if r <= limit else ("NO, the no-op misses it too" if b is not None and b > limit else "NO")
        out.append(f"| {name} | {r:.2f} | {met} | {'' if b is None else f'{b:.2f}'} |")
    report = "\n".join(out) + "\n"
    os.makedirs("target/bench", exist_ok=True)
    with open("target/bench/report.md", "w") as f:
        f.write(report)
    # per PostgreSQL major version, for scripts/bench_versions.py (the same table on 15 and 18)
    major = int(psql("SHOW server_version_num").strip()) // 10000
    # a perf split of an earlier run (scripts/bench_perf.py) does not describe this one
    if os.path.exists(f"target/bench/perf-pg{major}.json"):
        os.remove(f"target/bench/perf-pg{major}.json")
    with open(f"target/bench/results-pg{major}.json", "w") as f:
        # "ratio": the per-pass ratios to the group's no-op (else its floor): median, quartiles 1 and 3
        json.dump({"version": version, "rows": ROWS, "repeat": REPEAT,
                   "queries": [{"group": g, "role": role, "label": label, "ms": med[i],
                                "ratio": spread[(g, role)]}
                               for i, (g, role, label, _, _) in enumerate(QUERIES)]}, f, indent=1)
    print(report)


if __name__ == "__main__":
    main()
