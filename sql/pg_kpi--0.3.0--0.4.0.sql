-- pg_kpi 0.3.0 -> 0.4.0
-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION pg_kpi UPDATE TO '0.4.0'" to load this file. \quit

-- Every statement here is also in the fresh install script, in the .sql file beside its module.
