//! The per-row reader of the commonest `numeric`s: short format, at most two base-10000 digit
//! groups, the last group within three decimal places of the display scale (ratings such as 4.5,
//! amounts below 10,000 with up to three decimals, zero). Pure Rust, no pgrx types.
//!
//! Why a reader of its own: the general decoders loop over the digit groups and branch on the
//! last group's exponent, and in one column both change from row to row (4.0 of a
//! `numeric(3,1)` has one group and exponent 1, 4.5 two groups and exponent -3; a zero has
//! none), which rows in any order make mispredict. This reader has no branch on either: both
//! groups are read (a missing one is read from a byte that is there and multiplied by 0), and
//! the last group's exponent is one multiplication and shift from a table (an exact floor
//! division by 10, 100 or 1,000 for numerators below 2^27, Granlund and Montgomery's method).
//! Measured: a value of such a column read in 9-11 ns instead of 12 (`to_scaled`), added to a
//! sum in 7 instead of 9 (a loop over 4,096 values, a third of them whole); per query 3-4 %
//! (`ces_agg`, `mrr_agg` over 10M rows on PostgreSQL 18).
//! Its answers are the general decoders' (unit tests compare them on random values).

use crate::numeric::MAX_SCALE;

/// The magnitude of a [`Small`] at its display scale is `groups * TIMES[e + 3] >> SHIFT[e + 3]`,
/// with `e` the last group's exponent at the display scale (-3..=3), all in `u64`: `groups` is
/// below 10^8 < 2^27, so `groups * ceil(2^37 / 10)` stays below 2^61 and `groups * 1000` below
/// 2^37 (and below 2^64 even for digit groups past 9,999, which PostgreSQL never stores: no
/// overflow whatever the bytes). For `e < 0` that is an exact floor division by 10, 100 or 1,000 (Granlund and
/// Montgomery's method; exact for numerators below 2^27).
const TIMES: [u64; 7] = [
    (1 << 37) / 1_000 + 1, // ceil(2^37 / 1000): 2^37 is not a multiple of it
    (1 << 37) / 100 + 1,
    (1 << 37) / 10 + 1,
    1,
    10,
    100,
    1_000,
];
const SHIFT: [u32; 7] = [37, 37, 37, 0, 0, 0, 0];

/// A short-format `numeric` of at most two digit groups, decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Small {
    pub negative: bool,
    /// The first group's position (`10000^weight`); the second, if any, is at `weight - 1`.
    pub weight: i32,
    pub dscale: u32,
    /// The first group and the second (0 for a value of fewer groups).
    pub groups: [u64; 2],
    /// The magnitude at the display scale as an integer (`12.50` is 1250).
    pub magnitude: u64,
}

impl Small {
    /// The value as `(mantissa, scale)`, as [`crate::numeric::to_scaled`] gives it.
    #[inline(always)]
    pub fn to_scaled(&self) -> (i128, u32) {
        let m = i128::from(self.magnitude);
        (if self.negative { -m } else { m }, self.dscale)
    }
}

/// Decode the data bytes of a `numeric` varlena when it is a [`Small`]; `None` for anything else
/// (long format, special values, more groups, the last group's exponent outside -3..=3, a
/// display scale past [`MAX_SCALE`]), which the general decoders take.
#[inline(always)]
pub fn small(bytes: &[u8]) -> Option<Small> {
    let [h0, h1, ..] = bytes else {
        return None;
    };
    let h = u16::from_ne_bytes([*h0, *h1]);
    let n = (bytes.len() - 2) / 2;
    // short format (0b10), and at most two groups
    if h & 0xC000 != 0x8000 || n > 2 {
        return None;
    }
    let dscale = u32::from((h >> 7) & 0x3F);
    let weight = (i32::from(h & 0x7F) ^ 0x40) - 0x40;
    // The first group at byte 2 and the last at byte 2n: for fewer groups they read a byte
    // that is there (the header, or the first group) and are multiplied by 0.
    // SAFETY: `at` is 0, 2 or 2n with 2n + 2 <= bytes.len(), so `at + 1` is within `bytes`.
    // Unchecked because LLVM did not prove it: the checks cost 2-3 % of `ces(numeric)` and
    // `share(condition, weight)` (BENCHMARKS.md, issue 26).
    let read = |at: usize| unsafe {
        debug_assert!(at + 1 < bytes.len());
        u64::from(u16::from_ne_bytes([
            *bytes.get_unchecked(at),
            *bytes.get_unchecked(at + 1),
        ]))
    };
    let (some, two) = (u64::from(n >= 1), u64::from(n == 2));
    let first = read(2 * n.min(1)) * some;
    let second = read(2 * n) * two;
    let groups = first * (1 + 9_999 * two) + second; // below 10^8 < 2^27
                                                     // the last group's exponent at the display scale; any for a zero (no groups)
    let e = (4 * (weight - (n as i32 - 1)) + dscale as i32) * some as i32;
    if !(-3..=3).contains(&e) || dscale > MAX_SCALE {
        return None;
    }
    let at = (e + 3) as usize;
    let magnitude = (groups * TIMES[at]) >> SHIFT[at];
    Some(Small {
        negative: h & 0x2000 != 0,
        weight,
        dscale,
        groups: [first, second],
        magnitude,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numeric::tests::whole::{encode, random_groups, rng, short};
    use crate::numeric::to_scaled_wide;

    /// Every shape a short numeric of up to three groups has (weights, display scales, signs,
    /// zero groups, digits past the display scale): `small` answers as the general decoder, or
    /// not at all.
    #[test]
    fn small_is_the_general_decoder() {
        let mut next = rng(0x5111_a11e_0000_0001);
        let mut answered = 0;
        for _ in 0..300_000 {
            let digits = random_groups(&mut next, 4);
            let groups = digits.len();
            let (weight, dscale) = (next(9) as i32 - 4, next(14) as i32);
            let bytes = short(next(2) == 1, weight, dscale as u16, &digits);
            let Some(s) = small(&bytes) else {
                let e = 4 * (weight - (groups as i32 - 1)) + dscale;
                assert!(groups > 2 || !(-3..=3).contains(&e), "{digits:?} {bytes:?}");
                continue;
            };
            answered += 1;
            let m = i128::from(s.magnitude);
            let want = to_scaled_wide(&bytes).unwrap();
            assert_eq!(
                (if s.negative { -m } else { m }, s.dscale),
                want,
                "{digits:?}"
            );
            let mut g = digits.clone();
            g.resize(2, 0);
            assert_eq!(s.groups, [u64::from(g[0]), u64::from(g[1])], "{digits:?}");
        }
        assert!(answered > 50_000, "only {answered} values were small");
        // ratings and amounts as columns hold them, zero included
        for (m, scale) in [
            (45, 1),
            (40, 1),
            (0, 1),
            (0, 0),
            (7, 0),
            (185, 2),
            (9_999_999, 3),
        ] {
            let s = small(&encode(false, m, scale)).unwrap();
            assert_eq!((u128::from(s.magnitude), s.dscale), (m, u32::from(scale)));
        }
        assert_eq!(
            small(&encode(false, 1_234_567_890, 1)),
            None,
            "three groups"
        );
    }
}
