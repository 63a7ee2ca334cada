//! `double precision` values as PostgreSQL's `float8::numeric` reads them (15 significant
//! digits), as an exact [`Scaled`], and as text for messages. Pure Rust.

use crate::numeric::{NotDecimal, Scaled, MAX_SCALE, POW10};

/// The value a `double precision` has as `numeric`, as PostgreSQL's `float8::numeric` reads it:
/// its 15 significant digits (`DBL_DIG`, `%.15g`), trailing zeros dropped (`0.1` is `0.1`, `1/3` is
/// `0.333333333333333`, `100.0` is `100`). `NaN` and infinities are [`NotDecimal::Special`]; a
/// value past 38 digits or 38 decimals (`1e300`, `1e-300`) is [`NotDecimal::TooLarge`].
pub fn scaled_from_f64(x: f64) -> Result<Scaled, NotDecimal> {
    if !x.is_finite() {
        return Err(NotDecimal::Special);
    }
    match scaled_from_f64_short(x) {
        Some(s) => Ok(s),
        None => scaled_from_f64_text(x),
    }
}

/// [`scaled_from_f64`] of a finite value with at most 6 decimals below 1e15 (the common case,
/// no allocation, nothing that can fail); `None` for any other value.
#[inline(always)]
pub fn scaled_from_f64_short(x: f64) -> Option<Scaled> {
    if x == 0.0 {
        return Some(Scaled::default());
    }
    // The common case, a value with a few decimals (4, 4.5, 0.1): the first k with x * 10^k
    // whole. Such an x is within an ulp or two of m / 10^k, closer than half a step of the
    // 15th significant digit (at least 5e-16 relative), so %.15g prints exactly m / 10^k.
    // Whole is tested as `scaled as i64` converting back to `scaled` (below 1e15 < 2^53 the
    // truncation is exact): one instruction each way, where `fract()` calls libm's `trunc` and
    // an `i128` conversion and remainder are library calls (a third of `csat(float8)`'s time).
    let mut scaled = x;
    for k in 0..=6u32 {
        if scaled.abs() < 1e15 {
            let whole = scaled as i64;
            if whole as f64 == scaled {
                // 4.40685 * 10^5 is not whole in floating point, * 10^6 is: drop the zero
                let (mut mantissa, mut scale) = (whole, k);
                while scale > 0 && mantissa % 10 == 0 {
                    (mantissa, scale) = (mantissa / 10, scale - 1);
                }
                let mantissa = i128::from(mantissa);
                return Some(Scaled { mantissa, scale });
            }
        }
        scaled = x * POW10_F64[k as usize + 1];
    }
    None
}

/// 10^0 .. 10^7 as `f64` (exact).
const POW10_F64: [f64; 8] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7];

/// [`scaled_from_f64`] through printf-style formatting: any finite value.
#[cold]
pub(crate) fn scaled_from_f64_text(x: f64) -> Result<Scaled, NotDecimal> {
    // "-1.23450000000000e-3": one digit, 14 decimals, the exponent; rounded as printf rounds
    let text = format!("{:.14e}", x);
    let (mantissa, exponent) = text.split_once('e').ok_or(NotDecimal::TooLarge)?;
    let exponent: i32 = exponent.parse().map_err(|_| NotDecimal::TooLarge)?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let int: i128 = digits.parse().map_err(|_| NotDecimal::TooLarge)?;
    let int = if x < 0.0 { -int } else { int };
    // the value is int * 10^e
    let e = exponent - (digits.len() as i32 - 1);
    if e >= 0 {
        let lifted = POW10
            .get(e as usize)
            .and_then(|p| int.checked_mul(*p))
            .ok_or(NotDecimal::TooLarge)?;
        return Ok(Scaled {
            mantissa: lifted,
            scale: 0,
        });
    }
    let scale = (-e) as u32;
    if scale > MAX_SCALE {
        return Err(NotDecimal::TooLarge);
    }
    Ok(Scaled {
        mantissa: int,
        scale,
    })
}

/// A `double precision` as text for messages: its value as `numeric` (`9.5`), or `NaN`,
/// `Infinity`, `-Infinity`, or PostgreSQL's exponent form past the exact range (`1e+300`).
pub fn float_text(x: f64) -> String {
    match scaled_from_f64(x) {
        Ok(s) => s.to_string(),
        Err(_) if x.is_nan() => "NaN".into(),
        Err(_) if x.is_infinite() => if x > 0.0 { "Infinity" } else { "-Infinity" }.into(),
        Err(_) => {
            let t = format!("{x:e}");
            match t.split_once('e') {
                Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
                _ => t,
            }
        }
    }
}
