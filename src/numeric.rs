//! Reading PostgreSQL `numeric` values in place, without allocation or a text round trip.
//!
//! A `numeric` varlena holds, after its length header, a 16-bit header word and base-10000
//! digits (PostgreSQL's `src/backend/utils/adt/numeric.c`). KPI inputs that must be whole
//! numbers (an NPS score) are classified straight from those bytes, so a `numeric` column
//! costs about what an integer one does; other values become an exact [`Scaled`] (a 128-bit
//! mantissa and a scale). Pure Rust: the caller passes the varlena's data bytes.

/// What a `numeric` value is, seen as a candidate whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WholeNumber {
    /// An integral value that fits in `i64` (`9`, `9.0`, `-3`).
    Int(i64),
    /// A finite value with a non-zero fractional part (`9.5`).
    Fraction,
    /// An integral value beyond the `i64` range.
    TooLarge,
    /// `NaN`, `Infinity` or `-Infinity`.
    Special,
}

const SIGN_MASK: u16 = 0xC000;
const NEG: u16 = 0x4000;
const SHORT: u16 = 0x8000;
const SPECIAL: u16 = 0xC000;
const SHORT_SIGN_MASK: u16 = 0x2000;
const SHORT_WEIGHT_SIGN_MASK: u16 = 0x0040;
const SHORT_WEIGHT_MASK: u16 = 0x003F;
const NBASE: i128 = 10_000;
const SHORT_DSCALE_MASK: u16 = 0x1F80;
const SHORT_DSCALE_SHIFT: u16 = 7;
const DSCALE_MASK: u16 = 0x3FFF;

#[inline(always)]
fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_ne_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]))
}

/// The decoded header of a finite `numeric`: sign, weight (of the first base-10000 digit),
/// display scale, and where the digits start. `None` for `NaN`, infinities or truncated bytes.
#[inline(always)]
pub(crate) fn header(bytes: &[u8]) -> Option<(bool, i32, u32, usize)> {
    let header = u16_at(bytes, 0)?;
    match header & SIGN_MASK {
        SPECIAL => None,
        SHORT => {
            let magnitude = i32::from(header & SHORT_WEIGHT_MASK);
            let weight = if header & SHORT_WEIGHT_SIGN_MASK != 0 {
                magnitude - 64
            } else {
                magnitude
            };
            let dscale = u32::from((header & SHORT_DSCALE_MASK) >> SHORT_DSCALE_SHIFT);
            Some((header & SHORT_SIGN_MASK != 0, weight, dscale, 2))
        }
        sign => {
            let w = u16_at(bytes, 2)?;
            Some((
                sign == NEG,
                i32::from(w as i16),
                u32::from(header & DSCALE_MASK),
                4,
            ))
        }
    }
}

/// Classify the data bytes of a `numeric` varlena (everything after the varlena header).
/// Truncated bytes classify as [`WholeNumber::Special`] rather than being read past.
#[inline]
pub fn classify(bytes: &[u8]) -> WholeNumber {
    let Some((negative, weight, _, digits_at)) = header(bytes) else {
        return WholeNumber::Special;
    };
    let digits = &bytes[digits_at.min(bytes.len())..];
    let mut value: i128 = 0;
    for (i, pair) in digits.chunks_exact(2).enumerate() {
        let digit = i128::from(u16::from_ne_bytes([pair[0], pair[1]]));
        let exponent = weight - i as i32;
        if exponent < 0 {
            if digit != 0 {
                return WholeNumber::Fraction;
            }
            continue;
        }
        if exponent > 4 {
            // 10000^5 = 1e20 is beyond i64 whatever the digit (leading digits are non-zero).
            return WholeNumber::TooLarge;
        }
        value += digit * NBASE.pow(exponent as u32);
    }
    let value = if negative { -value } else { value };
    i64::try_from(value).map_or(WholeNumber::TooLarge, WholeNumber::Int)
}

/// Why a `numeric` value has no exact [`Scaled`] form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotDecimal {
    /// `NaN`, `Infinity`, `-Infinity` (or truncated bytes).
    Special,
    /// Beyond `i128` at its display scale (about 38 digits), or more than 38 decimals.
    TooLarge,
}

/// Powers of ten that fit an `i128`.
pub(crate) const POW10: [i128; 39] = {
    let mut t = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

pub(crate) const POW10_U64: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// The largest scale a [`Scaled`] value carries.
pub const MAX_SCALE: u32 = 38;

/// The exact value of the data bytes of a `numeric` varlena as `(mantissa, scale)`, the value
/// being `mantissa / 10^scale` with `scale` the numeric's display scale (`12.50` is `(1250, 2)`).
/// Read in place without allocation. Ratings and small amounts ([`crate::numeric_small`]) take a
/// path without a branch on their shape; values of up to 16 significant digits (four base-10000
/// groups) a path in `u64` with constant divisors; wider ones [`to_scaled_wide`].
#[inline(always)]
pub fn to_scaled(bytes: &[u8]) -> Result<(i128, u32), NotDecimal> {
    if let Some(s) = crate::numeric_small::small(bytes) {
        return Ok(s.to_scaled());
    }
    let Some((negative, weight, dscale, digits_at)) = header(bytes) else {
        return Err(NotDecimal::Special);
    };
    let digits = bytes.get(digits_at..).unwrap_or(&[]);
    if dscale > MAX_SCALE {
        return to_scaled_wide(bytes);
    }
    match small_mantissa(digits, weight, dscale) {
        Some(m) => {
            let mantissa = i128::from(m);
            Ok((if negative { -mantissa } else { mantissa }, dscale))
        }
        None => to_scaled_wide(bytes),
    }
}

/// The magnitude of a value with base-10000 digit groups `groups` (native-endian `u16`s, most
/// significant first, the first at `weight`) at display scale `dscale`, as an integer, when it
/// has at most four groups (below 10^16: no overflow checks) and fits a `u64`; `None` otherwise
/// (the caller then takes the general path): [`to_scaled`]'s short path.
#[inline(always)]
pub(crate) fn small_mantissa(groups: &[u8], weight: i32, dscale: u32) -> Option<u64> {
    let ndigits = groups.len() / 2;
    if ndigits > 4 {
        return None;
    }
    let mut acc: u64 = 0;
    for pair in groups.chunks_exact(2) {
        acc = acc * 10_000 + u64::from(u16::from_ne_bytes([pair[0], pair[1]]));
    }
    // The last group's exponent in powers of ten at scale dscale. Below zero the last group
    // carries digits past the display scale, which are zero in a well-formed value.
    let e = 4 * (weight - (ndigits as i32 - 1)) + dscale as i32;
    match e {
        0 => Some(acc),
        -1 => Some(acc / 10),
        -2 => Some(acc / 100),
        -3 => Some(acc / 1_000),
        1..=19 => acc.checked_mul(POW10_U64[e as usize]),
        _ => None,
    }
}

/// [`to_scaled`] for any width (up to 38 digits): checked arithmetic, `i128` past 19 digits.
#[cold]
#[inline(never)]
pub fn to_scaled_wide(bytes: &[u8]) -> Result<(i128, u32), NotDecimal> {
    let (negative, weight, dscale, digits_at) = header(bytes).ok_or(NotDecimal::Special)?;
    if dscale > MAX_SCALE {
        return Err(NotDecimal::TooLarge);
    }
    let digits = &bytes[digits_at.min(bytes.len())..];
    let ndigits = (digits.len() / 2) as i32;
    if ndigits == 0 {
        return Ok((0, dscale));
    }
    let digit = |i: usize| u16::from_ne_bytes([digits[2 * i], digits[2 * i + 1]]);
    let last = digit((ndigits - 1) as usize);
    // The last group's exponent, in powers of ten at scale dscale. Below zero it carries digits
    // past the display scale, which are zero, so a 16-bit division drops them exactly.
    let e = 4 * (weight - (ndigits - 1)) + dscale as i32;
    let (lift, tail) = if e >= 0 {
        (
            e + 4,
            u64::from(last).checked_mul(*POW10_U64.get(e as usize).unwrap_or(&u64::MAX)),
        )
    } else {
        let drop = (-e).min(4) as u32;
        (4 - drop as i32, Some(u64::from(last / 10u16.pow(drop))))
    };
    // Fast path in u64 (native overflow checks); i128 only for values past 19 digits.
    let fast = (|| {
        let mut acc: u64 = 0;
        for i in 0..(ndigits - 1) as usize {
            acc = acc.checked_mul(10_000)?.checked_add(u64::from(digit(i)))?;
        }
        acc.checked_mul(*POW10_U64.get(lift as usize)?)?
            .checked_add(tail?)
    })();
    let mantissa = match fast {
        Some(m) => i128::from(m),
        None => {
            let mut acc: i128 = 0;
            for i in 0..(ndigits - 1) as usize {
                acc = acc.checked_mul(NBASE).ok_or(NotDecimal::TooLarge)? + i128::from(digit(i));
            }
            let tail = if e >= 0 {
                POW10
                    .get(e as usize)
                    .and_then(|p| i128::from(last).checked_mul(*p))
            } else {
                Some(i128::from(last / 10u16.pow((-e).min(4) as u32)))
            };
            let head = if ndigits > 1 {
                POW10.get(lift as usize).and_then(|p| acc.checked_mul(*p))
            } else {
                Some(0)
            };
            head.zip(tail)
                .and_then(|(a, t)| a.checked_add(t))
                .ok_or(NotDecimal::TooLarge)?
        }
    };
    Ok((if negative { -mantissa } else { mantissa }, dscale))
}

/// `m * 10^diff`, or `None` when it does not fit an `i128`. A mantissa within `i64` lifted by at
/// most 10^18 cannot overflow (below 2^63 * 2^60): one widening multiply and no check, where a
/// checked `i128` multiply is three multiplies and the overflow tests. Summaries meet this on
/// every merge of a sum stored at a smaller scale (a 0 written as `0` beside sums in cents).
#[inline(always)]
fn lift(m: i128, diff: u32) -> Option<i128> {
    match i64::try_from(m) {
        Ok(small) if diff <= 18 => {
            Some(i128::from(small) * i128::from(POW10_U64[diff as usize] as i64))
        }
        _ => lift_wide(m, diff),
    }
}

/// [`lift`] of a mantissa beyond `i64` or by more than 10^18: out of line, so the inlined fast
/// lift stays small.
#[cold]
#[inline(never)]
fn lift_wide(m: i128, diff: u32) -> Option<i128> {
    m.checked_mul(*POW10.get(diff as usize)?)
}

/// An exact sum of `numeric` values: `mantissa / 10^scale`, the scale growing to the largest
/// scale added (at most [`MAX_SCALE`]). Cheaper than a general decimal: adding a value of the
/// same scale is one checked `i128` addition.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scaled {
    pub mantissa: i128,
    pub scale: u32,
}

impl Scaled {
    /// `self + sign * (m / 10^s)`, exactly, or `None` when it does not fit.
    #[inline(always)]
    pub fn add(self, m: i128, s: u32) -> Option<Scaled> {
        if s <= self.scale {
            // The common case: a value at the sum's scale, or (an unconstrained `numeric`
            // column) a smaller one, lifted to it.
            let m = if s == self.scale {
                m
            } else {
                lift(m, self.scale - s)?
            };
            return Some(Scaled {
                mantissa: self.mantissa.checked_add(m)?,
                scale: self.scale,
            });
        }
        self.add_rescaled(m, s)
    }

    #[cold]
    fn add_rescaled(self, m: i128, s: u32) -> Option<Scaled> {
        let scale = self.scale.max(s);
        Some(Scaled {
            mantissa: lift(self.mantissa, scale - self.scale)?.checked_add(lift(m, scale - s)?)?,
            scale,
        })
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// Compare values (`4` equals `4.00`). The side with the smaller scale is lifted to the
    /// other's; when that overflows `i128`, it is the larger in magnitude by at least a factor
    /// of ten and its sign decides. Per-row cheap: equal scales compare mantissas, and a
    /// mantissa within `i64` lifts by at most 10^18 without an overflow check ([`lift`]).
    #[inline]
    pub fn cmp_value(self, other: Scaled) -> std::cmp::Ordering {
        if self.scale == other.scale {
            return self.mantissa.cmp(&other.mantissa);
        }
        let (low, high, swapped) = if self.scale < other.scale {
            (self, other, false)
        } else {
            (other, self, true)
        };
        let ord = match lift(low.mantissa, high.scale - low.scale) {
            Some(l) => l.cmp(&high.mantissa),
            None => low.mantissa.cmp(&0),
        };
        if swapped {
            ord.reverse()
        } else {
            ord
        }
    }
}

// `double precision` values as `numeric` reads them: numeric_float.rs
#[cfg(test)]
pub(crate) use crate::numeric_float::scaled_from_f64_text;
pub use crate::numeric_float::{float_text, scaled_from_f64, scaled_from_f64_short};

/// The largest display scale among the values of a sum, and how many of them have it, so that a
/// moving aggregate can remove values and still give its sum the scale the same rows would give
/// in one step (as PostgreSQL's `avg(numeric)` does with `maxScale` and `maxScaleCount`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MaxScale {
    pub scale: u32,
    /// Values at `scale`, or 0 when the last of them left (the scale is then unknown).
    pub at_max: i64,
}

impl MaxScale {
    /// One more value of display scale `s`.
    #[inline(always)]
    pub fn add(&mut self, s: u32) {
        if s > self.scale {
            (self.scale, self.at_max) = (s, 1);
        } else if s == self.scale {
            self.at_max += 1;
        }
    }

    /// [`MaxScale::add`] when `hit`, nothing otherwise, without a branch on `hit` in the common
    /// case (`s` not above the largest scale).
    #[inline(always)]
    pub fn add_if(&mut self, s: u32, hit: bool) {
        if hit & (s > self.scale) {
            (self.scale, self.at_max) = (s, 1);
        } else {
            self.at_max += i64::from(hit & (s == self.scale));
        }
    }

    /// One value of scale `s` fewer.
    #[inline(always)]
    pub fn remove(&mut self, s: u32) {
        if s == self.scale {
            self.at_max -= 1;
        }
    }

    /// Is the largest scale of the values left known? False once the last value at the largest
    /// scale (above 0) was removed: the values left may have a smaller one, and the aggregate
    /// must be recomputed (a moving aggregate's inverse then returns NULL).
    #[inline(always)]
    pub fn known(&self) -> bool {
        self.scale == 0 || self.at_max > 0
    }

    /// The scales of two sets of values together (the combine step).
    pub fn merge(&mut self, other: &MaxScale) {
        if other.scale > self.scale {
            *self = *other;
        } else if other.scale == self.scale {
            self.at_max = self.at_max.saturating_add(other.at_max);
        }
    }
}

/// A [`Scaled`] that compares by value (`4` equals `4.00`), for thresholds; it displays and
/// stores as the value it was given.
#[derive(Debug, Clone, Copy, Default)]
pub struct ByValue(pub Scaled);

impl PartialEq for ByValue {
    fn eq(&self, other: &Self) -> bool {
        self.0.cmp_value(other.0).is_eq()
    }
}

impl Eq for ByValue {}

impl PartialOrd for ByValue {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.0.cmp_value(other.0))
    }
}

impl std::fmt::Display for ByValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for Scaled {
    type Err = ();

    /// A decimal as the summaries' text forms write it (`-12.50`): [`crate::text::parse_decimal`].
    fn from_str(text: &str) -> Result<Self, ()> {
        crate::text::parse_decimal(text).ok_or(())
    }
}

impl From<i64> for Scaled {
    /// A count as a decimal of scale 0.
    fn from(n: i64) -> Self {
        Scaled {
            mantissa: i128::from(n),
            scale: 0,
        }
    }
}

impl std::fmt::Display for Scaled {
    /// The exact value with `scale` decimals, as `numeric` text (`-12.50`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let sign = if self.mantissa < 0 { "-" } else { "" };
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}

#[cfg(test)]
#[path = "numeric_tests.rs"]
pub(crate) mod tests;
