-- A seeded fuzz of every summary type's text and binary input through the server: each mutated
-- input is refused with 22P02 or accepted as a value whose output reads back to the same
-- bytes; nothing else happens, and the session goes on answering.
SELECT setseed(0.20261130);

CREATE TABLE fuzz_seeds (typ regtype, value text);
INSERT INTO fuzz_seeds VALUES
    ('npssummary', '{"v":1,"counts":[1,0,2,0,0,30,0,4,5,600,7]}'),
    ('csatsummary', '{"v":1,"threshold":4.5,"satisfied":3,"responses":4,"sum":15.25}'),
    ('cessummary', '{"v":1,"count":3,"sum":-12.50}'),
    ('clvsummary', '{"v":1,"n":2,"value":150.5,"freq":6,"lifespan":4.000}'),
    ('sharesummary', '{"v":1,"hits":3.5,"total":40.25}'),
    ('churnsummary', '{"v":1,"lost":3,"at_start":40,"period":"[0099-01-01 BC,2025-02-01)"}'),
    ('churnsummary', '{"v":1,"lost":0,"at_start":5,"period":"(2000-01-01 00:00:00+00,2000-01-02 00:00:00.5+00]"}'),
    ('survivalsummary', '{"v":1,"times":[[0,30,1,0],[3,2,4,1],[17,0,0,2],[400,0,5,3]]}'),
    ('cohortsummary', '{"v":1,"period":"month","as_of":"2025-06-30","mrr_scale":2,"first_cohort":[{"cohort":"2025-01-01","size":3,"cells":[[3,2,3,3,3,90.00,80.00,70.00],[2,1,1,1,1,60.00,50.50,40.00]]},{"cohort":"2025-03-01","size":1,"cells":[[1,0,0,1,1,5.00,0.00,0.00]]}],"new_cohort":[{"cohort":"2025-02-01","size":4,"cells":[[4,4,4,4,4,1.00,2.00,1.00]]}]}'),
    ('customermodel', '{"v":1,"model":"bgnbd","r":0.2425929074529243,"alpha":4.413531571906689,"a":0.7928861765567058,"b":2.4257535518895943,"customers":2357,"log_likelihood":-9582.425560567342,"iterations":32}'),
    ('customermodel', '{"v":1,"model":"sbg","alpha":0.704,"beta":1.182}'),
    ('tiersummary', '{"v":1,"moves":false,"mrr":true,"cells":[[null,"At-risk",3,120.50],[null,"Healthy",12,800.5]]}'),
    ('tiersummary', '{"v":1,"moves":true,"mrr":false,"cells":[[null,"a",2],["a",null,1],["a","b",40]]}'),
    ('referralsummary', '{"v":1,"referred":2,"others":30,"referred_value":120.50,"other_value":80.00,"referring":4,"referrals":9}'),
    ('mrrsummary', '{"v":1,"period":"[2025-01-01,2025-02-01)","starting_mrr":60,"ending_mrr":55.5,"new_mrr":5,"reactivation_mrr":0,"expansion_mrr":10.5,"contraction_mrr":10,"churned_mrr":10,"customers_at_start":3,"customers_at_end":3,"new_customers":1,"reactivated_customers":0,"expanded_customers":1,"contracted_customers":1,"churned_customers":1}');

-- one random edit of a text: a character replaced, inserted or deleted, or the text cut
CREATE FUNCTION mutate(t text) RETURNS text LANGUAGE sql AS $$
    SELECT CASE (random() * 4)::int
        WHEN 0 THEN substr(t, 1, p)
        WHEN 1 THEN overlay(t PLACING c FROM p + 1 FOR 0)
        WHEN 2 THEN overlay(t PLACING '' FROM p + 1 FOR 1)
        ELSE overlay(t PLACING c FROM p + 1 FOR 1) END
    FROM (SELECT (random() * length(t))::int AS p,
                 substr('{}[]():,."-+ 0123456789eEBCnul', 1 + (random() * 29)::int, 1) AS c) AS r
$$;
CREATE FUNCTION mutate(b bytea) RETURNS bytea LANGUAGE sql AS $$
    SELECT CASE (random() * 3)::int
        WHEN 0 THEN substring(b FROM 1 FOR p)
        WHEN 1 THEN b || decode(lpad(to_hex((random() * 255)::int), 2, '0'), 'hex')
        ELSE CASE WHEN p < length(b) THEN set_byte(b, p, (random() * 255)::int) ELSE b END END
    FROM (SELECT (random() * length(b))::int AS p) AS r
$$;

-- text input: accepted values read back to the same bytes (the type's send function)
CREATE FUNCTION fuzz_text(typ regtype, seed text, n int, OUT accepted int, OUT refused int, OUT other text,
                          OUT unstable int) LANGUAGE plpgsql AS $$
DECLARE t text; out1 text; same boolean;
BEGIN
    accepted := 0; refused := 0; unstable := 0;
    FOR j IN 1..n LOOP
        t := seed;
        FOR e IN 0..(random() * 3)::int LOOP t := mutate(t); END LOOP;
        BEGIN
            EXECUTE format('SELECT %L::%s::text', t, typ) INTO out1;
            EXECUTE format('SELECT kpi_internal.%2$s_send(%1$L::%2$s) = kpi_internal.%2$s_send(%1$L::%2$s::text::%2$s)', t, typ) INTO same;
            accepted := accepted + 1;
            unstable := unstable + (NOT same)::int;
        EXCEPTION WHEN invalid_text_representation THEN refused := refused + 1;
                  WHEN OTHERS THEN other := coalesce(other || '; ', '') || SQLSTATE || ' ' || SQLERRM;
        END;
    END LOOP;
END $$;

SELECT typ, (f).accepted > 0 AS some_accepted, (f).refused > 0 AS some_refused, (f).other, (f).unstable
FROM (SELECT typ, fuzz_text(typ, value, 400) AS f FROM fuzz_seeds) AS r ORDER BY typ::text, (f).accepted;

-- binary input, through COPY ... (FORMAT binary) from a file the server writes: mutated stored
-- forms are refused with 22P02 or read back to the same bytes
CREATE TABLE fuzz_sink (n npssummary, cs csatsummary, ce cessummary, cl clvsummary, sh sharesummary, ch churnsummary,
                        mr mrrsummary, su survivalsummary, co cohortsummary, cm customermodel,
                        ti tiersummary, re referralsummary);
CREATE FUNCTION copy_file(value bytea) RETURNS bytea LANGUAGE sql AS $$
    SELECT '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea || '\x0001'::bytea
           || int4send(length(value)) || value || '\xffff'::bytea
$$;
CREATE FUNCTION fuzz_binary(typ regtype, seed text, n int, OUT accepted int, OUT refused int, OUT other text,
                            OUT unstable int) LANGUAGE plpgsql AS $$
DECLARE
    b bytea; col text; same boolean; lo oid;
BEGIN
    accepted := 0; refused := 0; unstable := 0;
    col := CASE typ::text WHEN 'npssummary' THEN 'n' WHEN 'csatsummary' THEN 'cs' WHEN 'cessummary' THEN 'ce'
                          WHEN 'clvsummary' THEN 'cl' WHEN 'sharesummary' THEN 'sh' WHEN 'mrrsummary' THEN 'mr'
                          WHEN 'survivalsummary' THEN 'su' WHEN 'cohortsummary' THEN 'co' WHEN 'customermodel' THEN 'cm'
                          WHEN 'tiersummary' THEN 'ti' WHEN 'referralsummary' THEN 're' ELSE 'ch' END;
    FOR j IN 1..n LOOP
        EXECUTE format('SELECT kpi_internal.%2$s_send(%1$L::%2$s)', seed, typ) INTO b;
        FOR e IN 0..(random() * 2)::int LOOP b := mutate(b); END LOOP;
        lo := lo_from_bytea(0, copy_file(b));
        PERFORM lo_export(lo, 'pg_kpi_fuzz.bin');
        PERFORM lo_unlink(lo);
        TRUNCATE fuzz_sink;
        BEGIN
            EXECUTE format('COPY fuzz_sink (%s) FROM %L (FORMAT binary)', col, 'pg_kpi_fuzz.bin');
            EXECUTE format('SELECT kpi_internal.%1$s_send(%2$s) = kpi_internal.%1$s_send(%2$s::text::%1$s) FROM fuzz_sink', typ, col) INTO same;
            accepted := accepted + 1;
            unstable := unstable + (NOT same)::int;
        EXCEPTION WHEN invalid_text_representation THEN refused := refused + 1;
                  WHEN OTHERS THEN other := coalesce(other || '; ', '') || SQLSTATE || ' ' || SQLERRM;
        END;
    END LOOP;
END $$;

SELECT typ, (f).accepted > 0 AS some_accepted, (f).refused > 0 AS some_refused, (f).other, (f).unstable
-- (mrrsummary's bytes are mostly amounts and counts that must add up: more tries reach an accepted one)
FROM (SELECT typ, fuzz_binary(typ, value, CASE typ WHEN 'mrrsummary'::regtype THEN 1000 ELSE 200 END) AS f
      FROM fuzz_seeds) AS r ORDER BY typ::text, (f).accepted;

-- the session still answers
SELECT nps(s) FROM (VALUES (10), (9), (3)) AS v(s);

DROP TABLE fuzz_seeds, fuzz_sink;
DROP FUNCTION mutate(text), mutate(bytea), fuzz_text, fuzz_binary, copy_file;
