-- scripts/package_test.sh: what a user of the Debian package does first, on a server without Rust
CREATE EXTENSION pg_kpi;
SELECT 'package: fresh ' || extversion || ', nps ' || nps(s) FROM pg_extension, (VALUES (10), (9), (3)) v(s) WHERE extname = 'pg_kpi' GROUP BY extversion;
CREATE DATABASE old;
\c old
CREATE EXTENSION pg_kpi VERSION '0.1.0';
CREATE TABLE t AS SELECT nps_agg(s) AS n FROM (VALUES (10), (9), (3)) v(s);
ALTER EXTENSION pg_kpi UPDATE;
SELECT 'package: updated 0.1.0 to ' || extversion || ', stored summary reads ' || nps(n) FROM pg_extension, t WHERE extname = 'pg_kpi';
