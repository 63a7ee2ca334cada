-- The demo's sample CRM schema, loaded from the CSVs beside this file (run from the repo root).
CREATE EXTENSION IF NOT EXISTS pg_kpi;

CREATE TABLE customers (
    customer_id    integer PRIMARY KEY,
    name           text NOT NULL,
    segment        text NOT NULL,
    signed_up_on   date NOT NULL,
    churned_on     date,              -- NULL: still a customer
    mrr            numeric(10, 2) NOT NULL,
    mrr_a_year_ago numeric(10, 2) NOT NULL,
    health_score   integer NOT NULL,  -- 0-100, from the customer-success tool
    is_reference   boolean,           -- NULL: not asked yet
    referred_by    integer            -- the customer who referred this one, NULL: none
);
CREATE TABLE survey_responses (
    response_id integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers,
    answered_at timestamptz NOT NULL,
    score       smallint            -- 0-10 NPS answer, NULL when the question was skipped
);
CREATE TABLE tickets (
    ticket_id      integer PRIMARY KEY,
    customer_id    integer NOT NULL REFERENCES customers,
    channel        text NOT NULL,
    opened_at      timestamptz NOT NULL,
    first_reply_at timestamptz,       -- NULL: not answered yet
    resolved_at    timestamptz,       -- NULL: still open
    contacts       integer,           -- contacts until resolution, NULL while open
    csat_rating    smallint,          -- 1-5 post-resolution survey, NULL when not answered
    ces_score      smallint           -- 1-7 "the company made it easy", NULL when not answered
);
CREATE TABLE orders (
    order_id    integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers,
    ordered_on  date NOT NULL,
    amount      numeric(10, 2) NOT NULL
);
CREATE TABLE leads (
    lead_id    integer PRIMARY KEY,
    source     text NOT NULL,
    created_on date NOT NULL,
    converted  boolean                -- NULL: still in the funnel
);
CREATE TABLE subscriptions (
    subscription_id integer PRIMARY KEY,
    customer_id     integer NOT NULL REFERENCES customers,
    plan            text NOT NULL,    -- plan, add-on or (mrr 0) trial
    mrr             numeric(10, 2) NOT NULL,
    started_on      date NOT NULL,
    ended_on        date              -- NULL: still running
);
-- the customer-success team's and tools' monthly costs of keeping customers (retention cost)
CREATE TABLE expenses (spent_on date NOT NULL, category text NOT NULL, amount numeric(10, 2) NOT NULL);
INSERT INTO expenses
SELECT m::date + 14, category, amount + 150 * extract(month FROM m)
FROM generate_series(date '2025-01-01', date '2025-12-01', interval '1 month') AS g(m),
     (VALUES ('customer success', 6200.00), ('support tools', 1450.00), ('retention offers', 800.00)) AS c(category, amount);
\copy customers FROM 'demo/data/customers.csv' WITH (FORMAT csv, HEADER true)
\copy survey_responses FROM 'demo/data/survey_responses.csv' WITH (FORMAT csv, HEADER true)
\copy tickets FROM 'demo/data/tickets.csv' WITH (FORMAT csv, HEADER true)
\copy orders FROM 'demo/data/orders.csv' WITH (FORMAT csv, HEADER true)
\copy leads FROM 'demo/data/leads.csv' WITH (FORMAT csv, HEADER true)
\copy subscriptions FROM 'demo/data/subscriptions.csv' WITH (FORMAT csv, HEADER true)
ANALYZE;
