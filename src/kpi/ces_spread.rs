//! The spread of a CES summary: `count * sum_squares - sum^2` (n times the sum of squared
//! deviations from the mean), exact in sign, and the mean and sample variance from it. Plain
//! Rust; the stored form's check (`ces_summary.rs`) needs only the sign, the t interval
//! (`confidence_sql.rs`) the value.

use super::ces_summary::CesSummary;
use crate::numeric::Scaled;
use num_bigint::BigInt;
use std::cmp::Ordering;

impl CesSummary {
    /// `count * sum_squares - sum^2`, exact in sign (n times the sum of squared deviations from
    /// the mean): its sign and its value as `f64`. `None` without a sum of squares.
    pub fn spread(&self) -> Option<(Ordering, f64)> {
        let q = self.squares?;
        let scale = q.scale.max(2 * self.sum.scale);
        let unscale = 10f64.powi(scale as i32);
        Some(match self.spread_fast(q, scale) {
            Some(d) => (d.cmp(&0), d as f64 / unscale),
            None => {
                let d = self.spread_exact(q, scale);
                let value = num_traits::ToPrimitive::to_f64(&d).unwrap_or(f64::NAN);
                (d.sign().cmp(&num_bigint::Sign::NoSign), value / unscale)
            }
        })
    }

    /// The sign of [`CesSummary::spread`] alone (the stored form's check, on every summary a
    /// `rollup` reads: no `f64`).
    pub fn spread_sign(&self) -> Option<Ordering> {
        let q = self.squares?;
        let scale = q.scale.max(2 * self.sum.scale);
        Some(match self.spread_fast(q, scale) {
            Some(d) => d.cmp(&0),
            None => self
                .spread_exact(q, scale)
                .sign()
                .cmp(&num_bigint::Sign::NoSign),
        })
    }

    /// `count * q - sum^2` in units of `10^-scale`, in `i128` when it fits (scores of a few
    /// digits: always); else [`CesSummary::spread_exact`].
    #[inline]
    pub(super) fn spread_fast(&self, q: Scaled, scale: u32) -> Option<i128> {
        // the usual case: both at `scale` (a sum of squares at twice the sum's scale) and each
        // below 2^63, so each product is below 2^126 and the difference fits without a check
        if let (Ok(qm), Ok(sm)) = (i64::try_from(q.mantissa), i64::try_from(self.sum.mantissa)) {
            if q.scale == scale && 2 * self.sum.scale == scale {
                let (n, qm, sm) = (i128::from(self.count), i128::from(qm), i128::from(sm));
                return Some(n * qm - sm * sm);
            }
        }
        self.spread_checked(q, scale)
    }

    /// [`CesSummary::spread_fast`] at any scales, each step checked.
    pub(super) fn spread_checked(&self, q: Scaled, scale: u32) -> Option<i128> {
        let pow = |e: u32| 10i128.checked_pow(e);
        let a = i128::from(self.count)
            .checked_mul(q.mantissa)?
            .checked_mul(pow(scale - q.scale)?)?;
        let b = self
            .sum
            .mantissa
            .checked_mul(self.sum.mantissa)?
            .checked_mul(pow(scale - 2 * self.sum.scale)?)?;
        a.checked_sub(b)
    }

    /// `count * q - sum^2` exactly, in units of `10^-scale` (`scale >= q.scale, 2 * sum.scale`).
    #[cold]
    pub(super) fn spread_exact(&self, q: Scaled, scale: u32) -> BigInt {
        let pow = |e: u32| BigInt::from(10).pow(e);
        BigInt::from(self.count) * q.mantissa * pow(scale - q.scale)
            - BigInt::from(self.sum.mantissa).pow(2) * pow(scale - 2 * self.sum.scale)
    }

    /// The mean and the sample variance, as `f64`; `None` with fewer than two responses or
    /// without a sum of squares.
    pub fn moments(&self) -> Option<(f64, f64)> {
        if self.count < 2 {
            return None;
        }
        let (_, spread) = self.spread()?;
        let n = self.count as f64;
        let mean = self.sum.mantissa as f64 / 10f64.powi(self.sum.scale as i32) / n;
        Some((mean, (spread / n / (n - 1.0)).max(0.0)))
    }

    /// Do the sum of squares and the sum agree within the rounding of squares to
    /// [`super::ces_summary::SQUARES_SCALE`] (scores with more than 12 decimals)? Each square
    /// is off by at most half a unit of its last decimal, so `|count * sum_squares - sum^2| <=
    /// count^2 / 2` units. False when the squares are not rounded.
    #[cold]
    pub(super) fn within_rounding(&self) -> bool {
        let (Some(q), s) = (self.squares, self.sum) else {
            return false;
        };
        if q.scale >= 2 * s.scale {
            return false;
        }
        let scale = 2 * s.scale; // > q.scale
        let d = self.spread_exact(q, scale);
        let n = BigInt::from(self.count);
        let slack = &n * &n * 5 * BigInt::from(10).pow(scale - q.scale - 1);
        num_traits::Signed::abs(&d) <= slack
    }
}
