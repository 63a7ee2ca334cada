//! # `churnsummary`: a stored churn cohort that rolls up exactly
//!
//! - `churn_agg(...) -> churnsummary` with the three input shapes of `churn_rate`: counts
//!   (`integer`, `bigint` pairs), flags (`boolean, boolean`), and `(start, end, period)` over
//!   `date`/`daterange` or `timestamptz`/`tstzrange`. Same NULL rules and errors as `churn_rate`.
//! - `rollup(churnsummary) -> churnsummary`: adds cohorts; PARALLEL SAFE, moving form. Summaries
//!   over different periods (the period shape) cannot be combined: 22023 naming both.
//! - Accessors: `churn_rate(churnsummary)`, `retention_rate(...) -> numeric` (NULL for an empty
//!   cohort), `customers_at_start(...)`, `customers_lost(...) -> bigint`.
//! - Text form `{"v":1,"lost":3,"at_start":40,"period":"[2025-01-01,2025-02-01)"}` (`"period":null`
//!   for the count and flag shapes; timestamps as `2025-01-01 00:00:00+00`, UTC). Malformed text or
//!   impossible bytes are 22P02.

use super::churn_period::{Period, PeriodState};
use super::ratio::{self, RatioState};
use crate::agg::{self, AggState};
use crate::error::KpiError;
use crate::summary::{self, Summary};
use crate::text::{Count, Nullable};
use pgrx::pg_sys;

const VERSION: u8 = 1;
const EXPECTED: &str =
    r#"{"v":1,"lost":<customers>,"at_start":<customers>,"period":<"[from,to)" or null>}"#;

#[cold]
fn stored_error(e: &KpiError) -> KpiError {
    KpiError::BadText(format!("invalid churnsummary bytes: {}", e.message()))
}

/// Version 1 of the text form.
fn parse_v1(text: &str) -> Result<PeriodState, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        lost: Count,
        at_start: Count,
        period: Nullable<String>,
    }
    let f: Form = crate::text::from_json(text)?;
    let period = f.period.0.as_deref().map(Period::parse_text).transpose()?;
    let s = PeriodState::new(
        RatioState {
            hits: f.lost.0,
            total: f.at_start.0,
        },
        period,
    );
    s.check_stored().map(|()| s)
}

impl Summary for PeriodState {
    const DECIMALS_HELD: usize = 0; // no decimals: scales() keeps its zeros
    const TYPE: &'static str = "churnsummary";
    const VERSIONS: &'static [u8] = &[1];

    fn to_stored(&self) -> Vec<u8> {
        self.to_bytes()
    }

    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        Self::from_bytes(bytes).map_err(|e| stored_error(&e))
    }

    // into rollup()'s own local, every field set (PeriodState::read_bytes)
    #[inline(always)]
    fn read_stored(bytes: &[u8], out: &mut Self) -> Result<(), KpiError> {
        out.read_bytes(bytes).map_err(|e| stored_error(&e))
    }

    fn to_text(&self) -> String {
        #[derive(serde::Serialize)]
        struct Form {
            v: u8,
            lost: i64,
            at_start: i64,
            period: Option<String>,
        }
        crate::text::to_json(&Form {
            v: VERSION,
            lost: self.ratio.hits,
            at_start: self.ratio.total,
            period: self.period.map(|p| p.bare()),
        })
    }

    fn from_text(text: &str) -> Result<Self, KpiError> {
        crate::text::read(text, Self::TYPE, EXPECTED, &[(1, parse_v1)])
    }

    fn unmerge(&mut self, other: &Self) -> Option<()> {
        let hits = self.ratio.hits.checked_sub(other.ratio.hits)?;
        let total = self.ratio.total.checked_sub(other.ratio.total)?;
        (hits >= 0 && hits <= total).then(|| self.ratio = RatioState { hits, total })
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue. churn_agg reuses churn_rate()'s transition functions and states.

crate::pg_v1_fn!(fn churnsummary_in, pg_finfo_churnsummary_in, |f| unsafe { summary::input::<PeriodState>(f) });
crate::pg_v1_fn!(fn churnsummary_out, pg_finfo_churnsummary_out, |f| unsafe { summary::output::<PeriodState>(f) });
crate::pg_v1_fn!(fn churnsummary_recv, pg_finfo_churnsummary_recv, |f| unsafe { summary::recv::<PeriodState>(f) });
crate::pg_v1_fn!(fn churnsummary_send, pg_finfo_churnsummary_send, |f| unsafe { summary::send::<PeriodState>(f) });
crate::pg_v1_fn!(fn churn_summary_final_counts, pg_finfo_churn_summary_final_counts, |f| unsafe {
    agg::finish::<RatioState>(f, |s| Some(summary::datum(&PeriodState::new(*s, None))))
});
crate::pg_v1_fn!(fn churn_summary_final, pg_finfo_churn_summary_final, |f| unsafe { summary::finish::<PeriodState>(f) });
crate::pg_v1_fn!(fn churn_rollup_accum, pg_finfo_churn_rollup_accum, |f| unsafe { summary::rollup::<PeriodState>(f, false) });
crate::pg_v1_fn!(fn churn_rollup_inv, pg_finfo_churn_rollup_inv, |f| unsafe { summary::rollup::<PeriodState>(f, true) });
crate::pg_v1_fn!(fn churnsummary_churn_rate, pg_finfo_churnsummary_churn_rate, |f| unsafe {
    summary::accessor::<PeriodState>(f, |s| ratio::percent(s.ratio.finish()))
});
crate::pg_v1_fn!(fn churnsummary_retention_rate, pg_finfo_churnsummary_retention_rate, |f| unsafe {
    summary::accessor::<PeriodState>(f, |s| ratio::percent(s.ratio.finish_complement()))
});
crate::pg_v1_fn!(fn churnsummary_at_start, pg_finfo_churnsummary_at_start, |f| unsafe {
    summary::accessor::<PeriodState>(f, |s| Some(pg_sys::Datum::from(s.ratio.total)))
});
crate::pg_v1_fn!(fn churnsummary_lost, pg_finfo_churnsummary_lost, |f| unsafe {
    summary::accessor::<PeriodState>(f, |s| Some(pg_sys::Datum::from(s.ratio.hits)))
});

// Equality, the btree order and hashing of the stored form (summary::compare).
crate::pg_v1_fn!(fn churnsummary_eq, pg_finfo_churnsummary_eq, |f| unsafe { summary::compare::<PeriodState>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn churnsummary_ne, pg_finfo_churnsummary_ne, |f| unsafe { summary::compare::<PeriodState>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn churnsummary_lt, pg_finfo_churnsummary_lt, |f| unsafe { summary::compare::<PeriodState>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn churnsummary_le, pg_finfo_churnsummary_le, |f| unsafe { summary::compare::<PeriodState>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn churnsummary_gt, pg_finfo_churnsummary_gt, |f| unsafe { summary::compare::<PeriodState>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn churnsummary_ge, pg_finfo_churnsummary_ge, |f| unsafe { summary::compare::<PeriodState>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn churnsummary_cmp, pg_finfo_churnsummary_cmp, |f| unsafe { summary::cmp::<PeriodState>(f) });
crate::pg_v1_fn!(fn churnsummary_hash, pg_finfo_churnsummary_hash, |f| unsafe { summary::hash::<PeriodState>(f, false) });
crate::pg_v1_fn!(fn churnsummary_hash_extended, pg_finfo_churnsummary_hash_extended, |f| unsafe { summary::hash::<PeriodState>(f, true) });

pgrx::extension_sql_file!(
    "churn_summary.sql",
    name = "churn_summary",
    requires = ["churn", "churn_period", "nps_summary"]
);

#[cfg(test)]
mod unit_tests {
    use super::*;
    use crate::time::{days_from_civil, Kind};

    fn january() -> Period {
        let d = |m, day| days_from_civil(2025, m, day);
        Period {
            kind: Kind::Date,
            lower: d(1, 1),
            upper: d(2, 1),
            lower_inc: true,
            upper_inc: false,
        }
    }

    #[test]
    fn text_round_trip() {
        let counts = PeriodState::new(RatioState { hits: 3, total: 40 }, None);
        assert_eq!(
            counts.to_text(),
            r#"{"v":1,"lost":3,"at_start":40,"period":null}"#
        );
        let jan = PeriodState::new(RatioState { hits: 1, total: 2 }, Some(january()));
        assert_eq!(
            jan.to_text(),
            r#"{"v":1,"lost":1,"at_start":2,"period":"[2025-01-01,2025-02-01)"}"#
        );
        let ts = PeriodState::new(
            RatioState { hits: 0, total: 5 },
            Some(Period {
                kind: Kind::Timestamptz,
                lower: 0,
                upper: 86_400_000_000,
                lower_inc: false,
                upper_inc: true,
            }),
        );
        assert_eq!(
            ts.to_text(),
            r#"{"v":1,"lost":0,"at_start":5,"period":"(2000-01-01 00:00:00+00,2000-01-02 00:00:00+00]"}"#
        );
        for s in [counts, jan, ts] {
            assert_eq!(PeriodState::from_text(&s.to_text()).unwrap(), s);
            assert_eq!(PeriodState::from_stored(&s.to_stored()).unwrap(), s);
        }
    }

    #[test]
    fn malformed_is_22p02_and_unmerge() {
        for (bad, why) in [
            ("", "EOF while parsing"),
            (
                r#"{"v":1,"lost":5,"at_start":4,"period":null}"#,
                "5 lost of 4 active",
            ),
            (
                r#"{"v":1,"lost":1,"at_start":4,"period":"[2025-02-01,2025-01-01)"}"#,
                "is not a bounded",
            ),
            (
                r#"{"v":1,"lost":1,"at_start":4,"period":"2025"}"#,
                "period \"2025\"",
            ),
            (
                r#"{"v":1,"lost":1,"at_start":4,"period":"[300000-01-01 00:00:00+00,300001-01-01 00:00:00+00)"}"#,
                "is not a bounded",
            ),
            (
                r#"{"v":1,"lost":1,"at_start":4,"period":"[2025-01-01,5874898-01-01)"}"#,
                "is not a bounded",
            ),
            (r#"{"v":1,"lost":1,"at_start":4}"#, "missing field `period`"),
            (
                r#"{"v":1,"lost":1,"at_start":4,"period":7}"#,
                "invalid type",
            ),
        ] {
            let e = PeriodState::from_text(bad).unwrap_err();
            crate::text::assert_malformed(&e, "churnsummary", bad, EXPECTED, why);
        }
        let mut s = PeriodState::new(RatioState { hits: 3, total: 10 }, Some(january()));
        s.unmerge(&PeriodState::new(
            RatioState { hits: 1, total: 4 },
            Some(january()),
        ))
        .unwrap();
        assert_eq!(s.ratio, RatioState { hits: 2, total: 6 });
        assert_eq!(
            s.unmerge(&PeriodState::new(RatioState { hits: 3, total: 3 }, None)),
            None
        );
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn churnsummary_shapes() {
        let q = "SELECT concat_ws(' ', churn_rate(churn_agg(s, e, daterange('2025-01-01', '2025-02-01'))) = churn_rate(s, e, daterange('2025-01-01', '2025-02-01')),
                                      customers_lost(churn_agg(s, e, daterange('2025-01-01', '2025-02-01'))),
                                      churn_agg(s, e, daterange('2025-01-01', '2025-02-01'))::text)
                 FROM (VALUES ('2024-06-01'::date, '2025-01-15'::date), ('2024-06-01', NULL), ('2025-01-10', NULL)) v(s, e)";
        assert_eq!(
            text(q).as_deref(),
            Some(r#"t 1 {"v":1,"lost":1,"at_start":2,"period":"[2025-01-01,2025-02-01)"}"#)
        );
        assert_eq!(
            text("SELECT retention_rate(churn_agg(100, 5))::text").as_deref(),
            Some("95.0000000000000000")
        );
    }

    #[pg_test]
    fn churnsummary_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            ("SELECT rollup(x ORDER BY m) FROM (SELECT m, churn_agg('2024-01-01'::date, NULL, daterange(m, m + 31)) x FROM (VALUES ('2025-01-01'::date), ('2025-02-01')) v(m) GROUP BY m) t",
             ERRCODE_INVALID_PARAMETER_VALUE,
             "churn_rate period must be the same on every row of a group, got [2025-02-01,2025-03-04) after [2025-01-01,2025-02-01)"),
            ("SELECT combine(x ORDER BY m) FROM (SELECT m, churn_agg('2024-01-01'::date, NULL, daterange(m, m + 31)) x FROM (VALUES ('2025-01-01'::date), ('2025-02-01')) v(m) GROUP BY m) t",
             ERRCODE_INVALID_PARAMETER_VALUE,
             "churn_rate period must be the same on every row of a group, got [2025-02-01,2025-03-04) after [2025-01-01,2025-02-01)"),
            ("SELECT 'x'::churnsummary", ERRCODE_INVALID_TEXT_REPRESENTATION,
             r#"malformed churnsummary "x": expected value (text form: {"v":1,"lost":<customers>,"at_start":<customers>,"period":<"[from,to)" or null>})"#),
            ("SELECT rollup(x ORDER BY o) FROM (SELECT 1 o, churn_agg(10, 2) x UNION ALL SELECT 2, churn_agg('2024-01-01'::date, NULL, daterange('0100-01-01 BC', '0099-01-01 BC'))) t",
             ERRCODE_INVALID_PARAMETER_VALUE,
             r#"churn cohorts with and without a period cannot be combined, got ["0100-01-01 BC","0099-01-01 BC") after no period"#),
            (r#"SELECT '{"v":1,"lost":0,"at_start":1,"period":"[2025-01-01,5874898-01-01)"}'::churnsummary"#, ERRCODE_INVALID_TEXT_REPRESENTATION,
             r#"malformed churnsummary "{"v":1,"lost":0,"at_start":1,"period":"[2025-01-01,5874898-01-01)"}": period "[2025-01-01,5874898-01-01)" is not a bounded date or timestamptz range within 4714-11-24 BC and 5874897-12-31 (294276-12-31 for timestamps) (text form: {"v":1,"lost":<customers>,"at_start":<customers>,"period":<"[from,to)" or null>})"#),
        ]);
    }
}
