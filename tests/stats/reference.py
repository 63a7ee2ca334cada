"""pg_kpi's intervals and tests against statsmodels and scipy on generated counts: Wilson,
Agresti-Coull and Wald (statsmodels' "normal") intervals of a proportion, the pooled
two-proportion z test, the worst-case sample size of a proportion, the normal quantiles
behind the NPS intervals, and the t interval of a mean (CES) from raw scores (statsmodels'
tconfint_mean, scipy's sem and t quantiles, to 10^15 degrees of freedom). Run by
scripts/stats_test.sh in its virtual environment."""
import math
import random
import sys

import psycopg
from scipy import stats
from statsmodels.stats.proportion import (proportion_confint, proportions_ztest,
                                          samplesize_confint_proportion)
from statsmodels.stats.weightstats import DescrStatsW

TOL = 1e-9


def close(a, b):
    return a is not None and b is not None and math.isclose(a, b, rel_tol=TOL, abs_tol=TOL)


def main(dsn):
    rng = random.Random(20261130)
    checked, bad = 0, []
    with psycopg.connect(dsn, autocommit=True) as conn:
        def one(sql, *args):
            return conn.execute(sql, args).fetchone()

        for _ in range(300):
            n = rng.choice([1, 2, 5, 10, 30, 100, 250, 1000, 100000, rng.randint(1, 5000)])
            x = rng.choice([0, n, rng.randint(0, n)])
            conf = rng.choice([0.5, 0.8, 0.9, 0.95, 0.99, 0.999])
            summary = f'{{"v":1,"lost":{x},"at_start":{n},"period":null}}'
            share = f'{{"v":1,"hits":{x},"total":{n}}}'
            for method, sm in [("wilson", "wilson"), ("agresti_coull", "agresti_coull"), ("wald", "normal")]:
                lo, hi = proportion_confint(x, n, alpha=1 - conf, method=sm)
                ours = one("SELECT ci_lower(%s::churnsummary, %s, %s), ci_upper(%s::churnsummary, %s, %s), "
                           "ci_lower(%s::sharesummary, %s, %s), ci_upper(%s::sharesummary, %s, %s)",
                           summary, conf, method, summary, conf, method, share, conf, method, share, conf, method)
                for got, want in zip(ours, [lo, hi, lo, hi]):
                    checked += 1
                    if not close(got, 100 * want):
                        bad.append((method, x, n, conf, got, 100 * want))
            # the pooled two-proportion z test against a second group
            n2 = rng.randint(1, 5000)
            x2 = rng.randint(0, n2)
            other = f'{{"v":1,"lost":{x2},"at_start":{n2},"period":null}}'
            p = one("SELECT proportion_test(%s::churnsummary, %s::churnsummary)", summary, other)[0]
            pooled = (x + x2) / (n + n2)
            want = 1.0 if pooled in (0.0, 1.0) else proportions_ztest([x, x2], [n, n2])[1]
            checked += 1
            if not close(p, want):
                bad.append(("proportion_test", x, n, x2, n2, p, want))
            # the NPS intervals' critical value is scipy's normal quantile
            z = one("SELECT (ci_upper(%s::npssummary, %s, 'wald') - ci_lower(%s::npssummary, %s, 'wald')) / 2 / std_error(%s::npssummary)",
                    '{"v":1,"counts":[10,0,0,0,0,0,0,0,0,10,0]}', conf, '{"v":1,"counts":[10,0,0,0,0,0,0,0,0,10,0]}', conf,
                    '{"v":1,"counts":[10,0,0,0,0,0,0,0,0,10,0]}')[0]
            checked += 1
            if not close(z, stats.norm.ppf(1 - (1 - conf) / 2)):
                bad.append(("nps z", conf, z))
        # CES: the t interval of the mean from the raw scores, integer and decimal, 2 to 30,000
        for _ in range(150):
            n = rng.choice([2, 3, 5, 10, 30, 100, 1000, rng.randint(2, 500), 12000, 30000])
            conf = rng.choice([0.5, 0.8, 0.9, 0.95, 0.99, 0.999])
            if rng.random() < 0.5:
                scores = [rng.randint(1, 7) for _ in range(n)]
                sql_type = "integer[]"
            else:
                scores = [round(rng.uniform(0, 10), 2) for _ in range(n)]
                sql_type = "numeric[]"
            if len(set(scores)) == 1:
                scores[0] += 1
            array = "{" + ",".join(str(x) for x in scores) + "}"
            lo, hi, se = one(f"SELECT ci_lower(c, %s), ci_upper(c, %s), std_error(c) "
                             f"FROM (SELECT ces_agg(x) AS c FROM unnest(%s::{sql_type}) AS x) AS t", conf, conf, array)
            want_lo, want_hi = DescrStatsW(scores).tconfint_mean(alpha=1 - conf)
            for got, want in [(lo, want_lo), (hi, want_hi), (se, stats.sem(scores))]:
                checked += 1
                if not close(got, want):
                    bad.append(("ces t", n, conf, got, want))
        # the t quantile itself, from summaries of 2 to 10^15 + 1 responses (on both sides of
        # the switch from statrs to the expansion at 10^4 degrees of freedom)
        for df in [1, 2, 7, 30, 999, 9999, 10000, 10001, 50000, 10**6, 10**9, 10**12, 10**15]:
            n = df + 1
            summary = f'{{"v":2,"count":{n},"sum":0,"sum_squares":{n}}}'
            for conf in [0.5, 0.9, 0.95, 0.99, 0.999]:
                t = one("SELECT margin_of_error(%s::cessummary, %s) / std_error(%s::cessummary)", summary, conf, summary)[0]
                checked += 1
                if not close(t, stats.t.ppf(1 - (1 - conf) / 2, df)):
                    bad.append(("t quantile", df, conf, t, stats.t.ppf(1 - (1 - conf) / 2, df)))
        for margin in [1, 2.5, 3, 5, 10]:
            for conf in [0.9, 0.95, 0.99]:
                ours = one("SELECT proportion_sample_size(%s, %s)", margin, conf)[0]
                want = math.ceil(samplesize_confint_proportion(0.5, margin / 100, alpha=1 - conf))
                checked += 1
                if ours != want:
                    bad.append(("proportion_sample_size", margin, conf, ours, want))
    for b in bad[:20]:
        print("stats: MISMATCH", b, file=sys.stderr)
    if bad:
        sys.exit(f"stats: {len(bad)} of {checked} values differ from statsmodels/scipy")
    print(f"stats: {checked} intervals, p-values and sample sizes equal statsmodels/scipy within {TOL}")


if __name__ == "__main__":
    main(sys.argv[1])
