//! An exact running sum of `numeric` values, kept the way PostgreSQL's own `sum(numeric)` keeps
//! it (`NumericSumAccum` in `numeric.c`): one 64-bit accumulator per base-10000 digit position.
//! Adding a value is one integer addition per digit group of its stored form, read in place:
//! no normalisation, no multiplication, no branch on its scale. The carries are resolved once,
//! when the sum is turned into a [`Scaled`] at the end. Pure Rust, no pgrx types.
//!
//! Bounds: every position holds at most 9,999 per value added, so no position can overflow
//! below [`MAX_VALUES`] values (2^49); callers count their values and stop there. A value is
//! accepted exactly when [`to_scaled`](crate::numeric::to_scaled) accepts it (38 digits, 38
//! decimals); a sum that does not fit 38 digits fails when it is finished, never silently.

use crate::numeric::{self, MaxScale, NotDecimal, Scaled, MAX_SCALE, POW10};
use crate::numeric_small::{self, Small};

/// The lowest digit position, 10000^-10 = 10^-40 (room for 38 decimals).
const LOW: i32 = -10;
/// The highest digit position, 10000^9 = 10^36 (room for 38 integer digits).
const HIGH: i32 = 9;
const POSITIONS: usize = (HIGH - LOW + 1) as usize;

/// The number of values a sum may hold: 9,999 x 2^49 < 2^63, so no position overflows.
pub const MAX_VALUES: i64 = 1 << 49;

/// A `numeric` value decoded in place: sign, display scale, and its base-10000 digit groups
/// (native-endian `u16`s, most significant first) with the position of the first.
#[derive(Debug, Clone, Copy)]
pub struct Digits<'a> {
    pub negative: bool,
    top: usize,
    dscale: u32,
    groups: &'a [u8],
}

/// Decode the data bytes of a `numeric` varlena. `NaN` and infinities are
/// [`NotDecimal::Special`]; a value [`to_scaled`](crate::numeric::to_scaled) rejects (past 38
/// digits or 38 decimals) is [`NotDecimal::TooLarge`].
#[inline(always)]
pub fn digits(bytes: &[u8]) -> Result<Digits<'_>, NotDecimal> {
    let Some((negative, weight, dscale, at)) = numeric::header(bytes) else {
        return Err(NotDecimal::Special);
    };
    let groups = bytes.get(at..).unwrap_or(&[]);
    let count = (groups.len() / 2) as i32;
    // Within 38 digits at its own scale it is certainly accepted; past that, ask the general
    // decoder, so both paths accept exactly the same values.
    if dscale > MAX_SCALE || 4 * weight + 4 + dscale as i32 > 38 {
        numeric::to_scaled_wide(bytes)?;
    }
    if count > 0 && (weight > HIGH || weight - (count - 1) < LOW) {
        return Err(NotDecimal::TooLarge);
    }
    Ok(Digits {
        negative,
        top: (weight - LOW) as usize,
        dscale,
        groups: &groups[..2 * count as usize],
    })
}

/// The digits of a non-negative short-format `numeric` (its data bytes) that a [`NumericSum`]
/// certainly holds, or `None` for any other value (negative, special, long format, past 38
/// digits), which [`NumericSum::add_bytes`] then takes through [`digits`]. The per-row path: the
/// common stored form decoded in one pass, and checked before anything is added (a step adding
/// several values can check them all first).
#[inline(always)]
pub fn short_digits(bytes: &[u8]) -> Option<Digits<'_>> {
    let [h0, h1, groups @ ..] = bytes else {
        return None;
    };
    let h = u16::from_ne_bytes([*h0, *h1]);
    // short format (0b10), sign bit clear
    if h & 0xE000 != 0x8000 {
        return None;
    }
    let dscale = u32::from((h >> 7) & 0x3F);
    let weight = (i32::from(h & 0x7F) ^ 0x40) - 0x40;
    let count = (groups.len() / 2) as i32;
    // Certainly within 38 digits; the lowest position is checked for malformed bytes only.
    if dscale > MAX_SCALE || 4 * weight + 4 + dscale as i32 > 38 || weight - count < LOW - 1 {
        return None;
    }
    Some(Digits {
        negative: false,
        top: (weight - LOW) as usize,
        dscale,
        groups,
    })
}

impl Digits<'_> {
    /// Is this value (non-negative, as [`short_digits`] reads it) at least the whole number
    /// `t` (below 10,000, one digit group)? Read from the first group and the weight alone;
    /// `None` for a negative value or an unnormalised one (a leading zero group).
    #[inline(always)]
    pub fn at_least_whole(&self, t: u16) -> Option<bool> {
        if self.negative {
            return None;
        }
        let weight = self.top as i32 + LOW;
        let Some([a, b]) = self.groups.first_chunk::<2>() else {
            return Some(t == 0); // zero
        };
        match u16::from_ne_bytes([*a, *b]) {
            0 => None,
            _ if weight > 0 => Some(true), // at least 10,000
            first if weight == 0 => Some(first >= t), // first is the whole part
            _ => Some(t == 0),             // below 1
        }
    }
}

/// Why a value was not added; the glue names the value in the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// A negative value where the KPI allows none.
    Negative,
    /// `NaN`, infinite, or past 38 digits.
    NotExact,
    /// More values than a sum can hold ([`MAX_VALUES`]).
    TooMany,
}

/// See the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumericSum {
    positions: [i64; POSITIONS],
    /// The largest display scale added (the scale of the finished sum) and how many values
    /// have it, so a moving aggregate knows when removing a value changes it.
    scale: MaxScale,
}

impl Default for NumericSum {
    fn default() -> Self {
        NumericSum {
            positions: [0; POSITIONS],
            scale: MaxScale::default(),
        }
    }
}

/// Does [`NumericSum::add_small`] take `s`: non-negative and within [`short_digits`]' bounds
/// (38 digits at its scale, both of its positions in the array)?
#[inline(always)]
fn takes_small(s: &Small) -> bool {
    !(s.negative || 4 * s.weight + 4 + s.dscale as i32 > 38 || s.weight <= LOW)
}

impl NumericSum {
    /// Add `d` (subtract it when `negate`). The caller keeps the count of values below
    /// [`MAX_VALUES`]; subtracting is exact only for a value added before (an inverse step).
    #[inline(always)]
    pub fn add(&mut self, d: &Digits, negate: bool) {
        let mask = -i64::from(d.negative != negate);
        let mut at = d.top;
        for pair in d.groups.chunks_exact(2) {
            let g = i64::from(u16::from_ne_bytes([pair[0], pair[1]]));
            if let Some(p) = self.positions.get_mut(at) {
                *p = p.wrapping_add((g ^ mask).wrapping_sub(mask));
            }
            at = at.wrapping_sub(1);
        }
        if negate {
            self.scale.remove(d.dscale);
        } else {
            self.scale.add(d.dscale);
        }
    }

    /// Is the scale of the sum the largest scale of the values in it? False once an inverse
    /// step removed the last value at that scale: the caller recomputes the aggregate.
    #[inline(always)]
    pub fn scale_known(&self) -> bool {
        self.scale.known()
    }

    /// Add the value [`short_digits`] reads (subtract it when `negate`) and return true; return
    /// false, changing nothing, for any value it does not read.
    #[inline(always)]
    pub fn add_short(&mut self, bytes: &[u8], negate: bool) -> bool {
        if let Some(s) = numeric_small::small(bytes) {
            if self.add_small(&s, negate) {
                return true;
            }
        }
        match short_digits(bytes) {
            Some(d) => {
                self.add(&d, negate);
                true
            }
            None => false,
        }
    }

    /// Add a non-negative [`Small`] that [`short_digits`] would read (subtract it when
    /// `negate`) and return true, both of its group positions written (the second with 0 for a
    /// value of one group, the first too for a zero): no branch on how many groups it has.
    /// False, changing nothing, for any other.
    #[inline(always)]
    pub fn add_small(&mut self, s: &Small, negate: bool) -> bool {
        if !takes_small(s) {
            return false;
        }
        self.add_two(
            (s.weight - LOW) as usize,
            s.groups,
            negate,
            s.dscale,
            negate,
        );
        true
    }

    /// [`NumericSum::add_small`] of `s` (not negated) into `self`, and into `also` when `hit`:
    /// the value read once, and no branch on `hit` (`also`'s positions get the groups times
    /// `hit`, its scale counts the value only when `hit`). False, changing neither, for a value
    /// `add_small` refuses. The per-row step of a sum and the part of it that meets a condition
    /// (`share(condition, weight)`).
    #[inline(always)]
    pub fn add_small_both(&mut self, also: &mut NumericSum, s: &Small, hit: bool) -> bool {
        if !takes_small(s) {
            return false;
        }
        let top = (s.weight - LOW) as usize;
        self.add_two(top, s.groups, false, s.dscale, false);
        let h = u64::from(hit);
        also.add_positions(top, [s.groups[0] * h, s.groups[1] * h], false);
        also.scale.add_if(s.dscale, hit);
        true
    }

    /// Add `groups` at positions `top` and `top - 1`, negated when `negative`; the scale is the
    /// caller's to count.
    #[inline(always)]
    fn add_positions(&mut self, top: usize, groups: [u64; 2], negative: bool) {
        let mask = -i64::from(negative);
        // a half-open range: `top - 1..=top` compiled to a call per row (RangeInclusive's
        // index_mut was not inlined)
        for (p, g) in self.positions[top - 1..top + 1]
            .iter_mut()
            .zip([groups[1], groups[0]])
        {
            *p = p.wrapping_add((g as i64 ^ mask).wrapping_sub(mask));
        }
    }

    /// Add `groups` (base-10000 digits, a zero for a missing one) at positions `top` and
    /// `top - 1`, negated when `negative`, and count (or with `negate`, un-count) a value of
    /// display scale `dscale`: both positions written whatever the value, no branch on it.
    #[inline(always)]
    fn add_two(&mut self, top: usize, groups: [u64; 2], negative: bool, dscale: u32, negate: bool) {
        self.add_positions(top, groups, negative);
        if negate {
            self.scale.remove(dscale);
        } else {
            self.scale.add(dscale);
        }
    }

    /// Add the `numeric` with data bytes `bytes` (subtract it when `negate`): the short path,
    /// else the general decoder. `NaN`, infinities and values past 38 digits are refused, and so
    /// are negative values unless `negative_ok`; a refused value changes nothing.
    #[inline(always)]
    pub fn add_bytes(
        &mut self,
        bytes: &[u8],
        negate: bool,
        negative_ok: bool,
    ) -> Result<(), Refused> {
        if self.add_short(bytes, negate) {
            return Ok(());
        }
        self.add_general(bytes, negate, negative_ok)
    }

    /// Add the exact decimal `x` (subtract it when `negate`), as [`NumericSum::add_bytes`] adds a
    /// `numeric` of the same value and display scale: for inputs read from `double precision`.
    /// Negative values are refused unless `negative_ok`; a refused value changes nothing.
    #[inline(always)]
    pub fn add_scaled(
        &mut self,
        x: Scaled,
        negate: bool,
        negative_ok: bool,
    ) -> Result<(), Refused> {
        if x.is_negative() && !negative_ok {
            return Err(Refused::Negative);
        }
        // The common case, a rating or score (4, 4.5, 4.25): a whole part below 10,000 and at
        // most two decimals, the groups at 10000^0 and 10000^-1 (the second one 0 for a whole
        // number, which adds nothing). Constant divisions; anything else takes the loop.
        if let Ok(m) = u16::try_from(x.mantissa.unsigned_abs()) {
            let m = u64::from(m);
            let (whole, decimals) = match x.scale {
                0 => (m, 0),
                1 => (m / 10, (m % 10) * 1_000),
                2 => (m / 100, (m % 100) * 100),
                _ => (u64::MAX, 0),
            };
            if whole < 10_000 {
                let negative = x.is_negative() != negate;
                self.add_two(
                    (-LOW) as usize,
                    [whole, decimals],
                    negative,
                    x.scale,
                    negate,
                );
                return Ok(());
            }
        }
        self.add_scaled_groups(x, negate)
    }

    /// [`NumericSum::add_scaled`] for any value: its base-10000 groups, one at a time.
    #[inline(never)]
    fn add_scaled_groups(&mut self, x: Scaled, negate: bool) -> Result<(), Refused> {
        // base-10000 groups aligned on the decimal point, least significant first: a partial
        // last group of decimals is padded with zeros (0.5 is the group 5000 at 10000^-1)
        let decimals = x.scale.div_ceil(4);
        let partial = x.scale % 4;
        let mut m = x.mantissa.unsigned_abs();
        let mut groups = [0u16; 11]; // 39 digits and a partial group
        let mut n = 0;
        if let Ok(mut small) = u64::try_from(m) {
            // the common case: u64 divisions by constants, several times cheaper than u128 ones
            (groups[0], small, n) = match partial {
                0 => (0, small, 0),
                1 => (((small % 10) * 1_000) as u16, small / 10, 1),
                2 => (((small % 100) * 100) as u16, small / 100, 1),
                _ => (((small % 1_000) * 10) as u16, small / 1_000, 1),
            };
            while small > 0 {
                groups[n] = (small % 10_000) as u16;
                small /= 10_000;
                n += 1;
            }
            m = 0;
        } else if partial != 0 {
            let p = 10u128.pow(partial);
            groups[0] = ((m % p) * 10u128.pow(4 - partial)) as u16;
            m /= p;
            n = 1;
        }
        while m > 0 {
            groups[n] = (m % 10_000) as u16;
            m /= 10_000;
            n += 1;
        }
        while n > 0 && groups[n - 1] == 0 {
            n -= 1; // a value below 1000 in its partial group has no leading zero group
        }
        let weight = n as i32 - 1 - decimals as i32;
        if n > 0 && (weight > HIGH || -(decimals as i32) < LOW) {
            return Err(Refused::NotExact);
        }
        // groups[k] (least significant first) belongs at position k - decimals - LOW: added
        // there directly, as [`NumericSum::add`] adds the same digits of a `numeric`
        let mask = -i64::from(x.is_negative() != negate);
        let low = (-(decimals as i32) - LOW) as usize;
        for (p, g) in self.positions[low..].iter_mut().zip(&groups[..n]) {
            *p = p.wrapping_add((i64::from(*g) ^ mask).wrapping_sub(mask));
        }
        if negate {
            self.scale.remove(x.scale);
        } else {
            self.scale.add(x.scale);
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn add_general(
        &mut self,
        bytes: &[u8],
        negate: bool,
        negative_ok: bool,
    ) -> Result<(), Refused> {
        let d = digits(bytes).map_err(|_| Refused::NotExact)?;
        if d.negative && !negative_ok {
            return Err(Refused::Negative);
        }
        self.add(&d, negate);
        Ok(())
    }

    /// `self + other` (or `self - other`), position by position; `None` on overflow.
    pub fn merge(&mut self, other: &NumericSum, negate: bool) -> Option<()> {
        let mut out = self.positions;
        for (a, b) in out.iter_mut().zip(other.positions) {
            *a = if negate {
                a.checked_sub(b)?
            } else {
                a.checked_add(b)?
            };
        }
        self.positions = out;
        if !negate {
            self.scale.merge(&other.scale);
        }
        Some(())
    }

    /// The exact sum at the largest scale added, or `None` when it does not fit 38 digits.
    pub fn to_scaled(&self) -> Option<Scaled> {
        let mut mantissa: i128 = 0;
        for (i, &p) in self.positions.iter().enumerate().filter(|(_, p)| **p != 0) {
            let e = 4 * (i as i32 + LOW) + self.scale.scale as i32;
            let p = i128::from(p);
            let term = if e >= 0 {
                p.checked_mul(*POW10.get(e as usize)?)?
            } else {
                // Digits past a value's display scale are zero, so this divides exactly.
                let d = *POW10.get((-e) as usize)?;
                (p % d == 0).then_some(p / d)?
            };
            mantissa = mantissa.checked_add(term)?;
        }
        Some(Scaled {
            mantissa,
            scale: self.scale.scale,
        })
    }

    /// The positions and scale, for the serialized state.
    pub fn parts(&self) -> ([i64; POSITIONS], MaxScale) {
        (self.positions, self.scale)
    }

    /// Rebuild from [`NumericSum::parts`]; `None` for a scale past 38.
    pub fn from_parts(positions: [i64; POSITIONS], scale: MaxScale) -> Option<NumericSum> {
        (scale.scale <= MAX_SCALE).then_some(NumericSum { positions, scale })
    }
}

#[cfg(test)]
#[path = "numeric_sum_tests.rs"]
mod tests;
