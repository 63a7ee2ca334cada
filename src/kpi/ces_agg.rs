//! # `ces_agg(score) -> cessummary`: the transition state and glue
//!
//! `ces_agg` runs `ces()`'s steps ([`super::ces`]) over a state that also sums the squares of the
//! scores, exactly (`i128` for integer scores, a scaled `i128` at twice the scores' scale for
//! `numeric` and `double precision`, at most 24 decimals: the square of a score with more is
//! rounded half up, row by row, see [`super::ces_summary::square`]), so the summary carries what
//! a t interval needs. A square
//! or a sum of squares past 38 digits is not an error: the summary then has no sum of squares
//! (version 1, interval NULL), and a moving window's inverse recomputes the frame so that its
//! result is the one-step result.
//!
//! `ces_summary_final_int` and `ces_summary_final_numeric` are the finals of 0.1.0 and 0.2.0's
//! `ces_agg` (over `ces()`'s own states: version 1 summaries); the library keeps them for those
//! scripts and for a database not updated yet.

use super::ces::{self, Mean, MeanState};
use super::ces_summary::{add_square, add_square_sum, CesSummary, SQUARES_SCALE};
use crate::agg::{self, AggState};
use crate::bytes::{Field, Reader, Writer};
use crate::error::KpiError;
use crate::numeric::{Scaled, POW10_U64};
use crate::numeric_sum::NumericSum;
use crate::summary;

const BYTES_VERSION: u8 = 1;

/// `ces_agg`'s transition state: the sum and count, and the exact sum of squares (`None` once
/// it does not fit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SquaresState<T> {
    pub mean: MeanState<T>,
    pub squares: Option<Scaled>,
}

impl<T: Default> Default for SquaresState<T> {
    fn default() -> Self {
        SquaresState {
            mean: MeanState::default(),
            squares: Some(Scaled::default()),
        }
    }
}

impl<T: ces::CheckedSum> Mean<T> for SquaresState<T> {
    const SQUARES: bool = true;

    #[inline(always)]
    fn mean(&mut self) -> &mut MeanState<T> {
        &mut self.mean
    }

    #[inline(always)]
    fn square(&mut self, m: i128, s: u32, inverse: bool) {
        self.squares = add_square(self.squares, m, s, inverse);
    }

    #[inline(always)]
    fn square_is_fast(&self, m: u64, s: u32) -> bool {
        // A score below 2^32 whose squares' scale (twice its own) is at most theirs, within
        // 18 decimals, theirs at most SQUARES_SCALE: its square is one 64-bit multiply, raised
        // to their scale by one 128-bit multiply (below 2^64 * 10^18 < 2^124), and added as
        // add_square would. No squares (past 38 digits) stay none.
        self.squares.is_none_or(|q| {
            m < 1 << 32 && 2 * s <= q.scale && q.scale - 2 * s <= 18 && q.scale <= SQUARES_SCALE
        })
    }

    #[inline(always)]
    fn add_square_of(&mut self, m: u64, s: u32) {
        debug_assert!(self.square_is_fast(m, s));
        if let Some(q) = &mut self.squares {
            let lift = u128::from(POW10_U64[(q.scale - 2 * s) as usize]);
            match q.mantissa.checked_add((u128::from(m * m) * lift) as i128) {
                Some(sum) => q.mantissa = sum,
                None => self.squares = None,
            }
        }
    }

    #[inline(always)]
    fn forget_squares(&mut self) {
        self.squares = None;
    }

    #[inline(always)]
    fn squares_known(&self) -> bool {
        self.squares.is_some()
    }
}

impl<T: ces::CheckedSum> AggState for SquaresState<T> {
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        self.mean.merge(&other.mean)?;
        self.squares = other
            .squares
            .and_then(|q| add_square_sum(self.squares, q, false));
        Ok(())
    }

    fn to_bytes(&self) -> Vec<u8> {
        let w = self
            .mean
            .sum
            .put(Writer::new(BYTES_VERSION))
            .i64(self.mean.count);
        match self.squares {
            Some(q) => q.put(w.u8(1)),
            None => w.u8(0),
        }
        .into_vec()
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, "ces_agg", BYTES_VERSION)?;
        let mean = MeanState {
            sum: T::get(&mut r)?,
            count: r.count()?,
        };
        let squares = match r.u8()? {
            0 => None,
            1 => Some(Scaled::get(&mut r)?),
            b => return Err(r.error(&format!("bad flag {b}"))),
        };
        r.end()?;
        Ok(SquaresState { mean, squares })
    }
}

/// `squares` at `scale` (twice the sum's, at most `SQUARES_SCALE`), exactly, or `None`: the sum
/// of squares' scale is the largest of its terms', which is that for the values added, and 0 for
/// no values.
fn at_scale(squares: Option<Scaled>, scale: u32) -> Option<Scaled> {
    let q = squares?;
    if q.scale == scale {
        return Some(q);
    }
    if q.scale < scale {
        return Scaled { mantissa: 0, scale }.add(q.mantissa, q.scale);
    }
    let p = 10i128.checked_pow(q.scale - scale)?;
    (q.mantissa % p == 0).then_some(Scaled {
        mantissa: q.mantissa / p,
        scale,
    })
}

impl SquaresState<i128> {
    /// The summary of integer scores.
    pub fn summary(&self) -> CesSummary {
        CesSummary {
            sum: Scaled {
                mantissa: self.mean.sum,
                scale: 0,
            },
            count: self.mean.count,
            squares: self.squares,
        }
    }
}

impl SquaresState<NumericSum> {
    /// The summary of decimal scores; a sum past 38 digits is 22003.
    pub fn summary(&self) -> Result<CesSummary, KpiError> {
        let MeanState { sum, count } = self.mean.to_scaled("ces")?;
        Ok(CesSummary {
            sum,
            count,
            squares: at_scale(self.squares, (2 * sum.scale).min(SQUARES_SCALE)),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue

type IntState = SquaresState<i128>;
type DecimalState = SquaresState<NumericSum>;

crate::pg_v1_fn!(fn ces_agg_accum_int2, pg_finfo_ces_agg_accum_int2, |f| unsafe { ces::int_step::<IntState>(f, ces::int2, false) });
crate::pg_v1_fn!(fn ces_agg_accum_int4, pg_finfo_ces_agg_accum_int4, |f| unsafe { ces::int_step::<IntState>(f, ces::int4, false) });
crate::pg_v1_fn!(fn ces_agg_accum_int8, pg_finfo_ces_agg_accum_int8, |f| unsafe { ces::int_step::<IntState>(f, ces::int8, false) });
crate::pg_v1_fn!(fn ces_agg_inv_int2, pg_finfo_ces_agg_inv_int2, |f| unsafe { ces::int_step::<IntState>(f, ces::int2, true) });
crate::pg_v1_fn!(fn ces_agg_inv_int4, pg_finfo_ces_agg_inv_int4, |f| unsafe { ces::int_step::<IntState>(f, ces::int4, true) });
crate::pg_v1_fn!(fn ces_agg_inv_int8, pg_finfo_ces_agg_inv_int8, |f| unsafe { ces::int_step::<IntState>(f, ces::int8, true) });
crate::pg_v1_fn!(fn ces_agg_accum_numeric, pg_finfo_ces_agg_accum_numeric, fast |f| unsafe { ces::numeric_fast::<DecimalState>(f) }, |f| unsafe { ces::numeric_step::<DecimalState>(f, false) });
crate::pg_v1_fn!(fn ces_agg_inv_numeric, pg_finfo_ces_agg_inv_numeric, |f| unsafe { ces::numeric_step::<DecimalState>(f, true) });
crate::pg_v1_fn!(fn ces_agg_accum_float8, pg_finfo_ces_agg_accum_float8, fast |f| unsafe { ces::float8_fast::<DecimalState>(f) }, |f| unsafe { ces::float8_step::<DecimalState>(f, false) });
crate::pg_v1_fn!(fn ces_agg_inv_float8, pg_finfo_ces_agg_inv_float8, |f| unsafe { ces::float8_step::<DecimalState>(f, true) });
crate::pg_v1_fn!(fn ces_agg_combine_int, pg_finfo_ces_agg_combine_int, |f| unsafe { agg::combine::<IntState>(f) });
crate::pg_v1_fn!(fn ces_agg_combine_numeric, pg_finfo_ces_agg_combine_numeric, |f| unsafe { agg::combine::<DecimalState>(f) });
crate::pg_v1_fn!(fn ces_agg_serialize_int, pg_finfo_ces_agg_serialize_int, |f| unsafe { agg::serialize::<IntState>(f) });
crate::pg_v1_fn!(fn ces_agg_serialize_numeric, pg_finfo_ces_agg_serialize_numeric, |f| unsafe { agg::serialize::<DecimalState>(f) });
crate::pg_v1_fn!(fn ces_agg_deserialize_int, pg_finfo_ces_agg_deserialize_int, |f| unsafe { agg::deserialize::<IntState>(f) });
crate::pg_v1_fn!(fn ces_agg_deserialize_numeric, pg_finfo_ces_agg_deserialize_numeric, |f| unsafe { agg::deserialize::<DecimalState>(f) });
crate::pg_v1_fn!(fn ces_agg_final_int, pg_finfo_ces_agg_final_int, |f| unsafe {
    agg::finish::<IntState>(f, |s| Some(summary::datum(&s.summary())))
});
crate::pg_v1_fn!(fn ces_agg_final_numeric, pg_finfo_ces_agg_final_numeric, |f| unsafe {
    agg::finish::<DecimalState>(f, |s| {
        Some(summary::datum(&s.summary().unwrap_or_else(|e| crate::error::raise(e))))
    })
});

// The finals of 0.1.0 and 0.2.0's ces_agg, over ces()'s states: version 1 summaries.
crate::pg_v1_fn!(fn ces_summary_final_int, pg_finfo_ces_summary_final_int, |f| unsafe {
    agg::finish::<MeanState<i128>>(f, |s| {
        let sum = Scaled { mantissa: s.sum, scale: 0 };
        Some(summary::datum(&CesSummary { sum, count: s.count, squares: None }))
    })
});
crate::pg_v1_fn!(fn ces_summary_final_numeric, pg_finfo_ces_summary_final_numeric, |f| unsafe {
    agg::finish::<MeanState<NumericSum>>(f, |s| {
        let MeanState { sum, count } = s.to_scaled("ces").unwrap_or_else(|e| crate::error::raise(e));
        Some(summary::datum(&CesSummary { sum, count, squares: None }))
    })
});

#[cfg(test)]
mod unit_tests {
    use super::*;

    fn x(mantissa: i128, scale: u32) -> Scaled {
        Scaled { mantissa, scale }
    }

    #[test]
    fn squares_follow_the_scores() {
        let mut s = SquaresState::<i128>::default();
        for v in [1, 7, -4] {
            s.square(v, 0, false);
            s.mean.accum(v, "ces").unwrap();
        }
        assert_eq!(
            s.summary(),
            CesSummary::of(&[x(1, 0), x(7, 0), x(-4, 0)]).unwrap()
        );
        assert_eq!(s.squares, Some(x(66, 0)));
        s.square(7, 0, true);
        assert_eq!(s.squares, Some(x(17, 0)));
        // a square past 38 digits: no sum of squares from then on
        s.square(10i128.pow(20), 0, false);
        assert_eq!(s.squares, None);
        assert!(!s.squares_known());
        assert_eq!(add_square(Some(x(0, 0)), 15, 1, false), Some(x(225, 2)));
        // more than 12 decimals: each square rounded half up to 24, so 1/3 to 20 decimals has one
        let third = 33_333_333_333_333_333_333; // 0.33333333333333333333
        assert_eq!(
            add_square(Some(x(0, 0)), third, 20, false),
            Some(x(111_111_111_111_111_111_108_889, 24)) // 0.1111111111111111111088888...9
        );
        assert_eq!(
            add_square(Some(x(0, 0)), 15, 13, false),
            Some(x(2, 24)) // 0.0000000000015^2 = 2.25e-24
        );
        assert_eq!(add_square(Some(x(0, 0)), 25, 13, false), Some(x(6, 24))); // 6.25e-24
        assert_eq!(add_square(Some(x(0, 0)), 5, 38, false), Some(x(0, 24)));
        // past 64 bits (the BigInt path): 10^19 at scale 19 is 1, squared 1
        assert_eq!(
            add_square(Some(x(0, 0)), 10i128.pow(19), 19, false),
            Some(x(10i128.pow(24), 24))
        );
        assert_eq!(
            add_square(Some(x(0, 0)), 2 * 10i128.pow(19), 0, false),
            None
        );
        // removing a rounded square removes exactly what adding it added
        let added = add_square(Some(x(7, 0)), third, 20, false);
        assert_eq!(
            add_square(added, third, 20, true),
            Some(x(7 * 10i128.pow(24), 24))
        );
    }

    #[test]
    fn the_forward_square_is_add_square() {
        // add_square_of (the per-row path), where square_is_fast lets it, against add_square,
        // over states at, below and above twice the score's scale, 18 and 19 decimals above it,
        // near the top of i128, and without squares
        let big = i128::MAX - 10;
        let mut fast = 0;
        let states = [
            Some(x(0, 0)),
            Some(x(0, 2)),
            Some(x(17, 2)),
            Some(x(5, 4)),
            Some(x(big, 2)),
            Some(x(3, 24)),
            Some(x(0, 26)),
            Some(x(1, 18)),
            Some(x(1, 19)),
            Some(x(big / 100, 20)),
            None,
        ];
        for squares in states {
            for m in [0u64, 1, 35, 70, (1 << 32) - 1, 1 << 32, u64::MAX / 3] {
                for scale in [0u32, 1, 2, 12, 13] {
                    let mut s = SquaresState::<NumericSum> {
                        squares,
                        ..Default::default()
                    };
                    if !s.square_is_fast(m, scale) {
                        continue; // the guarded step's add_square
                    }
                    fast += 1;
                    s.add_square_of(m, scale);
                    let want = add_square(squares, i128::from(m), scale, false);
                    assert_eq!(s.squares, want, "{squares:?} + {m}^2 at scale {scale}");
                }
            }
        }
        // what the fast path takes: without squares, every score; else those below 2^32 (5 of
        // the 7) at twice their scale or 1-18 decimals under the squares', within SQUARES_SCALE
        let takes = |q: Scaled, scale: u32| {
            q.scale <= SQUARES_SCALE && q.scale >= 2 * scale && q.scale - 2 * scale <= 18
        };
        let want: usize = states
            .iter()
            .map(|&q| match q {
                None => 7 * 5,
                Some(q) => {
                    5 * [0u32, 1, 2, 12, 13]
                        .iter()
                        .filter(|&&sc| takes(q, sc))
                        .count()
                }
            })
            .sum();
        assert_eq!(fast, want);
        assert!(fast > 100, "{fast}");
    }

    #[test]
    fn decimal_summary_has_squares_at_twice_the_scale() {
        use crate::numeric::tests::whole::encode;
        let mut s = SquaresState::<NumericSum>::default();
        for (m, scale) in [(15, 1), (200, 2), (3, 0)] {
            s.mean
                .step_numeric(&encode(false, m, scale), false)
                .unwrap();
            s.square(m as i128, u32::from(scale), false);
        }
        let summary = s.summary().unwrap();
        assert_eq!(
            summary,
            CesSummary::of(&[x(15, 1), x(200, 2), x(3, 0)]).unwrap()
        );
        assert_eq!(summary.squares, Some(x(152_500, 4))); // 2.25 + 4 + 9
                                                          // nothing counted: the summary of nothing
        let empty = SquaresState::<NumericSum>::default().summary().unwrap();
        assert_eq!(empty.squares, Some(x(0, 0)));
        assert_eq!(at_scale(Some(x(12, 0)), 2), Some(x(1200, 2)));
        assert_eq!(at_scale(Some(x(1200, 2)), 0), Some(x(12, 0)));
        assert_eq!(at_scale(Some(x(1201, 2)), 0), None);
    }

    #[test]
    fn merge_and_bytes() {
        let mut a = SquaresState::<i128> {
            mean: MeanState { sum: 8, count: 2 },
            squares: Some(x(50, 0)),
        };
        let b = SquaresState::<i128> {
            mean: MeanState { sum: -1, count: 1 },
            squares: Some(x(1, 0)),
        };
        a.merge(&b).unwrap();
        assert_eq!(a.squares, Some(x(51, 0)));
        assert_eq!(SquaresState::<i128>::from_bytes(&a.to_bytes()).unwrap(), a);
        a.merge(&SquaresState { squares: None, ..b }).unwrap();
        assert_eq!(a.squares, None);
        assert_eq!(SquaresState::<i128>::from_bytes(&a.to_bytes()).unwrap(), a);
        let mut bad = a.to_bytes();
        *bad.last_mut().unwrap() = 7;
        assert!(SquaresState::<i128>::from_bytes(&bad).is_err());
    }
}
