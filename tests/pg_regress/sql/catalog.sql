-- The rules of pg_kpi's SQL surface, checked on the catalog, and the user-facing API printed in
-- full so that any change to it shows up in review.
CREATE VIEW kpi_objects AS
SELECT d.classid, d.objid FROM pg_depend d
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pg_kpi');
CREATE VIEW kpi_functions AS
SELECT p.*, n.nspname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.oid IN (SELECT objid FROM kpi_objects WHERE classid = 'pg_proc'::regclass);

-- every aggregate is parallel safe, with a combine function (and serialize and deserialize for
-- its internal state): none breaks the rule
SELECT a.aggfnoid::regprocedure AS not_parallel
FROM pg_aggregate a JOIN kpi_functions p ON p.oid = a.aggfnoid
WHERE p.proparallel <> 's' OR a.aggcombinefn = 0
   OR (a.aggtranstype = 'internal'::regtype AND (a.aggserialfn = 0 OR a.aggdeserialfn = 0));
-- every support function is parallel safe and immutable too
SELECT oid::regprocedure AS not_safe FROM kpi_functions WHERE proparallel <> 's' OR provolatile <> 'i';
-- a moving form wherever the README promises one: every aggregate but clv(double precision) and
-- mrr_agg over subscriptions (a customer's "paid before" has no exact inverse)
SELECT a.aggfnoid::regprocedure AS without_moving_form
FROM pg_aggregate a JOIN kpi_functions p ON p.oid = a.aggfnoid WHERE a.aggminvtransfn = 0
ORDER BY a.aggfnoid::regprocedure::text;
-- every object has a comment
SELECT 'function' AS kind, oid::regprocedure::text AS uncommented FROM kpi_functions
WHERE obj_description(oid, 'pg_proc') IS NULL
UNION ALL
SELECT 'type', t.oid::regtype::text FROM pg_type t
WHERE t.oid IN (SELECT objid FROM kpi_objects WHERE classid = 'pg_type'::regclass)
  AND t.typelem = 0  -- the array types (extension members from PostgreSQL 17 on) have no comment
  AND obj_description(t.oid, 'pg_type') IS NULL
UNION ALL
SELECT 'schema', n.nspname::text FROM pg_namespace n
WHERE n.oid IN (SELECT objid FROM kpi_objects WHERE classid = 'pg_namespace'::regclass)
  AND obj_description(n.oid, 'pg_namespace') IS NULL
UNION ALL
SELECT 'operator', o.oid::regoperator::text FROM pg_operator o
WHERE o.oid IN (SELECT objid FROM kpi_objects WHERE classid = 'pg_operator'::regclass)
  AND obj_description(o.oid, 'pg_operator') IS NULL
UNION ALL
SELECT 'operator class', c.opcname::text FROM pg_opclass c
WHERE c.oid IN (SELECT objid FROM kpi_objects WHERE classid = 'pg_opclass'::regclass)
  AND obj_description(c.oid, 'pg_opclass') IS NULL
UNION ALL
SELECT 'cast', format('%s -> %s', c.castsource::regtype, c.casttarget::regtype) FROM pg_cast c
WHERE c.oid IN (SELECT objid FROM kpi_objects WHERE classid = 'pg_cast'::regclass)
  AND obj_description(c.oid, 'pg_cast') IS NULL;
-- every summary type has =, <>, <, <=, >, >=, a default btree and a default hash operator
-- class, and assignment casts from text and varchar
SELECT t.oid::regtype AS summary,
       (SELECT string_agg(o.oprname, ' ' ORDER BY o.oprname) FROM pg_operator o
        WHERE o.oprleft = t.oid AND o.oprright = t.oid) AS operators,
       (SELECT string_agg(am.amname, ' ' ORDER BY am.amname) FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod
        WHERE c.opcintype = t.oid AND c.opcdefault) AS default_opclasses,
       (SELECT string_agg(c.castsource::regtype || ':' || c.castcontext::text, ' ' ORDER BY c.castsource::regtype::text)
        FROM pg_cast c WHERE c.casttarget = t.oid) AS casts
FROM pg_type t WHERE t.oid IN (SELECT objid FROM kpi_objects WHERE classid = 'pg_type'::regclass) AND t.typelem = 0
ORDER BY t.oid::regtype::text;
-- the user's schema holds only what users call: no function taking or returning internal or
-- cstring there; the support functions are all in kpi_internal
SELECT oid::regprocedure AS internal_in_user_schema FROM kpi_functions
WHERE nspname <> 'kpi_internal'
  AND ('internal'::regtype = ANY (proargtypes) OR prorettype IN ('internal'::regtype, 'cstring'::regtype));
SELECT nspname, prokind, count(*) FROM kpi_functions GROUP BY 1, 2 ORDER BY 1, 2;
-- nothing runs with its owner's rights
SELECT oid::regprocedure AS security_definer FROM kpi_functions WHERE prosecdef;
-- an aggregate and its *_agg twin (same arguments) declare the same state sizes
SELECT a1.aggfnoid::regprocedure AS kpi, a2.aggfnoid::regprocedure AS twin
FROM pg_aggregate a1 JOIN kpi_functions p1 ON p1.oid = a1.aggfnoid
JOIN kpi_functions p2 ON p2.proname = CASE p1.proname WHEN 'churn_rate' THEN 'churn_agg' ELSE p1.proname || '_agg' END
     AND p2.proargtypes = p1.proargtypes
JOIN pg_aggregate a2 ON a2.aggfnoid = p2.oid
WHERE (a1.aggtranstype, a1.aggtransspace, a1.aggmtranstype, a1.aggmtransspace)
   IS DISTINCT FROM (a2.aggtranstype, a2.aggtransspace, a2.aggmtranstype, a2.aggmtransspace);

-- the API: aggregates, functions and types in the user's schema, with their comments' first words
SELECT CASE prokind WHEN 'a' THEN 'aggregate' ELSE 'function' END AS kind,
       oid::regprocedure::text AS signature, prorettype::regtype AS returns
FROM kpi_functions WHERE nspname <> 'kpi_internal' ORDER BY 1, 2;
SELECT t.oid::regtype AS type, t.typinput::regproc AS input, t.typreceive::regproc AS receive, t.typstorage
FROM pg_type t WHERE t.oid IN (SELECT objid FROM kpi_objects WHERE classid = 'pg_type'::regclass) AND t.typelem = 0
ORDER BY t.oid::regtype::text;
DROP VIEW kpi_functions, kpi_objects;
