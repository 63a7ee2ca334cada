//! # `share(condition boolean, weight numeric)`: the weighted percent
//!
//! - `share(condition, weight) -> numeric`: `100 * sum(weight) FILTER (WHERE condition) /
//!   sum(weight)` over the rows where both are non-NULL (e.g. the share of MRR at risk,
//!   `share(health_score < 40, mrr)`). Unlike that formula it gives 0 (not NULL) when no row
//!   matches; a total weight of 0 gives NULL.
//! - Exact sums: weights are added per base-10000 digit position ([`NumericSum`]), each weight and
//!   sum up to 38 digits; a negative, `NaN`, infinite or wider weight is 22003 naming it, a sum
//!   past 38 digits is 22003.
//! - PARALLEL SAFE, with an exact moving (inverse) form. `share_agg(condition, weight)` (in
//!   `share_summary`) stores the same state as a `sharesummary`.

use crate::agg::{self, AggState};
use crate::bytes::{Field, Reader, Writer};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::numeric_small::Small;
use crate::numeric_sum::{NumericSum, Refused, MAX_VALUES};
use pgrx::pg_sys;

const BYTES_VERSION: u8 = 1;

/// Weighted share: the weight of the rows where the condition holds, out of all the weight,
/// summed exactly per digit position ([`NumericSum`]); `n` counts the rows, bounding the sums.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WeightedState {
    pub hits: NumericSum,
    pub total: NumericSum,
    pub n: i64,
}

#[cold]
fn weight_overflow() -> KpiError {
    KpiError::OutOfRange("share weight sum is out of range".into())
}

impl WeightedState {
    /// Count (or with `inverse`, un-count) one row whose weight is the `numeric` with data bytes
    /// `weight`.
    #[inline(always)]
    pub fn step(&mut self, hit: bool, weight: &[u8], inverse: bool) -> Result<(), Refused> {
        if self.n >= MAX_VALUES {
            return Err(Refused::TooMany);
        }
        self.total.add_bytes(weight, inverse, false)?;
        if hit {
            self.hits.add_bytes(weight, inverse, false)?;
        }
        self.n += if inverse { -1 } else { 1 };
        Ok(())
    }

    /// [`WeightedState::step`] (not inverse) of a weight `numeric_small` read: read once, added
    /// to both sums without a branch on `hit`. False, changing nothing, for a weight `step` must
    /// decide (negative, past the short reader's bounds) or a state at its row limit.
    #[inline(always)]
    pub fn try_add_small(&mut self, hit: bool, weight: &Small) -> bool {
        if self.n >= MAX_VALUES || !self.total.add_small_both(&mut self.hits, weight, hit) {
            return false;
        }
        self.n += 1;
        true
    }

    /// The exact `(hits, total)` weights; a sum past 38 digits is 22003.
    pub fn sums(&self) -> Result<(Scaled, Scaled), KpiError> {
        let hits = self.hits.to_scaled().ok_or_else(weight_overflow)?;
        let total = self.total.to_scaled().ok_or_else(weight_overflow)?;
        Ok((hits, total))
    }

    /// `Some((hits, total))`, or `None` when the total weight is 0.
    pub fn finish(&self) -> Result<Option<(Scaled, Scaled)>, KpiError> {
        let (hits, total) = self.sums()?;
        Ok((total.mantissa != 0).then_some((hits, total)))
    }
}

impl AggState for WeightedState {
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        let mut out = *self;
        out.hits
            .merge(&other.hits, false)
            .ok_or_else(weight_overflow)?;
        out.total
            .merge(&other.total, false)
            .ok_or_else(weight_overflow)?;
        out.n = self.n.checked_add(other.n).ok_or_else(weight_overflow)?;
        *self = out;
        Ok(())
    }

    fn to_bytes(&self) -> Vec<u8> {
        let w = self.hits.put(Writer::new(BYTES_VERSION));
        self.total.put(w).i64(self.n).into_vec()
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, "weighted share", BYTES_VERSION)?;
        let (hits, total) = (NumericSum::get(&mut r)?, NumericSum::get(&mut r)?);
        let n = r.count()?;
        let s = WeightedState { hits, total, n };
        let possible = s
            .sums()
            .is_ok_and(|(h, t)| !h.is_negative() && h.cmp_value(t) != std::cmp::Ordering::Greater);
        if !possible {
            return Err(r.error("impossible weights"));
        }
        r.end()?;
        Ok(s)
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue

#[inline(always)]
unsafe fn weighted(fcinfo: pg_sys::FunctionCallInfo, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let state = agg::state_or_new::<WeightedState>(fcinfo);
        if let Some([c, w]) = agg::args_not_null::<2>(fcinfo) {
            if let Err(bad) = (*state).step(c.value() != 0, agg::varlena_bytes(w), inverse) {
                agg::raise_refused(bad, w, "share", "weight", weight_overflow());
            }
            if inverse && !((*state).hits.scale_known() && (*state).total.scale_known()) {
                return agg::return_null(fcinfo); // the last weight at a sum's scale left
            }
        }
        agg::return_state(state)
    }
}

/// The unguarded fast path of the transition: a row of a condition and a weight that
/// `numeric_small` reads in place, into an existing state; anything else goes to [`weighted`].
#[inline(always)]
unsafe fn weighted_fast(fcinfo: pg_sys::FunctionCallInfo) -> Option<pg_sys::Datum> {
    unsafe {
        agg::fast_step::<WeightedState, 2>(
            fcinfo,
            #[inline(always)]
            |s, [c, w]| {
                // read in place only: detoasting can raise an error, which needs the guard
                match agg::plain_bytes(w).and_then(crate::numeric_small::small) {
                    Some(weight) => s.try_add_small(c.value() != 0, &weight),
                    None => false,
                }
            },
        )
    }
}

crate::pg_v1_fn!(fn share_weighted_accum, pg_finfo_share_weighted_accum, fast |f| unsafe { weighted_fast(f) }, |f| unsafe { weighted(f, false) });
crate::pg_v1_fn!(fn share_weighted_inv, pg_finfo_share_weighted_inv, |f| unsafe { weighted(f, true) });
crate::pg_v1_fn!(fn share_weighted_combine, pg_finfo_share_weighted_combine, |f| unsafe { agg::combine::<WeightedState>(f) });
crate::pg_v1_fn!(fn share_weighted_serialize, pg_finfo_share_weighted_serialize, |f| unsafe { agg::serialize::<WeightedState>(f) });
crate::pg_v1_fn!(fn share_weighted_deserialize, pg_finfo_share_weighted_deserialize, |f| unsafe { agg::deserialize::<WeightedState>(f) });
crate::pg_v1_fn!(fn share_weighted_final, pg_finfo_share_weighted_final, |f| unsafe {
    agg::finish::<WeightedState>(f, |s| {
        let (hits, total) = s.finish().unwrap_or_else(|e| crate::error::raise(e))?;
        agg::numeric_percent_scaled(hits, total).map(pg_sys::Datum::from)
    })
});
pgrx::extension_sql_file!("share_weighted.sql", name = "share_weighted");

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn weighted_share() {
        use crate::numeric::tests::whole::encode;
        let w = |m: u128, scale: u16| encode(false, m, scale);
        let x = |mantissa, scale| Scaled { mantissa, scale };
        let mut s = WeightedState::default();
        assert_eq!(s.finish().unwrap(), None);
        s.step(true, &w(4990, 2), false).unwrap();
        s.step(false, &w(150, 0), false).unwrap();
        s.step(true, &w(0, 0), false).unwrap();
        assert_eq!(s.finish().unwrap(), Some((x(4990, 2), x(19990, 2))));
        assert_eq!(
            s.step(true, &encode(true, 1, 0), false),
            Err(Refused::Negative)
        );
        let nan = 0xC000u16.to_ne_bytes();
        assert_eq!(s.step(true, &nan, false), Err(Refused::NotExact));
        s.step(true, &w(4990, 2), true).unwrap();
        assert_eq!(s.finish().unwrap(), Some((x(0, 2), x(15000, 2))));
        let mut zero = WeightedState::default();
        zero.step(true, &w(0, 3), false).unwrap();
        assert_eq!(zero.finish().unwrap(), None, "all weight zero: no share");
        assert_eq!(WeightedState::from_bytes(&s.to_bytes()).unwrap(), s);
        let mut bad = WeightedState::default();
        bad.step(true, &w(10, 0), false).unwrap();
        bad.step(false, &w(1, 0), true).unwrap();
        assert_eq!(
            WeightedState::from_bytes(&bad.to_bytes())
                .unwrap_err()
                .sqlstate(),
            "22P02",
            "hits above total"
        );
        let mut m = s;
        m.merge(&s).unwrap();
        assert_eq!(m.sums().unwrap().1, x(30000, 2));
        assert_eq!(m.n, 4);
        // 32 digits at scale 4, summed exactly
        let mut wide = WeightedState::default();
        let big = 12_345_678_901_234_567_890_123_456_789_012u128;
        wide.step(true, &w(big, 4), false).unwrap();
        wide.step(false, &w(big, 4), false).unwrap();
        assert_eq!(
            wide.finish().unwrap(),
            Some((x(big as i128, 4), x(2 * big as i128, 4)))
        );
    }

    /// The fast row adds exactly what the step adds, both sums and their scales, whether or not
    /// the condition holds; what the short reader does not take is left to the step.
    #[test]
    fn the_fast_row_is_the_step() {
        use crate::numeric::tests::whole::encode;
        use crate::numeric_small::small;
        // zero, one and two digit groups, scales 0 to 3, a scale above the sums' so far
        let weights = [
            encode(false, 0, 2),
            encode(false, 4990, 2),
            encode(false, 7, 0),
            encode(false, 123_456, 3),
            encode(false, 5, 1),
            encode(false, 19_990, 2),
        ];
        let (mut fast, mut slow) = (WeightedState::default(), WeightedState::default());
        for round in 0..3 {
            for (i, w) in weights.iter().enumerate() {
                let hit = (i + round) % 3 != 0;
                assert!(fast.try_add_small(hit, &small(w).unwrap()));
                slow.step(hit, w, false).unwrap();
                assert_eq!(fast, slow, "round {round}, weight {i}, hit {hit}");
            }
        }
        // the moving inverse finds the scales the fast row counted
        for (i, w) in weights.iter().enumerate() {
            slow.step((i + 2) % 3 != 0, w, true).unwrap();
        }
        assert!(slow.hits.scale_known() && slow.total.scale_known());
        // refused, changing nothing: negative, and a state at its row limit
        let before = fast;
        assert!(!fast.try_add_small(true, &small(&encode(true, 1, 0)).unwrap()));
        assert_eq!(fast, before);
        fast.n = MAX_VALUES;
        let full = fast;
        assert!(!fast.try_add_small(false, &small(&weights[1]).unwrap()));
        assert_eq!(fast, full);
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn weighted_share_values() {
        assert_eq!(
            text("SELECT share(true, w)::text FROM (VALUES (0::numeric)) v(w)"),
            None
        );
        let q =
            "SELECT round(share(h < 40, w), 2)::text FROM (VALUES (30, 100.50), (50, 200)) v(h, w)";
        assert_eq!(text(q).as_deref(), Some("33.44"));
    }

    #[pg_test]
    fn weighted_share_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            (
                "SELECT share(true, -2.5)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "share weight must not be negative, got -2.5",
            ),
            (
                "SELECT share(true, 'NaN')",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "share weight must be a finite number of at most 38 digits, got NaN",
            ),
        ]);
    }
}
