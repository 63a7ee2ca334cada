//! # `cessummary`: a stored CES partial state (sum and count) that rolls up exactly
//!
//! - `ces_agg(score) -> cessummary` (`smallint`, `integer`, `bigint`, `numeric`): the exact sum and
//!   the count of the non-NULL scores. Same NULL rules and errors as `ces(score)`.
//! - `rollup(cessummary) -> cessummary`: adds summaries exactly; PARALLEL SAFE, moving form.
//! - Accessors: `ces(cessummary) -> numeric` (the mean, equal to `ces(score)` and `avg(score)`;
//!   NULL for a summary of nothing), `responses(cessummary) -> bigint`.
//! - Text form `{"v":1,"count":3,"sum":12.50}`; stored form: a version byte, the sum as a scaled
//!   128-bit integer and its scale, the count. Malformed text or impossible bytes are 22P02.

use super::ces::MeanState;
use crate::agg;
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::numeric_sum::NumericSum;
use crate::summary::{self, Summary};
use crate::text::{Count, Decimal, Number};
use pgrx::pg_sys;

const VERSION: u8 = 1;
const EXPECTED: &str = r#"{"v":1,"count":<responses>,"sum":<exact sum of the scores>}"#;

/// The rules every stored CES summary meets, whichever way it came in.
fn check(s: &MeanState<Scaled>) -> Result<(), String> {
    if s.count == 0 && s.sum.mantissa != 0 {
        return Err("a sum without responses".into());
    }
    Ok(())
}

/// Version 1 of the text form.
fn parse_v1(text: &str) -> Result<MeanState<Scaled>, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        count: Count,
        sum: Decimal,
    }
    let f: Form = crate::text::from_json(text)?;
    let s = MeanState {
        sum: f.sum.0,
        count: f.count.0,
    };
    check(&s).map(|()| s)
}

impl Summary for MeanState<Scaled> {
    const TYPE: &'static str = "cessummary";

    fn to_stored(&self) -> Vec<u8> {
        crate::agg::AggState::to_bytes(self)
    }

    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        let bad = |why: &str| KpiError::BadText(format!("invalid cessummary bytes: {why}"));
        let s = <Self as crate::agg::AggState>::from_bytes(bytes).map_err(|e| bad(e.message()))?;
        check(&s).map_err(|why| bad(&why))?;
        Ok(s)
    }

    fn to_text(&self) -> String {
        #[derive(serde::Serialize)]
        struct Form {
            v: u8,
            count: i64,
            sum: Number,
        }
        crate::text::to_json(&Form {
            v: VERSION,
            count: self.count,
            sum: self.sum.into(),
        })
    }

    fn from_text(text: &str) -> Result<Self, KpiError> {
        crate::text::read(text, Self::TYPE, EXPECTED, &[(1, parse_v1)])
    }

    fn scales(&self) -> [u32; summary::DECIMALS] {
        summary::pad_scales([self.sum.scale])
    }

    fn unmerge(&mut self, other: &Self) -> Option<()> {
        let sum = self
            .sum
            .add(other.sum.mantissa.checked_neg()?, other.sum.scale)?;
        let count = self.count.checked_sub(other.count).filter(|c| *c >= 0)?;
        (self.sum, self.count) = (sum, count);
        Some(())
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue. ces_agg reuses ces()'s transition functions and states; its finals convert the
// integer (i128) or decimal sum to the summary's scaled sum.

unsafe fn from_int(f: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        agg::finish::<MeanState<i128>>(f, |s| {
            Some(summary::datum(&MeanState {
                sum: Scaled {
                    mantissa: s.sum,
                    scale: 0,
                },
                count: s.count,
            }))
        })
    }
}

unsafe fn from_numeric_sum(f: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        agg::finish::<MeanState<NumericSum>>(f, |s| {
            let s = s
                .to_scaled("ces")
                .unwrap_or_else(|e| crate::error::raise(e));
            Some(summary::datum(&s))
        })
    }
}

crate::pg_v1_fn!(fn cessummary_in, pg_finfo_cessummary_in, |f| unsafe { summary::input::<MeanState<Scaled>>(f) });
crate::pg_v1_fn!(fn cessummary_out, pg_finfo_cessummary_out, |f| unsafe { summary::output::<MeanState<Scaled>>(f) });
crate::pg_v1_fn!(fn cessummary_recv, pg_finfo_cessummary_recv, |f| unsafe { summary::recv::<MeanState<Scaled>>(f) });
crate::pg_v1_fn!(fn cessummary_send, pg_finfo_cessummary_send, |f| unsafe { summary::send::<MeanState<Scaled>>(f) });
crate::pg_v1_fn!(fn ces_summary_final_int, pg_finfo_ces_summary_final_int, |f| unsafe { from_int(f) });
crate::pg_v1_fn!(fn ces_summary_final_numeric, pg_finfo_ces_summary_final_numeric, |f| unsafe { from_numeric_sum(f) });
crate::pg_v1_fn!(fn ces_summary_final, pg_finfo_ces_summary_final, |f| unsafe { summary::finish::<MeanState<Scaled>>(f) });
crate::pg_v1_fn!(fn ces_rollup_accum, pg_finfo_ces_rollup_accum, |f| unsafe { summary::rollup::<MeanState<Scaled>>(f, false) });
crate::pg_v1_fn!(fn ces_rollup_inv, pg_finfo_ces_rollup_inv, |f| unsafe { summary::rollup::<MeanState<Scaled>>(f, true) });
crate::pg_v1_fn!(fn ces_rollup_combine, pg_finfo_ces_rollup_combine, |f| unsafe { agg::combine::<MeanState<Scaled>>(f) });
crate::pg_v1_fn!(fn ces_rollup_serialize, pg_finfo_ces_rollup_serialize, |f| unsafe { agg::serialize::<MeanState<Scaled>>(f) });
crate::pg_v1_fn!(fn ces_rollup_deserialize, pg_finfo_ces_rollup_deserialize, |f| unsafe { agg::deserialize::<MeanState<Scaled>>(f) });
crate::pg_v1_fn!(fn cessummary_ces, pg_finfo_cessummary_ces, |f| unsafe {
    summary::accessor::<MeanState<Scaled>>(f, |s| {
        s.finish().map(|(sum, n)| pg_sys::Datum::from(agg::numeric_div(agg::numeric_from_scaled(sum), pg_sys::int64_to_numeric(n))))
    })
});
crate::pg_v1_fn!(fn cessummary_responses, pg_finfo_cessummary_responses, |f| unsafe {
    summary::accessor::<MeanState<Scaled>>(f, |s| Some(pg_sys::Datum::from(s.count)))
});

// Equality, the btree order and hashing of the stored form (summary::compare).
crate::pg_v1_fn!(fn cessummary_eq, pg_finfo_cessummary_eq, |f| unsafe { summary::compare::<MeanState<Scaled>>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn cessummary_ne, pg_finfo_cessummary_ne, |f| unsafe { summary::compare::<MeanState<Scaled>>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn cessummary_lt, pg_finfo_cessummary_lt, |f| unsafe { summary::compare::<MeanState<Scaled>>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn cessummary_le, pg_finfo_cessummary_le, |f| unsafe { summary::compare::<MeanState<Scaled>>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn cessummary_gt, pg_finfo_cessummary_gt, |f| unsafe { summary::compare::<MeanState<Scaled>>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn cessummary_ge, pg_finfo_cessummary_ge, |f| unsafe { summary::compare::<MeanState<Scaled>>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn cessummary_cmp, pg_finfo_cessummary_cmp, |f| unsafe { summary::cmp::<MeanState<Scaled>>(f) });
crate::pg_v1_fn!(fn cessummary_hash, pg_finfo_cessummary_hash, |f| unsafe { summary::hash::<MeanState<Scaled>>(f, false) });
crate::pg_v1_fn!(fn cessummary_hash_extended, pg_finfo_cessummary_hash_extended, |f| unsafe { summary::hash::<MeanState<Scaled>>(f, true) });

pgrx::extension_sql_file!(
    "ces_summary.sql",
    name = "ces_summary",
    requires = ["ces", "nps_summary"]
);

#[cfg(test)]
mod unit_tests {
    use super::*;
    use crate::agg::AggState;

    fn st(m: i128, scale: u32, count: i64) -> MeanState<Scaled> {
        MeanState {
            sum: Scaled { mantissa: m, scale },
            count,
        }
    }

    #[test]
    fn text_and_stored_round_trip() {
        for s in [
            st(0, 0, 0),
            st(1250, 2, 3),
            st(-5, 1, 1),
            st(i128::MAX, 38, i64::MAX),
        ] {
            assert_eq!(
                MeanState::<Scaled>::from_text(&s.to_text()).unwrap(),
                s,
                "{}",
                s.to_text()
            );
            assert_eq!(MeanState::<Scaled>::from_stored(&s.to_stored()).unwrap(), s);
        }
        assert_eq!(st(1250, 2, 3).to_text(), r#"{"v":1,"count":3,"sum":12.50}"#);
        assert_eq!(
            MeanState::<Scaled>::from_text(r#" { "v": 1, "count": 2, "sum": -0.5 } "#).unwrap(),
            st(-5, 1, 2)
        );
    }

    #[test]
    fn malformed_is_22p02() {
        for (bad, why) in [
            ("", "EOF while parsing"),
            ("x", "expected value"),
            (r#"{"v":1,"count":-1,"sum":0}"#, "-1 is not a count"),
            (
                r#"{"v":1,"count":1,"sum":1e3}"#,
                "1e3 is not an exact decimal",
            ),
            (r#"{"v":1,"count":0,"sum":5}"#, "a sum without responses"),
            (r#"{"v":1,"count":1}"#, "missing field `sum`"),
            (
                r#"{"v":1,"count":1,"sum":5,"mean":5}"#,
                "unknown field `mean`",
            ),
        ] {
            let e = MeanState::<Scaled>::from_text(bad).unwrap_err();
            crate::text::assert_malformed(&e, "cessummary", bad, EXPECTED, why);
        }
        // keys in any order, as jsonb prints them
        assert_eq!(
            MeanState::<Scaled>::from_text(r#"{"v":1,"sum":5,"count":1}"#).unwrap(),
            st(5, 0, 1)
        );
        let e = MeanState::<Scaled>::from_text(r#"{"v":3,"count":0,"sum":0}"#).unwrap_err();
        assert!(e
            .message()
            .starts_with("cessummary version 3 is not supported"));
        let e = MeanState::<Scaled>::from_stored(&st(5, 0, 0).to_bytes()).unwrap_err();
        assert_eq!(
            (e.sqlstate(), e.message()),
            ("22P02", "invalid cessummary bytes: a sum without responses")
        );
        assert!(MeanState::<Scaled>::from_stored(&st(5, 0, 1).to_bytes()[..10]).is_err());
    }

    #[test]
    fn merge_and_unmerge() {
        let (a, b) = (st(1250, 2, 3), st(7, 0, 2));
        let mut s = a;
        s.merge(&b).unwrap();
        assert_eq!(s, st(1950, 2, 5));
        s.unmerge(&b).unwrap();
        assert_eq!(s, st(1250, 2, 3));
        assert_eq!(s.unmerge(&st(0, 0, 4)), None);
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn cessummary_accessors() {
        let q = "SELECT concat_ws(' ', ces(ces_agg(s)) = ces(s), responses(ces_agg(s)), ces_agg(s)::text)
                 FROM (VALUES (1.5), (7), (NULL)) v(s)";
        assert_eq!(
            text(q).as_deref(),
            Some(r#"t 2 {"v":1,"count":2,"sum":8.5}"#)
        );
        assert_eq!(
            text(r#"SELECT ces('{"v":1,"count":0,"sum":0}'::cessummary)::text"#),
            None
        );
    }

    #[pg_test]
    fn cessummary_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            (
                "SELECT 'x'::cessummary",
                ERRCODE_INVALID_TEXT_REPRESENTATION,
                r#"malformed cessummary "x": expected value (text form: {"v":1,"count":<responses>,"sum":<exact sum of the scores>})"#,
            ),
            (
                "SELECT ces_agg('NaN'::numeric)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "ces score must be a finite number of at most 38 digits, got NaN",
            ),
        ]);
    }
}
