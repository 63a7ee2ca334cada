//! # `clv(value, freq, lifespan)`: customer lifetime value
//!
//! - `clv(value, freq, lifespan) -> numeric`: average purchase value x average purchase frequency
//!   x average customer lifespan, i.e. `avg(value) * avg(freq) * avg(lifespan)` over the rows where
//!   all three are non-NULL (100 per purchase, 2 purchases a year, 3 years: 600).
//! - Overloads: `numeric`, `double precision`, `integer` and `bigint` triples. Integer and numeric
//!   inputs are summed exactly (`i128`; numerics per base-10000 digit position straight from
//!   their stored form, [`NumericSum`], each value and sum up to 38 digits and 38 decimals): a
//!   value or sum that cannot be held exactly is a 22003 error, never rounded. The result is `sum(value) * sum(freq) * sum(lifespan) / n^3` in
//!   PostgreSQL `numeric` arithmetic: one division, at `numeric`'s usual precision.
//! - A negative input is 22003 naming it; so is a `NaN` or infinite one.
//! - Rows with any NULL are skipped; no complete row gives NULL.
//! - PARALLEL SAFE; exact moving (inverse) form for the integer and numeric overloads (the
//!   `double precision` one has none: floating-point subtraction is not an exact inverse).

use super::ces::CheckedSum;
use crate::agg::{self, AggState};
use crate::bytes::{Reader, Writer};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::numeric_sum::{short_digits, NumericSum, Refused, MAX_VALUES};
use pgrx::pg_sys;

const BYTES_VERSION: u8 = 1;
const ROLES: [&str; 3] = ["value", "freq", "lifespan"];

/// The three sums and the number of complete rows.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClvState<T> {
    pub sums: [T; 3],
    pub n: i64,
}

#[cold]
fn negative_error(role: &str, shown: impl std::fmt::Display) -> KpiError {
    KpiError::OutOfRange(format!("clv {role} must not be negative, got {shown}"))
}

#[cold]
fn overflow() -> KpiError {
    KpiError::OutOfRange("clv sum is out of range".into())
}

/// A non-negative input, or the 22003 error naming it.
#[inline(always)]
pub fn non_negative<T: PartialOrd + Default + std::fmt::Display + Copy>(
    xs: [T; 3],
) -> Result<[T; 3], KpiError> {
    for (x, role) in xs.iter().zip(ROLES) {
        if x.partial_cmp(x).is_none() {
            return Err(KpiError::OutOfRange(format!(
                "clv {role} must be a number, got NaN"
            )));
        }
        if *x < T::default() {
            return Err(negative_error(role, x));
        }
    }
    Ok(xs)
}

impl<T: CheckedSum> ClvState<T> {
    #[inline(always)]
    pub fn accum(&mut self, xs: [T; 3]) -> Result<(), KpiError> {
        let mut sums = self.sums;
        for (s, x) in sums.iter_mut().zip(xs) {
            *s = s.checked_add(x).ok_or_else(overflow)?;
        }
        (self.sums, self.n) = (sums, self.n + 1);
        Ok(())
    }

    #[inline(always)]
    pub fn remove(&mut self, xs: [T; 3]) -> Result<(), KpiError> {
        let mut sums = self.sums;
        for (s, x) in sums.iter_mut().zip(xs) {
            *s = s.checked_sub(x).ok_or_else(overflow)?;
        }
        (self.sums, self.n) = (sums, self.n - 1);
        Ok(())
    }

    /// `Some((sums, n))`, CLV being `sums[0] * sums[1] * sums[2] / n^3`; `None` for no rows.
    pub fn finish(&self) -> Option<([T; 3], i64)> {
        (self.n > 0).then_some((self.sums, self.n))
    }
}

impl ClvState<NumericSum> {
    /// Add (or with `inverse`, remove) one complete row of `numeric` inputs, given their data
    /// bytes. A refused input (negative, `NaN`, infinite, past 38 digits, or one row too many)
    /// comes back with its position: 0 value, 1 freq, 2 lifespan. The inputs before it may
    /// already be added: the caller raises an error, which discards the state.
    #[inline(always)]
    pub fn step_numeric(&mut self, xs: [&[u8]; 3], inverse: bool) -> Result<(), (usize, Refused)> {
        if self.n >= MAX_VALUES {
            return Err((0, Refused::TooMany));
        }
        for (i, (s, x)) in self.sums.iter_mut().zip(xs).enumerate() {
            if let Err(why) = s.add_bytes(x, inverse, false) {
                return Err((i, why));
            }
        }
        self.n += if inverse { -1 } else { 1 };
        Ok(())
    }

    /// [`ClvState::step_numeric`] (not inverse) of three short-format non-negative values
    /// ([`short_digits`]), checked before any is added: false, changing nothing, otherwise.
    #[inline(always)]
    pub fn try_add_short(&mut self, xs: [&[u8]; 3]) -> bool {
        let (Some(a), Some(b), Some(c)) = (
            short_digits(xs[0]),
            short_digits(xs[1]),
            short_digits(xs[2]),
        ) else {
            return false;
        };
        if self.n >= MAX_VALUES {
            return false;
        }
        for (s, d) in self.sums.iter_mut().zip([a, b, c]) {
            s.add(&d, false);
        }
        self.n += 1;
        true
    }

    /// The exact sums as [`Scaled`] values (the summary's form); 22003 past 38 digits.
    pub fn to_scaled(&self) -> Result<ClvState<Scaled>, KpiError> {
        let mut sums = [Scaled::default(); 3];
        for (out, s) in sums.iter_mut().zip(&self.sums) {
            *out = s.to_scaled().ok_or_else(overflow)?;
        }
        Ok(ClvState { sums, n: self.n })
    }
}

impl<T: CheckedSum> AggState for ClvState<T> {
    #[inline(always)] // into rollup()'s transition, one call a summary fewer
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        let mut sums = self.sums;
        for (s, x) in sums.iter_mut().zip(other.sums) {
            *s = s.checked_add(x).ok_or_else(overflow)?;
        }
        let n = self.n.checked_add(other.n).ok_or_else(overflow)?;
        (self.sums, self.n) = (sums, n);
        Ok(())
    }

    fn to_bytes(&self) -> Vec<u8> {
        self.sums
            .iter()
            .fold(Writer::new(BYTES_VERSION), |w, s| s.put(w))
            .i64(self.n)
            .into_vec()
    }

    // inlined into rollup(): its Result, returned through memory, stalled store forwarding
    #[inline(always)]
    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, "clv", BYTES_VERSION)?;
        let sums = [T::get(&mut r)?, T::get(&mut r)?, T::get(&mut r)?];
        let n = r.count()?;
        r.end()?;
        Ok(ClvState { sums, n })
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue

#[inline(always)]
unsafe fn int_step(f: pg_sys::FunctionCallInfo, wide: bool, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let xs = agg::args_not_null::<3>(f).map(|d| {
            d.map(|x| {
                if wide {
                    i128::from(x.value() as i64)
                } else {
                    i128::from(x.value() as i32)
                }
            })
        });
        agg::transition::<ClvState<i128>>(
            f,
            #[inline(always)]
            |s| match xs {
                None => Ok(()),
                Some(xs) if inverse => s.remove(xs),
                Some(xs) => s.accum(non_negative(xs)?),
            },
        )
    }
}

#[inline(always)]
unsafe fn numeric_step(f: pg_sys::FunctionCallInfo, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let state = agg::state_or_new::<ClvState<NumericSum>>(f);
        if let Some(ds) = agg::args_not_null::<3>(f) {
            let xs = [
                agg::varlena_bytes(ds[0]),
                agg::varlena_bytes(ds[1]),
                agg::varlena_bytes(ds[2]),
            ];
            if let Err((i, why)) = (*state).step_numeric(xs, inverse) {
                agg::raise_refused(why, ds[i], "clv", ROLES[i], overflow());
            }
            if inverse && !(*state).sums.iter().all(NumericSum::scale_known) {
                return agg::return_null(f); // the last value at a sum's scale left: recompute
            }
        }
        agg::return_state(state)
    }
}

/// The unguarded fast path of [`numeric_step`] (not inverse): a group that has its state and
/// three short-format non-negative values read in place; `None`, changing nothing, otherwise.
#[inline(always)]
unsafe fn numeric_fast(f: pg_sys::FunctionCallInfo) -> Option<pg_sys::Datum> {
    unsafe {
        agg::fast_step::<ClvState<NumericSum>, 3>(f, |s, ds| {
            match (
                agg::plain_bytes(ds[0]),
                agg::plain_bytes(ds[1]),
                agg::plain_bytes(ds[2]),
            ) {
                (Some(a), Some(b), Some(c)) => s.try_add_short([a, b, c]),
                _ => false,
            }
        })
    }
}

#[inline(always)]
unsafe fn float_step(f: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let xs = agg::args_not_null::<3>(f).map(|d| d.map(|x| f64::from_bits(x.value() as u64)));
        agg::transition::<ClvState<f64>>(
            f,
            #[inline(always)]
            |s| match xs {
                None => Ok(()),
                Some(xs) => {
                    if let Some((x, role)) = xs.iter().zip(ROLES).find(|(x, _)| x.is_infinite()) {
                        return Err(KpiError::OutOfRange(format!(
                            "clv {role} must be finite, got {}",
                            if *x > 0.0 { "Infinity" } else { "-Infinity" }
                        )));
                    }
                    s.accum(non_negative(xs)?)
                }
            },
        )
    }
}

/// `avg(value) * avg(freq) * avg(lifespan)` of `double precision` sums; a product past the
/// `double precision` range is 22003 naming the averages, never `Infinity`.
pub fn float_clv(sums: [f64; 3], n: i64) -> Result<f64, KpiError> {
    let avgs = sums.map(|s| s / n as f64);
    let clv = avgs[0] * avgs[1] * avgs[2];
    if clv.is_finite() {
        return Ok(clv);
    }
    Err(KpiError::OutOfRange(format!(
        "clv is out of range for double precision: avg(value) {:e} x avg(freq) {:e} x avg(lifespan) {:e}",
        avgs[0], avgs[1], avgs[2]
    )))
}

/// `s0 * s1 * s2 / n^3` in numeric arithmetic.
pub(crate) unsafe fn clv_numeric(sums: [pg_sys::Numeric; 3], n: i64) -> pg_sys::Datum {
    unsafe {
        let n = pg_sys::int64_to_numeric(n);
        let num = agg::numeric_mul(agg::numeric_mul(sums[0], sums[1]), sums[2]);
        let den = agg::numeric_mul(agg::numeric_mul(n, n), n);
        pg_sys::Datum::from(agg::numeric_div(num, den))
    }
}

crate::pg_v1_fn!(fn clv_accum_int4, pg_finfo_clv_accum_int4, |f| unsafe { int_step(f, false, false) });
crate::pg_v1_fn!(fn clv_accum_int8, pg_finfo_clv_accum_int8, |f| unsafe { int_step(f, true, false) });
crate::pg_v1_fn!(fn clv_inv_int4, pg_finfo_clv_inv_int4, |f| unsafe { int_step(f, false, true) });
crate::pg_v1_fn!(fn clv_inv_int8, pg_finfo_clv_inv_int8, |f| unsafe { int_step(f, true, true) });
crate::pg_v1_fn!(fn clv_accum_numeric, pg_finfo_clv_accum_numeric, fast |f| unsafe { numeric_fast(f) }, |f| unsafe { numeric_step(f, false) });
crate::pg_v1_fn!(fn clv_inv_numeric, pg_finfo_clv_inv_numeric, |f| unsafe { numeric_step(f, true) });
crate::pg_v1_fn!(fn clv_accum_float8, pg_finfo_clv_accum_float8, |f| unsafe { float_step(f) });
crate::pg_v1_fn!(fn clv_combine_int, pg_finfo_clv_combine_int, |f| unsafe { agg::combine::<ClvState<i128>>(f) });
crate::pg_v1_fn!(fn clv_combine_numeric, pg_finfo_clv_combine_numeric, |f| unsafe { agg::combine::<ClvState<NumericSum>>(f) });
crate::pg_v1_fn!(fn clv_combine_float8, pg_finfo_clv_combine_float8, |f| unsafe { agg::combine::<ClvState<f64>>(f) });
crate::pg_v1_fn!(fn clv_serialize_int, pg_finfo_clv_serialize_int, |f| unsafe { agg::serialize::<ClvState<i128>>(f) });
crate::pg_v1_fn!(fn clv_serialize_numeric, pg_finfo_clv_serialize_numeric, |f| unsafe { agg::serialize::<ClvState<NumericSum>>(f) });
crate::pg_v1_fn!(fn clv_serialize_float8, pg_finfo_clv_serialize_float8, |f| unsafe { agg::serialize::<ClvState<f64>>(f) });
crate::pg_v1_fn!(fn clv_deserialize_int, pg_finfo_clv_deserialize_int, |f| unsafe { agg::deserialize::<ClvState<i128>>(f) });
crate::pg_v1_fn!(fn clv_deserialize_numeric, pg_finfo_clv_deserialize_numeric, |f| unsafe { agg::deserialize::<ClvState<NumericSum>>(f) });
crate::pg_v1_fn!(fn clv_deserialize_float8, pg_finfo_clv_deserialize_float8, |f| unsafe { agg::deserialize::<ClvState<f64>>(f) });
crate::pg_v1_fn!(fn clv_final_int, pg_finfo_clv_final_int, |f| unsafe {
    agg::finish::<ClvState<i128>>(f, |s| s.finish().map(|(sums, n)| clv_numeric(sums.map(|x| agg::numeric_from_i128(x)), n)))
});
crate::pg_v1_fn!(fn clv_final_numeric, pg_finfo_clv_final_numeric, |f| unsafe {
    agg::finish::<ClvState<NumericSum>>(f, |s| {
        let s = s.to_scaled().unwrap_or_else(|e| crate::error::raise(e));
        s.finish().map(|(sums, n)| clv_numeric(sums.map(|x| agg::numeric_from_scaled(x)), n))
    })
});
crate::pg_v1_fn!(fn clv_final_float8, pg_finfo_clv_final_float8, |f| unsafe {
    agg::finish::<ClvState<f64>>(f, |s| {
        s.finish().map(|(sums, n)| {
            let clv = float_clv(sums, n).unwrap_or_else(|e| crate::error::raise(e));
            pg_sys::Datum::from(agg::numeric_from_f64(clv))
        })
    })
});

pgrx::extension_sql_file!("clv.sql", name = "clv");

#[cfg(test)]
#[path = "clv_tests.rs"]
mod unit_tests;

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn clv_seeds_example_every_overload() {
        let q = "SELECT concat_ws(' ', clv(v, f, l), clv(v::bigint, f::bigint, l::bigint), clv(v::numeric, f::numeric, l::numeric), clv(v::float8, f::float8, l::float8))
                 FROM (VALUES (100, 2, 3), (NULL, 1, 1)) x(v, f, l)";
        assert_eq!(
            text(q).as_deref(),
            Some("600.0000000000000000 600.0000000000000000 600.0000000000000000 600")
        );
        assert_eq!(
            text("SELECT clv(v, 1, 1)::text FROM (VALUES (NULL::int)) x(v)"),
            None
        );
    }

    #[pg_test]
    fn clv_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            (
                "SELECT clv(-1, 2, 3)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "clv value must not be negative, got -1",
            ),
            (
                "SELECT clv(1e308::float8, 1e308::float8, 1e308::float8)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "clv is out of range for double precision: avg(value) 1e308 x avg(freq) 1e308 x avg(lifespan) 1e308",
            ),
            (
                "SELECT clv(1, -2::bigint, 3)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "clv freq must not be negative, got -2",
            ),
            (
                "SELECT clv(1.5, 2, -0.25)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "clv lifespan must not be negative, got -0.25",
            ),
            (
                "SELECT clv(1::float8, 'NaN', 3)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "clv freq must be a number, got NaN",
            ),
            (
                "SELECT clv(1::float8, 2, 'Infinity')",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "clv lifespan must be finite, got Infinity",
            ),
            (
                "SELECT clv('NaN'::numeric, 2, 3)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "clv value must be a finite number of at most 38 digits, got NaN",
            ),
            (
                "SELECT clv(v, 1, 1) FROM (VALUES (99999999999999999999999999999999999999), (99999999999999999999999999999999999999)) x(v)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "clv sum is out of range",
            ),
        ]);
    }
}
