"""The SQL of scripts/bench.py's set-up: the no-op aggregates and the narrow benchmark tables."""

# One narrow table per family, so the per-row cost of the aggregate is not diluted by deforming
# columns it does not read (a wide CRM table narrows every ratio towards 1).
CX_TABLES = {
    "survey_bench": """
        CASE WHEN i % 17 = 0 THEN NULL ELSE 1 + (i * 31 + i / 7) % 5 END::int AS rating,
        CASE WHEN i % 19 = 0 THEN NULL ELSE 1 + (i * 13 + i / 11) % 7 END::int AS effort""",
    "survey_numeric_bench": """
        CASE WHEN i % 17 = 0 THEN NULL ELSE 1 + (i * 31 + i / 7) % 9 / 2.0 END::numeric(2, 1) AS rating_n,
        CASE WHEN i % 19 = 0 THEN NULL ELSE 1 + (i * 13 + i / 11) % 13 / 2.0 END::numeric(3, 1) AS effort_n""",
    "funnel_bench": """
        CASE WHEN i % 23 = 0 THEN NULL ELSE (i * 7) % 10 < 3 END AS converted,
        CASE WHEN i % 29 = 0 THEN NULL ELSE 1 + (i * 11 + i / 3) % 4 END::int AS contacts,
        ((i * 37) % 100)::int AS health,
        CASE WHEN i % 31 = 0 THEN NULL ELSE ((i * 53) % 50000) / 100.0 END::numeric(10, 2) AS mrr""",
    "churn_bench": """
        (i % 5 <> 0) AS active, CASE WHEN i % 43 = 0 THEN NULL ELSE i % 9 = 0 END AS lost,
        date '2023-01-01' + (i * 7 % 900)::int AS started_on,
        CASE WHEN i % 3 = 0 THEN date '2023-01-01' + (i * 7 % 900)::int + (i * 13 % 400)::int END AS ended_on,
        (100 + i % 50)::int AS at_start, (i % 10)::int AS lost_n, (i % 8)::int AS new_n,
        (100 + i % 50 - i % 10 + i % 8)::int AS at_end""",
    "clv_bench": """
        CASE WHEN i % 37 = 0 THEN NULL ELSE ((i * 97) % 20000) / 100.0 END::numeric(10, 2) AS purchase_value,
        (1 + (i * 3) % 40 / 10.0)::numeric(6, 1) AS purchase_freq,
        (0.5 + (i % 10) / 4.0)::numeric(6, 2) AS lifespan,
        ((i * 97) % 20000)::int AS value_cents, (1 + i % 12)::int AS orders, (1 + i % 60)::int AS months""",
    "clv_float_bench": """
        CASE WHEN i % 37 = 0 THEN NULL ELSE ((i * 97) % 20000) / 100.0 END::float8 AS purchase_value,
        (1 + (i * 3) % 40 / 10.0)::float8 AS purchase_freq, (0.5 + (i % 10) / 4.0)::float8 AS lifespan""",
    "float_bench": """
        CASE WHEN i % 53 = 0 THEN NULL ELSE ((i * 7919) # (i >> 7)) % 11 END::float8 AS score_f,
        CASE WHEN i % 17 = 0 THEN NULL ELSE 1 + (i * 31 + i / 7) % 5 END::float8 AS rating_f,
        CASE WHEN i % 29 = 0 THEN NULL ELSE 1 + (i * 11 + i / 3) % 4 END::bigint AS contacts_l""",
    "mrr_rows_bench": """
        CASE WHEN i % 7 = 0 THEN 0 ELSE ((i * 37) % 50000) / 100.0 END::numeric(10, 2) AS s,
        CASE WHEN i % 5 = 0 THEN 0 ELSE ((i * 53) % 50000) / 100.0 END::numeric(10, 2) AS e,
        i % 3 = 0 AS paid""",
    "health_bench": """
        (ARRAY['At-risk', 'Unhealthy', 'Healthy', 'High-value'])[1 + (i * 7919) % 4] AS tier,
        CASE WHEN i % 31 = 0 THEN NULL ELSE ((i * 53) % 50000) / 100.0 END::numeric(10, 2) AS mrr,
        i % 4 = 0 AS referred, (i * 7 % 11 / 5)::bigint AS referrals""",
    "ticket_bench": """
        timestamptz '2025-01-01' + i * interval '1 second' AS requested_at,
        CASE WHEN i % 41 = 0 THEN NULL
             ELSE timestamptz '2025-01-01' + i * interval '1 second' + ((i * 7919) % 86400) * interval '1 second'
        END AS responded_at""",
}


# The no-op aggregates, created in the bench database only: pg_kpi's own transition functions
# bound to arguments of any type. bench_noop3 runs clv's bigint transition (it adds the raw
# argument datums into i128 sums: a pointer or a small non-negative value, never dereferenced);
# bench_noop2 runs the churn-flags transition (it tests the raw datums for zero), bench_noop1 the
# share() transition (it tests the raw datum for zero). They measure
# what the executor charges for handing a row's arguments to an aggregate with an `internal`
# state. A KPI's own work comes on top (it can come out a few percent under the no-op, whose
# transition does a little work too), so a target the no-op misses is out of reach for the KPI
# whatever its own code does. They depend on those three transitions reading their arguments only
# as raw words (and on the bench data being non-negative): change them if that changes.
NOOP_SQL = """
    CREATE OR REPLACE FUNCTION bench_noop1_accum(internal, "any") RETURNS internal
        LANGUAGE C AS '$libdir/pg_kpi', 'share_accum';
    CREATE OR REPLACE AGGREGATE bench_noop1("any")
        (SFUNC = bench_noop1_accum, STYPE = internal, FINALFUNC = kpi_internal.ratio_final);
    CREATE OR REPLACE FUNCTION bench_noop2_accum(internal, "any", "any") RETURNS internal
        LANGUAGE C AS '$libdir/pg_kpi', 'churn_flags_accum';
    CREATE OR REPLACE FUNCTION bench_noop3_accum(internal, "any", "any", "any") RETURNS internal
        LANGUAGE C AS '$libdir/pg_kpi', 'clv_accum_int8';
    CREATE OR REPLACE AGGREGATE bench_noop2("any", "any")
        (SFUNC = bench_noop2_accum, STYPE = internal, FINALFUNC = kpi_internal.ratio_final);
    CREATE OR REPLACE AGGREGATE bench_noop3("any", "any", "any")
        (SFUNC = bench_noop3_accum, STYPE = internal, FINALFUNC = kpi_internal.clv_final_int);
    CREATE OR REPLACE FUNCTION bench_noop5_accum(internal, "any", "any", "any", "any", "any") RETURNS internal
        LANGUAGE C AS '$libdir/pg_kpi', 'churn_flags_accum';
    CREATE OR REPLACE AGGREGATE bench_noop5("any", "any", "any", "any", "any")
        (SFUNC = bench_noop5_accum, STYPE = internal, FINALFUNC = kpi_internal.ratio_final);
    CREATE OR REPLACE FUNCTION bench_noop6_accum(internal, "any", "any", "any", "any", "any", "any") RETURNS internal
        LANGUAGE C AS '$libdir/pg_kpi', 'churn_flags_accum';
    CREATE OR REPLACE AGGREGATE bench_noop6("any", "any", "any", "any", "any", "any")
        (SFUNC = bench_noop6_accum, STYPE = internal, FINALFUNC = kpi_internal.ratio_final);
""" + "".join(f"""
    CREATE OR REPLACE FUNCTION bench_lower_{name}_accum(internal{', "any"' * n}) RETURNS internal
        LANGUAGE C AS '$libdir/pg_kpi', 'bench_lower_{name}';
    CREATE OR REPLACE AGGREGATE bench_lower_{name}({', '.join(['"any"'] * n)})
        (SFUNC = bench_lower_{name}_accum, STYPE = internal, FINALFUNC = bench_lower_final);"""
    for name, n in (("ces_agg", 1), ("clv", 3), ("mrr", 3), ("tier", 2), ("bytes", 1)))

# The lower bounds (src/bench_floor.rs, built by make bench only): transitions that do what a KPI
# cannot avoid on the bench's rows (read its numeric arguments with the project's fastest reader,
# add them, find the row's cell) and none of its checks. A KPI cannot be faster than its lower
# bound; a lower bound above 1.10x of the no-op says no correct KPI is within 1.10x.
NOOP_SQL = """
    CREATE OR REPLACE FUNCTION bench_lower_final(internal) RETURNS bigint
        LANGUAGE C AS '$libdir/pg_kpi', 'bench_lower_final';""" + NOOP_SQL

# rollup()/combine() over a million summaries of each other type (issue 26), one row each (as
# bench_summaries' npssummary values are at BENCH_ROWS=1000000), in tables bench_rollup_<type>:
# the aggregate that builds them, over generate_series' i.
SUMMARY_TABLES = {
    "csatsummary": "csat_agg((1 + (i * 31 + i / 7) % 5)::int)",
    "cessummary": "ces_agg((1 + (i * 13 + i / 11) % 13 / 2.0)::numeric(3, 1))",
    "churnsummary": "churn_agg(i % 5 <> 0, i % 9 = 0)",
    "clvsummary": "clv_agg(((i * 97) % 20000 / 100.0)::numeric(10, 2), (1 + (i * 3) % 40 / 10.0)::numeric(6, 1),"
                  " (0.5 + (i % 10) / 4.0)::numeric(6, 2))",
    "sharesummary": "share_agg(i % 3 = 0, ((i * 7) % 1000 / 10.0)::numeric(6, 1))",
    "referralsummary": "referral_agg(i % 4 = 0, ((i * 11) % 5000 / 100.0)::numeric(8, 2), (i % 3)::bigint)",
    "mrrsummary": "mrr_agg(((i * 7) % 300 / 10.0)::numeric(8, 2), ((i * 13) % 300 / 10.0)::numeric(8, 2), i % 5 = 0)",
    "tiersummary": "tier_agg((ARRAY['free', 'starter', 'pro', 'business', 'enterprise'])[1 + i % 5],"
                   " ((i * 7) % 500)::numeric(8, 2))",
    "survivalsummary": "survival_agg((i * 37 % 720)::int, i % 3 = 0)",
    "cohortsummary": "cohort_agg(i::bigint, date '2024-01-01' + (i % 365),"
                     " CASE WHEN i % 4 = 0 THEN date '2024-01-01' + (i % 365) + 100 END, date '2025-01-01', 'month')",
}


# The SQL a user would write instead (the hand-written queries).
NPS_HAND = ("100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))"
            " / nullif(count(score), 0)")


def share_hand(cond, col):
    return f"100.0 * count(*) FILTER (WHERE {cond}) / nullif(count({col}), 0)"


def mrr_hand(period, by=""):
    start, end = f"lower({period})", f"upper({period})"
    active = lambda t: f"started_on < {t} AND (ended_on IS NULL OR ended_on >= {t})"  # noqa: E731
    per_customer = (f"SELECT {by + ', ' if by else ''}customer_id, coalesce(sum(mrr) FILTER (WHERE {active(start)}), 0) AS s, "
                    f"coalesce(sum(mrr) FILTER (WHERE {active(end)}), 0) AS e, "
                    f"coalesce(bool_or(mrr > 0 AND started_on < {start}), false) AS paid "
                    f"FROM mrr_bench{', bench_months' if by else ''} GROUP BY {by + ', ' if by else ''}customer_id")
    return (f"SELECT {by + ', ' if by else ''}sum(s), sum(e), sum(e) FILTER (WHERE s = 0 AND e > 0 AND NOT paid), "
            "sum(e) FILTER (WHERE s = 0 AND e > 0 AND paid), sum(e - s) FILTER (WHERE s > 0 AND e > s), "
            "sum(s - e) FILTER (WHERE e > 0 AND s > e), sum(s) FILTER (WHERE s > 0 AND e = 0), "
            "count(*) FILTER (WHERE s > 0), count(*) FILTER (WHERE e > 0), "
            "count(*) FILTER (WHERE s = 0 AND e > 0 AND NOT paid), count(*) FILTER (WHERE s = 0 AND e > 0 AND paid), "
            "count(*) FILTER (WHERE s > 0 AND e > s), count(*) FILTER (WHERE e > 0 AND s > e), "
            f"count(*) FILTER (WHERE s > 0 AND e = 0) FROM ({per_customer}) AS c{' GROUP BY ' + by if by else ''}")
