//! `#[pg_test]`s of the customer models: the SQL forms, NULL handling and every error message.

#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn sbg_fits_both_forms_alike() {
        // Fader & Hardie 2007's "regular" customers: the series, and the same customers as rows
        let q = "SELECT concat_ws(' ', round(model_param(m, 'alpha')::numeric, 3), round(model_param(m, 'beta')::numeric, 3),
                                 round(1000 * projected_survival(m, 12))::text, customers(m), model_name(m))
                 FROM sbg_fit(ARRAY[1000, 631, 468, 382, 326, 289, 262, 241]) AS m";
        assert_eq!(text(q).as_deref(), Some("0.704 1.182 170 1000 sbg"));
        let q = "WITH s(n) AS (VALUES (1000), (631), (468), (382), (326), (289), (262), (241)),
                      rows AS (SELECT r - 1 AS renewals, true AS churned, lag(n) OVER (ORDER BY r) - n AS k
                               FROM (SELECT n, row_number() OVER () - 1 AS r FROM s) t
                               UNION ALL SELECT 7, false, 241)
                 SELECT (sbg_fit(renewals, churned)::text = sbg_fit(ARRAY[1000, 631, 468, 382, 326, 289, 262, 241])::text)::text
                 FROM rows, generate_series(1, k) WHERE k > 0";
        assert_eq!(text(q).as_deref(), Some("true"));
        // NULL rows skipped; no row gives NULL
        let q =
            "SELECT (sbg_fit(r, c) IS NULL)::text FROM (VALUES (NULL::bigint, true), (1, NULL)) v(r, c)";
        assert_eq!(text(q).as_deref(), Some("true"));
    }

    #[pg_test]
    fn models_round_trip_and_compare() {
        let q = r#"SELECT concat_ws(' ', m::text, m = m::text::customermodel, customers(m) IS NULL, log_likelihood(m) IS NULL,
                                  model_param(m, 'gamma'), expected_spend(m, 0, 0))
                   FROM customer_model('gammagamma', ARRAY[6.25, 3.74, 15.44]) AS m"#;
        assert_eq!(
            text(q).as_deref(),
            Some(
                r#"{"v":1,"model":"gammagamma","p":6.25,"q":3.74,"gamma":15.44} t t t 15.44 35.21897810218978"#
            )
        );
    }

    #[pg_test]
    fn model_errors() {
        use PgSqlErrorCode::*;
        let bgnbd = "customer_model('bgnbd', ARRAY[0.243, 4.414, 0.793, 2.426])";
        let gg = "customer_model('gammagamma', ARRAY[6.25, 3.74, 15.44])";
        let sbg = "customer_model('sbg', ARRAY[0.704, 1.182])";
        assert_errors(&[
            ("SELECT sbg_fit(-1::bigint, true)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "sbg_fit renewals must not be negative, got -1"),
            ("SELECT sbg_fit(ARRAY[10, 4])", ERRCODE_INVALID_PARAMETER_VALUE, "sbg_fit needs customers who churned and customers observed through at least 2 renewals, got 6 churned of 10 customers over 1 renewals"),
            ("SELECT sbg_fit(ARRAY[10, 4, 5])", ERRCODE_INVALID_PARAMETER_VALUE, "sbg_fit survivors must not rise nor be negative, got 4 then 5 after 2 renewals"),
            ("SELECT sbg_fit(ARRAY[10, NULL])", ERRCODE_INVALID_PARAMETER_VALUE, "sbg_fit survivors must not contain NULL"),
            ("SELECT bgnbd_fit(-1, 0, 1)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "bgnbd_fit frequency must not be negative, got -1"),
            ("SELECT bgnbd_fit(1, 'NaN', 1)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "bgnbd_fit recency must be a finite number of at least 0, got NaN"),
            ("SELECT bgnbd_fit(1, 3, 2)", ERRCODE_INVALID_PARAMETER_VALUE, "bgnbd_fit recency must not exceed the age, got recency 3 and age 2"),
            ("SELECT bgnbd_fit(0, 1, 2)", ERRCODE_INVALID_PARAMETER_VALUE, "bgnbd_fit recency must be 0 for a customer with no repeat purchase, got 1"),
            ("SELECT bgnbd_fit(0, 0, t) FROM generate_series(1, 3) t", ERRCODE_INVALID_PARAMETER_VALUE, "bgnbd_fit needs a customer with a repeat purchase (frequency above 0), got 3 customers with none"),
            ("SELECT gammagamma_fit(-2, 1)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "gammagamma_fit frequency must not be negative, got -2"),
            ("SELECT gammagamma_fit(2, 0)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "gammagamma_fit monetary_value of a customer with repeat purchases must be a finite number above 0, got 0"),
            ("SELECT gammagamma_fit(0, 5)", ERRCODE_INVALID_PARAMETER_VALUE, "gammagamma_fit needs repeat buyers (frequency above 0) of at least two different monetary values, got 0 repeat buyers"),
            ("SELECT customer_model('pareto', ARRAY[1.0])", ERRCODE_INVALID_PARAMETER_VALUE, r#"customer_model: unknown model "pareto""#),
            ("SELECT customer_model('sbg', ARRAY[1.0])", ERRCODE_INVALID_PARAMETER_VALUE, "customer_model: model sbg has 2 parameters, got 1"),
            ("SELECT customer_model('sbg', ARRAY[1.0, NULL])", ERRCODE_INVALID_PARAMETER_VALUE, "customer_model: sbg parameter beta must be a finite number above 0, got NaN"),
            (&format!("SELECT model_param({sbg}, 'r')"), ERRCODE_INVALID_PARAMETER_VALUE, r#"model_param: a sbg model has parameters alpha, beta, got "r""#),
            (&format!("SELECT projected_survival({bgnbd}, 1)"), ERRCODE_INVALID_PARAMETER_VALUE, "projected_survival needs a sbg model, got a bgnbd model"),
            (&format!("SELECT projected_survival({sbg}, -1)"), ERRCODE_INVALID_PARAMETER_VALUE, "projected_survival renewals must be at least 0, got -1"),
            (&format!("SELECT projected_retention({sbg}, 0)"), ERRCODE_INVALID_PARAMETER_VALUE, "projected_retention renewal must be at least 1, got 0"),
            (&format!("SELECT residual_lifetime({sbg}, 0, 0)"), ERRCODE_INVALID_PARAMETER_VALUE, "residual_lifetime discount_rate must be a finite number above 0, got 0"),
            (&format!("SELECT expected_purchases({gg}, 1)"), ERRCODE_INVALID_PARAMETER_VALUE, "expected_purchases needs a bgnbd model, got a gammagamma model"),
            (&format!("SELECT expected_purchases({bgnbd}, -1, 0, 0, 1)"), ERRCODE_INVALID_PARAMETER_VALUE, "expected_purchases duration must be a finite number of at least 0, got -1"),
            (&format!("SELECT probability_alive({bgnbd}, 2, 5, 4)"), ERRCODE_INVALID_PARAMETER_VALUE, "probability_alive recency must not exceed the age, got recency 5 and age 4"),
            (&format!("SELECT expected_spend({gg}, 2, -1)"), ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "expected_spend monetary_value of a customer with repeat purchases must be a finite number above 0, got -1"),
            (&format!("SELECT expected_spend({gg}, 0, -1)"), ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "expected_spend monetary_value must be a finite number of at least 0, got -1"),
            ("SELECT expected_spend(customer_model('gammagamma', ARRAY[6.25, 0.5, 15.44]), 1, 10)", ERRCODE_INVALID_PARAMETER_VALUE, "expected_spend needs a gammagamma model with q above 1 (else the mean spend is infinite), got q = 0.5"),
            (&format!("SELECT predicted_clv({gg}, {gg}, 1, 1, 2, 10, 12, 4.345, 0.01)"), ERRCODE_INVALID_PARAMETER_VALUE, "predicted_clv needs a bgnbd model, got a gammagamma model"),
            (&format!("SELECT predicted_clv({bgnbd}, {gg}, 1, 1, 2, 10, 100001, 4.345, 0.01)"), ERRCODE_INVALID_PARAMETER_VALUE, "predicted_clv periods must be at most 100000, got 100001"),
            (&format!("SELECT predicted_clv({bgnbd}, {gg}, 1, 1, 2, 10, 12, 0, 0.01)"), ERRCODE_INVALID_PARAMETER_VALUE, "predicted_clv period_length must be a finite number above 0, got 0"),
            (r#"SELECT '{"v":1,"model":"sbg","alpha":1}'::customermodel"#, ERRCODE_INVALID_TEXT_REPRESENTATION, r#"malformed customermodel "{"v":1,"model":"sbg","alpha":1}": model sbg needs parameter beta (text form: {"v":1,"model":<"sbg", "bgnbd" or "gammagamma">,<its parameters>[,"customers":<n>,"log_likelihood":<ll>,"iterations":<n>]})"#),
        ]);
    }
}
