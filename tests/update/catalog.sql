-- pg_kpi's objects in this database as normalized text, one line each, for comparing an updated
-- database with a fresh install: every function (definition, volatility, parallel safety,
-- strictness, comment), every pg_aggregate column, types, casts, operators, operator classes
-- and families, schemas, the functions' recorded dependencies. OIDs are replaced by names (functions with their argument types).
\pset format unaligned
\pset tuples_only on
CREATE TEMP VIEW kpi_member AS
SELECT d.classid, d.objid FROM pg_depend d
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pg_kpi');
CREATE TEMP VIEW kpi_catalog AS
SELECT 'extension ' || extname || ' ' || extversion || ' ' || extrelocatable AS line
FROM pg_extension WHERE extname = 'pg_kpi'
UNION ALL
SELECT 'schema ' || nspname || ' ' || coalesce(obj_description(oid, 'pg_namespace'), '<no comment>')
FROM pg_namespace WHERE oid IN (SELECT objid FROM kpi_member WHERE classid = 'pg_namespace'::regclass)
UNION ALL
SELECT 'function ' || p.oid::regprocedure || ' ' || (to_jsonb(p) - ARRAY['oid', 'proowner', 'proacl', 'pronamespace',
        'prolang', 'prorettype', 'proargtypes', 'prosupport', 'proallargtypes', 'protrftypes']
    || jsonb_build_object('namespace', n.nspname, 'language', l.lanname, 'returns', pg_get_function_result(p.oid),
        'arguments', pg_get_function_arguments(p.oid), 'support', p.prosupport::regprocedure::text,
        -- argument defaults as stored, without the positions in the script that created them
        'proargdefaults', regexp_replace(p.proargdefaults::text, ':location -?[0-9]+', '', 'g'),
        'comment', obj_description(p.oid, 'pg_proc')))::text
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
WHERE p.oid IN (SELECT objid FROM kpi_member WHERE classid = 'pg_proc'::regclass)
UNION ALL
SELECT 'aggregate ' || a.aggfnoid::regprocedure || ' ' || (to_jsonb(a)
    || jsonb_build_object('aggfnoid', a.aggfnoid::regprocedure::text, 'aggtransfn', a.aggtransfn::regprocedure::text,
        'aggfinalfn', a.aggfinalfn::regprocedure::text, 'aggcombinefn', a.aggcombinefn::regprocedure::text,
        'aggserialfn', a.aggserialfn::regprocedure::text, 'aggdeserialfn', a.aggdeserialfn::regprocedure::text,
        'aggmtransfn', a.aggmtransfn::regprocedure::text, 'aggminvtransfn', a.aggminvtransfn::regprocedure::text,
        'aggmfinalfn', a.aggmfinalfn::regprocedure::text, 'aggsortop', a.aggsortop::regoperator::text,
        'aggtranstype', a.aggtranstype::regtype::text, 'aggmtranstype', a.aggmtranstype::regtype::text))::text
FROM pg_aggregate a WHERE a.aggfnoid IN (SELECT objid FROM kpi_member WHERE classid = 'pg_proc'::regclass)
UNION ALL
SELECT 'type ' || t.oid::regtype || ' ' || (to_jsonb(t) - ARRAY['oid', 'typowner', 'typacl', 'typnamespace', 'typrelid']
    || jsonb_build_object('typnamespace', n.nspname, 'typinput', t.typinput::regprocedure::text,
        'typoutput', t.typoutput::regprocedure::text, 'typreceive', t.typreceive::regprocedure::text,
        'typsend', t.typsend::regprocedure::text, 'typmodin', t.typmodin::regprocedure::text,
        'typmodout', t.typmodout::regprocedure::text, 'typanalyze', t.typanalyze::regprocedure::text,
        'typelem', t.typelem::regtype::text, 'typarray', t.typarray::regtype::text,
        'typbasetype', t.typbasetype::regtype::text, 'comment', obj_description(t.oid, 'pg_type')))::text
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.oid IN (SELECT objid FROM kpi_member WHERE classid = 'pg_type'::regclass)
UNION ALL
SELECT 'cast ' || c.castsource::regtype || ' -> ' || c.casttarget::regtype || ' ' || coalesce(c.castfunc::regprocedure::text, '-')
    || ' ' || c.castcontext::text || ' ' || c.castmethod::text || ' ' || coalesce(obj_description(c.oid, 'pg_cast'), '<no comment>')
FROM pg_cast c WHERE c.oid IN (SELECT objid FROM kpi_member WHERE classid = 'pg_cast'::regclass)
UNION ALL
SELECT 'operator ' || o.oid::regoperator || ' ' || o.oprcode::regprocedure || ' ' || o.oprrest::text || ' ' || o.oprjoin::text
    || ' com=' || o.oprcom::regoperator || ' neg=' || o.oprnegate::regoperator || ' merge=' || o.oprcanmerge
    || ' hash=' || o.oprcanhash || ' ' || coalesce(obj_description(o.oid, 'pg_operator'), '<no comment>')
FROM pg_operator o WHERE o.oid IN (SELECT objid FROM kpi_member WHERE classid = 'pg_operator'::regclass)
UNION ALL
SELECT 'opclass ' || am.amname || ' ' || oc.opcname || ' ' || oc.opcintype::regtype || ' default=' || oc.opcdefault
    || ' family=' || of.opfname || ' ' || (SELECT string_agg(ao.amopstrategy || ':' || ao.amopopr::regoperator, ',' ORDER BY ao.amopstrategy)
        FROM pg_amop ao WHERE ao.amopfamily = of.oid)
    || ' ' || (SELECT string_agg(ap.amprocnum || ':' || ap.amproc::regprocedure, ',' ORDER BY ap.amprocnum)
        FROM pg_amproc ap WHERE ap.amprocfamily = of.oid)
FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod JOIN pg_opfamily of ON of.oid = oc.opcfamily
WHERE oc.oid IN (SELECT objid FROM kpi_member WHERE classid = 'pg_opclass'::regclass)
UNION ALL
-- what each function and aggregate is recorded to depend on (its support functions, types): an
-- update that edits pg_aggregate by hand would leave these behind
SELECT 'depends ' || d.objid::regprocedure || ' -> ' || pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid) || ' ' || d.deptype::text
FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'n'
  AND d.objid IN (SELECT objid FROM kpi_member WHERE classid = 'pg_proc'::regclass)
UNION ALL
SELECT 'member ' || pg_describe_object(classid, objid, 0) FROM kpi_member;
SELECT line FROM kpi_catalog ORDER BY line COLLATE "C";
