//! `numeric` results and exact arguments, part of [`crate::agg`]: `numeric` datums built by
//! PostgreSQL's own arithmetic, `numeric` and `double precision` arguments read as exact
//! [`Scaled`](crate::numeric::Scaled) decimals, and the errors naming a refused value.

use super::{plain_bytes, varlena_bytes};
use crate::error::{raise, KpiError};
use pgrx::pg_sys;
use std::ptr;

/// `100 * numerator / denominator` as a `numeric` datum, computed by PostgreSQL's own numeric
/// division so it equals, digit for digit, the hand-written `100.0 * numerator / denominator`.
/// `denominator` must not be zero (callers return NULL for an empty group instead).
pub(crate) unsafe fn numeric_percent(numerator: i64, denominator: i64) -> pg_sys::Datum {
    debug_assert!(denominator != 0);
    unsafe {
        let hundred = pg_sys::int64_to_numeric(100);
        let num = numeric_mul(pg_sys::int64_to_numeric(numerator), hundred);
        pg_sys::Datum::from(numeric_div(num, pg_sys::int64_to_numeric(denominator)))
    }
}

/// `100 * part / whole` of two exact decimals as `numeric`, by PostgreSQL's own numeric
/// multiplication and division (as `share(condition, weight)` has always computed it), or `None`
/// when `whole` is 0.
pub(crate) unsafe fn numeric_percent_scaled(
    part: crate::numeric::Scaled,
    whole: crate::numeric::Scaled,
) -> Option<pg_sys::Numeric> {
    unsafe {
        (whole.mantissa != 0).then(|| {
            let num = numeric_mul(numeric_from_scaled(part), pg_sys::int64_to_numeric(100));
            numeric_div(num, numeric_from_scaled(whole))
        })
    }
}

/// An exact `numeric` from an `i128`.
pub(crate) unsafe fn numeric_from_i128(x: i128) -> pg_sys::Numeric {
    match i64::try_from(x) {
        Ok(small) => unsafe { pg_sys::int64_to_numeric(small) },
        Err(_) => unsafe { numeric_from_text(&x.to_string()) },
    }
}

unsafe fn numeric_from_text(text: &str) -> pg_sys::Numeric {
    let text = std::ffi::CString::new(text).expect("a number's text has no NUL");
    unsafe {
        pgrx::fcinfo::direct_function_call_as_datum(
            pg_sys::numeric_in,
            &[
                Some(pg_sys::Datum::from(text.as_ptr())),
                Some(pg_sys::Datum::from(pg_sys::InvalidOid)),
                Some(pg_sys::Datum::from(-1i32)),
            ],
        )
        .expect("numeric_in returns a value")
        .cast_mut_ptr()
    }
}

/// A `numeric` from an `f64` (as `float8::numeric` does).
pub(crate) unsafe fn numeric_from_f64(x: f64) -> pg_sys::Numeric {
    unsafe {
        pgrx::fcinfo::direct_function_call_as_datum(
            pg_sys::float8_numeric,
            &[Some(pg_sys::Datum::from(x.to_bits()))],
        )
        .expect("float8_numeric returns a value")
        .cast_mut_ptr()
    }
}

/// `a * b` in PostgreSQL numeric arithmetic (exact).
pub(crate) unsafe fn numeric_mul(a: pg_sys::Numeric, b: pg_sys::Numeric) -> pg_sys::Numeric {
    unsafe { pg_sys::numeric_mul_opt_error(a, b, ptr::null_mut()) }
}

/// `a / b` in PostgreSQL numeric arithmetic (its usual result scale); `b` must not be zero.
pub(crate) unsafe fn numeric_div(a: pg_sys::Numeric, b: pg_sys::Numeric) -> pg_sys::Numeric {
    unsafe { pg_sys::numeric_div_opt_error(a, b, ptr::null_mut()) }
}

/// The value of a `numeric` datum as an exact [`Scaled`](crate::numeric::Scaled), read in
/// place; `NaN`, infinities and values beyond 38 digits are a 22003 error naming the KPI, the
/// argument (`role`) and the value.
#[inline(always)]
pub(crate) unsafe fn scaled_arg(
    datum: pg_sys::Datum,
    kpi: &str,
    role: &str,
) -> crate::numeric::Scaled {
    match crate::numeric::to_scaled(unsafe { varlena_bytes(datum) }) {
        Ok((mantissa, scale)) => crate::numeric::Scaled { mantissa, scale },
        Err(_) => not_scaled(datum, kpi, role),
    }
}

/// The value of a `double precision` datum as PostgreSQL's `float8::numeric` reads it (15
/// significant digits), so a `double precision` column follows the rules of the `numeric` one:
/// `NaN`, infinities and values past 38 digits are a 22003 error naming the KPI, the argument
/// (`role`) and the value.
#[inline(always)]
pub(crate) fn float8_scaled_arg(
    datum: pg_sys::Datum,
    kpi: &str,
    role: &str,
) -> crate::numeric::Scaled {
    let x = f64::from_bits(datum.value() as u64);
    match crate::numeric::scaled_from_f64(x) {
        Ok(s) => s,
        Err(_) => not_exact_float(x, kpi, role),
    }
}

/// [`float8_scaled_arg`] for the unguarded fast paths: `None` where it raises an error.
#[inline(always)]
pub(crate) fn float8_scaled(datum: pg_sys::Datum) -> Option<crate::numeric::Scaled> {
    crate::numeric::scaled_from_f64_short(f64::from_bits(datum.value() as u64))
}

/// [`scaled_arg`] for the unguarded fast paths: `None` where it raises an error or the value
/// would need detoasting.
#[inline(always)]
pub(crate) unsafe fn scaled_in_place(datum: pg_sys::Datum) -> Option<crate::numeric::Scaled> {
    let bytes = unsafe { plain_bytes(datum) }?;
    let (mantissa, scale) = crate::numeric::to_scaled(bytes).ok()?;
    Some(crate::numeric::Scaled { mantissa, scale })
}

#[cold]
#[inline(never)]
pub(crate) fn not_exact_float(x: f64, kpi: &str, role: &str) -> ! {
    raise(KpiError::OutOfRange(format!(
        "{kpi} {role} must be a finite number of at most 38 digits, got {}",
        crate::numeric::float_text(x)
    )))
}

/// Raise the error for a `numeric` input that a [`NumericSum`](crate::numeric_sum::NumericSum)
/// refused: 22003 naming the KPI, the argument (`role`) and the value, or `too_many` when the
/// sum holds as many values as it can.
#[cold]
#[inline(never)]
pub(crate) fn raise_refused(
    why: crate::numeric_sum::Refused,
    datum: pg_sys::Datum,
    kpi: &str,
    role: &str,
    too_many: KpiError,
) -> ! {
    use crate::numeric_sum::Refused;
    match why {
        Refused::Negative => {
            let shown = unsafe { numeric_text(datum) };
            raise(KpiError::OutOfRange(format!(
                "{kpi} {role} must not be negative, got {shown}"
            )))
        }
        Refused::NotExact => not_scaled(datum, kpi, role),
        Refused::TooMany => raise(too_many),
    }
}

#[cold]
#[inline(never)]
fn not_scaled(datum: pg_sys::Datum, kpi: &str, role: &str) -> ! {
    let shown = unsafe { numeric_text(datum) };
    raise(KpiError::OutOfRange(format!(
        "{kpi} {role} must be a finite number of at most 38 digits, got {shown}"
    )))
}

/// An exact `numeric` from a [`Scaled`](crate::numeric::Scaled).
pub(crate) unsafe fn numeric_from_scaled(x: crate::numeric::Scaled) -> pg_sys::Numeric {
    unsafe { numeric_from_text(&x.to_string()) }
}

/// The text of a `numeric` datum, for error messages (`9.5`, `NaN`, `Infinity`).
#[cold]
pub(crate) unsafe fn numeric_text(datum: pg_sys::Datum) -> String {
    unsafe {
        let num = pg_sys::pg_detoast_datum(datum.cast_mut_ptr()).cast();
        let cstr = pg_sys::numeric_normalize(num);
        std::ffi::CStr::from_ptr(cstr)
            .to_string_lossy()
            .into_owned()
    }
}
