-- customermodel: probabilistic customer models fitted by maximum likelihood in an aggregate:
-- sBG retention (sbg_fit), BG/NBD purchases (bgnbd_fit) and Gamma-Gamma spend (gammagamma_fit);
-- stored, printed and read back as values, applied to other rows by the accessors. Included by
-- model_sql.rs.
CREATE TYPE customermodel;
CREATE FUNCTION kpi_internal.customermodel_in(text cstring) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_in';
CREATE FUNCTION kpi_internal.customermodel_out(model customermodel) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_out';
CREATE FUNCTION kpi_internal.customermodel_recv(buf internal) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_recv';
CREATE FUNCTION kpi_internal.customermodel_send(model customermodel) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_send';
CREATE TYPE customermodel (
    INPUT = kpi_internal.customermodel_in, OUTPUT = kpi_internal.customermodel_out,
    RECEIVE = kpi_internal.customermodel_recv, SEND = kpi_internal.customermodel_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended
);
COMMENT ON TYPE customermodel IS 'A customer model: sBG (alpha, beta), BG/NBD (r, alpha, a, b) or Gamma-Gamma (p, q, gamma), fitted with its report (customers, log-likelihood, iterations) or made from given parameters; stored versioned; text {"v":1,"model":"bgnbd","r":...,"alpha":...,"a":...,"b":...,"customers":...,"log_likelihood":...,"iterations":...}';
COMMENT ON FUNCTION kpi_internal.customermodel_in(cstring) IS 'customermodel input; malformed text, an unknown model, a missing or extra parameter or one not above 0 is error 22P02';
COMMENT ON FUNCTION kpi_internal.customermodel_out(customermodel) IS 'customermodel output: {"v":1,"model":...,<parameters>[,"customers":...,"log_likelihood":...,"iterations":...]}, each double as the shortest decimal that reads back to it';
COMMENT ON FUNCTION kpi_internal.customermodel_recv(internal) IS 'customermodel binary input; impossible bytes are error 22P02';
COMMENT ON FUNCTION kpi_internal.customermodel_send(customermodel) IS 'customermodel binary output: version byte, model byte, parameters as little-endian doubles, then 0, or 1 and customers (LEB128), log-likelihood (double), iterations (LEB128)';

CREATE FUNCTION kpi_internal.model_fit_combine2(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'model_fit_combine2';
CREATE FUNCTION kpi_internal.model_fit_combine3(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'model_fit_combine3';
CREATE FUNCTION kpi_internal.model_fit_serialize2(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'model_fit_serialize2';
CREATE FUNCTION kpi_internal.model_fit_serialize3(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'model_fit_serialize3';
CREATE FUNCTION kpi_internal.model_fit_deserialize2(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'model_fit_deserialize2';
CREATE FUNCTION kpi_internal.model_fit_deserialize3(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'model_fit_deserialize3';
CREATE FUNCTION kpi_internal.sbg_fit_accum(state internal, renewals bigint, churned boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_fit_accum';
CREATE FUNCTION kpi_internal.sbg_fit_final(state internal) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_fit_final';
CREATE FUNCTION kpi_internal.bgnbd_fit_accum(state internal, frequency bigint, recency double precision, age double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'bgnbd_fit_accum';
CREATE FUNCTION kpi_internal.bgnbd_fit_final(state internal) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'bgnbd_fit_final';
CREATE FUNCTION kpi_internal.gammagamma_fit_accum(state internal, frequency bigint, monetary_value double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'gammagamma_fit_accum';
CREATE FUNCTION kpi_internal.gammagamma_fit_final(state internal) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'gammagamma_fit_final';
CREATE AGGREGATE sbg_fit(renewals bigint, churned boolean) (
    SFUNC = kpi_internal.sbg_fit_accum, STYPE = internal, FINALFUNC = kpi_internal.sbg_fit_final,
    COMBINEFUNC = kpi_internal.model_fit_combine2, SERIALFUNC = kpi_internal.model_fit_serialize2, DESERIALFUNC = kpi_internal.model_fit_deserialize2, PARALLEL = SAFE);
CREATE AGGREGATE bgnbd_fit(frequency bigint, recency double precision, age double precision) (
    SFUNC = kpi_internal.bgnbd_fit_accum, STYPE = internal, FINALFUNC = kpi_internal.bgnbd_fit_final,
    COMBINEFUNC = kpi_internal.model_fit_combine3, SERIALFUNC = kpi_internal.model_fit_serialize3, DESERIALFUNC = kpi_internal.model_fit_deserialize3, PARALLEL = SAFE);
CREATE AGGREGATE gammagamma_fit(frequency bigint, monetary_value double precision) (
    SFUNC = kpi_internal.gammagamma_fit_accum, STYPE = internal, FINALFUNC = kpi_internal.gammagamma_fit_final,
    COMBINEFUNC = kpi_internal.model_fit_combine2, SERIALFUNC = kpi_internal.model_fit_serialize2, DESERIALFUNC = kpi_internal.model_fit_deserialize2, PARALLEL = SAFE);
CREATE FUNCTION sbg_fit(survivors bigint[]) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_fit_survivors';
CREATE FUNCTION sbg_fit(summary survivalsummary) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_fit_survival';
CREATE FUNCTION customer_model(model text, params double precision[]) RETURNS customermodel
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customer_model';
COMMENT ON AGGREGATE sbg_fit(bigint, boolean) IS 'Fits the shifted-beta-geometric (sBG) retention model (Fader & Hardie 2007) to customers by their renewals made and whether they then churned (else still customers, censored): a customermodel; NULL rows skipped, no row gives NULL; negative renewals are error 22003; without churn, or without customers at risk of a second renewal, or a fit that does not converge, error 22023';
COMMENT ON AGGREGATE bgnbd_fit(bigint, double precision, double precision) IS 'Fits the BG/NBD purchase model (Fader, Hardie & Lee 2005) as lifetimes does to customers by frequency (repeat purchases), recency (first to last purchase) and age (first purchase to the end of observation), in one time unit: a customermodel; NULL rows skipped, no row gives NULL; a negative or non-finite value is error 22003, a recency above the age (or not 0 without repeat purchases) 22023; without a repeat buyer, or a fit that does not converge, error 22023';
COMMENT ON AGGREGATE gammagamma_fit(bigint, double precision) IS 'Fits the Gamma-Gamma spend model (Fader, Hardie & Lee 2005; note 025) as lifetimes does to repeat buyers by frequency and mean repeat-purchase value: a customermodel; rows of frequency 0 count for nothing, NULL rows skipped, no row gives NULL; a spend not above 0 of a repeat buyer is error 22003; without two different spends, or a fit that does not converge, error 22023';
COMMENT ON FUNCTION sbg_fit(bigint[]) IS 'Fits the sBG retention model to a survivor series: survivors[1] customers at the start, survivors[k + 1] still customers after k renewals (Fader & Hardie''s tables); a rising or negative count or a NULL is error 22023, as are the fit''s';
COMMENT ON FUNCTION sbg_fit(survivalsummary) IS 'Fits the sBG retention model to a life table in whole periods (survival_agg(whole_periods(...), churned)): a duration is the renewals made, a late entrant conditional on its entry; an empty table gives NULL; the fit''s errors are 22023';
COMMENT ON FUNCTION customer_model(text, double precision[]) IS 'A customermodel of given parameters (one fitted elsewhere): ''sbg'' {alpha, beta}, ''bgnbd'' {r, alpha, a, b} or ''gammagamma'' {p, q, gamma}, each finite and above 0; else error 22023';
COMMENT ON FUNCTION kpi_internal.model_fit_combine2(internal, internal) IS 'sbg_fit() and gammagamma_fit() combine function: appends a parallel worker''s customers';
COMMENT ON FUNCTION kpi_internal.model_fit_combine3(internal, internal) IS 'bgnbd_fit() combine function: appends a parallel worker''s customers';
COMMENT ON FUNCTION kpi_internal.model_fit_serialize2(internal) IS 'sbg_fit() and gammagamma_fit() serialize function: the customers to bytea for parallel workers';
COMMENT ON FUNCTION kpi_internal.model_fit_serialize3(internal) IS 'bgnbd_fit() serialize function: the customers to bytea for parallel workers';
COMMENT ON FUNCTION kpi_internal.model_fit_deserialize2(bytea, internal) IS 'sbg_fit() and gammagamma_fit() deserialize function: bytea from a parallel worker to customers';
COMMENT ON FUNCTION kpi_internal.model_fit_deserialize3(bytea, internal) IS 'bgnbd_fit() deserialize function: bytea from a parallel worker to customers';
COMMENT ON FUNCTION kpi_internal.sbg_fit_accum(internal, bigint, boolean) IS 'sbg_fit() transition: collects one customer';
COMMENT ON FUNCTION kpi_internal.sbg_fit_final(internal) IS 'sbg_fit() final function: the maximum-likelihood fit as a customermodel';
COMMENT ON FUNCTION kpi_internal.bgnbd_fit_accum(internal, bigint, double precision, double precision) IS 'bgnbd_fit() transition: collects one customer';
COMMENT ON FUNCTION kpi_internal.bgnbd_fit_final(internal) IS 'bgnbd_fit() final function: the maximum-likelihood fit as a customermodel';
COMMENT ON FUNCTION kpi_internal.gammagamma_fit_accum(internal, bigint, double precision) IS 'gammagamma_fit() transition: collects one repeat buyer';
COMMENT ON FUNCTION kpi_internal.gammagamma_fit_final(internal) IS 'gammagamma_fit() final function: the maximum-likelihood fit as a customermodel';

CREATE FUNCTION model_name(model customermodel) RETURNS text
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_name';
CREATE FUNCTION model_param(model customermodel, name text) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_param';
CREATE FUNCTION customers(model customermodel) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_customers';
CREATE FUNCTION log_likelihood(model customermodel) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_log_likelihood';
CREATE FUNCTION iterations(model customermodel) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_iterations';
CREATE FUNCTION projected_survival(model customermodel, renewals bigint) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_projected_survival';
CREATE FUNCTION projected_retention(model customermodel, renewal bigint) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_projected_retention';
CREATE FUNCTION residual_lifetime(model customermodel, renewals bigint, discount_rate double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'sbg_residual_lifetime';
CREATE FUNCTION expected_purchases(model customermodel, duration double precision, frequency bigint, recency double precision, age double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'bgnbd_expected_purchases';
CREATE FUNCTION expected_purchases(model customermodel, duration double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'bgnbd_expected_purchases_new';
CREATE FUNCTION probability_alive(model customermodel, frequency bigint, recency double precision, age double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'bgnbd_probability_alive';
CREATE FUNCTION expected_spend(model customermodel, frequency bigint, monetary_value double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'gammagamma_expected_spend';
CREATE FUNCTION predicted_clv(purchases customermodel, spend customermodel, frequency bigint, recency double precision, age double precision,
                              monetary_value double precision, periods integer, period_length double precision, discount_rate double precision) RETURNS double precision
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'gammagamma_predicted_clv';
COMMENT ON FUNCTION model_name(customermodel) IS 'The model: ''sbg'', ''bgnbd'' or ''gammagamma''';
COMMENT ON FUNCTION model_param(customermodel, text) IS 'A parameter of the model by name (sbg: alpha, beta; bgnbd: r, alpha, a, b; gammagamma: p, q, gamma); another name is error 22023';
COMMENT ON FUNCTION customers(customermodel) IS 'Customers the model was fitted to; NULL for a model of given parameters';
COMMENT ON FUNCTION log_likelihood(customermodel) IS 'The fit''s log-likelihood at its parameters (BG/NBD in the data''s time unit, as the literature reports it); NULL for a model of given parameters';
COMMENT ON FUNCTION iterations(customermodel) IS 'Iterations the fit took to converge (L-BFGS and Newton steps); NULL for a model of given parameters';
COMMENT ON FUNCTION projected_survival(customermodel, bigint) IS 'sBG survival S(t): the share of a cohort still customers after t renewals (1 at 0); another model or a negative t is error 22023';
COMMENT ON FUNCTION projected_retention(customermodel, bigint) IS 'sBG retention rate r(t) = S(t) / S(t - 1): the share of customers after t - 1 renewals who make renewal t (t >= 1); another model or t < 1 is error 22023';
COMMENT ON FUNCTION residual_lifetime(customermodel, bigint, double precision) IS 'sBG discounted expected residual lifetime (DERL, Fader & Hardie 2010) of a customer who has made the given renewals, evaluated just before the next is due: that payment counted in full, each later one discounted by 1 / (1 + discount_rate) a period; F&H''s DERL(d | n - 1 renewals) is residual_lifetime(m, n - 1, d); a discount rate not above 0 is error 22023';
COMMENT ON FUNCTION expected_purchases(customermodel, double precision, bigint, double precision, double precision) IS 'BG/NBD expected repeat purchases in the next duration of a customer with this frequency, recency and age (lifetimes'' conditional_expected_number_of_purchases_up_to_time); another model or a negative duration is error 22023';
COMMENT ON FUNCTION expected_purchases(customermodel, double precision) IS 'BG/NBD expected repeat purchases in a duration of a customer just acquired (lifetimes'' expected_number_of_purchases_up_to_time)';
COMMENT ON FUNCTION probability_alive(customermodel, bigint, double precision, double precision) IS 'BG/NBD probability that a customer with this frequency, recency and age is still alive (1 without repeat purchases)';
COMMENT ON FUNCTION expected_spend(customermodel, bigint, double precision) IS 'Gamma-Gamma expected spend per purchase of a customer with this frequency and mean repeat-purchase value (the population mean shrunk towards theirs); needs q > 1, else error 22023';
COMMENT ON FUNCTION predicted_clv(customermodel, customermodel, bigint, double precision, double precision, double precision, integer, double precision, double precision) IS 'Customer value from a BG/NBD and a Gamma-Gamma model, as lifetimes'' customer_lifetime_value: over periods periods of period_length time units, expected spend x expected purchases of each period discounted by (1 + discount_rate) per period (lifetimes'' freq=W, time=12 is periods 12, period_length 4.345)';

-- Equality, a btree order and hashing, as every stored type has, and casts.
CREATE FUNCTION kpi_internal.customermodel_eq(a customermodel, b customermodel) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_eq';
CREATE FUNCTION kpi_internal.customermodel_ne(a customermodel, b customermodel) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_ne';
CREATE FUNCTION kpi_internal.customermodel_lt(a customermodel, b customermodel) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_lt';
CREATE FUNCTION kpi_internal.customermodel_le(a customermodel, b customermodel) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_le';
CREATE FUNCTION kpi_internal.customermodel_gt(a customermodel, b customermodel) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_gt';
CREATE FUNCTION kpi_internal.customermodel_ge(a customermodel, b customermodel) RETURNS boolean
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_ge';
CREATE FUNCTION kpi_internal.customermodel_cmp(a customermodel, b customermodel) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_cmp';
CREATE FUNCTION kpi_internal.customermodel_hash(model customermodel) RETURNS integer
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_hash';
CREATE FUNCTION kpi_internal.customermodel_hash_extended(model customermodel, seed bigint) RETURNS bigint
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'customermodel_hash_extended';
CREATE OPERATOR = (LEFTARG = customermodel, RIGHTARG = customermodel, FUNCTION = kpi_internal.customermodel_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = customermodel, RIGHTARG = customermodel, FUNCTION = kpi_internal.customermodel_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = customermodel, RIGHTARG = customermodel, FUNCTION = kpi_internal.customermodel_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = customermodel, RIGHTARG = customermodel, FUNCTION = kpi_internal.customermodel_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = customermodel, RIGHTARG = customermodel, FUNCTION = kpi_internal.customermodel_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = customermodel, RIGHTARG = customermodel, FUNCTION = kpi_internal.customermodel_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS kpi_internal.customermodel_ops DEFAULT FOR TYPE customermodel USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 kpi_internal.customermodel_cmp(customermodel, customermodel);
CREATE OPERATOR CLASS kpi_internal.customermodel_hash_ops DEFAULT FOR TYPE customermodel USING hash AS
    OPERATOR 1 =, FUNCTION 1 kpi_internal.customermodel_hash(customermodel), FUNCTION 2 kpi_internal.customermodel_hash_extended(customermodel, bigint);
CREATE CAST (text AS customermodel) WITH INOUT AS ASSIGNMENT;
CREATE CAST (varchar AS customermodel) WITH INOUT AS ASSIGNMENT;
COMMENT ON FUNCTION kpi_internal.customermodel_eq(customermodel, customermodel) IS 'Operator = of customermodel: equal (the same stored form)';
COMMENT ON OPERATOR = (customermodel, customermodel) IS 'Customer models equal (the same stored form)';
COMMENT ON FUNCTION kpi_internal.customermodel_ne(customermodel, customermodel) IS 'Operator <> of customermodel: not equal';
COMMENT ON OPERATOR <> (customermodel, customermodel) IS 'Customer models not equal';
COMMENT ON FUNCTION kpi_internal.customermodel_lt(customermodel, customermodel) IS 'Operator < of customermodel: before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON OPERATOR < (customermodel, customermodel) IS 'Customer models before in the btree order (bytewise order of the stored forms; no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.customermodel_le(customermodel, customermodel) IS 'Operator <= of customermodel: before or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR <= (customermodel, customermodel) IS 'Customer models before or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.customermodel_gt(customermodel, customermodel) IS 'Operator > of customermodel: after in the btree order (no KPI meaning)';
COMMENT ON OPERATOR > (customermodel, customermodel) IS 'Customer models after in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.customermodel_ge(customermodel, customermodel) IS 'Operator >= of customermodel: after or equal in the btree order (no KPI meaning)';
COMMENT ON OPERATOR >= (customermodel, customermodel) IS 'Customer models after or equal in the btree order (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.customermodel_cmp(customermodel, customermodel) IS 'btree support of customermodel: -1, 0 or 1 in the bytewise order of the stored forms (no KPI meaning)';
COMMENT ON FUNCTION kpi_internal.customermodel_hash(customermodel) IS 'hash support of customermodel: hash of the stored form';
COMMENT ON FUNCTION kpi_internal.customermodel_hash_extended(customermodel, bigint) IS 'hash support of customermodel: 64-bit seeded hash of the stored form';
COMMENT ON OPERATOR CLASS kpi_internal.customermodel_ops USING btree IS 'Default btree order of customermodel: the bytewise order of the stored forms, consistent for GROUP BY, DISTINCT, ORDER BY and indexes, without KPI meaning';
COMMENT ON OPERATOR CLASS kpi_internal.customermodel_hash_ops USING hash IS 'Default hash operator class of customermodel, for hash joins, hash aggregation and hash partitioning';
COMMENT ON CAST (text AS customermodel) IS 'Assignment cast: text in the customermodel text form becomes a model where a customermodel is expected (INSERT, UPDATE, client text parameters)';
COMMENT ON CAST (varchar AS customermodel) IS 'Assignment cast: varchar in the customermodel text form becomes a model where a customermodel is expected (INSERT, UPDATE, client text parameters)';


-- purchase_history(): one customer's orders (GROUP BY customer) as the row the models read.
CREATE TYPE purchasehistory AS (frequency bigint, recency bigint, age bigint, monetary_value double precision);
COMMENT ON TYPE purchasehistory IS 'A customer''s purchase history as the customer models read it: repeat purchases (frequency), periods from the first purchase to the last (recency) and to as_of (age), and the mean amount of the repeat purchases (0 without any)';
CREATE FUNCTION kpi_internal.purchase_history_accum(state internal, ordered_on date, amount double precision, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'purchase_history_accum';
CREATE FUNCTION kpi_internal.purchase_history_accum(state internal, ordered_on date, as_of date, period text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'purchase_history_accum_orders';
CREATE FUNCTION kpi_internal.purchase_history_combine(state internal, other internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'purchase_history_combine';
CREATE FUNCTION kpi_internal.purchase_history_serialize(state internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'purchase_history_serialize';
CREATE FUNCTION kpi_internal.purchase_history_deserialize(bytes bytea, unused internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'purchase_history_deserialize';
CREATE FUNCTION kpi_internal.purchase_history_final(state internal) RETURNS purchasehistory
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'purchase_history_final';
CREATE AGGREGATE purchase_history(ordered_on date, amount double precision, as_of date, period text) (
    SFUNC = kpi_internal.purchase_history_accum, STYPE = internal, FINALFUNC = kpi_internal.purchase_history_final,
    COMBINEFUNC = kpi_internal.purchase_history_combine, SERIALFUNC = kpi_internal.purchase_history_serialize, DESERIALFUNC = kpi_internal.purchase_history_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE purchase_history(ordered_on date, as_of date, period text) (
    SFUNC = kpi_internal.purchase_history_accum, STYPE = internal, FINALFUNC = kpi_internal.purchase_history_final,
    COMBINEFUNC = kpi_internal.purchase_history_combine, SERIALFUNC = kpi_internal.purchase_history_serialize, DESERIALFUNC = kpi_internal.purchase_history_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE purchase_history(date, double precision, date, text) IS 'One customer''s orders (GROUP BY customer) as a purchasehistory, as lifetimes'' summary_data_from_transaction_data: orders counted by calendar period (''day'', ''week'' from Monday, ''month'', ''quarter'', ''year''), those after as_of''s period left out; NULL orders or amounts skipped, none by as_of gives NULL; a NULL or infinite as_of, an unknown period or either changing within a group is error 22023';
COMMENT ON AGGREGATE purchase_history(date, date, text) IS 'One customer''s orders (GROUP BY customer) as a purchasehistory without amounts (monetary_value 0): frequency, recency and age in calendar periods as of a day';
COMMENT ON FUNCTION kpi_internal.purchase_history_accum(internal, date, double precision, date, text) IS 'purchase_history() transition: collects one order';
COMMENT ON FUNCTION kpi_internal.purchase_history_accum(internal, date, date, text) IS 'purchase_history() transition without amounts: collects one order';
COMMENT ON FUNCTION kpi_internal.purchase_history_combine(internal, internal) IS 'purchase_history() combine function: appends a parallel worker''s orders';
COMMENT ON FUNCTION kpi_internal.purchase_history_serialize(internal) IS 'purchase_history() serialize function: the orders to bytea for parallel workers';
COMMENT ON FUNCTION kpi_internal.purchase_history_deserialize(bytea, internal) IS 'purchase_history() deserialize function: bytea from a parallel worker to orders';
COMMENT ON FUNCTION kpi_internal.purchase_history_final(internal) IS 'purchase_history() final function: the customer''s frequency, recency, age and mean repeat spend';
