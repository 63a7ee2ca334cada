//! # `cessummary`: a stored CES partial state (sum, count, sum of squares) that rolls up exactly
//!
//! - `ces_agg(score) -> cessummary` (`smallint`, `integer`, `bigint`, `numeric`, `double
//!   precision`): the exact sum, the count and the exact sum of squares of the non-NULL scores
//!   (see [`super::ces_agg`]). Same NULL rules and errors as `ces(score)`.
//! - `rollup(cessummary) -> cessummary`: adds summaries exactly; PARALLEL SAFE, moving form.
//! - Accessors: `ces(cessummary) -> numeric` (the mean, equal to `ces(score)` and `avg(score)`;
//!   NULL for a summary of nothing), `responses(cessummary) -> bigint`; the t interval in
//!   [`super::confidence_sql`].
//! - Text form version 2 `{"v":2,"count":3,"sum":12.50,"sum_squares":52.2500}`; stored form: a
//!   version byte, the sum as a scaled 128-bit integer and its scale, the count, the sum of
//!   squares likewise. Version 1 (0.1.0 to 0.2.0: no sum of squares) still reads everywhere and
//!   is what a summary without a sum of squares prints and stores as: those of version 1, and a
//!   sum of squares past 38 digits (its interval is NULL). A rollup of both is version 1.
//!   Malformed text or impossible bytes are 22P02.

use crate::agg::{self, AggState};
use crate::bytes::{Field, Reader, Writer};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::summary::{self, Summary};
use crate::text::{Count, Decimal, Number};
use num_bigint::BigInt;
use pgrx::pg_sys;
use std::cmp::Ordering;

const EXPECTED: &str = r#"{"v":2,"count":<responses>,"sum":<exact sum of the scores>,"sum_squares":<exact sum of their squares>}"#;

/// A stored CES summary: the exact sum and count of the scores and, from version 2, the exact
/// sum of their squares (`None`: a version 1 summary, or squares past 38 digits).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CesSummary {
    pub sum: Scaled,
    pub count: i64,
    pub squares: Option<Scaled>,
}

/// The summary of nothing (a rollup's first state): version 2, every sum 0.
impl Default for CesSummary {
    fn default() -> Self {
        CesSummary {
            sum: Scaled::default(),
            count: 0,
            squares: Some(Scaled::default()),
        }
    }
}

#[cold]
fn overflow() -> KpiError {
    KpiError::OutOfRange("ces sum is out of range".into())
}

impl CesSummary {
    /// The summary of `scores` (tests and references).
    pub fn of(scores: &[Scaled]) -> Option<CesSummary> {
        let mut out = CesSummary::default();
        for x in scores {
            out.sum = out.sum.add(x.mantissa, x.scale)?;
            out.count += 1;
            out.squares = add_square(out.squares, x.mantissa, x.scale, false);
        }
        Some(out)
    }
}

/// The largest scale a sum of squares keeps. The square of a score with more than 12 decimals
/// is rounded (half up) to 24 decimals, row by row, so the sum stays exact and independent of
/// the order of the rows, and a score such as `effort / 3.0` (20 decimals, whose square would
/// need 40) still has one.
pub const SQUARES_SCALE: u32 = 24;

/// The square of `m / 10^s` at scale `min(2 s, SQUARES_SCALE)` (rounded half up past it), or
/// `None` when it does not fit 38 digits.
#[inline(always)]
pub fn square(m: i128, s: u32) -> Option<Scaled> {
    let scale = 2 * s;
    // the common case: a score within 64 bits and 12 decimals, one 64x64-bit multiply
    if let Ok(small) = i64::try_from(m) {
        if scale <= SQUARES_SCALE {
            let small = i128::from(small);
            return Some(Scaled {
                mantissa: small * small, // below 2^126
                scale,
            });
        }
    }
    let Some(sq) = m.unsigned_abs().checked_mul(m.unsigned_abs()) else {
        return square_wide(m, s);
    };
    if scale <= SQUARES_SCALE {
        return Some(Scaled {
            mantissa: i128::try_from(sq).ok()?,
            scale,
        });
    }
    let drop = scale - SQUARES_SCALE;
    // below 3.4e38, so below half of 10^39: rounds to 0
    let rounded = match 10u128.checked_pow(drop) {
        Some(p) => sq / p + u128::from(sq % p >= p / 2),
        None => 0,
    };
    Some(Scaled {
        mantissa: i128::try_from(rounded).ok()?,
        scale: SQUARES_SCALE,
    })
}

/// [`square`] of a score past 64 bits, in a `BigInt`.
#[cold]
fn square_wide(m: i128, s: u32) -> Option<Scaled> {
    let sq = BigInt::from(m).pow(2);
    let (sq, scale) = if 2 * s <= SQUARES_SCALE {
        (sq, 2 * s)
    } else {
        let p = BigInt::from(10).pow(2 * s - SQUARES_SCALE);
        let half = &p / 2;
        ((sq + half) / p, SQUARES_SCALE)
    };
    Some(Scaled {
        mantissa: i128::try_from(sq).ok()?,
        scale,
    })
}

/// `squares + (or with `negate`, -) square(m / 10^s)`, exactly; `None` once it does not fit 38
/// digits.
#[inline(always)]
pub fn add_square(squares: Option<Scaled>, m: i128, s: u32, negate: bool) -> Option<Scaled> {
    let q = square(m, s)?;
    squares?.add(if negate { -q.mantissa } else { q.mantissa }, q.scale)
}

/// The rules every stored CES summary meets, whichever way it came in.
// inlined into rollup(): given &self out of line, the summary was stored to the stack and read
// back wider than written, stalling store forwarding (BENCHMARKS.md, issue 26)
#[inline(always)]
fn check(s: &CesSummary) -> Result<(), String> {
    if s.count == 0 && s.sum.mantissa != 0 {
        return Err("a sum without responses".into());
    }
    let Some(q) = s.squares else { return Ok(()) };
    if q.mantissa < 0 {
        return Err("a negative sum of squares".into());
    }
    if s.count == 0 && q.mantissa != 0 {
        return Err("a sum of squares without responses".into());
    }
    let off = match s.spread_sign() {
        Some(Ordering::Less) => "sum_squares is below sum^2 / count".to_string(),
        Some(Ordering::Greater) if s.count <= 1 => {
            format!("sum_squares is not sum^2 for {} responses", s.count)
        }
        _ => return Ok(()),
    };
    if s.within_rounding() {
        Ok(())
    } else {
        Err(off)
    }
}

/// Version 1 of the text form (0.1.0 to 0.2.0): no sum of squares.
fn parse_v1(text: &str) -> Result<CesSummary, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        count: Count,
        sum: Decimal,
    }
    let f: Form = crate::text::from_json(text)?;
    let s = CesSummary {
        sum: f.sum.0,
        count: f.count.0,
        squares: None,
    };
    check(&s).map(|()| s)
}

/// Version 2: with the sum of squares.
fn parse_v2(text: &str) -> Result<CesSummary, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        count: Count,
        sum: Decimal,
        sum_squares: Decimal,
    }
    let f: Form = crate::text::from_json(text)?;
    let s = CesSummary {
        sum: f.sum.0,
        count: f.count.0,
        squares: Some(f.sum_squares.0),
    };
    check(&s).map(|()| s)
}

impl AggState for CesSummary {
    /// Sums and counts add (past 38 digits is 22003); sums of squares add while both have one
    /// and it fits.
    #[inline(always)] // into rollup()'s transition, one call a summary fewer
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        let sum = self
            .sum
            .add(other.sum.mantissa, other.sum.scale)
            .ok_or_else(overflow)?;
        let count = self.count.checked_add(other.count).ok_or_else(overflow)?;
        let squares = other
            .squares
            .and_then(|q| add_square_sum(self.squares, q, false));
        (self.sum, self.count, self.squares) = (sum, count, squares);
        Ok(())
    }

    /// The stored form: version 1 without a sum of squares (byte for byte as 0.1.0 wrote it),
    /// else version 2.
    fn to_bytes(&self) -> Vec<u8> {
        let w = self.sum.put(Writer::new(self.version())).i64(self.count);
        match self.squares {
            Some(q) => q.put(w).into_vec(),
            None => w.into_vec(),
        }
    }

    // inlined into rollup(): its Result, returned through memory, stalled store forwarding
    #[inline(always)]
    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let version = match bytes.first() {
            Some(2) => 2,
            _ => 1, // and Reader::new names what is wrong
        };
        let mut r = Reader::new(bytes, "mean", version)?;
        let sum = Scaled::get(&mut r)?;
        let count = r.count()?;
        let squares = if version == 2 {
            Some(Scaled::get(&mut r)?)
        } else {
            None
        };
        r.end()?;
        Ok(CesSummary {
            sum,
            count,
            squares,
        })
    }
}

/// `squares + q` (or `- q`) of two sums of squares at their own scales; `None` when either is
/// missing or the result does not fit.
pub fn add_square_sum(squares: Option<Scaled>, q: Scaled, negate: bool) -> Option<Scaled> {
    let m = if negate {
        q.mantissa.checked_neg()?
    } else {
        q.mantissa
    };
    squares?.add(m, q.scale)
}

impl CesSummary {
    /// The version of the form this summary is written in.
    fn version(&self) -> u8 {
        if self.squares.is_some() {
            2
        } else {
            1
        }
    }
}

impl Summary for CesSummary {
    const TYPE: &'static str = "cessummary";
    const VERSIONS: &'static [u8] = &[1, 2];
    const DECIMALS_HELD: usize = 2; // the sum, the squares

    fn to_stored(&self) -> Vec<u8> {
        self.to_bytes()
    }

    // inlined into rollup(): its Result, returned through memory, stalled store forwarding
    #[inline(always)]
    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        let bad = |why: &str| KpiError::BadText(format!("invalid cessummary bytes: {why}"));
        let s = Self::from_bytes(bytes).map_err(|e| bad(e.message()))?;
        check(&s).map_err(|why| bad(&why))?;
        Ok(s)
    }

    fn to_text(&self) -> String {
        #[derive(serde::Serialize)]
        struct Form {
            v: u8,
            count: i64,
            sum: Number,
            #[serde(skip_serializing_if = "Option::is_none")]
            sum_squares: Option<Number>,
        }
        crate::text::to_json(&Form {
            v: self.version(),
            count: self.count,
            sum: self.sum.into(),
            sum_squares: self.squares.map(Number::from),
        })
    }

    fn from_text(text: &str) -> Result<Self, KpiError> {
        crate::text::read(text, Self::TYPE, EXPECTED, &[(1, parse_v1), (2, parse_v2)])
    }

    fn scales(&self) -> [u32; summary::DECIMALS] {
        summary::pad_scales([self.sum.scale, self.squares.map_or(0, |q| q.scale)])
    }

    /// Removes `other`; a sum of squares missing on either side cannot be restored by removal,
    /// so the state then keeps none and [`Summary::exact`] asks for a recomputation.
    fn unmerge(&mut self, other: &Self) -> Option<()> {
        let sum = self
            .sum
            .add(other.sum.mantissa.checked_neg()?, other.sum.scale)?;
        let count = self.count.checked_sub(other.count).filter(|c| *c >= 0)?;
        let squares = other
            .squares
            .and_then(|q| add_square_sum(self.squares, q, true));
        (self.sum, self.count, self.squares) = (sum, count, squares);
        Some(())
    }

    fn exact(&self) -> bool {
        self.squares.is_some()
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue: the type, rollup() and the accessors (ces_agg's transitions and finals: ces_agg.rs).

crate::pg_v1_fn!(fn cessummary_in, pg_finfo_cessummary_in, |f| unsafe { summary::input::<CesSummary>(f) });
crate::pg_v1_fn!(fn cessummary_out, pg_finfo_cessummary_out, |f| unsafe { summary::output::<CesSummary>(f) });
crate::pg_v1_fn!(fn cessummary_recv, pg_finfo_cessummary_recv, |f| unsafe { summary::recv::<CesSummary>(f) });
crate::pg_v1_fn!(fn cessummary_send, pg_finfo_cessummary_send, |f| unsafe { summary::send::<CesSummary>(f) });
crate::pg_v1_fn!(fn ces_summary_final, pg_finfo_ces_summary_final, |f| unsafe { summary::finish::<CesSummary>(f) });
crate::pg_v1_fn!(fn ces_rollup_accum, pg_finfo_ces_rollup_accum, |f| unsafe { summary::rollup::<CesSummary>(f, false) });
crate::pg_v1_fn!(fn ces_rollup_inv, pg_finfo_ces_rollup_inv, |f| unsafe { summary::rollup::<CesSummary>(f, true) });
crate::pg_v1_fn!(fn ces_rollup_combine, pg_finfo_ces_rollup_combine, |f| unsafe { agg::combine::<CesSummary>(f) });
crate::pg_v1_fn!(fn ces_rollup_serialize, pg_finfo_ces_rollup_serialize, |f| unsafe { agg::serialize::<CesSummary>(f) });
crate::pg_v1_fn!(fn ces_rollup_deserialize, pg_finfo_ces_rollup_deserialize, |f| unsafe { agg::deserialize::<CesSummary>(f) });
crate::pg_v1_fn!(fn cessummary_ces, pg_finfo_cessummary_ces, |f| unsafe {
    summary::accessor::<CesSummary>(f, |s| {
        (s.count > 0).then(|| pg_sys::Datum::from(agg::numeric_div(agg::numeric_from_scaled(s.sum), pg_sys::int64_to_numeric(s.count))))
    })
});
crate::pg_v1_fn!(fn cessummary_responses, pg_finfo_cessummary_responses, |f| unsafe {
    summary::accessor::<CesSummary>(f, |s| Some(pg_sys::Datum::from(s.count)))
});

// Equality, the btree order and hashing of the stored form (summary::compare).
crate::pg_v1_fn!(fn cessummary_eq, pg_finfo_cessummary_eq, |f| unsafe { summary::compare::<CesSummary>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn cessummary_ne, pg_finfo_cessummary_ne, |f| unsafe { summary::compare::<CesSummary>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn cessummary_lt, pg_finfo_cessummary_lt, |f| unsafe { summary::compare::<CesSummary>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn cessummary_le, pg_finfo_cessummary_le, |f| unsafe { summary::compare::<CesSummary>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn cessummary_gt, pg_finfo_cessummary_gt, |f| unsafe { summary::compare::<CesSummary>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn cessummary_ge, pg_finfo_cessummary_ge, |f| unsafe { summary::compare::<CesSummary>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn cessummary_cmp, pg_finfo_cessummary_cmp, |f| unsafe { summary::cmp::<CesSummary>(f) });
crate::pg_v1_fn!(fn cessummary_hash, pg_finfo_cessummary_hash, |f| unsafe { summary::hash::<CesSummary>(f, false) });
crate::pg_v1_fn!(fn cessummary_hash_extended, pg_finfo_cessummary_hash_extended, |f| unsafe { summary::hash::<CesSummary>(f, true) });

pgrx::extension_sql_file!(
    "ces_summary.sql",
    name = "ces_summary",
    requires = ["ces", "nps_summary"]
);

#[cfg(test)]
#[path = "ces_summary_tests.rs"]
mod unit_tests;

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
            Some(r#"t 2 {"v":2,"count":2,"sum":8.5,"sum_squares":51.25}"#)
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
                r#"malformed cessummary "x": expected value (text form: {"v":2,"count":<responses>,"sum":<exact sum of the scores>,"sum_squares":<exact sum of their squares>})"#,
            ),
            (
                "SELECT ces_agg('NaN'::numeric)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "ces score must be a finite number of at most 38 digits, got NaN",
            ),
        ]);
    }
}
