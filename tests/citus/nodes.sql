-- Citus and the extension's versions across nodes (psql variables: port1, port2; run on the
-- coordinator, which has worker 1 only at the start). Citus propagates CREATE EXTENSION,
-- ALTER EXTENSION ... UPDATE and DROP EXTENSION from the coordinator to the workers, and creates
-- the coordinator's extensions, at the coordinator's version, on a node as it is added.
\pset format unaligned
\pset tuples_only on
\pset fieldsep ' | '
-- the extension's objects on a node, as one fingerprint
CREATE FUNCTION pg_kpi_objects() RETURNS text LANGUAGE sql AS $$
SELECT extversion || ' ' || md5(string_agg(pg_describe_object(d.classid, d.objid, 0), ',' ORDER BY pg_describe_object(d.classid, d.objid, 0)))
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
WHERE e.extname = 'pg_kpi' AND d.deptype = 'e' AND d.refclassid = 'pg_extension'::regclass
GROUP BY extversion $$;
-- the same on every node: the coordinator's fingerprint, and each worker's (Citus runs it there)
CREATE FUNCTION versions_everywhere() RETURNS text LANGUAGE sql AS $$
SELECT (SELECT coalesce(pg_kpi_objects(), 'none')) || ' | workers: ' || string_agg(result, ', ' ORDER BY nodeport)
FROM run_command_on_workers($q$SELECT coalesce((SELECT extversion || ' ' || md5(string_agg(pg_describe_object(d.classid, d.objid, 0), ',' ORDER BY pg_describe_object(d.classid, d.objid, 0)))
    FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
    WHERE e.extname = 'pg_kpi' AND d.deptype = 'e' AND d.refclassid = 'pg_extension'::regclass GROUP BY extversion), 'none')$q$) $$;
CREATE FUNCTION same_everywhere(want text) RETURNS boolean LANGUAGE sql AS $$
SELECT versions_everywhere() = format('%s | workers: %s, %s', pg_kpi_objects(), pg_kpi_objects(), pg_kpi_objects())
       AND pg_kpi_objects() LIKE want || ' %' $$;

CREATE EXTENSION pg_kpi VERSION '0.3.0';
SELECT 'CREATE EXTENSION pg_kpi VERSION ''0.3.0'' on the coordinator reaches worker 1', true
FROM run_command_on_workers($q$SELECT extversion FROM pg_extension WHERE extname = 'pg_kpi'$q$)
HAVING count(*) = 1 AND bool_and(result = '0.3.0');
SELECT citus_add_node('127.0.0.1', :port2) IS NOT NULL AS added \gset
SELECT 'citus_add_node afterwards: worker 2 gets the coordinator''s version (0.3.0), every object the same', same_everywhere('0.3.0');
ALTER EXTENSION pg_kpi UPDATE;
SELECT 'ALTER EXTENSION pg_kpi UPDATE on the coordinator updates every worker to 0.4.0, every object the same', same_everywhere('0.4.0');
SELECT pg_kpi_objects() AS updated \gset
DROP EXTENSION pg_kpi;
SELECT 'DROP EXTENSION pg_kpi on the coordinator drops it on every worker', versions_everywhere() = 'none | workers: none, none';
CREATE EXTENSION pg_kpi;
SELECT 'CREATE EXTENSION pg_kpi (0.4.0) reaches every worker, and a fresh install equals the updated one', same_everywhere('0.4.0') AND pg_kpi_objects() = :'updated';
SELECT 'the versions: ' || versions_everywhere(), true;
DROP FUNCTION same_everywhere(text), versions_everywhere(), pg_kpi_objects();
