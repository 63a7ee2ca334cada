//! The shifted-beta-geometric (sBG) model of contractual retention (Fader & Hardie 2007, "How to
//! project customer retention"). Pure Rust, no pgrx types; SQL in [`super::model_sql`].
//!
//! Each customer renews at the end of every period with a probability `1 - theta` of their own,
//! `theta ~ Beta(alpha, beta)` across customers. Periods are counted by **renewals**: a
//! customer who has made `n` renewals is in period `n + 1`; one who then leaves churned at
//! `T = n + 1`. So, with `B` the beta function:
//! - `P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta)` for `t >= 1`,
//! - survival `S(t) = P(T > t) = B(alpha, beta + t) / B(alpha, beta)`, the share of a cohort
//!   still customers after `t` renewals (`S(0) = 1`),
//! - retention rate `r(t) = S(t) / S(t - 1) = (beta + t - 1) / (alpha + beta + t - 1)`, rising
//!   with `t` (the customers who stay are the loyal ones),
//! - discounted expected residual lifetime (DERL, Fader & Hardie 2010, eq. 6), of a customer who
//!   has made `n` renewals, evaluated just before their next renewal is due: the expected
//!   number of payments still to come, that next one counted in full and each later one
//!   discounted by `1 / (1 + d)` a period:
//!   `DERL(d | n) = sum over t > n of S(t) / S(n) / (1 + d)^(t - n - 1)`
//!   `= (beta + n) / (alpha + beta + n) * 2F1(1, beta + n + 1; alpha + beta + n + 1; 1 / (1 + d))`.
//!   Fader & Hardie write it `DERL(d | n - 1 renewals)` for a customer in period `n`: the same
//!   customer; the reading where `n` counts periods instead of renewals is off by one period
//!   (a unit test shows both). The expected discounted lifetime of a customer just acquired,
//!   their first payment included, is `DEL(d) = 1 + DERL(d | 0) / (1 + d)`.
//!
//! A fit reads, per renewal count `t`, the customers who churned at `T = t` and those still
//! customers after `t` renewals (censored: several cohorts of different ages fit together). The
//! log-likelihood is `sum churned(t) ln P(T = t) + alive(t) ln S(t) - entered(t) ln S(t)`, the
//! last term for customers first observed after `t > 0` renewals (late entry: a life table's
//! customers who started before the data window, `sbg_fit(survivalsummary)`). It identifies
//! `alpha` and `beta` only with customers at risk of a second renewal (a single period shows
//! the mean churn, not its spread) and somebody churning: else 22023.

use super::fit::{self, hyp2f1, ln_beta, Fitted, Likelihood};
use crate::error::KpiError;
use statrs::function::gamma::digamma;
use std::collections::BTreeMap;

/// Per renewal count: customers who churned at `T = t` (`t >= 1`) and who were still customers
/// after `t` renewals; and the customers first observed after `t > 0` renewals (late entry: a
/// customer who started before the data began, whose first renewals nobody saw).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    by_period: BTreeMap<u64, (u64, u64)>,
    entered: BTreeMap<u64, u64>,
}

impl Counts {
    /// Count a customer who has made `renewals` renewals and then churned, or is still a
    /// customer.
    pub fn add(&mut self, renewals: u64, churned: bool, count: u64) -> Result<(), KpiError> {
        let (t, slot) = if churned {
            (renewals + 1, 0)
        } else {
            (renewals, 1)
        };
        let e = self.by_period.entry(t).or_default();
        let c = if slot == 0 { &mut e.0 } else { &mut e.1 };
        *c = c.checked_add(count).ok_or_else(|| {
            KpiError::OutOfRange("sbg_fit counts more than 2^64 - 1 customers".into())
        })?;
        Ok(())
    }

    /// The counts of a survivor series: `survivors[t]` customers still customers after `t`
    /// renewals, `survivors[0]` the cohort. Not rising and not negative, else 22023.
    pub fn from_survivors(survivors: &[i64]) -> Result<Self, KpiError> {
        let mut counts = Counts::default();
        for (t, w) in survivors.windows(2).enumerate() {
            if w[1] < 0 || w[1] > w[0] {
                return Err(KpiError::InvalidParameter(format!(
                    "sbg_fit survivors must not rise nor be negative, got {} then {} after {} renewals",
                    w[0],
                    w[1],
                    t + 1
                )));
            }
            counts.add(t as u64, true, (w[0] - w[1]) as u64)?;
        }
        match survivors {
            [] => {}
            [first, ..] if *first < 0 => {
                return Err(KpiError::InvalidParameter(format!(
                    "sbg_fit survivors must not be negative, got {first}"
                )))
            }
            [.., last] => counts.add(survivors.len() as u64 - 1, false, *last as u64)?,
        }
        Ok(counts)
    }

    /// Count `count` customers (also counted by [`Counts::add`]) first observed after
    /// `renewals` renewals: their likelihood is conditional on having made those, `S(e)`.
    pub fn enter(&mut self, renewals: u64, count: u64) -> Result<(), KpiError> {
        if renewals > 0 && count > 0 {
            let e = self.entered.entry(renewals).or_default();
            *e = e.checked_add(count).ok_or_else(|| {
                KpiError::OutOfRange("sbg_fit counts more than 2^64 - 1 customers".into())
            })?;
        }
        Ok(())
    }

    pub fn merge(&mut self, other: &Counts) -> Result<(), KpiError> {
        for (&e, &n) in &other.entered {
            self.enter(e, n)?;
        }
        for (&t, &(c, a)) in &other.by_period {
            if c > 0 {
                self.add(t - 1, true, c)?;
            }
            if a > 0 {
                self.add(t, false, a)?;
            }
        }
        Ok(())
    }

    /// Customers counted.
    pub fn customers(&self) -> u64 {
        self.by_period.values().map(|(c, a)| c + a).sum()
    }

    /// `(t, churned at t, still customers after t)`, by `t`.
    pub fn periods(&self) -> impl Iterator<Item = (u64, u64, u64)> + '_ {
        self.by_period.iter().map(|(&t, &(c, a))| (t, c, a))
    }
}

impl Likelihood for Counts {
    const NAMES: &'static [&'static str] = &["alpha", "beta"];
    fn mean_log_likelihood(&self, p: &[f64]) -> Option<(f64, Vec<f64>)> {
        let (a, b) = (p[0], p[1]);
        let (lb, da0, db0) = (
            ln_beta(a, b),
            digamma(a) - digamma(a + b),
            digamma(b) - digamma(a + b),
        );
        let (mut ll, mut ga, mut gb, mut n) = (0.0, 0.0, 0.0, 0.0);
        for (t, churned, alive) in self.periods() {
            let t = t as f64;
            let dab = digamma(a + b + t);
            if churned > 0 {
                let w = churned as f64;
                ll += w * (ln_beta(a + 1.0, b + t - 1.0) - lb);
                ga += w * (digamma(a + 1.0) - dab - da0);
                gb += w * (digamma(b + t - 1.0) - dab - db0);
            }
            if alive > 0 {
                let w = alive as f64;
                ll += w * (ln_beta(a, b + t) - lb);
                ga += w * (digamma(a) - dab - da0);
                gb += w * (digamma(b + t) - dab - db0);
            }
            n += (churned + alive) as f64;
        }
        // late entrants: conditional on surviving to their entry, each less ln S(e)
        for (&e, &entered) in &self.entered {
            let (t, w) = (e as f64, entered as f64);
            let dab = digamma(a + b + t);
            ll -= w * (ln_beta(a, b + t) - lb);
            ga -= w * (digamma(a) - dab - da0);
            gb -= w * (digamma(b + t) - dab - db0);
        }
        Some((ll / n, vec![ga / n, gb / n]))
    }
}

/// sBG parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sbg {
    pub alpha: f64,
    pub beta: f64,
}

/// Fit `alpha` and `beta`; 22023 when the data cannot identify them or the fit does not converge.
pub fn fit(counts: &Counts, tick: &dyn Fn()) -> Result<(Sbg, Fitted), KpiError> {
    let churned: u64 = counts.periods().map(|(_, c, _)| c).sum();
    let last = counts
        .periods()
        .filter(|&(_, c, a)| c + a > 0)
        .map(|(t, _, _)| t)
        .max();
    let last = last.unwrap_or(0);
    if churned == 0 || last < 2 {
        return Err(KpiError::InvalidParameter(format!(
            "sbg_fit needs customers who churned and customers observed through at least 2 renewals, got {churned} churned of {} customers over {last} renewals",
            counts.customers()
        )));
    }
    let fitted = fit::maximise("sbg_fit", counts, tick)?;
    Ok((
        Sbg {
            alpha: fitted.params[0],
            beta: fitted.params[1],
        },
        fitted,
    ))
}

impl Sbg {
    /// `S(t)`: the share of a cohort still customers after `t` renewals.
    pub fn survival(&self, t: u64) -> f64 {
        (ln_beta(self.alpha, self.beta + t as f64) - ln_beta(self.alpha, self.beta)).exp()
    }

    /// `r(t)`, the share of the customers after `t - 1` renewals who make renewal `t` (`t >= 1`).
    pub fn retention(&self, t: u64) -> f64 {
        let t = t as f64;
        (self.beta + t - 1.0) / (self.alpha + self.beta + t - 1.0)
    }

    /// DERL of a customer who has made `renewals` renewals, at discount rate `d > 0` a period.
    pub fn residual_lifetime(&self, renewals: u64, d: f64, tick: &dyn Fn()) -> Option<f64> {
        let n = renewals as f64;
        let (a, b) = (self.alpha, self.beta);
        Some(
            (b + n) / (a + b + n)
                * hyp2f1(1.0, b + n + 1.0, a + b + n + 1.0, 1.0 / (1.0 + d), tick)?,
        )
    }
}

#[cfg(test)]
#[path = "sbg_tests.rs"]
mod tests;
