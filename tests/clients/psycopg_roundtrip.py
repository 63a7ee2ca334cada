"""Summaries round-trip through psycopg 3, the way applications and pandas write them: as text
parameters (assignment casts), as binary parameters and results, and read back as text; a KPI
call with a string parameter names its type. Run by scripts/clients_test.sh."""
import sys

import psycopg

SUMMARIES = {
    "npssummary": "SELECT nps_agg(s) FROM generate_series(0, 10) s",
    "csatsummary": "SELECT csat_agg(s::numeric / 2, 2.5) FROM generate_series(1, 10) s",
    "cessummary": "SELECT ces_agg(s::numeric / 3) FROM generate_series(1, 10) s",
    "clvsummary": "SELECT clv_agg(s * 1.5, 2, 3) FROM generate_series(1, 10) s",
    "sharesummary": "SELECT share_agg(s > 4, s * 1.25) FROM generate_series(1, 10) s",
    "churnsummary": "SELECT churn_agg(date '2024-01-01' + s, CASE WHEN s % 2 = 0 THEN date '2025-01-10' END, "
                    "daterange('0100-01-01 BC', '2025-02-01')) FROM generate_series(1, 10) s",
    "mrrsummary": "SELECT mrr_agg(s % 4, s * 10.5, date '2024-01-01' + s, CASE WHEN s % 3 = 0 THEN date '2025-01-10' END, "
                  "daterange('2025-01-01', '2025-02-01')) FROM generate_series(1, 10) s",
    "survivalsummary": "SELECT survival_agg(s * 30, s % 3 = 0, CASE WHEN s > 5 THEN s END) FROM generate_series(1, 10) s",
    "cohortsummary": "SELECT cohort_agg(s % 4, s * 10.5, date '2024-01-01' + s * 20, CASE WHEN s % 3 = 0 THEN date '2024-09-10' END, "
                     "'2025-01-31', 'month') FROM generate_series(1, 10) s",
    "customermodel": "SELECT sbg_fit(ARRAY[1000, 631, 468, 382, 326, 289, 262, 241])",
    "tiersummary": "SELECT tier_moves(CASE WHEN s % 5 <> 0 THEN 'Healthy' END, (ARRAY['At-risk', 'Ünhealthy'])[1 + s % 2], s * 1.5) "
                   "FROM generate_series(1, 10) s",
    "referralsummary": "SELECT referral_agg(s % 3 = 0, s * 10.25, s % 2) FROM generate_series(1, 10) s",
}


def main(dsn):
    checked = 0
    with psycopg.connect(dsn, autocommit=True) as conn:
        for typ, query in SUMMARIES.items():
            text = conn.execute(f"SELECT ({query})::text").fetchone()[0]
            conn.execute(f"CREATE TEMP TABLE t_{typ} (s {typ})")
            # a str parameter is sent as text (unknown); a varchar-typed one relies on the cast
            conn.execute(f"INSERT INTO t_{typ} VALUES (%s)", (text,))
            conn.execute(f"INSERT INTO t_{typ} VALUES (%s::varchar)", (text,))
            conn.execute(f"INSERT INTO t_{typ} VALUES (%s::text)", (text,))
            # binary protocol: a binary result, and COPY out and back in binary (send and recv)
            with conn.cursor(binary=True) as cur:
                raw = cur.execute(f"SELECT s FROM t_{typ} LIMIT 1").fetchone()[0]
            with conn.cursor() as cur:
                data = b""
                with cur.copy(f"COPY (SELECT s FROM t_{typ} LIMIT 1) TO STDOUT (FORMAT binary)") as copy:
                    for chunk in copy:
                        data += bytes(chunk)
                with cur.copy(f"COPY t_{typ} FROM STDIN (FORMAT binary)") as copy:
                    copy.write(data)
            back = conn.execute(f"SELECT array_agg(DISTINCT s::text), count(*), count(DISTINCT s) FROM t_{typ}").fetchone()
            assert back == ([text], 4, 1), (typ, back, text)
            assert isinstance(raw, (bytes, bytearray)) and len(raw) > 0, (typ, raw)
            # a string parameter in a KPI call names its type
            same = conn.execute(f"SELECT %s::{typ} = ({query.replace('%', '%%')})", (text,)).fetchone()[0]
            assert same is True, typ
            checked += 1
        # an untyped string parameter in nps() is ambiguous: the README says to cast it
        try:
            conn.execute("SELECT nps(%s)", (text,))
            raise AssertionError("nps(unknown) should be ambiguous")
        except psycopg.errors.AmbiguousFunction:
            pass
    print(f"clients: psycopg {psycopg.__version__}: {checked} summary types written as text parameters, "
          "read as text and binary, compared: ok")


if __name__ == "__main__":
    main(sys.argv[1])
