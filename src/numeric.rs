//! Reading PostgreSQL `numeric` values in place, without allocation or a text round trip.
//!
//! A `numeric` varlena holds, after its length header, a 16-bit header word and base-10000
//! digits (PostgreSQL's `src/backend/utils/adt/numeric.c`). KPI inputs that must be whole
//! numbers (an NPS score) are classified straight from those bytes, so a `numeric` column
//! costs about what an integer one does; other values become an exact [`Decimal`]. Pure Rust:
//! the caller passes the varlena's data bytes.

pub use rust_decimal::Decimal;

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

/// Classify the data bytes of a `numeric` varlena (everything after the varlena header).
/// Truncated bytes classify as [`WholeNumber::Special`] rather than being read past.
#[inline]
pub fn classify(bytes: &[u8]) -> WholeNumber {
    let Some(header) = u16_at(bytes, 0) else {
        return WholeNumber::Special;
    };
    let (negative, weight, digits_at) = match header & SIGN_MASK {
        SPECIAL => return WholeNumber::Special,
        SHORT => {
            let magnitude = i32::from(header & SHORT_WEIGHT_MASK);
            let weight = if header & SHORT_WEIGHT_SIGN_MASK != 0 {
                magnitude - 64
            } else {
                magnitude
            };
            (header & SHORT_SIGN_MASK != 0, weight, 2)
        }
        sign => {
            let Some(w) = u16_at(bytes, 2) else {
                return WholeNumber::Special;
            };
            (sign == NEG, i32::from(w as i16), 4)
        }
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Bytes of a short-format numeric, as PostgreSQL stores small values.
    pub(crate) fn short(negative: bool, weight: i32, dscale: u16, digits: &[u16]) -> Vec<u8> {
        let w = if weight < 0 {
            (weight + 64) as u16 | SHORT_WEIGHT_SIGN_MASK
        } else {
            weight as u16
        };
        let header = SHORT | if negative { SHORT_SIGN_MASK } else { 0 } | (dscale << 7) | w;
        let mut out = header.to_ne_bytes().to_vec();
        digits.iter().for_each(|d| out.extend(d.to_ne_bytes()));
        out
    }

    fn long(negative: bool, weight: i16, digits: &[u16]) -> Vec<u8> {
        let mut out = (if negative { NEG } else { 0 }).to_ne_bytes().to_vec();
        out.extend(weight.to_ne_bytes());
        digits.iter().for_each(|d| out.extend(d.to_ne_bytes()));
        out
    }

    #[test]
    fn small_integers() {
        assert_eq!(classify(&short(false, 0, 0, &[])), WholeNumber::Int(0));
        assert_eq!(classify(&short(false, 0, 0, &[9])), WholeNumber::Int(9));
        assert_eq!(classify(&short(false, 0, 0, &[10])), WholeNumber::Int(10));
        assert_eq!(classify(&short(true, 0, 0, &[1])), WholeNumber::Int(-1));
        // 9.0: dscale 1, same digits
        assert_eq!(classify(&short(false, 0, 1, &[9])), WholeNumber::Int(9));
        // 20000 = 2 * 10000^1
        assert_eq!(
            classify(&short(false, 1, 0, &[2])),
            WholeNumber::Int(20_000)
        );
        assert_eq!(
            classify(&short(false, 1, 0, &[1, 5])),
            WholeNumber::Int(10_005)
        );
    }

    #[test]
    fn fractions() {
        // 9.5 = 9 + 5000 * 10000^-1
        assert_eq!(
            classify(&short(false, 0, 1, &[9, 5000])),
            WholeNumber::Fraction
        );
        // 0.5
        assert_eq!(
            classify(&short(false, -1, 1, &[5000])),
            WholeNumber::Fraction
        );
        assert_eq!(
            classify(&short(true, -1, 1, &[5000])),
            WholeNumber::Fraction
        );
        // a zero fractional digit is still integral
        assert_eq!(classify(&short(false, 0, 4, &[7, 0])), WholeNumber::Int(7));
    }

    #[test]
    fn long_format_and_limits() {
        assert_eq!(classify(&long(false, 0, &[11])), WholeNumber::Int(11));
        assert_eq!(classify(&long(true, 0, &[11])), WholeNumber::Int(-11));
        // i64::MAX = 922 3372 0368 5477 5807
        assert_eq!(
            classify(&long(false, 4, &[922, 3372, 368, 5477, 5807])),
            WholeNumber::Int(i64::MAX)
        );
        assert_eq!(
            classify(&long(false, 4, &[922, 3372, 368, 5477, 5808])),
            WholeNumber::TooLarge
        );
        assert_eq!(
            classify(&long(true, 4, &[922, 3372, 368, 5477, 5808])),
            WholeNumber::Int(i64::MIN)
        );
        assert_eq!(classify(&long(false, 5, &[1])), WholeNumber::TooLarge);
        assert_eq!(classify(&long(false, 300, &[1])), WholeNumber::TooLarge);
    }

    #[test]
    fn specials_and_truncated() {
        assert_eq!(classify(&0xC000u16.to_ne_bytes()), WholeNumber::Special); // NaN
        assert_eq!(classify(&0xD000u16.to_ne_bytes()), WholeNumber::Special); // +Inf
        assert_eq!(classify(&0xF000u16.to_ne_bytes()), WholeNumber::Special); // -Inf
        assert_eq!(classify(&[]), WholeNumber::Special);
        assert_eq!(classify(&[0]), WholeNumber::Special);
        assert_eq!(classify(&0u16.to_ne_bytes()), WholeNumber::Special); // long header cut short
    }
}

/// Why a `numeric` value has no exact [`Decimal`] form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotDecimal {
    /// `NaN`, `Infinity`, `-Infinity` (or truncated bytes).
    Special,
    /// More than 28 significant digits, or more than 28 decimal places.
    TooLarge,
}

/// The exact value of the data bytes of a `numeric` varlena as a [`Decimal`], keeping its
/// display scale (`12.50` stays `12.50`), read in place without allocation.
#[inline]
pub fn to_decimal(bytes: &[u8]) -> Result<Decimal, NotDecimal> {
    let header = u16_at(bytes, 0).ok_or(NotDecimal::Special)?;
    let (negative, weight, dscale, digits_at) = match header & SIGN_MASK {
        SPECIAL => return Err(NotDecimal::Special),
        SHORT => {
            let magnitude = i32::from(header & SHORT_WEIGHT_MASK);
            let weight = if header & SHORT_WEIGHT_SIGN_MASK != 0 {
                magnitude - 64
            } else {
                magnitude
            };
            let dscale = u32::from((header & SHORT_DSCALE_MASK) >> SHORT_DSCALE_SHIFT);
            (header & SHORT_SIGN_MASK != 0, weight, dscale, 2)
        }
        sign => {
            let w = u16_at(bytes, 2).ok_or(NotDecimal::Special)?;
            (
                sign == NEG,
                i32::from(w as i16),
                u32::from(header & DSCALE_MASK),
                4,
            )
        }
    };
    let digits = &bytes[digits_at.min(bytes.len())..];
    let ndigits = (digits.len() / 2) as i32;
    let mut mantissa: i128 = 0;
    for pair in digits.chunks_exact(2) {
        let d = i128::from(u16::from_ne_bytes([pair[0], pair[1]]));
        mantissa = mantissa
            .checked_mul(NBASE)
            .and_then(|m| m.checked_add(d))
            .ok_or(NotDecimal::TooLarge)?;
    }
    // value = mantissa * 10000^exp4, exp4 = weight - (ndigits - 1); bring it to scale dscale.
    let exp10 = if ndigits == 0 {
        0
    } else {
        4 * (weight - (ndigits - 1))
    };
    let shift = exp10 + dscale as i32; // mantissa * 10^shift has scale dscale
    if shift >= 0 {
        mantissa = 10i128
            .checked_pow(shift as u32)
            .and_then(|p| mantissa.checked_mul(p))
            .ok_or(NotDecimal::TooLarge)?;
    } else {
        // digits below the display scale are zero by construction; divide them away exactly
        mantissa /= 10i128
            .checked_pow((-shift) as u32)
            .ok_or(NotDecimal::TooLarge)?;
    }
    if negative {
        mantissa = -mantissa;
    }
    if dscale > 28 {
        return Err(NotDecimal::TooLarge);
    }
    Decimal::try_from_i128_with_scale(mantissa, dscale).map_err(|_| NotDecimal::TooLarge)
}

#[cfg(test)]
mod decimal_tests {
    use super::tests::short;
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn exact_values_with_display_scale() {
        assert_eq!(
            to_decimal(&short(false, 0, 0, &[])).unwrap().to_string(),
            "0"
        );
        assert_eq!(
            to_decimal(&short(false, 0, 2, &[])).unwrap().to_string(),
            "0.00"
        );
        assert_eq!(
            to_decimal(&short(false, 0, 2, &[12, 5000]))
                .unwrap()
                .to_string(),
            "12.50"
        );
        assert_eq!(
            to_decimal(&short(true, 0, 1, &[9, 5000])).unwrap(),
            d("-9.5")
        );
        assert_eq!(
            to_decimal(&short(false, -1, 4, &[1])).unwrap().to_string(),
            "0.0001"
        );
        assert_eq!(
            to_decimal(&short(false, -2, 6, &[0, 1200][1..]))
                .unwrap()
                .to_string(),
            "0.000012"
        );
        assert_eq!(
            to_decimal(&short(false, 1, 0, &[1, 5])).unwrap(),
            d("10005")
        );
        assert_eq!(
            to_decimal(&short(false, 2, 0, &[3])).unwrap(),
            d("300000000")
        );
        assert_eq!(
            to_decimal(&short(false, 0, 3, &[1, 2340]))
                .unwrap()
                .to_string(),
            "1.234"
        );
    }

    #[test]
    fn beyond_decimal_is_an_error() {
        assert_eq!(
            to_decimal(&0xC000u16.to_ne_bytes()),
            Err(NotDecimal::Special)
        );
        // 10^32 has 33 digits
        assert_eq!(
            to_decimal(&short(false, 8, 0, &[1])),
            Err(NotDecimal::TooLarge)
        );
        // scale 30
        assert_eq!(
            to_decimal(&short(false, -8, 30, &[1])),
            Err(NotDecimal::TooLarge)
        );
    }
}
