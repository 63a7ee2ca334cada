//! # Top-box survey KPIs: `csat(rating, threshold)` and `ces(score, easy_threshold)`
//!
//! - `csat(rating, threshold) -> numeric`: percent of non-NULL ratings `>= threshold` (the
//!   top-box share; threshold 4 on a 1-5 scale is the usual "top-2-box"). `csat(rating)` means
//!   threshold 4. Overloads for `smallint`, `integer`, `bigint` and `numeric` pairs.
//! - `ces(score, easy_threshold) -> numeric`: percent of non-NULL effort scores `>=
//!   easy_threshold` (e.g. 5 and up on the 7-point "the company made it easy for me" scale, where
//!   higher means easier). Same overloads. The mean form `ces(score)` is in `ces`.
//! - Equal to the hand-written `100.0 * count(*) FILTER (WHERE r >= t) / count(r)`.
//! - NULL ratings are skipped; nothing counted gives NULL. A NULL threshold, or a threshold that
//!   differs between rows of one group, is a 22023 error naming the values. A `numeric` `NaN` or
//!   infinite rating or threshold is a 22003 error.
//! - PARALLEL SAFE (combining partial states with different thresholds is 22023); exact moving
//!   (inverse) form.

use super::ratio::{self, RatioState};
use crate::agg::{self, AggState};
use crate::bytes::{Field, Reader, Writer};
use crate::error::KpiError;
use crate::numeric::{ByValue, Scaled};
use crate::numeric_sum;
use pgrx::pg_sys;
use std::fmt::Display;

const BYTES_VERSION: u8 = 1;
/// The threshold of `csat(rating)`: top-2-box on a 1-5 scale.
pub const DEFAULT_CSAT_THRESHOLD: i64 = 4;

/// A top-box share with the threshold every row of the group must share. `repr(C)` keeps the
/// ratio at offset 0 for every `T`, so one final function reads both states.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[repr(C)]
pub struct ThresholdState<T> {
    pub ratio: RatioState,
    pub threshold: Option<T>,
}

#[cold]
fn threshold_changed<T: Display>(kpi: &str, was: T, now: T) -> KpiError {
    KpiError::InvalidParameter(format!(
        "{kpi} threshold must be the same on every row of a group, got {now} after {was}"
    ))
}

/// The error for a NULL threshold.
#[cold]
pub fn threshold_null(kpi: &str) -> KpiError {
    KpiError::InvalidParameter(format!("{kpi} threshold must not be NULL"))
}

impl<T: Copy + PartialOrd + Display> ThresholdState<T> {
    #[inline(always)]
    fn check(&mut self, kpi: &str, threshold: T) -> Result<T, KpiError> {
        match self.threshold {
            Some(t) if t == threshold => Ok(t),
            Some(t) => Err(threshold_changed(kpi, t, threshold)),
            None => {
                self.threshold = Some(threshold);
                Ok(threshold)
            }
        }
    }

    /// Count one rating against `threshold`.
    #[inline(always)]
    pub fn accum(&mut self, kpi: &str, rating: T, threshold: T) -> Result<(), KpiError> {
        if !self.try_accum(rating, threshold) {
            self.check(kpi, threshold)?; // first row, or a changed threshold (an error)
            self.ratio.accum_flag(rating >= threshold);
        }
        Ok(())
    }

    /// Count `rating` when `threshold` is the one the group already recorded; false, changing
    /// nothing, otherwise (first row, or a changed threshold: [`ThresholdState::accum`] decides).
    #[inline(always)]
    pub fn try_accum(&mut self, rating: T, threshold: T) -> bool {
        let hit = rating >= threshold;
        self.try_count(threshold, hit)
    }

    /// [`ThresholdState::try_accum`] for a rating already compared with `threshold` (`hit`).
    #[inline(always)]
    pub fn try_count(&mut self, threshold: T, hit: bool) -> bool {
        if self.threshold != Some(threshold) {
            return false;
        }
        self.ratio.accum_flag(hit);
        true
    }

    /// Un-count one rating (the moving-aggregate inverse).
    #[inline(always)]
    pub fn remove(&mut self, kpi: &str, rating: T, threshold: T) -> Result<(), KpiError> {
        let t = self.check(kpi, threshold)?;
        self.ratio.remove_flag(rating >= t);
        Ok(())
    }

    /// One row: count (or with `inverse`, un-count) `rating` against `threshold`; a NULL
    /// rating (`None`) still records or checks the threshold.
    #[inline(always)]
    pub fn step(
        &mut self,
        kpi: &str,
        rating: Option<T>,
        threshold: T,
        inverse: bool,
    ) -> Result<(), KpiError> {
        match rating {
            None => self.check(kpi, threshold).map(|_| ()),
            Some(r) if inverse => self.remove(kpi, r, threshold),
            Some(r) => self.accum(kpi, r, threshold),
        }
    }

    /// Combine two partial states of one group; their thresholds must agree.
    pub fn merge_with(&mut self, kpi: &str, other: &Self) -> Result<(), KpiError> {
        if let Some(t) = other.threshold {
            self.check(kpi, t)?;
        }
        self.ratio.merge(&other.ratio)
    }
}

impl<T: Copy + PartialOrd + Display + Default + Field> AggState for ThresholdState<T> {
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        self.merge_with("top-box", other)
    }

    fn to_bytes(&self) -> Vec<u8> {
        let w = Writer::new(BYTES_VERSION)
            .i64(self.ratio.hits)
            .i64(self.ratio.total);
        match self.threshold {
            None => w.u8(0),
            Some(t) => t.put(w.u8(1)),
        }
        .into_vec()
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, "top-box", BYTES_VERSION)?;
        let ratio = RatioState {
            hits: r.count()?,
            total: r.count()?,
        };
        if ratio.hits > ratio.total {
            return Err(r.error("more hits than rows"));
        }
        let threshold = match r.u8()? {
            0 => None,
            1 => Some(T::get(&mut r)?),
            f => return Err(r.error(&format!("bad threshold flag {f}"))),
        };
        r.end()?;
        Ok(ThresholdState { ratio, threshold })
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue. Argument 1 is the rating; argument 2, when the aggregate has it, the threshold.

#[derive(Clone, Copy)]
enum Ty {
    Int2,
    Int4,
    Int8,
}

#[inline(always)]
fn int_of(ty: Ty, d: pg_sys::Datum) -> i64 {
    match ty {
        Ty::Int2 => i64::from(d.value() as i16),
        Ty::Int4 => i64::from(d.value() as i32),
        Ty::Int8 => d.value() as i64,
    }
}

/// The threshold argument (or the default when the aggregate has one argument).
#[inline(always)]
unsafe fn threshold_arg(fcinfo: pg_sys::FunctionCallInfo, kpi: &str) -> Option<pg_sys::Datum> {
    unsafe {
        if (*fcinfo).nargs < 3 {
            return None;
        }
        if agg::arg_is_null(fcinfo, 2) {
            crate::error::raise(threshold_null(kpi));
        }
        Some(agg::arg_datum(fcinfo, 2))
    }
}

#[inline(always)]
unsafe fn int_step(
    fcinfo: pg_sys::FunctionCallInfo,
    kpi: &str,
    ty: Ty,
    inverse: bool,
) -> pg_sys::Datum {
    unsafe {
        let threshold =
            threshold_arg(fcinfo, kpi).map_or(DEFAULT_CSAT_THRESHOLD, |d| int_of(ty, d));
        let rating = (!agg::arg_is_null(fcinfo, 1)).then(|| int_of(ty, agg::arg_datum(fcinfo, 1)));
        agg::transition::<ThresholdState<i64>>(
            fcinfo,
            #[inline(always)]
            |s| s.step(kpi, rating, threshold, inverse),
        )
    }
}

/// The fast path of an integer transition: a non-NULL threshold the group already has.
#[inline(always)]
unsafe fn int_fast(fcinfo: pg_sys::FunctionCallInfo, ty: Ty) -> Option<pg_sys::Datum> {
    unsafe {
        let threshold = if (*fcinfo).nargs < 3 {
            DEFAULT_CSAT_THRESHOLD
        } else if agg::arg_is_null(fcinfo, 2) {
            return None;
        } else {
            int_of(ty, agg::arg_datum(fcinfo, 2))
        };
        agg::fast_step::<ThresholdState<i64>, 1>(fcinfo, |s, [d]| {
            s.try_accum(int_of(ty, d), threshold)
        })
    }
}

/// Reads a `numeric` (or `double precision`) argument as an exact decimal, or raises 22003.
type ReadDecimal = fn(pg_sys::Datum, &str, &str) -> Scaled;

fn read_numeric(d: pg_sys::Datum, kpi: &str, role: &str) -> Scaled {
    unsafe { agg::scaled_arg(d, kpi, role) }
}

#[inline(always)]
unsafe fn numeric_step(
    fcinfo: pg_sys::FunctionCallInfo,
    kpi: &str,
    read: ReadDecimal,
    inverse: bool,
) -> pg_sys::Datum {
    unsafe {
        let default = Scaled {
            mantissa: i128::from(DEFAULT_CSAT_THRESHOLD),
            scale: 0,
        };
        // Plain branches rather than closures: the decoding then inlines into the transition.
        let threshold = ByValue(match threshold_arg(fcinfo, kpi) {
            Some(d) => read(d, kpi, "threshold"),
            None => default,
        });
        let rating = if agg::arg_is_null(fcinfo, 1) {
            None
        } else {
            Some(ByValue(read(agg::arg_datum(fcinfo, 1), kpi, "rating")))
        };
        agg::transition::<ThresholdState<ByValue>>(
            fcinfo,
            #[inline(always)]
            |s| s.step(kpi, rating, threshold, inverse),
        )
    }
}

/// Reads a `numeric` (or `double precision`) argument for the unguarded fast path: `None` where
/// [`ReadDecimal`] raises an error (or the value would need detoasting).
type TryDecimal = unsafe fn(pg_sys::Datum) -> Option<Scaled>;

/// The fast path of a decimal transition: a non-NULL rating read without error and a threshold
/// the group already has; `None`, changing nothing, for anything else.
#[inline(always)]
unsafe fn decimal_fast(
    fcinfo: pg_sys::FunctionCallInfo,
    read: TryDecimal,
) -> Option<pg_sys::Datum> {
    unsafe {
        if (*fcinfo).nargs < 3 {
            // the one-argument form, apart and without a closure (see numeric_fast)
            let state = agg::state_arg::<ThresholdState<ByValue>>(fcinfo)?;
            let [d] = agg::args_not_null::<1>(fcinfo)?;
            let threshold = ByValue(Scaled::from(DEFAULT_CSAT_THRESHOLD));
            let counted = read(d).is_some_and(|r| (*state).try_accum(ByValue(r), threshold));
            return counted.then(|| agg::return_state(state));
        }
        decimal_fast_threshold(fcinfo, read)
    }
}

/// [`decimal_fast`] with a threshold argument, out of line (see [`numeric_fast_threshold`]).
#[inline(never)]
unsafe fn decimal_fast_threshold(
    fcinfo: pg_sys::FunctionCallInfo,
    read: TryDecimal,
) -> Option<pg_sys::Datum> {
    unsafe {
        let threshold = threshold_fast(fcinfo, read)?;
        agg::fast_step::<ThresholdState<ByValue>, 1>(fcinfo, |s, [d]| match read(d) {
            Some(r) => s.try_accum(ByValue(r), ByValue(threshold)),
            None => false,
        })
    }
}

/// The threshold for a fast path: the default, or the argument when it reads without error.
#[inline(always)]
unsafe fn threshold_fast(fcinfo: pg_sys::FunctionCallInfo, read: TryDecimal) -> Option<Scaled> {
    unsafe {
        if (*fcinfo).nargs < 3 {
            Some(Scaled::from(DEFAULT_CSAT_THRESHOLD))
        } else if agg::arg_is_null(fcinfo, 2) {
            None
        } else {
            read(agg::arg_datum(fcinfo, 2))
        }
    }
}

/// [`decimal_fast`] for `numeric` ratings: against a whole threshold below 10,000 (the usual
/// 4 or 5), a non-negative rating is compared by its first digit group and weight, without
/// reading its value; the answer is the same as comparing the values.
#[inline(always)]
unsafe fn numeric_fast(fcinfo: pg_sys::FunctionCallInfo) -> Option<pg_sys::Datum> {
    unsafe {
        if (*fcinfo).nargs < 3 {
            // The one-argument form, apart and without a closure: its threshold is a constant,
            // and a rating the digits do not decide goes to the guarded body. Folded into one
            // closure with the general form, LLVM called the closure out of line here (two
            // register-saving frames a row).
            let state = agg::state_arg::<ThresholdState<ByValue>>(fcinfo)?;
            let [d] = agg::args_not_null::<1>(fcinfo)?;
            return count_default(&mut *state, d).then(|| agg::return_state(state));
        }
        numeric_fast_threshold(fcinfo)
    }
}

/// [`numeric_fast`] with a threshold argument, out of line: inlined, its registers were saved
/// on every row of the one-argument form too.
#[inline(never)]
unsafe fn numeric_fast_threshold(fcinfo: pg_sys::FunctionCallInfo) -> Option<pg_sys::Datum> {
    unsafe {
        let threshold = threshold_fast(fcinfo, agg::scaled_in_place)?;
        let whole = u16::try_from(threshold.mantissa)
            .ok()
            .filter(|t| threshold.scale == 0 && *t < 10_000);
        agg::fast_step::<ThresholdState<ByValue>, 1>(fcinfo, |s, [d]| {
            let Some(bytes) = agg::plain_bytes(d) else {
                return false;
            };
            // short_digits: only values the general path accepts (within 38 digits)
            let hit = whole.and_then(|t| numeric_sum::short_digits(bytes)?.at_least_whole(t));
            match hit {
                Some(hit) => s.try_count(ByValue(threshold), hit),
                None => accum_read(s, bytes, threshold),
            }
        })
    }
}

/// One rating of the one-argument form against the default threshold, compared by its first
/// digit group; false (the state untouched) when that does not decide it.
#[inline(always)]
unsafe fn count_default(s: &mut ThresholdState<ByValue>, d: pg_sys::Datum) -> bool {
    const WHOLE: u16 = DEFAULT_CSAT_THRESHOLD as u16;
    let hit = unsafe { agg::plain_bytes(d) }
        .and_then(|bytes| numeric_sum::short_digits(bytes)?.at_least_whole(WHOLE));
    hit.is_some_and(|hit| s.try_count(ByValue(Scaled::from(DEFAULT_CSAT_THRESHOLD)), hit))
}

/// A rating the first digit group does not decide against `threshold` (a fractional threshold,
/// or one of 10,000 or more): read exactly and counted, or refused (false) untouched.
#[inline(never)]
fn accum_read(s: &mut ThresholdState<ByValue>, bytes: &[u8], threshold: Scaled) -> bool {
    match crate::numeric::to_scaled(bytes) {
        Ok((mantissa, scale)) => {
            s.try_accum(ByValue(Scaled { mantissa, scale }), ByValue(threshold))
        }
        Err(_) => false,
    }
}

crate::pg_v1_fn!(fn csat_accum_int2, pg_finfo_csat_accum_int2, fast |f| unsafe { int_fast(f, Ty::Int2) }, |f| unsafe { int_step(f, "csat", Ty::Int2, false) });
crate::pg_v1_fn!(fn csat_accum_int4, pg_finfo_csat_accum_int4, fast |f| unsafe { int_fast(f, Ty::Int4) }, |f| unsafe { int_step(f, "csat", Ty::Int4, false) });
crate::pg_v1_fn!(fn csat_accum_int8, pg_finfo_csat_accum_int8, fast |f| unsafe { int_fast(f, Ty::Int8) }, |f| unsafe { int_step(f, "csat", Ty::Int8, false) });
crate::pg_v1_fn!(fn csat_inv_int2, pg_finfo_csat_inv_int2, |f| unsafe { int_step(f, "csat", Ty::Int2, true) });
crate::pg_v1_fn!(fn csat_inv_int4, pg_finfo_csat_inv_int4, |f| unsafe { int_step(f, "csat", Ty::Int4, true) });
crate::pg_v1_fn!(fn csat_inv_int8, pg_finfo_csat_inv_int8, |f| unsafe { int_step(f, "csat", Ty::Int8, true) });
crate::pg_v1_fn!(fn ces_easy_accum_int2, pg_finfo_ces_easy_accum_int2, fast |f| unsafe { int_fast(f, Ty::Int2) }, |f| unsafe { int_step(f, "ces", Ty::Int2, false) });
crate::pg_v1_fn!(fn ces_easy_accum_int4, pg_finfo_ces_easy_accum_int4, fast |f| unsafe { int_fast(f, Ty::Int4) }, |f| unsafe { int_step(f, "ces", Ty::Int4, false) });
crate::pg_v1_fn!(fn ces_easy_accum_int8, pg_finfo_ces_easy_accum_int8, fast |f| unsafe { int_fast(f, Ty::Int8) }, |f| unsafe { int_step(f, "ces", Ty::Int8, false) });
crate::pg_v1_fn!(fn ces_easy_inv_int2, pg_finfo_ces_easy_inv_int2, |f| unsafe { int_step(f, "ces", Ty::Int2, true) });
crate::pg_v1_fn!(fn ces_easy_inv_int4, pg_finfo_ces_easy_inv_int4, |f| unsafe { int_step(f, "ces", Ty::Int4, true) });
crate::pg_v1_fn!(fn ces_easy_inv_int8, pg_finfo_ces_easy_inv_int8, |f| unsafe { int_step(f, "ces", Ty::Int8, true) });
crate::pg_v1_fn!(fn csat_accum_numeric, pg_finfo_csat_accum_numeric, fast |f| unsafe { numeric_fast(f) }, |f| unsafe { numeric_step(f, "csat", read_numeric, false) });
crate::pg_v1_fn!(fn csat_inv_numeric, pg_finfo_csat_inv_numeric, |f| unsafe { numeric_step(f, "csat", read_numeric, true) });
crate::pg_v1_fn!(fn csat_accum_float8, pg_finfo_csat_accum_float8, fast |f| unsafe { decimal_fast(f, agg::float8_scaled) }, |f| unsafe { numeric_step(f, "csat", agg::float8_scaled_arg, false) });
crate::pg_v1_fn!(fn csat_inv_float8, pg_finfo_csat_inv_float8, |f| unsafe { numeric_step(f, "csat", agg::float8_scaled_arg, true) });
crate::pg_v1_fn!(fn ces_easy_accum_numeric, pg_finfo_ces_easy_accum_numeric, fast |f| unsafe { numeric_fast(f) }, |f| unsafe { numeric_step(f, "ces", read_numeric, false) });
crate::pg_v1_fn!(fn ces_easy_inv_numeric, pg_finfo_ces_easy_inv_numeric, |f| unsafe { numeric_step(f, "ces", read_numeric, true) });
crate::pg_v1_fn!(fn ces_easy_accum_float8, pg_finfo_ces_easy_accum_float8, fast |f| unsafe { decimal_fast(f, agg::float8_scaled) }, |f| unsafe { numeric_step(f, "ces", agg::float8_scaled_arg, false) });
crate::pg_v1_fn!(fn ces_easy_inv_float8, pg_finfo_ces_easy_inv_float8, |f| unsafe { numeric_step(f, "ces", agg::float8_scaled_arg, true) });
crate::pg_v1_fn!(fn top_box_combine_int, pg_finfo_top_box_combine_int, |f| unsafe { agg::combine::<ThresholdState<i64>>(f) });
crate::pg_v1_fn!(fn top_box_combine_numeric, pg_finfo_top_box_combine_numeric, |f| unsafe { agg::combine::<ThresholdState<ByValue>>(f) });
crate::pg_v1_fn!(fn top_box_serialize_int, pg_finfo_top_box_serialize_int, |f| unsafe { agg::serialize::<ThresholdState<i64>>(f) });
crate::pg_v1_fn!(fn top_box_serialize_numeric, pg_finfo_top_box_serialize_numeric, |f| unsafe { agg::serialize::<ThresholdState<ByValue>>(f) });
crate::pg_v1_fn!(fn top_box_deserialize_int, pg_finfo_top_box_deserialize_int, |f| unsafe { agg::deserialize::<ThresholdState<i64>>(f) });
crate::pg_v1_fn!(fn top_box_deserialize_numeric, pg_finfo_top_box_deserialize_numeric, |f| unsafe { agg::deserialize::<ThresholdState<ByValue>>(f) });
// The ratio sits first in both states, so one final function serves both.
crate::pg_v1_fn!(fn top_box_final, pg_finfo_top_box_final, |f| unsafe {
    agg::finish::<ThresholdState<i64>>(f, |s| ratio::percent(s.ratio.finish()))
});

pgrx::extension_sql_file!("csat.sql", name = "csat", requires = ["ratio"]);

#[cfg(test)]
#[path = "csat_tests.rs"]
mod unit_tests;

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn csat_and_ces_top_box() {
        let q = "SELECT concat_ws(' ', csat(r), csat(r, 5), csat(r::numeric, 4.5), ces(r, 4), csat(r::smallint), csat(r::bigint, 2::bigint))
                 FROM (VALUES (5), (4), (3), (NULL)) v(r)";
        assert_eq!(
            text(q).as_deref(),
            Some("66.6666666666666667 33.3333333333333333 33.3333333333333333 66.6666666666666667 66.6666666666666667 100.0000000000000000")
        );
        assert_eq!(
            text("SELECT csat(r)::text FROM (VALUES (NULL::int)) v(r)"),
            None
        );
    }

    #[pg_test]
    fn csat_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            (
                "SELECT csat(r, t) FROM (VALUES (5, 4), (4, 3)) v(r, t)",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "csat threshold must be the same on every row of a group, got 3 after 4",
            ),
            (
                "SELECT csat(5, NULL)",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "csat threshold must not be NULL",
            ),
            (
                "SELECT ces(s, NULL::numeric) FROM (VALUES (5.0)) v(s)",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "ces threshold must not be NULL",
            ),
            (
                "SELECT ces(s, t) FROM (VALUES (5.0, 4.5), (4, 4.50), (3, 5)) v(s, t)",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "ces threshold must be the same on every row of a group, got 5 after 4.5",
            ),
            (
                "SELECT csat('NaN'::numeric)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "csat rating must be a finite number of at most 38 digits, got NaN",
            ),
            (
                "SELECT csat(4.0, 'NaN')",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "csat threshold must be a finite number of at most 38 digits, got NaN",
            ),
            (
                "SELECT csat('Infinity'::numeric, 4)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "csat rating must be a finite number of at most 38 digits, got Infinity",
            ),
            (
                "SELECT csat('-Infinity'::float8)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "csat rating must be a finite number of at most 38 digits, got -Infinity",
            ),
            (
                "SELECT ces(s, t) FROM (VALUES (5::float8, 4.5::float8), (4, 4.25)) v(s, t)",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "ces threshold must be the same on every row of a group, got 4.25 after 4.5",
            ),
        ]);
    }
}
