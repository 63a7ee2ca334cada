//! # `csatsummary`: a stored CSAT partial state that rolls up exactly
//!
//! - `csat_agg(rating, threshold) -> csatsummary` and `csat_agg(rating)` (threshold 4), for
//!   `smallint`, `integer`, `bigint` and `numeric`: ratings at or above the threshold, all
//!   non-NULL ratings, their exact sum, and the threshold. Same NULL rules and errors as `csat()`.
//! - `rollup(csatsummary) -> csatsummary`: adds summaries exactly; PARALLEL SAFE, moving form.
//!   Summaries with different thresholds cannot be combined: 22023 naming both.
//! - Accessors: `csat(csatsummary) -> numeric` (equal to `csat()`; NULL for a summary of nothing),
//!   `satisfied(...)`, `responses(...) -> bigint`, `mean_rating(...) -> numeric` (equal to
//!   `avg(rating)`; NULL for a summary of nothing).
//! - Text form `{"v":1,"threshold":4,"satisfied":3,"responses":4,"sum":15}` (`"threshold":null`
//!   before any rating). Malformed text or impossible bytes are 22P02.

use crate::agg::{self, AggState};
use crate::bytes::{Field, Reader, Writer};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::summary::{self, Moving, Summary};
use crate::text::{Count, Decimal, Nullable, Number};
use pgrx::pg_sys;
use std::cmp::Ordering;

const VERSION: u8 = 1;
const EXPECTED: &str = r#"{"v":1,"threshold":<number or null>,"satisfied":<count>,"responses":<count>,"sum":<sum of ratings>}"#;

/// Ratings at or above the threshold, all ratings, their exact sum, and the group's threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsatState {
    pub satisfied: i64,
    pub responses: i64,
    pub sum: Scaled,
    pub threshold: Option<Scaled>,
}

#[cold]
fn threshold_changed(was: Scaled, now: Scaled) -> KpiError {
    KpiError::InvalidParameter(format!(
        "csat threshold must be the same on every row of a group, got {now} after {was}"
    ))
}

#[cold]
fn overflow() -> KpiError {
    KpiError::OutOfRange("csat sum is out of range".into())
}

impl CsatState {
    /// Record `t` as the group's threshold, or check it is the same value. Of equal values
    /// written with different scales (4 and 4.0) the one with more decimals is kept, so the
    /// summary does not depend on the order of the rows.
    #[inline(always)]
    pub fn check(&mut self, t: Scaled) -> Result<Scaled, KpiError> {
        match self.threshold {
            Some(was) if was.cmp_value(t) == Ordering::Equal => {
                if t.scale > was.scale {
                    self.threshold = Some(t);
                }
                Ok(t)
            }
            Some(was) => Err(threshold_changed(was, t)),
            None => {
                self.threshold = Some(t);
                Ok(t)
            }
        }
    }

    /// Count (or with `inverse`, un-count) one rating against threshold `t`.
    #[inline(always)]
    pub fn step(&mut self, rating: Scaled, t: Scaled, inverse: bool) -> Result<(), KpiError> {
        let t = self.check(t)?;
        let hit = i64::from(rating.cmp_value(t) != Ordering::Less);
        let sign = if inverse { -1 } else { 1 };
        let sum = self
            .sum
            .add(sign * rating.mantissa, rating.scale)
            .ok_or_else(overflow)?;
        (self.satisfied, self.responses, self.sum) = (
            self.satisfied + sign as i64 * hit,
            self.responses + sign as i64,
            sum,
        );
        Ok(())
    }

    /// The rules every stored CSAT summary meets, whichever way it came in.
    // inlined into rollup(): given &self out of line, the summary was stored to the stack and read
    // back wider than written, stalling store forwarding (BENCHMARKS.md, issue 26)
    #[inline(always)]
    pub fn check_stored(&self) -> Result<(), String> {
        if self.satisfied > self.responses {
            return Err("more satisfied than responses".into());
        }
        if self.responses == 0 && self.sum.mantissa != 0 {
            return Err("a sum without responses".into());
        }
        if self.threshold.is_none() && self.responses > 0 {
            return Err("responses without a threshold".into());
        }
        Ok(())
    }

    fn possible(&self) -> bool {
        self.satisfied >= 0 && self.check_stored().is_ok()
    }
}

impl AggState for CsatState {
    #[inline(always)] // into rollup()'s transition, one call a summary fewer
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        if let Some(t) = other.threshold {
            self.check(t)?;
        }
        let sum = self
            .sum
            .add(other.sum.mantissa, other.sum.scale)
            .ok_or_else(overflow)?;
        let satisfied = self
            .satisfied
            .checked_add(other.satisfied)
            .ok_or_else(overflow)?;
        let responses = self
            .responses
            .checked_add(other.responses)
            .ok_or_else(overflow)?;
        (self.satisfied, self.responses, self.sum) = (satisfied, responses, sum);
        Ok(())
    }

    fn to_bytes(&self) -> Vec<u8> {
        let w = self
            .sum
            .put(Writer::new(VERSION).i64(self.satisfied).i64(self.responses));
        match self.threshold {
            None => w.u8(0),
            Some(t) => t.put(w.u8(1)),
        }
        .into_vec()
    }

    // inlined into rollup(): its Result, returned through memory, stalled store forwarding
    #[inline(always)]
    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, "csatsummary", VERSION)?;
        let (satisfied, responses, sum) = (r.count()?, r.count()?, Scaled::get(&mut r)?);
        let threshold = match r.u8()? {
            0 => None,
            1 => Some(Scaled::get(&mut r)?),
            f => return Err(r.error(&format!("bad threshold flag {f}"))),
        };
        r.end()?;
        let s = CsatState {
            satisfied,
            responses,
            sum,
            threshold,
        };
        s.check_stored()
            .map_err(|why| KpiError::BadText(format!("invalid csatsummary state: {why}")))?;
        Ok(s)
    }
}

/// Version 1 of the text form.
fn parse_v1(text: &str) -> Result<CsatState, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        threshold: Nullable<Decimal>,
        satisfied: Count,
        responses: Count,
        sum: Decimal,
    }
    let f: Form = crate::text::from_json(text)?;
    let s = CsatState {
        satisfied: f.satisfied.0,
        responses: f.responses.0,
        sum: f.sum.0,
        threshold: f.threshold.0.map(|t| t.0),
    };
    s.check_stored().map(|()| s)
}

impl Summary for CsatState {
    const TYPE: &'static str = "csatsummary";
    const VERSIONS: &'static [u8] = &[1];
    const DECIMALS_HELD: usize = 2; // the sum, the threshold

    fn to_stored(&self) -> Vec<u8> {
        self.to_bytes()
    }

    // inlined into rollup(): its Result, returned through memory, stalled store forwarding
    #[inline(always)]
    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        Self::from_bytes(bytes)
    }

    fn to_text(&self) -> String {
        #[derive(serde::Serialize)]
        struct Form {
            v: u8,
            threshold: Option<Number>,
            satisfied: i64,
            responses: i64,
            sum: Number,
        }
        crate::text::to_json(&Form {
            v: VERSION,
            threshold: self.threshold.map(Number::from),
            satisfied: self.satisfied,
            responses: self.responses,
            sum: self.sum.into(),
        })
    }

    fn from_text(text: &str) -> Result<Self, KpiError> {
        crate::text::read(text, Self::TYPE, EXPECTED, &[(1, parse_v1)])
    }

    fn scales(&self) -> [u32; summary::DECIMALS] {
        summary::pad_scales([self.sum.scale, self.threshold.map_or(0, |t| t.scale)])
    }

    fn unmerge(&mut self, other: &Self) -> Option<()> {
        let sum = self
            .sum
            .add(other.sum.mantissa.checked_neg()?, other.sum.scale)?;
        let s = CsatState {
            satisfied: self.satisfied.checked_sub(other.satisfied)?,
            responses: self.responses.checked_sub(other.responses)?,
            sum,
            threshold: self.threshold,
        };
        s.possible().then(|| *self = s)
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue. Argument 1 is the rating, argument 2 (when present) the threshold.

#[derive(Clone, Copy)]
enum Ty {
    Int2,
    Int4,
    Int8,
    Numeric,
    Float8,
}

#[inline(always)]
unsafe fn value(ty: Ty, d: pg_sys::Datum, role: &str) -> Scaled {
    let int = |v: i64| Scaled {
        mantissa: i128::from(v),
        scale: 0,
    };
    match ty {
        Ty::Int2 => int(i64::from(d.value() as i16)),
        Ty::Int4 => int(i64::from(d.value() as i32)),
        Ty::Int8 => int(d.value() as i64),
        Ty::Numeric => unsafe { agg::scaled_arg(d, "csat", role) },
        Ty::Float8 => agg::float8_scaled_arg(d, "csat", role),
    }
}

#[inline(always)]
unsafe fn step(f: pg_sys::FunctionCallInfo, ty: Ty, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let threshold = if (*f).nargs < 3 {
            Scaled {
                mantissa: 4,
                scale: 0,
            }
        } else if agg::arg_is_null(f, 2) {
            crate::error::raise(super::csat::threshold_null("csat"))
        } else {
            value(ty, agg::arg_datum(f, 2), "threshold")
        };
        let rating = if agg::arg_is_null(f, 1) {
            None
        } else {
            Some(value(ty, agg::arg_datum(f, 1), "rating"))
        };
        // A moving state (see summary::Moving): the scales of the ratings summed and of the
        // thresholds seen.
        let moving = agg::state_or_new::<Moving<CsatState>>(f);
        let m = &mut *moving;
        let done = match rating {
            None => m.state.check(threshold).map(|_| ()),
            Some(r) => m.state.step(r, threshold, inverse),
        };
        if let Err(e) = done {
            crate::error::raise(e);
        }
        let [sum, t, ..] = &mut m.scales;
        if inverse {
            if let Some(r) = rating {
                sum.remove(r.scale);
            }
            t.remove(threshold.scale);
            if !(sum.known() && t.known()) {
                return agg::return_null(f); // recompute the frame
            }
        } else {
            if let Some(r) = rating {
                sum.add(r.scale);
            }
            t.add(threshold.scale);
        }
        agg::return_state(moving)
    }
}

crate::pg_v1_fn!(fn csat_summary_accum_int2, pg_finfo_csat_summary_accum_int2, |f| unsafe { step(f, Ty::Int2, false) });
crate::pg_v1_fn!(fn csat_summary_accum_int4, pg_finfo_csat_summary_accum_int4, |f| unsafe { step(f, Ty::Int4, false) });
crate::pg_v1_fn!(fn csat_summary_accum_int8, pg_finfo_csat_summary_accum_int8, |f| unsafe { step(f, Ty::Int8, false) });
crate::pg_v1_fn!(fn csat_summary_accum_numeric, pg_finfo_csat_summary_accum_numeric, |f| unsafe { step(f, Ty::Numeric, false) });
crate::pg_v1_fn!(fn csat_summary_accum_float8, pg_finfo_csat_summary_accum_float8, |f| unsafe { step(f, Ty::Float8, false) });
crate::pg_v1_fn!(fn csat_summary_inv_float8, pg_finfo_csat_summary_inv_float8, |f| unsafe { step(f, Ty::Float8, true) });
crate::pg_v1_fn!(fn csat_summary_inv_int2, pg_finfo_csat_summary_inv_int2, |f| unsafe { step(f, Ty::Int2, true) });
crate::pg_v1_fn!(fn csat_summary_inv_int4, pg_finfo_csat_summary_inv_int4, |f| unsafe { step(f, Ty::Int4, true) });
crate::pg_v1_fn!(fn csat_summary_inv_int8, pg_finfo_csat_summary_inv_int8, |f| unsafe { step(f, Ty::Int8, true) });
crate::pg_v1_fn!(fn csat_summary_inv_numeric, pg_finfo_csat_summary_inv_numeric, |f| unsafe { step(f, Ty::Numeric, true) });
crate::pg_v1_fn!(fn csat_summary_combine, pg_finfo_csat_summary_combine, |f| unsafe { agg::combine::<CsatState>(f) });
crate::pg_v1_fn!(fn csat_summary_serialize, pg_finfo_csat_summary_serialize, |f| unsafe { agg::serialize::<CsatState>(f) });
crate::pg_v1_fn!(fn csat_summary_deserialize, pg_finfo_csat_summary_deserialize, |f| unsafe { agg::deserialize::<CsatState>(f) });
crate::pg_v1_fn!(fn csat_summary_final, pg_finfo_csat_summary_final, |f| unsafe { summary::finish::<CsatState>(f) });
crate::pg_v1_fn!(fn csatsummary_in, pg_finfo_csatsummary_in, |f| unsafe { summary::input::<CsatState>(f) });
crate::pg_v1_fn!(fn csatsummary_out, pg_finfo_csatsummary_out, |f| unsafe { summary::output::<CsatState>(f) });
crate::pg_v1_fn!(fn csatsummary_recv, pg_finfo_csatsummary_recv, |f| unsafe { summary::recv::<CsatState>(f) });
crate::pg_v1_fn!(fn csatsummary_send, pg_finfo_csatsummary_send, |f| unsafe { summary::send::<CsatState>(f) });
crate::pg_v1_fn!(fn csat_rollup_accum, pg_finfo_csat_rollup_accum, |f| unsafe { summary::rollup::<CsatState>(f, false) });
crate::pg_v1_fn!(fn csat_rollup_inv, pg_finfo_csat_rollup_inv, |f| unsafe { summary::rollup::<CsatState>(f, true) });
crate::pg_v1_fn!(fn csatsummary_csat, pg_finfo_csatsummary_csat, |f| unsafe {
    summary::accessor::<CsatState>(f, |s| (s.responses > 0).then(|| agg::numeric_percent(s.satisfied, s.responses)))
});
crate::pg_v1_fn!(fn csatsummary_satisfied, pg_finfo_csatsummary_satisfied, |f| unsafe {
    summary::accessor::<CsatState>(f, |s| Some(pg_sys::Datum::from(s.satisfied)))
});
crate::pg_v1_fn!(fn csatsummary_responses, pg_finfo_csatsummary_responses, |f| unsafe {
    summary::accessor::<CsatState>(f, |s| Some(pg_sys::Datum::from(s.responses)))
});
crate::pg_v1_fn!(fn csatsummary_mean_rating, pg_finfo_csatsummary_mean_rating, |f| unsafe {
    summary::accessor::<CsatState>(f, |s| {
        (s.responses > 0).then(|| {
            pg_sys::Datum::from(agg::numeric_div(agg::numeric_from_scaled(s.sum), pg_sys::int64_to_numeric(s.responses)))
        })
    })
});

// Equality, the btree order and hashing of the stored form (summary::compare).
crate::pg_v1_fn!(fn csatsummary_eq, pg_finfo_csatsummary_eq, |f| unsafe { summary::compare::<CsatState>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn csatsummary_ne, pg_finfo_csatsummary_ne, |f| unsafe { summary::compare::<CsatState>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn csatsummary_lt, pg_finfo_csatsummary_lt, |f| unsafe { summary::compare::<CsatState>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn csatsummary_le, pg_finfo_csatsummary_le, |f| unsafe { summary::compare::<CsatState>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn csatsummary_gt, pg_finfo_csatsummary_gt, |f| unsafe { summary::compare::<CsatState>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn csatsummary_ge, pg_finfo_csatsummary_ge, |f| unsafe { summary::compare::<CsatState>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn csatsummary_cmp, pg_finfo_csatsummary_cmp, |f| unsafe { summary::cmp::<CsatState>(f) });
crate::pg_v1_fn!(fn csatsummary_hash, pg_finfo_csatsummary_hash, |f| unsafe { summary::hash::<CsatState>(f, false) });
crate::pg_v1_fn!(fn csatsummary_hash_extended, pg_finfo_csatsummary_hash_extended, |f| unsafe { summary::hash::<CsatState>(f, true) });

pgrx::extension_sql_file!(
    "csat_summary.sql",
    name = "csat_summary",
    requires = ["nps_summary"]
);

#[cfg(test)]
mod unit_tests {
    use super::*;

    fn v(t: &str) -> Scaled {
        t.parse().unwrap()
    }

    #[test]
    fn counts_sum_and_threshold() {
        let mut s = CsatState::default();
        for r in ["5", "4", "3", "4.5"] {
            s.step(v(r), v("4"), false).unwrap();
        }
        assert_eq!(
            (s.satisfied, s.responses, s.sum.to_string()),
            (3, 4, "16.5".to_string())
        );
        s.step(v("4.5"), v("4.0"), true).unwrap();
        assert_eq!(
            (s.satisfied, s.responses),
            (2, 3),
            "4.0 is the same threshold as 4"
        );
        assert_eq!(
            s.threshold,
            Some(v("4.0")),
            "of equal thresholds the one with more decimals is kept, whatever the row order"
        );
        let e = s.step(v("5"), v("3"), false).unwrap_err();
        assert_eq!(
            (e.sqlstate(), e.message()),
            (
                "22023",
                "csat threshold must be the same on every row of a group, got 3 after 4.0"
            )
        );
        let mut other = CsatState::default();
        other.step(v("5"), v("5"), false).unwrap();
        assert_eq!(s.merge(&other).unwrap_err().sqlstate(), "22023");
    }

    #[test]
    fn text_bytes_and_unmerge() {
        let mut s = CsatState::default();
        assert_eq!(
            s.to_text(),
            r#"{"v":1,"threshold":null,"satisfied":0,"responses":0,"sum":0}"#
        );
        assert_eq!(CsatState::from_text(&s.to_text()).unwrap(), s);
        s.step(v("5"), v("4"), false).unwrap();
        s.step(v("2"), v("4"), false).unwrap();
        let t = s.to_text();
        assert_eq!(
            t,
            r#"{"v":1,"threshold":4,"satisfied":1,"responses":2,"sum":7}"#
        );
        assert_eq!(CsatState::from_text(&t).unwrap(), s);
        assert_eq!(CsatState::from_bytes(&s.to_bytes()).unwrap(), s);
        let mut twice = s;
        twice.merge(&s).unwrap();
        twice.unmerge(&s).unwrap();
        assert_eq!(twice, s);
        for bad in [
            "",
            r#"{"v":1,"threshold":4,"satisfied":3,"responses":2,"sum":7}"#,
            r#"{"v":1,"threshold":null,"satisfied":0,"responses":1,"sum":7}"#,
        ] {
            assert_eq!(
                CsatState::from_text(bad).unwrap_err().sqlstate(),
                "22P02",
                "{bad}"
            );
        }
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn csatsummary_accessors() {
        let q = "SELECT concat_ws(' ', csat(csat_agg(r)) = csat(r), satisfied(csat_agg(r)), responses(csat_agg(r)),
                                      mean_rating(csat_agg(r)) = avg(r), csat_agg(r::numeric, 4.5)::text)
                 FROM (VALUES (5), (4), (3), (NULL)) v(r)";
        assert_eq!(
            text(q).as_deref(),
            Some(r#"t 2 3 t {"v":1,"threshold":4.5,"satisfied":1,"responses":3,"sum":12}"#)
        );
    }

    #[pg_test]
    fn csatsummary_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            ("SELECT csat_agg(r, t) FROM (VALUES (5, 4), (4, 3)) v(r, t)", ERRCODE_INVALID_PARAMETER_VALUE,
             "csat threshold must be the same on every row of a group, got 3 after 4"),
            ("SELECT rollup(s ORDER BY t) FROM (SELECT t, csat_agg(5, t) s FROM (VALUES (4), (5)) v(t) GROUP BY t) x", ERRCODE_INVALID_PARAMETER_VALUE,
             "csat threshold must be the same on every row of a group, got 5 after 4"),
            // combine() is rollup() under another name: the same error
            ("SELECT combine(s ORDER BY t) FROM (SELECT t, csat_agg(5, t) s FROM (VALUES (4), (5)) v(t) GROUP BY t) x", ERRCODE_INVALID_PARAMETER_VALUE,
             "csat threshold must be the same on every row of a group, got 5 after 4"),
            ("SELECT 'x'::csatsummary", ERRCODE_INVALID_TEXT_REPRESENTATION,
             r#"malformed csatsummary "x": expected value (text form: {"v":1,"threshold":<number or null>,"satisfied":<count>,"responses":<count>,"sum":<sum of ratings>})"#),
        ]);
    }
}
