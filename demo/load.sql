-- The demo's sample CRM schema, loaded from the CSVs beside this file (run from the repo root).
CREATE EXTENSION IF NOT EXISTS pg_kpi;

CREATE TABLE customers (
    customer_id  integer PRIMARY KEY,
    name         text NOT NULL,
    segment      text NOT NULL,
    signed_up_on date NOT NULL,
    churned_on   date,
    mrr          numeric(10, 2) NOT NULL
);
CREATE TABLE survey_responses (
    response_id integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers,
    answered_at timestamptz NOT NULL,
    score       smallint            -- 0-10, NULL when the question was skipped
);
\copy customers FROM 'demo/data/customers.csv' WITH (FORMAT csv, HEADER true)
\copy survey_responses FROM 'demo/data/survey_responses.csv' WITH (FORMAT csv, HEADER true)
ANALYZE customers;
ANALYZE survey_responses;
