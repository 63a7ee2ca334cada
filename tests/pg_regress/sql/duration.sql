-- avg_response_time / avg_resolution_time: mean of end - start as interval.

-- happy path, grouped
CREATE TEMP TABLE tickets (queue text, opened_at timestamptz, first_reply_at timestamptz, resolved_at timestamptz);
SET timezone = 'UTC';
INSERT INTO tickets VALUES
  ('billing', '2025-03-01 09:00', '2025-03-01 09:30', '2025-03-02 10:00'),
  ('billing', '2025-03-01 10:00', '2025-03-01 12:00', '2025-03-01 18:00'),
  ('tech',    '2025-03-02 08:00', '2025-03-02 08:05', '2025-03-05 08:00'),
  ('tech',    '2025-03-02 09:00', '2025-03-02 09:01', NULL);
SELECT queue, avg_response_time(opened_at, first_reply_at), avg_resolution_time(opened_at, resolved_at),
       round(extract(epoch FROM avg_resolution_time(opened_at, resolved_at)) / 3600, 1) AS resolution_hours
FROM tickets GROUP BY queue ORDER BY queue;
SELECT pg_typeof(avg_response_time(opened_at, first_reply_at)) FROM tickets;

-- NULLs: an unanswered or unresolved ticket is skipped, so is one with no start
INSERT INTO tickets VALUES ('tech', NULL, '2025-03-02 10:00', '2025-03-02 11:00'), ('billing', '2025-03-03 09:00', NULL, NULL);
SELECT queue, avg_response_time(opened_at, first_reply_at), avg_resolution_time(opened_at, resolved_at), count(*) AS tickets
FROM tickets GROUP BY queue ORDER BY queue;

-- all-NULL and empty input give NULL
SELECT avg_response_time(opened_at, NULL) IS NULL AS unanswered, avg_resolution_time(opened_at, resolved_at) IS NULL AS empty
FROM tickets WHERE queue = 'none';
SELECT avg_resolution_time(now(), NULL::timestamptz) IS NULL AS all_null;

-- each overload: timestamptz and timestamp
SELECT avg_response_time(a, b) AS tstz, avg_response_time(a::timestamp, b::timestamp) AS ts,
       avg_resolution_time(a, b) AS res_tstz, avg_resolution_time(a::timestamp, b::timestamp) AS res_ts
FROM (VALUES ('2025-01-01 10:00+00'::timestamptz, '2025-01-02 12:00+00'::timestamptz), ('2025-01-01 10:00+00', '2025-01-03 13:00+00')) AS v(a, b);

-- boundaries: zero duration, a microsecond, long spans, rounding to the microsecond
SELECT avg_response_time(t, t) AS zero FROM (VALUES (now())) AS v(t);
SELECT avg_response_time(a, b) FROM (VALUES ('2025-01-01 00:00:00'::timestamp, '2025-01-01 00:00:00.000001'::timestamp), ('2025-01-01', '2025-01-01')) AS v(a, b);
SELECT avg_response_time('2000-01-01'::timestamptz, '2290-01-01'::timestamptz);
SELECT avg_response_time(a, b) FROM (VALUES ('2025-01-01 00:00:00'::timestamp, '2025-01-01 00:00:00.000001'::timestamp),
                                            ('2025-01-01', '2025-01-01'), ('2025-01-01', '2025-01-01')) AS v(a, b);

-- every error names the values
\set VERBOSITY sqlstate
SELECT avg_response_time('2025-01-02 12:00+00'::timestamptz, '2025-01-01 10:00+00'::timestamptz);
SELECT avg_response_time('2025-01-02'::timestamp, 'infinity'::timestamp);
\set VERBOSITY default
SELECT avg_response_time('2025-01-02 12:00+00'::timestamptz, '2025-01-01 10:00+00'::timestamptz);
SELECT avg_resolution_time('2025-01-02 12:00'::timestamp, '2025-01-01 10:00:00.25'::timestamp);
SELECT avg_response_time('-infinity'::timestamptz, now());
SELECT avg_resolution_time('2025-01-02'::timestamp, 'infinity'::timestamp);

-- GROUP BY agrees with avg(end - start) in every group
SELECT count(*) AS groups, count(*) FILTER (WHERE kpi IS DISTINCT FROM by_hand) AS mismatches,
       max(abs(extract(epoch FROM kpi - by_hand))) AS max_difference_seconds
FROM (SELECT segment, id % 50 AS bucket, avg_response_time(requested_at, responded_at) AS kpi, avg(responded_at - requested_at) AS by_hand
      FROM cx_fixture GROUP BY 1, 2) AS g;

-- window frames: the moving form equals recomputing every frame
CREATE TEMP TABLE stream AS SELECT id, requested_at, responded_at FROM cx_fixture WHERE id <= 1500;
SELECT count(*) AS rows, count(*) FILTER (WHERE a IS DISTINCT FROM ra) AS mismatches
FROM (SELECT s1.id, avg_response_time(requested_at, responded_at) OVER (ORDER BY id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) AS a,
             (SELECT avg_response_time(s2.requested_at, s2.responded_at) FROM stream s2 WHERE s2.id BETWEEN s1.id - 29 AND s1.id) AS ra
      FROM stream s1) AS x;

-- parallel plan equals serial
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT avg_response_time(requested_at, responded_at), avg_resolution_time(requested_at::timestamp, responded_at::timestamp) FROM cx_fixture;
CREATE TEMP TABLE par AS SELECT avg_response_time(requested_at, responded_at) a, avg_resolution_time(requested_at::timestamp, responded_at::timestamp) b FROM cx_fixture;
SET max_parallel_workers_per_gather = 0;
SELECT (a, b) = (SELECT avg_response_time(requested_at, responded_at), avg_resolution_time(requested_at::timestamp, responded_at::timestamp) FROM cx_fixture)
       AS parallel_equals_serial, a, b
FROM par;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- agreement with the hand-written SQL, and charting in hours
SELECT avg_response_time(requested_at, responded_at) = avg(responded_at - requested_at) AS agrees,
       round(extract(epoch FROM avg_response_time(requested_at, responded_at)) / 3600, 2) AS hours
FROM cx_fixture;
RESET timezone;
