-- What BI tools and client drivers do with pg_kpi: write summaries as text parameters, group,
-- compare and de-duplicate summary columns, sum plain counts and call a *_from_counts function,
-- and send double precision and bigint columns (pandas, JSON loaders).

-- 1. assignment casts: a text or varchar value (a driver's string parameter) is stored in a
--    summary column, for every summary type
CREATE TABLE bi_store (k int, n npssummary, cs csatsummary, ce cessummary, cl clvsummary, sh sharesummary, ch churnsummary);
INSERT INTO bi_store VALUES (1, '{"v":1,"counts":[1,0,0,0,0,0,0,0,0,0,2]}'::text,
    '{"v":1,"threshold":4,"satisfied":1,"responses":2,"sum":7}'::varchar,
    '{"v":1,"count":2,"sum":7.5}'::text, '{"v":1,"n":1,"value":10,"freq":2,"lifespan":3}'::text,
    '{"v":1,"hits":1,"total":4}'::varchar, '{"v":1,"lost":1,"at_start":4,"period":null}'::text);
PREPARE put(int, text, varchar) AS INSERT INTO bi_store (k, n, cs) VALUES ($1, $2, $3);
EXECUTE put(2, '{"v":1,"counts":[0,0,0,0,0,0,0,0,0,0,5]}', '{"v":1,"threshold":4,"satisfied":0,"responses":1,"sum":2}');
UPDATE bi_store SET ce = '{"v":1,"count":1,"sum":3}'::text WHERE k = 2;
SELECT k, nps(n), csat(cs), ces(ce) FROM bi_store ORDER BY k;
-- a string parameter in a KPI call needs its type named: nps($1::npssummary)
PREPARE get(text) AS SELECT nps($1::npssummary);
EXECUTE get('{"v":1,"counts":[0,0,0,0,0,0,0,0,0,1,1]}');
-- an implicit cast would make nps(text) ambiguous; there is none
SELECT nps('{"v":1,"counts":[0,0,0,0,0,0,0,0,0,1,1]}'::text);
-- a malformed string is 22P02 on assignment too
INSERT INTO bi_store (k, n) VALUES (3, 'not a summary'::text);

-- 2. equality, GROUP BY, DISTINCT, ORDER BY, UNION, count(DISTINCT) and joins on summary columns
CREATE TABLE bi_daily AS
SELECT d % 5 AS day, nps_agg(x) AS n, csat_agg(x % 5 + 1) AS cs, ces_agg(x) AS ce, clv_agg(x, 1, 2) AS cl,
       share_agg(x > 5) AS sh, churn_agg(10, x % 3) AS ch
FROM generate_series(1, 40) AS d, generate_series(0, 10) AS s, LATERAL (SELECT (s * s + d * 7 + d / 4 + d / 9) % 11 AS x) AS v
GROUP BY 1;
INSERT INTO bi_daily SELECT day + 100, n, cs, ce, cl, sh, ch FROM bi_daily;  -- every summary twice
SELECT count(*) AS rows, count(DISTINCT n) AS nps, count(DISTINCT cs) AS csat, count(DISTINCT ce) AS ces,
       count(DISTINCT cl) AS clv, count(DISTINCT sh) AS share, count(DISTINCT ch) AS churn FROM bi_daily;
SELECT n, count(*) FROM bi_daily GROUP BY n ORDER BY n LIMIT 3;
SELECT count(*) AS distinct_rows FROM (SELECT DISTINCT n, cs, ce, cl, sh, ch FROM bi_daily) AS d;
SELECT count(*) AS union_rows FROM (SELECT n, cs, ce, cl, sh, ch FROM bi_daily UNION SELECT n, cs, ce, cl, sh, ch FROM bi_daily) AS u;
SELECT count(*) AS joined FROM bi_daily a JOIN bi_daily b ON a.n = b.n AND a.cs = b.cs AND a.ce = b.ce AND a.cl = b.cl AND a.sh = b.sh AND a.ch = b.ch;
SET enable_hashjoin = off;
SET enable_mergejoin = on;
SET enable_nestloop = off;
SELECT count(*) AS merge_joined FROM bi_daily a JOIN bi_daily b ON a.n = b.n;
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_nestloop;
SET enable_hashagg = off;
SELECT count(*) AS sorted_groups FROM (SELECT n FROM bi_daily GROUP BY n) AS g;
RESET enable_hashagg;
SET enable_sort = off;
SELECT count(*) AS hashed_groups FROM (SELECT cs FROM bi_daily GROUP BY cs) AS g;
RESET enable_sort;
-- equal values are equal whatever their text looked like; <> and the order are consistent
SELECT '{"v":1,"count":2,"sum":7.5}'::cessummary = '{ "sum": 7.5, "count": 2, "v": 1 }'::cessummary AS same_value,
       '{"v":1,"count":2,"sum":7.5}'::cessummary <> '{"v":1,"count":2,"sum":7.50}'::cessummary AS other_scale_differs,
       ('{"v":1,"counts":[0,0,0,0,0,0,0,0,0,0,1]}'::npssummary < '{"v":1,"counts":[0,0,0,0,0,0,0,0,0,0,2]}'::npssummary)
           = ('{"v":1,"counts":[0,0,0,0,0,0,0,0,0,0,2]}'::npssummary > '{"v":1,"counts":[0,0,0,0,0,0,0,0,0,0,1]}'::npssummary) AS order_consistent;
-- hash opclass: a summary column can be a hash partition key and a hash index
CREATE TABLE bi_parts (n npssummary) PARTITION BY HASH (n);
CREATE TABLE bi_parts_0 PARTITION OF bi_parts FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE bi_parts_1 PARTITION OF bi_parts FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO bi_parts SELECT n FROM bi_daily;
SELECT (SELECT count(*) FROM bi_parts_0) + (SELECT count(*) FROM bi_parts_1) AS partitioned_rows;
CREATE INDEX ON bi_daily USING hash (cl);
CREATE INDEX ON bi_daily (sh);

-- 3. plain counts a BI tool may SUM, and one function call for the KPI over any period: equal to
--    rolling up the summaries, where averaging daily KPIs is wrong
CREATE TABLE bi_counts AS
SELECT day, promoters(n), passives(n), detractors(n), satisfied(cs), responses(cs) AS csat_responses,
       matching(sh), total(sh), customers_lost(ch) AS lost, customers_at_start(ch) AS at_start
FROM bi_daily WHERE day < 100;
SELECT nps_from_counts(sum(promoters), sum(passives), sum(detractors)) = (SELECT nps(rollup(n)) FROM bi_daily WHERE day < 100) AS nps_equal,
       csat_from_counts(sum(satisfied), sum(csat_responses)) = (SELECT csat(rollup(cs)) FROM bi_daily WHERE day < 100) AS csat_equal,
       share_from_counts(sum(matching), sum(total)) = (SELECT share(rollup(sh)) FROM bi_daily WHERE day < 100) AS share_equal,
       churn_rate_from_counts(sum(lost), sum(at_start)) = (SELECT churn_rate(rollup(ch)) FROM bi_daily WHERE day < 100) AS churn_equal,
       retention_rate_from_counts(sum(lost), sum(at_start)) = (SELECT retention_rate(rollup(ch)) FROM bi_daily WHERE day < 100) AS retention_equal
FROM bi_counts;
SELECT nps_from_counts(90, 70, 40) AS nps, nps_from_counts(0, 0, 0) AS nps_of_nothing,
       csat_from_counts(3, 4) AS csat, share_from_counts(7.5, 30) AS share, share_from_counts(0, 0) AS share_of_nothing,
       churn_rate_from_counts(1, 4) AS churn, retention_rate_from_counts(1, 4) AS retention, nps_from_counts(NULL, 1, 1) AS with_null;
SELECT nps_from_counts(1, -2, 3);
SELECT nps_from_counts(1.5, 2, 3);
SELECT csat_from_counts(5, 4);
SELECT share_from_counts(-1, 4);
SELECT churn_rate_from_counts(5, 4);

-- 4. double precision and bigint inputs follow the rules of the numeric forms
CREATE TABLE bi_floats AS
SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 11)::float8 END AS score,
       CASE WHEN i % 5 = 0 THEN NULL ELSE (1 + i % 5)::float8 + (i % 2) / 2.0 END AS rating,
       (i % 4)::bigint + 1 AS contacts
FROM generate_series(1, 200) AS i;
SELECT nps(score) = nps(score::numeric) AS nps, csat(rating) = csat(rating::numeric) AS csat,
       csat(rating, 3.5) = csat(rating::numeric, 3.5) AS csat_t, ces(rating) = ces(rating::numeric) AS ces,
       ces(rating, 4) = ces(rating::numeric, 4) AS ces_easy, fcr_rate(contacts) = fcr_rate(contacts::int) AS fcr,
       nps_agg(score) = nps_agg(score::numeric) AS nps_agg, csat_agg(rating) = csat_agg(rating::numeric) AS csat_agg,
       csat_agg(rating, 3.5) = csat_agg(rating::numeric, 3.5) AS csat_agg_t, ces_agg(rating) = ces_agg(rating::numeric) AS ces_agg
FROM bi_floats;
SELECT ces(x), ces_agg(x) FROM (VALUES (0.1::float8), (1.0 / 3), (2.5)) AS v(x);
SELECT nps(x) FROM (VALUES (9.5::float8)) AS v(x);
SELECT nps(x) FROM (VALUES (11::float8)) AS v(x);
SELECT nps(x) FROM (VALUES (1e20::float8)) AS v(x);
SELECT nps(x) FROM (VALUES ('NaN'::float8)) AS v(x);
SELECT nps(x) FROM (VALUES ('-Infinity'::float8)) AS v(x);
SELECT nps(x), nps_agg(x) FROM (VALUES ('-0'::float8), (10::float8)) AS v(x);
SELECT csat(x) FROM (VALUES ('Infinity'::float8)) AS v(x);
SELECT ces(x) FROM (VALUES (1e300::float8)) AS v(x);
SELECT csat(x, 'NaN') FROM (VALUES (4::float8)) AS v(x);
SELECT fcr_rate(x) FROM (VALUES (0::bigint)) AS v(x);

DROP TABLE bi_store, bi_daily, bi_parts, bi_counts, bi_floats;
DEALLOCATE put;
DEALLOCATE get;
