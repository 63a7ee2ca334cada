-- make bench BENCH_PREVIOUS=<rev>: the aggregates of a previous build beside this build's, in the
-- bench database only. Schema bench_previous gets a copy of every pg_kpi aggregate whose
-- transition and final functions are bound to the previous build's library (psql variable `lib`,
-- a file in $libdir); a query run with `search_path = bench_previous, public` calls those, the
-- same query with `public` this build's (an identical signature earlier in the path wins). The
-- accessors and everything else stay this build's. An aggregate whose function the previous
-- library lacks is left out (bench.py lists them). Re-run by every bench; nothing else uses it.
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench_previous CASCADE;
CREATE SCHEMA bench_previous;
-- function f as the previous build's: its copy in bench_previous when it is in pg_kpi's library
-- (made here), else f itself (a SQL or built-in function)
CREATE FUNCTION pg_temp.previous(f regprocedure, lib text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    p pg_proc;
    def text;
BEGIN
    SELECT * INTO p FROM pg_proc WHERE oid = f;
    IF p.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'c') OR p.probin NOT LIKE '%pg_kpi' THEN
        RETURN f::regproc::text;
    END IF;
    def := replace(pg_get_functiondef(f),
                   'FUNCTION ' || quote_ident(p.pronamespace::regnamespace::text) || '.',
                   'FUNCTION bench_previous.');
    EXECUTE replace(def, quote_literal(p.probin), quote_literal('$libdir/' || lib));
    RETURN 'bench_previous.' || quote_ident(p.proname);
END
$f$;
SELECT set_config('bench.previous_lib', :'lib', false);
DO $$
DECLARE
    lib text := current_setting('bench.previous_lib');
    a record;
    agg_sql text;
BEGIN
    FOR a IN
        SELECT quote_ident(p.proname) AS name, pg_get_function_identity_arguments(p.oid) AS args,
               ag.aggtransfn, ag.aggfinalfn, format_type(ag.aggtranstype, NULL) AS stype,
               ag.aggtransspace, ag.aggfinalextra, ag.aggfinalmodify, ag.agginitval
        FROM pg_aggregate ag
        JOIN pg_proc p ON p.oid = ag.aggfnoid
        JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
        JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_kpi'
        WHERE ag.aggkind = 'n'
    LOOP
        BEGIN
            agg_sql := format('CREATE AGGREGATE bench_previous.%s(%s) (STYPE = %s, SFUNC = %s',
                              a.name, a.args, a.stype, pg_temp.previous(a.aggtransfn, lib));
            IF a.aggfinalfn <> 0 THEN
                agg_sql := agg_sql || ', FINALFUNC = ' || pg_temp.previous(a.aggfinalfn, lib)
                    || CASE WHEN a.aggfinalextra THEN ', FINALFUNC_EXTRA' ELSE '' END
                    || ', FINALFUNC_MODIFY = '
                    || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END;
            END IF;
            IF a.aggtransspace <> 0 THEN
                agg_sql := agg_sql || ', SSPACE = ' || a.aggtransspace;
            END IF;
            IF a.agginitval IS NOT NULL THEN
                agg_sql := agg_sql || ', INITCOND = ' || quote_literal(a.agginitval);
            END IF;
            EXECUTE agg_sql || ')';
        EXCEPTION WHEN undefined_function THEN
            NULL; -- the previous library lacks one of its functions: left out
        END;
    END LOOP;
END
$$;
