//! # `ces(score)`: Customer Effort Score as a mean
//!
//! - `ces(score smallint | integer | bigint | numeric) -> numeric`: the mean of the non-NULL
//!   effort scores, equal digit for digit to `avg(score)`.
//! - CES scales run in both directions (1 = "very easy" on some surveys, 7 = "strongly agree it
//!   was easy" on others); this function does not care: it averages what it is given. The share
//!   form `ces(score, easy_threshold)` (in `csat`) assumes higher means easier.
//! - NULL scores are skipped; nothing counted gives NULL. A `numeric` `NaN`, infinity or value
//!   past 38 digits is a 22003 error; so is a sum past 38 digits.
//! - PARALLEL SAFE; exact moving (inverse) form: integer sums in `i128`, numeric sums per
//!   base-10000 digit position ([`NumericSum`]).

use crate::agg::{self, AggState};
use crate::bytes::{Field, Reader, Writer};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::numeric_sum::{NumericSum, Refused, MAX_VALUES};
use pgrx::pg_sys;

const BYTES_VERSION: u8 = 1;

/// A running sum with checked steps: exact for `i128`, `Scaled` and `NumericSum` (an inexact step is an
/// error); for `f64` only a non-finite result is an error.
pub trait CheckedSum: Copy + Default + PartialEq + std::fmt::Debug + Field {
    fn checked_add(self, other: Self) -> Option<Self>;
    fn checked_sub(self, other: Self) -> Option<Self>;
}

impl CheckedSum for i128 {
    fn checked_add(self, o: Self) -> Option<Self> {
        i128::checked_add(self, o)
    }
    fn checked_sub(self, o: Self) -> Option<Self> {
        i128::checked_sub(self, o)
    }
}

impl CheckedSum for f64 {
    fn checked_add(self, o: Self) -> Option<Self> {
        Some(self + o).filter(|r| r.is_finite())
    }
    fn checked_sub(self, o: Self) -> Option<Self> {
        Some(self - o).filter(|r| r.is_finite())
    }
}

impl CheckedSum for crate::numeric::Scaled {
    fn checked_add(self, o: Self) -> Option<Self> {
        self.add(o.mantissa, o.scale)
    }
    fn checked_sub(self, o: Self) -> Option<Self> {
        self.add(o.mantissa.checked_neg()?, o.scale)
    }
}

impl CheckedSum for crate::numeric_sum::NumericSum {
    fn checked_add(mut self, o: Self) -> Option<Self> {
        self.merge(&o, false).map(|()| self)
    }
    fn checked_sub(mut self, o: Self) -> Option<Self> {
        self.merge(&o, true).map(|()| self)
    }
}

/// The sum and count of the scores seen.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MeanState<T> {
    pub sum: T,
    pub count: i64,
}

#[cold]
fn overflow(kpi: &str) -> KpiError {
    KpiError::OutOfRange(format!("{kpi} sum is out of range"))
}

impl<T: CheckedSum> MeanState<T> {
    #[inline(always)]
    pub fn accum(&mut self, x: T, kpi: &str) -> Result<(), KpiError> {
        self.sum = self.sum.checked_add(x).ok_or_else(|| overflow(kpi))?;
        self.count += 1;
        Ok(())
    }

    #[inline(always)]
    pub fn remove(&mut self, x: T, kpi: &str) -> Result<(), KpiError> {
        self.sum = self.sum.checked_sub(x).ok_or_else(|| overflow(kpi))?;
        self.count -= 1;
        Ok(())
    }

    /// `Some((sum, count))`, the mean being `sum / count`; `None` when nothing was counted.
    pub fn finish(&self) -> Option<(T, i64)> {
        (self.count > 0).then_some((self.sum, self.count))
    }
}

impl MeanState<NumericSum> {
    /// Add (or with `inverse`, remove) one score, given the data bytes of a `numeric`; negative
    /// scores are allowed, `NaN`, infinities and values past 38 digits are refused.
    #[inline(always)]
    pub fn step_numeric(&mut self, x: &[u8], inverse: bool) -> Result<(), Refused> {
        if self.count >= MAX_VALUES {
            return Err(Refused::TooMany);
        }
        self.sum.add_bytes(x, inverse, true)?;
        self.count += if inverse { -1 } else { 1 };
        Ok(())
    }

    /// [`MeanState::step_numeric`] for a score read from `double precision` (as `float8::numeric`
    /// reads it).
    #[inline(always)]
    pub fn step_scaled(&mut self, x: Scaled, inverse: bool) -> Result<(), Refused> {
        if self.count >= MAX_VALUES {
            return Err(Refused::TooMany);
        }
        self.sum.add_scaled(x, inverse, true)?;
        self.count += if inverse { -1 } else { 1 };
        Ok(())
    }

    /// The exact sum as a [`Scaled`] (the summary's form); past 38 digits is 22003.
    pub fn to_scaled(&self, kpi: &str) -> Result<MeanState<Scaled>, KpiError> {
        let sum = self.sum.to_scaled().ok_or_else(|| overflow(kpi))?;
        Ok(MeanState {
            sum,
            count: self.count,
        })
    }
}

impl<T: CheckedSum> AggState for MeanState<T> {
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        let sum = self
            .sum
            .checked_add(other.sum)
            .ok_or_else(|| overflow("ces"))?;
        let count = self
            .count
            .checked_add(other.count)
            .ok_or_else(|| overflow("ces"))?;
        (self.sum, self.count) = (sum, count);
        Ok(())
    }

    fn to_bytes(&self) -> Vec<u8> {
        self.sum
            .put(Writer::new(BYTES_VERSION))
            .i64(self.count)
            .into_vec()
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, "mean", BYTES_VERSION)?;
        let state = MeanState {
            sum: T::get(&mut r)?,
            count: r.count()?,
        };
        r.end()?;
        Ok(state)
    }
}

/// A transition state holding a [`MeanState`]: `ces()`'s own, or `ces_agg()`'s, which also sums
/// the squares of the scores (for the t interval). The steps below serve both; `ces()` pays
/// nothing for the squares (`SQUARES` is a constant, the square step compiles away).
pub trait Mean<T>: AggState {
    /// Does this state sum squares (so the step reads each score's exact value for it)?
    const SQUARES: bool = false;
    fn mean(&mut self) -> &mut MeanState<T>;
    /// Add (or with `inverse`, remove) the square of `m / 10^s`.
    #[inline(always)]
    fn square(&mut self, _m: i128, _s: u32, _inverse: bool) {}
    /// Can [`Mean::add_square_of`] add the square of the non-negative `m / 10^s`? False when
    /// only [`Mean::square`] can (the fast path then leaves the row to the guarded step).
    #[inline(always)]
    fn square_is_fast(&self, _m: u64, _s: u32) -> bool {
        true
    }
    /// Add the square of the non-negative `m / 10^s` when [`Mean::square_is_fast`] said it can
    /// (a forward step's common case).
    #[inline(always)]
    fn add_square_of(&mut self, _m: u64, _s: u32) {}
    /// Drop the squares (a value whose square cannot be known exactly).
    #[inline(always)]
    fn forget_squares(&mut self) {}
    /// False once the squares no longer fit: an inverse step must then recompute the frame.
    #[inline(always)]
    fn squares_known(&self) -> bool {
        true
    }
}

impl<T: CheckedSum> Mean<T> for MeanState<T> {
    #[inline(always)]
    fn mean(&mut self) -> &mut MeanState<T> {
        self
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue

#[inline(always)]
pub(crate) unsafe fn int_step<S: Mean<i128>>(
    f: pg_sys::FunctionCallInfo,
    read: fn(pg_sys::Datum) -> i128,
    inverse: bool,
) -> pg_sys::Datum {
    unsafe {
        let state = agg::state_or_new::<S>(f);
        if let Some([d]) = agg::args_not_null::<1>(f) {
            let x = read(d);
            let s = &mut *state;
            if S::SQUARES {
                s.square(x, 0, inverse);
            }
            let step = if inverse {
                s.mean().remove(x, "ces")
            } else {
                s.mean().accum(x, "ces")
            };
            if let Err(e) = step {
                crate::error::raise(e);
            }
            if inverse && !s.squares_known() {
                return agg::return_null(f); // a square did not fit: recompute the frame
            }
        }
        agg::return_state(state)
    }
}

#[inline(always)]
pub(crate) unsafe fn numeric_step<S: Mean<NumericSum>>(
    f: pg_sys::FunctionCallInfo,
    inverse: bool,
) -> pg_sys::Datum {
    unsafe {
        let state = agg::state_or_new::<S>(f);
        if let Some([d]) = agg::args_not_null::<1>(f) {
            let bytes = agg::varlena_bytes(d);
            let s = &mut *state;
            if let Err(why) = s.mean().step_numeric(bytes, inverse) {
                agg::raise_refused(why, d, "ces", "score", overflow("ces"));
            }
            if S::SQUARES {
                // a finite value of at most 38 digits (step_numeric refused the others); one
                // the scaled reader cannot take leaves the state without squares, never a wrong one
                match crate::numeric::to_scaled(bytes) {
                    Ok((m, scale)) => s.square(m, scale, inverse),
                    Err(_) => s.forget_squares(),
                }
            }
            if inverse && !(s.mean().sum.scale_known() && s.squares_known()) {
                return agg::return_null(f); // the last value at the sum's scale left: recompute
            }
        }
        agg::return_state(state)
    }
}

/// The unguarded fast path of [`numeric_step`] (not inverse): a group that has its state, a
/// non-NULL short-format non-negative score read in place; `None`, changing nothing, for
/// anything else (the guarded step then decides, errors included).
#[inline(always)]
pub(crate) unsafe fn numeric_fast<S: Mean<NumericSum>>(
    f: pg_sys::FunctionCallInfo,
) -> Option<pg_sys::Datum> {
    unsafe {
        agg::fast_step::<S, 1>(f, |s, [d]| {
            let Some(bytes) = agg::plain_bytes(d) else {
                return false;
            };
            if s.mean().count >= MAX_VALUES {
                return false;
            }
            // a rating or score: no branch on its shape (crate::numeric_small). Anything else,
            // and a square the state cannot add on this path, takes the guarded step: kept out
            // of this function, its code made every row's call save six registers and 200
            // bytes of stack (BENCHMARKS.md, issue 26).
            let Some(small) = crate::numeric_small::small(bytes) else {
                return false;
            };
            if S::SQUARES && !s.square_is_fast(small.magnitude, small.dscale) {
                return false;
            }
            if !s.mean().sum.add_small(&small, false) {
                return false;
            }
            s.mean().count += 1;
            if S::SQUARES {
                s.add_square_of(small.magnitude, small.dscale);
            }
            true
        })
    }
}

/// The unguarded fast path of [`float8_step`] (not inverse): a group that has its state and a
/// non-NULL score its sum takes; `None`, changing nothing, for anything else.
#[inline(always)]
pub(crate) unsafe fn float8_fast<S: Mean<NumericSum>>(
    f: pg_sys::FunctionCallInfo,
) -> Option<pg_sys::Datum> {
    unsafe {
        agg::fast_step::<S, 1>(f, |s, [d]| {
            let Some(x) = agg::float8_scaled(d) else {
                return false;
            };
            if s.mean().step_scaled(x, false).is_err() {
                return false; // refused before anything changed
            }
            if S::SQUARES {
                s.square(x.mantissa, x.scale, false);
            }
            true
        })
    }
}

#[inline(always)]
pub(crate) unsafe fn float8_step<S: Mean<NumericSum>>(
    f: pg_sys::FunctionCallInfo,
    inverse: bool,
) -> pg_sys::Datum {
    unsafe {
        let state = agg::state_or_new::<S>(f);
        if let Some([d]) = agg::args_not_null::<1>(f) {
            let x = agg::float8_scaled_arg(d, "ces", "score");
            let s = &mut *state;
            if let Err(why) = s.mean().step_scaled(x, inverse) {
                // not raise_refused: it would read the datum as a numeric
                match why {
                    Refused::TooMany => crate::error::raise(overflow("ces")),
                    _ => agg::not_exact_float(f64::from_bits(d.value() as u64), "ces", "score"),
                }
            }
            if S::SQUARES {
                s.square(x.mantissa, x.scale, inverse);
            }
            if inverse && !(s.mean().sum.scale_known() && s.squares_known()) {
                return agg::return_null(f); // the last value at the sum's scale left: recompute
            }
        }
        agg::return_state(state)
    }
}

pub(crate) fn int2(d: pg_sys::Datum) -> i128 {
    i128::from(d.value() as i16)
}
pub(crate) fn int4(d: pg_sys::Datum) -> i128 {
    i128::from(d.value() as i32)
}
pub(crate) fn int8(d: pg_sys::Datum) -> i128 {
    i128::from(d.value() as i64)
}

crate::pg_v1_fn!(fn ces_mean_accum_int2, pg_finfo_ces_mean_accum_int2, |f| unsafe { int_step::<MeanState<i128>>(f, int2, false) });
crate::pg_v1_fn!(fn ces_mean_accum_int4, pg_finfo_ces_mean_accum_int4, |f| unsafe { int_step::<MeanState<i128>>(f, int4, false) });
crate::pg_v1_fn!(fn ces_mean_accum_int8, pg_finfo_ces_mean_accum_int8, |f| unsafe { int_step::<MeanState<i128>>(f, int8, false) });
crate::pg_v1_fn!(fn ces_mean_inv_int2, pg_finfo_ces_mean_inv_int2, |f| unsafe { int_step::<MeanState<i128>>(f, int2, true) });
crate::pg_v1_fn!(fn ces_mean_inv_int4, pg_finfo_ces_mean_inv_int4, |f| unsafe { int_step::<MeanState<i128>>(f, int4, true) });
crate::pg_v1_fn!(fn ces_mean_inv_int8, pg_finfo_ces_mean_inv_int8, |f| unsafe { int_step::<MeanState<i128>>(f, int8, true) });
crate::pg_v1_fn!(fn ces_mean_accum_numeric, pg_finfo_ces_mean_accum_numeric, fast |f| unsafe { numeric_fast::<MeanState<NumericSum>>(f) }, |f| unsafe { numeric_step::<MeanState<NumericSum>>(f, false) });
crate::pg_v1_fn!(fn ces_mean_inv_numeric, pg_finfo_ces_mean_inv_numeric, |f| unsafe { numeric_step::<MeanState<NumericSum>>(f, true) });
crate::pg_v1_fn!(fn ces_mean_accum_float8, pg_finfo_ces_mean_accum_float8, fast |f| unsafe { float8_fast::<MeanState<NumericSum>>(f) }, |f| unsafe { float8_step::<MeanState<NumericSum>>(f, false) });
crate::pg_v1_fn!(fn ces_mean_inv_float8, pg_finfo_ces_mean_inv_float8, |f| unsafe { float8_step::<MeanState<NumericSum>>(f, true) });
crate::pg_v1_fn!(fn mean_combine_int, pg_finfo_mean_combine_int, |f| unsafe { agg::combine::<MeanState<i128>>(f) });
crate::pg_v1_fn!(fn mean_combine_numeric, pg_finfo_mean_combine_numeric, |f| unsafe { agg::combine::<MeanState<NumericSum>>(f) });
crate::pg_v1_fn!(fn mean_serialize_int, pg_finfo_mean_serialize_int, |f| unsafe { agg::serialize::<MeanState<i128>>(f) });
crate::pg_v1_fn!(fn mean_serialize_numeric, pg_finfo_mean_serialize_numeric, |f| unsafe { agg::serialize::<MeanState<NumericSum>>(f) });
crate::pg_v1_fn!(fn mean_deserialize_int, pg_finfo_mean_deserialize_int, |f| unsafe { agg::deserialize::<MeanState<i128>>(f) });
crate::pg_v1_fn!(fn mean_deserialize_numeric, pg_finfo_mean_deserialize_numeric, |f| unsafe { agg::deserialize::<MeanState<NumericSum>>(f) });
crate::pg_v1_fn!(fn mean_final_int, pg_finfo_mean_final_int, |f| unsafe {
    agg::finish::<MeanState<i128>>(f, |s| {
        s.finish().map(|(sum, n)| pg_sys::Datum::from(agg::numeric_div(agg::numeric_from_i128(sum), pg_sys::int64_to_numeric(n))))
    })
});
crate::pg_v1_fn!(fn mean_final_numeric, pg_finfo_mean_final_numeric, |f| unsafe {
    agg::finish::<MeanState<NumericSum>>(f, |s| {
        let s = s.to_scaled("ces").unwrap_or_else(|e| crate::error::raise(e));
        s.finish().map(|(sum, n)| pg_sys::Datum::from(agg::numeric_div(agg::numeric_from_scaled(sum), pg_sys::int64_to_numeric(n))))
    })
});

pgrx::extension_sql_file!("ces.sql", name = "ces");

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn mean_and_inverse() {
        let mut s = MeanState::<i128>::default();
        assert_eq!(s.finish(), None);
        for x in [1, 7, 4] {
            s.accum(x, "ces").unwrap();
        }
        assert_eq!(s.finish(), Some((12, 3)));
        s.remove(7, "ces").unwrap();
        assert_eq!(s.finish(), Some((5, 2)));
        s.remove(1, "ces").unwrap();
        s.remove(4, "ces").unwrap();
        assert_eq!(s.finish(), None);
    }

    #[test]
    fn numeric_sums_keep_scale_and_overflow_is_22003() {
        use crate::numeric::tests::whole::encode;
        let mut s = MeanState::<NumericSum>::default();
        for (m, scale) in [(15, 1), (200, 2)] {
            assert!(s.sum.add_short(&encode(false, m, scale), false));
            s.count += 1;
        }
        let scaled = s.to_scaled("ces").unwrap();
        assert_eq!((scaled.sum.to_string(), scaled.count), ("3.50".into(), 2));
        // 38 nines twice do not fit 38 digits: an error when finished, never a rounded sum
        let nines = encode(false, 10u128.pow(38) - 1, 0);
        let mut big = MeanState::<NumericSum>::default();
        big.sum
            .add(&crate::numeric_sum::digits(&nines).unwrap(), false);
        assert!(big.to_scaled("ces").is_ok());
        big.sum
            .add(&crate::numeric_sum::digits(&nines).unwrap(), false);
        let e = big.to_scaled("ces").unwrap_err();
        assert_eq!(
            (e.sqlstate(), e.message()),
            ("22003", "ces sum is out of range")
        );
    }

    #[test]
    fn merge_and_bytes() {
        let mut a = MeanState::<i128> { sum: 10, count: 2 };
        a.merge(&MeanState { sum: -3, count: 1 }).unwrap();
        assert_eq!(a, MeanState { sum: 7, count: 3 });
        assert_eq!(MeanState::<i128>::from_bytes(&a.to_bytes()).unwrap(), a);
        let d = MeanState::<Scaled> {
            sum: Scaled {
                mantissa: -12345,
                scale: 2,
            },
            count: 9,
        };
        assert_eq!(MeanState::<Scaled>::from_bytes(&d.to_bytes()).unwrap(), d);
        assert!(MeanState::<i128>::from_bytes(&d.to_bytes()[..10]).is_err());
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn ces_mean_equals_avg() {
        let q = "SELECT bool_and(x) FROM (SELECT ces(s) = avg(s) AS x FROM (VALUES (1), (7), (6), (NULL)) v(s)
                 UNION ALL SELECT ces(s / 3.0) = avg(s / 3.0) FROM generate_series(1, 100) s) t";
        assert_eq!(
            text(&format!("SELECT ({q})::text")).as_deref(),
            Some("true")
        );
        assert_eq!(
            text("SELECT ces(s)::text FROM (VALUES (NULL::int)) v(s)"),
            None
        );
    }

    #[pg_test]
    fn ces_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            ("SELECT ces('NaN'::numeric)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "ces score must be a finite number of at most 38 digits, got NaN"),
            ("SELECT ces(1e40)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "ces score must be a finite number of at most 38 digits, got 10000000000000000000000000000000000000000"),
            ("SELECT ces(s) FROM (VALUES (99999999999999999999999999999999999999), (99999999999999999999999999999999999999)) v(s)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "ces sum is out of range"),
            ("SELECT ces('NaN'::float8)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "ces score must be a finite number of at most 38 digits, got NaN"),
            ("SELECT ces(1e300::float8)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "ces score must be a finite number of at most 38 digits, got 1e+300"),
            ("SELECT ces_agg(s) FROM (VALUES (1.5e38::float8), (1.5e38::float8)) v(s)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "ces sum is out of range"),
        ]);
    }
}
