-- pg_kpi is a trusted extension: a non-superuser with CREATE on the database installs it.
CREATE ROLE kpi_analyst;
DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO kpi_analyst', current_database()); END $$;
GRANT CREATE ON SCHEMA public TO kpi_analyst;
DROP EXTENSION pg_kpi;
SET ROLE kpi_analyst;
SELECT rolsuper FROM pg_roles WHERE rolname = current_user;
CREATE EXTENSION pg_kpi;
SELECT nps(s) FROM (VALUES (10), (0), (9)) AS v(s);
-- the support functions take internal, so an unprivileged user cannot call them with forged input
SELECT nps_final(NULL::internal);
DROP EXTENSION pg_kpi;
RESET ROLE;
REVOKE CREATE ON SCHEMA public FROM kpi_analyst;
DO $$ BEGIN EXECUTE format('REVOKE CREATE ON DATABASE %I FROM kpi_analyst', current_database()); END $$;
DROP ROLE kpi_analyst;
CREATE EXTENSION pg_kpi;
