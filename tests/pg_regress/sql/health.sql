-- Customer health score, tiers, retention cost and referral value (seeds 000 and 004).

-- health_score: Gainsight's worked example, (20 x 47 + 15 x 59 + 22 x 21) / 57 = 40.122, shown as 40
SELECT health_score(ARRAY[47, 59, 21], ARRAY[20, 15, 22]) AS score,
       round(health_score(ARRAY[47, 59, 21], ARRAY[20, 15, 22])) AS shown,
       health_score(ARRAY[47, 59, 21], ARRAY[20, 15, 22]) = (20 * 47 + 15 * 59 + 22 * 21)::numeric / (20 + 15 + 22) AS by_hand;
-- a missing measure is left out and the other weights re-normalised; named measures the same
SELECT health_score(ARRAY[47, NULL, 21], ARRAY[20, 15, 22]) AS missing_support,
       health_score(ARRAY[47, 21], ARRAY[20, 22]) AS as_if_not_configured,
       health_score('{"usage": 47, "support": null, "tickets": 21}'::jsonb, '{"usage": 20, "support": 15, "tickets": 22}') AS named,
       health_score('{"usage": 47}'::jsonb, '{"usage": 20, "support": 15, "tickets": 22}') AS only_usage,
       health_score(ARRAY[40.5, 90], ARRAY[0.25, 0.75]) AS percent_weights;
-- nothing to score gives NULL, never 0; NULL arguments give NULL
SELECT health_score(ARRAY[NULL, NULL]::numeric[], ARRAY[1, 2]) IS NULL AS none_present,
       health_score(ARRAY[80, NULL], ARRAY[0, 2]) IS NULL AS only_weight_zero,
       health_score('{}'::jsonb, '{"usage": 1}') IS NULL AS named_none,
       health_score(NULL::numeric[], ARRAY[1]) IS NULL AS null_scores,
       health_score(ARRAY[]::numeric[], ARRAY[]::numeric[]) AS no_measures_at_all;

-- measure scores: linear (both directions, clamped) and banded
SELECT measure_score(v, 0, 200) AS logins, measure_score(v, 20, 0) AS tickets
FROM (VALUES (-5), (0), (5), (50), (200), (250)) AS t(v);
SELECT v, measure_score(v, ARRAY[7, 9], ARRAY[0, 50, 100]) AS nps_answer
FROM (VALUES (0), (6), (6.99), (7), (8), (9), (10)) AS t(v);
SELECT measure_score(NULL, 0, 1) IS NULL AS null_value, measure_score(5, ARRAY[]::numeric[], ARRAY[70]) AS one_band;

-- tiers: the four categories of seed 004 by default, boundaries included; user thresholds and names
SELECT s, health_tier(s) FROM (VALUES (0), (24.99), (25), (49.999), (50), (74), (75), (100)) AS t(s);
SELECT health_tier(66, ARRAY[34, 67], ARRAY['red', 'yellow', 'green']) AS gainsight_colours,
       health_tier(67, ARRAY[34, 67], ARRAY['red', 'yellow', 'green']) AS at_threshold;

-- every error, with its SQLSTATE
\set VERBOSITY sqlstate
SELECT health_score(ARRAY[1, 2], ARRAY[1, -5]);
\set VERBOSITY default
SELECT health_score(ARRAY[1, 2], ARRAY[1, -5]);
SELECT health_score(ARRAY[1, 2], ARRAY[0, 0.0]);
SELECT health_score(ARRAY[1, 2], ARRAY[1, NULL]);
SELECT health_score(ARRAY[1, 2], ARRAY[1]);
SELECT health_score(ARRAY[100.01], ARRAY[1]);
SELECT health_score(ARRAY['Infinity']::numeric[], ARRAY[1]);
SELECT health_score('{"usage": 1, "nps": 3}'::jsonb, '{"usage": 1}');
SELECT health_score('{"usage": "high"}'::jsonb, '{"usage": 1}');
SELECT health_score('{"usage": 1}'::jsonb, '{"usage": -1}');
SELECT health_score('[1]'::jsonb, '{"usage": 1}');
SELECT measure_score(1, 5, 5.0);
SELECT measure_score(1, ARRAY[9, 7], ARRAY[0, 50, 100]);
SELECT measure_score(1, ARRAY[7, NULL], ARRAY[0, 50, 100]);
SELECT measure_score(1, ARRAY[7], ARRAY[0, 50, 100]);
SELECT measure_score(1, ARRAY[7], ARRAY[-1, 50]);
SELECT measure_score('NaN', 0, 1);
SELECT health_tier(-1);
SELECT health_tier(50, ARRAY[50, 40], ARRAY['a', 'b', 'c']);
SELECT health_tier(50, ARRAY[50], ARRAY['a', 'a']);
SELECT health_tier(50, ARRAY[50], ARRAY['a', NULL]);
SELECT health_tier(50, ARRAY[50], ARRAY['a']);

-- tier_agg: the distribution of customers and MRR over tiers; "% at risk" = share(tier = 'At-risk')
CREATE TEMP VIEW tiered AS SELECT id, segment, health_tier(health) AS tier, mrr FROM cx_fixture;
SELECT tier_share(s, 'At-risk') = (SELECT share(tier = 'At-risk') FROM tiered) AS at_risk_is_share,
       tier_mrr_share(m, 'At-risk') = (SELECT share(tier = 'At-risk', mrr) FROM tiered) AS mrr_at_risk_is_share,
       customers(s) = (SELECT count(*) FROM tiered) AS customers,
       tier_mrr(m, 'At-risk') = (SELECT sum(mrr) FILTER (WHERE tier = 'At-risk') FROM tiered) AS mrr_at_risk
FROM (SELECT tier_agg(tier) AS s, tier_agg(tier, mrr) AS m FROM tiered) AS t;
SELECT * FROM tier_table((SELECT tier_agg(tier, mrr) FROM tiered));
-- GROUP BY: every segment and tier equals the hand-written SQL, digit for digit
SELECT count(*) AS cells,
       count(*) FILTER (WHERE x.share IS DISTINCT FROM h.share OR x.mrr_share IS DISTINCT FROM h.mrr_share
                              OR x.customers IS DISTINCT FROM h.customers OR x.mrr IS DISTINCT FROM h.mrr) AS mismatches
FROM (SELECT segment, t.* FROM (SELECT segment, tier_agg(tier, mrr) AS s FROM tiered GROUP BY 1) AS g, tier_table(s) AS t) AS x
JOIN (SELECT segment, tier, count(*) AS customers, sum(mrr) AS mrr,
             count(*)::numeric * 100 / sum(count(*)) OVER (PARTITION BY segment) AS share,
             sum(mrr) * 100 / sum(sum(mrr)) OVER (PARTITION BY segment) AS mrr_share
      FROM tiered WHERE mrr IS NOT NULL GROUP BY 1, 2) AS h USING (segment, tier);
-- a tier nobody is in: 0 customers and 0 %, not NULL; NULLs skipped; no rows gives NULL
SELECT tier_customers(s, 'Nobody') AS nobody, tier_share(s, 'Nobody') AS nobody_share, tier_mrr(s, 'Nobody') AS no_mrr
FROM (SELECT tier_agg(tier, mrr) AS s FROM tiered) AS t;
SELECT tier_agg(t) AS only_nulls, tier_share(tier_agg(t), 'a') IS NULL AS share_null FROM (VALUES (NULL::text)) AS v(t);
SELECT tier_agg(t) IS NULL AS no_rows FROM (SELECT 'a' WHERE false) AS v(t);
SELECT tier_agg(t, m) AS mrr_null_skipped FROM (VALUES ('a', NULL::numeric), ('b', 1.5)) AS v(t, m);
SELECT tier_mrr_share(tier_agg(t, m), 'a') IS NULL AS zero_mrr FROM (VALUES ('a', 0.00)) AS v(t, m);
SELECT tier_mrr(tier_agg(t), 'a') IS NULL AS without_mrr FROM (VALUES ('a')) AS v(t);
SELECT tier_agg(t, m) FROM (VALUES ('a', -1)) AS v(t, m);

-- combine: per-segment summaries add up to the whole; windows equal the one-step answer
CREATE TEMP TABLE tier_days AS
SELECT requested_at::date AS day, tier_agg(health_tier(health), mrr) AS s FROM cx_fixture GROUP BY 1;
SELECT combine(s) = (SELECT tier_agg(tier, mrr) FROM tiered) AS combined_equals_raw FROM tier_days;
SELECT count(*) AS days, count(*) FILTER (WHERE rolling IS DISTINCT FROM direct) AS mismatches
FROM (SELECT d.day, combine(s) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS rolling,
             (SELECT tier_agg(health_tier(health), mrr) FROM cx_fixture f WHERE f.requested_at::date BETWEEN d.day - 6 AND d.day) AS direct
      FROM tier_days d) AS w;
-- the row aggregate's moving form: every frame equals the aggregate over the same rows (mixed scales, NULLs)
CREATE TEMP TABLE tier_rows AS
SELECT i, (ARRAY['a', 'b', NULL, 'c'])[1 + i % 4] AS tier, CASE WHEN i % 5 = 0 THEN NULL ELSE round(i * 1.37, i % 3) END AS mrr
FROM generate_series(1, 60) AS i;
SELECT count(*) AS frames,
       count(*) FILTER (WHERE w IS DISTINCT FROM (SELECT tier_agg(tier, mrr) FROM tier_rows r WHERE r.i BETWEEN f.i - 4 AND f.i)) AS mismatches
FROM (SELECT i, tier_agg(tier, mrr) OVER (ORDER BY i ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS w FROM tier_rows) AS f;
SELECT combine(s) FROM (SELECT tier_agg('a') UNION ALL SELECT '{"v":1,"moves":true,"mrr":false,"cells":[]}'::tiersummary) AS v(s);

-- parallel equals serial
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT tier_agg(health_tier(health), mrr) FROM cx_fixture;
SELECT tier_agg(health_tier(health), mrr)::text AS parallel_tiers FROM cx_fixture \gset
SET max_parallel_workers_per_gather = 0;
SELECT tier_agg(health_tier(health), mrr)::text = :'parallel_tiers' AS parallel_equals_serial FROM cx_fixture;
RESET max_parallel_workers_per_gather;

-- tier moves between two snapshots: how many Healthy customers became At-risk
CREATE TEMP TABLE snap_before AS SELECT id, health_tier(health) AS tier, mrr FROM cx_fixture WHERE id % 50 <> 0;
CREATE TEMP TABLE snap_after AS SELECT id, health_tier((health * 7 + id) % 100) AS tier, mrr FROM cx_fixture WHERE id % 45 <> 0;
CREATE TEMP TABLE moves AS
SELECT tier_moves(b.tier, a.tier) AS m, tier_moves(b.tier, a.tier, coalesce(a.mrr, b.mrr)) AS mm
FROM snap_before b FULL JOIN snap_after a USING (id);
SELECT tier_moved(m, 'Healthy', 'At-risk') AS healthy_to_at_risk,
       tier_moved(m, 'Healthy', 'At-risk') = (SELECT count(*) FROM snap_before b JOIN snap_after a USING (id)
                                              WHERE b.tier = 'Healthy' AND a.tier = 'At-risk') AS by_hand,
       tier_move_share(m, 'Healthy', 'At-risk') = (SELECT 100 * count(*) FILTER (WHERE a.tier = 'At-risk')::numeric / count(*)
                                                   FROM snap_before b LEFT JOIN snap_after a USING (id) WHERE b.tier = 'Healthy') AS share_by_hand,
       tier_moved(m, 'Healthy', NULL) AS healthy_gone, tier_moved(m, NULL, 'At-risk') AS new_at_risk,
       tier_share(m, 'At-risk') = (SELECT share(tier = 'At-risk') FROM snap_after) AS after_distribution,
       tier_moved(m, NULL, NULL) IS NULL AS both_null
FROM moves;
SELECT * FROM tier_transitions((SELECT m FROM moves)) WHERE before_tier IS NOT DISTINCT FROM 'Healthy';
SELECT count(*) AS transitions FROM moves, tier_transitions(mm);
SELECT tier_moved(tier_agg('a'), NULL, 'a') IS NULL AS not_a_move_summary,
       (SELECT count(*) FROM tier_transitions((SELECT tier_agg('a')))) AS no_transitions;

-- text and binary forms read back to the same bytes
SELECT s::text::tiersummary = s AS text_round_trip, kpi_internal.tiersummary_send(s) = kpi_internal.tiersummary_send(s::text::tiersummary) AS same_bytes
FROM (SELECT mm AS s FROM moves) AS t;
SELECT '{"v":1,"moves":false,"mrr":false,"cells":[[null,"a",0]]}'::tiersummary;
SELECT '{"v":1,"moves":false,"mrr":false,"cells":[["x","a",1]]}'::tiersummary;

-- retention cost: expenses per customer, and over ARPA (CRC above ARPA: keeping a customer costs more than it brings)
CREATE TEMP TABLE month_mrr AS
SELECT mrr_agg(start_mrr, end_mrr) AS s FROM (VALUES (100.00, 120.00), (50.00, 0), (0, 80.00), (200.00, 200.00)) AS v(start_mrr, end_mrr);
SELECT customers_at_end(s), arpa(s), retention_cost(1200, s) AS crc, retention_cost_ratio(1200, s) AS crc_over_arpa,
       retention_cost(1200, s) = 1200::numeric / customers_at_end(s) AS crc_by_hand,
       retention_cost_ratio(1200, s) = 1200::numeric / ending_mrr(s) AS ratio_by_hand,
       retention_cost(1200, 4) AS crc_of_a_count
FROM month_mrr;
SELECT retention_cost(100, 0) IS NULL AS no_customers,
       retention_cost_ratio(100, mrr_agg(10, 0)) IS NULL AS no_mrr_left;
SELECT retention_cost(-1, 3);
SELECT retention_cost(1, -3);
SELECT retention_cost_ratio(-1, s) FROM month_mrr;

-- referral value: revenue (or CLV) of referred customers against the others, and who refers
CREATE TEMP VIEW referral_rows AS
SELECT id, id % 4 = 0 AS referred, mrr AS value, (id * 7) % 11 / 5 AS referrals FROM cx_fixture;
SELECT referred_customers(r), referred_value(r), customers(r), referrals(r),
       referred_value_share(r) = share(referred, value) AS value_share_is_share,
       value_per_referred(r) = avg(value) FILTER (WHERE referred) AS per_referred_is_avg,
       value_per_other(r) = avg(value) FILTER (WHERE NOT referred) AS per_other_is_avg,
       referral_lift(r), round(referral_lift(r), 12) = round(avg(value) FILTER (WHERE referred) / avg(value) FILTER (WHERE NOT referred), 12) AS lift_by_hand,
       referring_share(r) = share(referrals > 0) AS referring_is_share
FROM (SELECT referral_agg(referred, value, referrals) AS r FROM referral_rows) AS t, referral_rows
WHERE value IS NOT NULL
GROUP BY r;
SELECT referral_agg(a, b, c) IS NULL AS no_rows FROM (SELECT true, 1.0, 1 WHERE false) AS v(a, b, c);
SELECT referral_agg(a, b, c) AS all_skipped, referral_lift(referral_agg(a, b, c)) IS NULL AS lift_null
FROM (VALUES (NULL::boolean, 1.0, 1), (true, NULL, 1), (false, 2.0, NULL)) AS v(a, b, c);
SELECT referral_lift(referral_agg(a, b, 0)) IS NULL AS others_worth_nothing FROM (VALUES (true, 5.0), (false, 0.0)) AS v(a, b);
SELECT referral_agg(true, -1, 0);
SELECT referral_agg(true, 1, -1);
SELECT '{"v":1,"referred":0,"others":1,"referred_value":2,"other_value":0,"referring":0,"referrals":0}'::referralsummary;
-- combine per segment = whole; windows = one step; parallel = serial; text round trip
SELECT combine(r) = (SELECT referral_agg(referred, value, referrals) FROM referral_rows) AS combined_equals_raw
FROM (SELECT id % 7, referral_agg(referred, value, referrals) AS r FROM referral_rows GROUP BY 1) AS g;
CREATE TEMP TABLE ref_rows AS SELECT i, i % 3 = 0 AS referred, round(i * 1.37, i % 3) AS value, i % 2 AS referrals FROM generate_series(1, 40) AS i;
SELECT count(*) AS frames,
       count(*) FILTER (WHERE w IS DISTINCT FROM (SELECT referral_agg(referred, value, referrals) FROM ref_rows r WHERE r.i BETWEEN f.i - 4 AND f.i)) AS mismatches
FROM (SELECT i, referral_agg(referred, value, referrals) OVER (ORDER BY i ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS w FROM ref_rows) AS f;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT referral_agg(id % 4 = 0, mrr, (id * 7) % 11 / 5) FROM cx_fixture;
SELECT referral_agg(id % 4 = 0, mrr, (id * 7) % 11 / 5)::text AS parallel_referrals FROM cx_fixture \gset
SET max_parallel_workers_per_gather = 0;
SELECT referral_agg(id % 4 = 0, mrr, (id * 7) % 11 / 5)::text = :'parallel_referrals' AS parallel_equals_serial FROM cx_fixture;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SELECT r::text::referralsummary = r AS text_round_trip, r FROM (SELECT referral_agg(referred, value, referrals) AS r FROM ref_rows) AS t;
