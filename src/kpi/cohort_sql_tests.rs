//! `#[pg_test]`s of cohort retention: the SQL forms, NULL handling and every error message.

#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn cohort_grid_and_curve() {
        // PostHog's example: N-day and unbounded retention of three users starting on day 0
        let q = "WITH ev(c, d) AS (VALUES (1, 0), (1, 1), (2, 0), (2, 5), (3, 0)),
                      s AS (SELECT cohort_agg(c, date '2025-03-03' + d, date '2025-03-03' + d, date '2025-03-09', 'day') AS s FROM ev)
                 SELECT string_agg(round(a.retention, 1) || '/' || round(b.retention, 1), ' ' ORDER BY a.period_offset)
                 FROM s, retention_matrix(s, 'active_in_period') a
                      JOIN retention_matrix(s, 'active_in_period', 'on_or_after') b USING (cohort, period_offset)";
        assert_eq!(
            text(q).as_deref(),
            Some("100.0/100.0 33.3/66.7 0.0/33.3 0.0/33.3 0.0/33.3 33.3/33.3 0.0/0.0")
        );
        // a cohort too young for an offset is NULL there, never 0; MRR net and gross retention
        let q = "WITH s AS (SELECT cohort_agg(c, m, st, en, '2025-04-30', 'month') AS s FROM (VALUES
                   (1, 100::numeric, '2025-01-05'::date, NULL::date), (1, 50, '2025-02-20', '2025-03-10'),
                   (2, 80, '2025-01-20', '2025-02-10'), (3, 60, '2025-03-15', NULL)) AS v(c, m, st, en))
                 SELECT string_agg(concat_ws(':', cohort, period_offset, eligible, coalesce(retained::text, '-'),
                                             coalesce(round(net_mrr_retention, 1)::text, '-'), coalesce(round(gross_mrr_retention, 1)::text, '-')),
                                   ' ' ORDER BY cohort, period_offset)
                 FROM s, retention_matrix(s)";
        assert_eq!(
            text(q).as_deref(),
            Some("2025-01-01:0:2:1:55.6:55.6 2025-01-01:1:2:1:83.3:55.6 2025-01-01:2:2:1:55.6:55.6 2025-03-01:0:1:1:100.0:100.0 2025-03-01:1:0:-:-:- 2025-03-01:2:0:-:-:-")
        );
        // NULL ids, starts and MRR skipped; rows after as_of not yet there; the pooled curve
        let q = "WITH s AS (SELECT cohort_agg(c, st, en, '2025-03-31', 'month') AS s FROM (VALUES
                   (NULL::text, '2025-01-05'::date, NULL::date), ('a', NULL, NULL), ('b', '2025-01-10', NULL),
                   ('c', '2025-02-01', '2025-02-20'), ('d', '2025-05-01', NULL)) AS v(c, st, en))
                 SELECT concat_ws(' ', customers(s), (SELECT string_agg(concat_ws(':', period_offset, cohorts, eligible, retained, round(retention, 1)), ' ')
                                                       FROM retention_curve(s)), retention_at(s, 1), retention_at(s, 5) IS NULL)
                 FROM s";
        assert_eq!(
            text(q).as_deref(),
            Some("2 0:2:2:1:50.0 1:2:2:1:50.0 50.0000000000000000 t")
        );
        // a returning customer: in its first cohort (Stripe) or a new member of the later one
        let q = "WITH s AS (SELECT cohort_agg(c, st, en, '2025-06-30', 'month') AS s FROM (VALUES
                   ('x'::text, '2025-01-01'::date, '2025-02-15'::date), ('x', '2025-04-01', NULL)) AS v(c, st, en))
                 SELECT (SELECT string_agg(coalesce(retained::text, '-'), '' ORDER BY cohort, period_offset) FROM retention_matrix(s)) || ' ' ||
                        (SELECT string_agg(cohort || ':' || coalesce(retained::text, '-'), ' ' ORDER BY cohort, period_offset)
                         FROM retention_matrix(s, returning_customers => 'new_cohort'))
                 FROM s";
        assert_eq!(
            text(q).as_deref(),
            Some("100111 2025-01-01:1 2025-01-01:0 2025-01-01:0 2025-01-01:0 2025-01-01:0 2025-01-01:0 2025-04-01:1 2025-04-01:1 2025-04-01:1 2025-04-01:- 2025-04-01:- 2025-04-01:-")
        );
        // uuid ids, rollup() equal to combine(), text and binary forms
        let q = "SELECT concat_ws(' ', rollup(s) = combine(s), combine(s)::text::cohortsummary = combine(s))
                 FROM (SELECT cohort_agg(gen_random_uuid(), '2025-01-10'::date, NULL::date, '2025-03-31', 'quarter') AS s) AS t";
        assert_eq!(text(q).as_deref(), Some("t t"));
    }

    #[pg_test]
    fn cohort_errors() {
        use PgSqlErrorCode::*;
        let s = "cohort_agg(1, '2025-01-10'::date, NULL, '2025-06-30', 'month')";
        let m = "cohort_agg(1, 5, '2025-01-10'::date, NULL, '2025-06-30', 'month')";
        assert_errors(&[
            (&format!("SELECT {}", s.replace("'2025-06-30'", "NULL")), ERRCODE_INVALID_PARAMETER_VALUE, "cohort_agg as_of must not be NULL"),
            (&format!("SELECT {}", s.replace("'month'", "NULL")), ERRCODE_INVALID_PARAMETER_VALUE, "cohort_agg period must not be NULL"),
            (&format!("SELECT {}", s.replace("'month'", "'months'")), ERRCODE_INVALID_PARAMETER_VALUE, "cohort_agg period must be 'day', 'week', 'month', 'quarter' or 'year', got 'months'"),
            (&format!("SELECT {}", s.replace("'2025-06-30'", "'infinity'")), ERRCODE_INVALID_PARAMETER_VALUE, "cohort_agg as_of must be a finite date, got infinity"),
            (&format!("SELECT {}", s.replace("'2025-06-30'", "'5874897-12-31'")), ERRCODE_INVALID_PARAMETER_VALUE, "cohort_agg as_of must be before the last date, got 5874897-12-31"),
            ("SELECT cohort_agg(1, '-infinity'::date, NULL, '2025-06-30', 'month')", ERRCODE_INVALID_PARAMETER_VALUE, "cohort_agg started_on must be a finite date, got -infinity"),
            ("SELECT cohort_agg(1, '4714-11-24 BC'::date, NULL, '4714-12-31 BC', 'month')", ERRCODE_INVALID_PARAMETER_VALUE,
             "cohort_agg started_on 4714-11-24 BC is in a month that begins before the first date"),
            ("SELECT cohort_agg(1, '1700-01-01'::date, NULL, '2025-06-30', 'day')", ERRCODE_INVALID_PARAMETER_VALUE,
             "cohort_agg sees more than 100000 periods from a start on 1700-01-01 to as_of 2025-06-30: use a longer period"),
            ("SELECT cohort_agg(1, '2025-01-10'::date, '2025-01-05', '2025-06-30', 'month')", ERRCODE_INVALID_PARAMETER_VALUE, "cohort_agg end (2025-01-05) is before start (2025-01-10)"),
            ("SELECT cohort_agg(1, -5::numeric, '2025-01-10'::date, NULL, '2025-06-30', 'month')", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "cohort_agg mrr must not be negative, got -5"),
            ("SELECT cohort_agg(1, 'NaN'::numeric, '2025-01-10'::date, NULL, '2025-06-30', 'month')", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "cohort_agg mrr must be a finite number of at most 38 digits, got NaN"),
            ("SELECT cohort_agg(c, '2025-01-10'::date, NULL, a, 'month') FROM (VALUES (1, '2025-06-30'::date), (2, '2025-07-31')) v(c, a)",
             ERRCODE_INVALID_PARAMETER_VALUE, "cohort_agg as_of must be the same in every row of a group, got 2025-06-30 and 2025-07-31"),
            ("SELECT cohort_agg(c, '2025-01-10'::date, NULL, '2025-06-30', p) FROM (VALUES (1, 'month'), (2, 'week')) v(c, p)",
             ERRCODE_INVALID_PARAMETER_VALUE, "cohort_agg period must be the same in every row of a group, got 'month' and 'week'"),
            (&format!("SELECT count(*) FROM (SELECT {s} AS s) t, retention_matrix(s, 'end')"), ERRCODE_INVALID_PARAMETER_VALUE,
             "retention_matrix retained_by must be 'end_of_period' or 'active_in_period', got 'end'"),
            (&format!("SELECT count(*) FROM (SELECT {s} AS s) t, retention_curve(s, 'end_of_period', 'unbounded')"), ERRCODE_INVALID_PARAMETER_VALUE,
             "retention_curve horizon must be 'n_period' or 'on_or_after', got 'unbounded'"),
            (&format!("SELECT retention_at(s, 1, returning_customers => 'new') FROM (SELECT {s} AS s) t"), ERRCODE_INVALID_PARAMETER_VALUE,
             "retention_curve returning_customers must be 'first_cohort' or 'new_cohort', got 'new'"),
            (&format!("SELECT combine(s) FROM (SELECT {s} UNION ALL SELECT {}) v(s)", s.replace("'2025-06-30'", "'2025-05-31'")), ERRCODE_INVALID_PARAMETER_VALUE,
             "rollup(cohortsummary) or combine(cohortsummary) summaries must share the period, as_of and mrr, got month as of 2025-06-30 without mrr and month as of 2025-05-31 without mrr"),
            (&format!("SELECT combine(s) FROM (SELECT {s} UNION ALL SELECT {m}) v(s)"), ERRCODE_INVALID_PARAMETER_VALUE,
             "rollup(cohortsummary) or combine(cohortsummary) summaries must share the period, as_of and mrr, got month as of 2025-06-30 without mrr and month as of 2025-06-30 with mrr"),
            (r#"SELECT '{"v":1,"period":"month","as_of":"2025-06-30","mrr_scale":null,"first_cohort":[{"cohort":"2025-01-15","size":1,"cells":[]}],"new_cohort":[]}'::cohortsummary"#,
             ERRCODE_INVALID_TEXT_REPRESENTATION,
             r#"malformed cohortsummary "{"v":1,"period":"month","as_of":"2025-06-30","mrr_scale":null,"first_cohort":[{"cohort":"2025-01-15","size":1,"cells":[]}],"new_cohort":[]}": cohort 2025-01-15 is not the first day of a period (text form: {"v":1,"period":<period>,"as_of":<date>,"mrr_scale":<scale or null>,"first_cohort":[{"cohort":<date>,"size":<count>,"cells":[[<eligible>,<end>,<end_on_or_after>,<active>,<active_on_or_after>(,<initial>,<mrr>,<capped>)],...]},...],"new_cohort":[...]})"#),
            (r#"SELECT '{"v":1,"period":"month","as_of":"2025-06-30","mrr_scale":2,"first_cohort":[{"cohort":"2025-01-01","size":1,"cells":[[1,1,1,1,1,5.0,5.00,5.00]]}],"new_cohort":[]}'::cohortsummary"#,
             ERRCODE_INVALID_TEXT_REPRESENTATION,
             r#"malformed cohortsummary "{"v":1,"period":"month","as_of":"2025-06-30","mrr_scale":2,"first_cohort":[{"cohort":"2025-01-01","size":1,"cells":[[1,1,1,1,1,5.0,5.00,5.00]]}],"new_cohort":[]}": 5.0 is not an amount with 2 decimals (text form: {"v":1,"period":<period>,"as_of":<date>,"mrr_scale":<scale or null>,"first_cohort":[{"cohort":<date>,"size":<count>,"cells":[[<eligible>,<end>,<end_on_or_after>,<active>,<active_on_or_after>(,<initial>,<mrr>,<capped>)],...]},...],"new_cohort":[...]})"#),
        ]);
    }
}
