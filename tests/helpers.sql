-- Helpers of the sharding tests (postgres_fdw, Citus), on the coordinator.
-- the plan of a query, as EXPLAIN (VERBOSE, COSTS OFF) prints it
CREATE FUNCTION plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || query LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END $$;
-- the SQLSTATE and message a query raises, or 'no error'
CREATE FUNCTION error_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    state text;
    message text;
BEGIN
    EXECUTE query;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
    RETURN state || ' ' || message;
END $$;
-- every row a query returns, as text, one line each (NULL columns print as nothing)
CREATE FUNCTION result_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r record;
    result text := '';
BEGIN
    FOR r IN EXECUTE query LOOP
        result := result || r::text || E'\n';
    END LOOP;
    RETURN result;
END $$;
