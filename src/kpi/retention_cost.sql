-- Customer retention cost: expenses per customer, and over ARPA. Included by retention_cost.rs.
CREATE FUNCTION retention_cost(expenses numeric, customers bigint) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_cost_count';
CREATE FUNCTION retention_cost(expenses numeric, summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_cost_mrr';
CREATE FUNCTION retention_cost_ratio(expenses numeric, summary mrrsummary) RETURNS numeric
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'retention_cost_ratio';
COMMENT ON FUNCTION retention_cost(numeric, bigint) IS 'Customer retention cost: expenses of keeping (and obtaining) customers over a period / customers, as numeric; NULL without customers; negative expenses or customers are error 22003';
COMMENT ON FUNCTION retention_cost(numeric, mrrsummary) IS 'Customer retention cost of an MRR summary''s period: expenses / customers_at_end(summary), the customers arpa() divides by; NULL without customers; negative expenses are error 22003';
COMMENT ON FUNCTION retention_cost_ratio(numeric, mrrsummary) IS 'Retention cost over ARPA for the period of an MRR summary: retention_cost(expenses, summary) / arpa(summary) in one exact division (expenses / ending_mrr); above 1 a customer costs more to keep than it brings; NULL without MRR; negative expenses are error 22003';
