-- pg_kpi is a trusted extension: a non-superuser with CREATE on the database installs it, in the
-- schema of its choice; its support functions live in its own schema, kpi_internal.
CREATE ROLE kpi_analyst;
DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO kpi_analyst', current_database()); END $$;
GRANT CREATE ON SCHEMA public TO kpi_analyst;
DROP EXTENSION pg_kpi;
SET ROLE kpi_analyst;
SELECT rolsuper FROM pg_roles WHERE rolname = current_user;
CREATE EXTENSION pg_kpi;
SELECT nps(s) FROM (VALUES (10), (0), (9)) AS v(s);
-- the support functions are not in the user's schema, and take internal, so an unprivileged user
-- cannot call them with forged input
SELECT nps_final(NULL::internal);
SELECT kpi_internal.nps_final(NULL::internal);
SELECT count(*) AS api_functions_taking_internal FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND 'internal'::regtype = ANY (p.proargtypes);
DROP EXTENSION pg_kpi;
SELECT count(*) AS internal_schema_left FROM pg_namespace WHERE nspname = 'kpi_internal';
-- CREATE EXTENSION pg_kpi SCHEMA analytics: the API in analytics, the support functions in
-- kpi_internal
CREATE SCHEMA analytics;
CREATE EXTENSION pg_kpi SCHEMA analytics;
SELECT analytics.nps(s), analytics.nps(analytics.nps_agg(s)) FROM (VALUES (10), (0), (9)) AS v(s);
SET search_path = analytics;
SELECT csat(r), ces(r) FROM (VALUES (5), (4), (2)) AS v(r);
RESET search_path;
SELECT n.nspname, count(*) FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pg_kpi')
GROUP BY 1 ORDER BY 1;
DROP EXTENSION pg_kpi;
DROP SCHEMA analytics;
RESET ROLE;
REVOKE CREATE ON SCHEMA public FROM kpi_analyst;
DO $$ BEGIN EXECUTE format('REVOKE CREATE ON DATABASE %I FROM kpi_analyst', current_database()); END $$;
DROP ROLE kpi_analyst;
CREATE EXTENSION pg_kpi;
