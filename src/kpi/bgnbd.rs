//! The BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005, "Counting your customers the
//! easy way"), as lifetimes' `BetaGeoFitter` computes it. Pure Rust, no pgrx types; SQL in
//! [`super::model_sql`].
//!
//! While alive, a customer buys as a Poisson process of rate `lambda ~ Gamma(r, alpha)`; after
//! each purchase they die with probability `p ~ Beta(a, b)`. A customer is read as lifetimes
//! reads them: `frequency` `x` (repeat purchases: purchases after the first), `recency` `t_x`
//! (the time from their first purchase to their last), and age `T` (from their first purchase to
//! the end of observation), in one time unit of the user's (days, weeks). `alpha` is in that
//! unit; the other parameters have none.
//!
//! - Log-likelihood of a customer (the paper's eq. 6, in lifetimes' form):
//!   `ln G(r + x) - ln G(r) + r ln alpha + ln G(a + b) + ln G(b + x) - ln G(b) - ln G(a + b + x)
//!   + ln((alpha + T)^-(r + x) + [x > 0] a / (b + x - 1) (alpha + t_x)^-(r + x))`.
//! - Expected repeat purchases in the next `t` of a customer (eq. 10), with `2F1` the Gauss
//!   hypergeometric function:
//!   `(a + b + x - 1) / (a - 1) [1 - ((alpha + T) / (alpha + T + t))^(r + x)
//!   2F1(r + x, b + x; a + b + x - 1; t / (alpha + T + t))]
//!   / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x))`.
//! - Probability alive (Fader, Hardie & Lee's note 021): `1 / (1 + [x > 0] a / (b + x - 1)
//!   ((alpha + T) / (alpha + t_x))^(r + x))`, 1 for a customer with no repeat purchase.
//! - Expected repeat purchases in `t` of a new customer (eq. 9):
//!   `(a + b - 1) / (a - 1) [1 - (alpha / (alpha + t))^r 2F1(r, b; a + b - 1; t / (alpha + t))]`.
//!
//! The fit, as lifetimes': time scaled so the oldest customer's age is 1, then maximum
//! likelihood from every log-parameter at 0.1 ([`super::fit`]), `alpha` scaled back. It needs a
//! customer with a repeat purchase (else the purchase rate and the dying cannot be told apart):
//! 22023.

use super::fit::{self, hyp2f1, Fitted, Likelihood};
use crate::error::KpiError;
use statrs::function::gamma::{digamma, ln_gamma};

/// One customer's `(frequency, recency, age)`; fields in the order patterns sort by (frequency,
/// then age: customers of one age share a logarithm in the likelihood).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Customer {
    pub x: f64,
    pub t: f64,
    pub t_x: f64,
}

impl Customer {
    /// A checked customer: `x` a count, `0 <= t_x <= T`, `t_x = 0` when `x = 0`, all finite.
    pub fn new(kpi: &str, x: i64, t_x: f64, t: f64) -> Result<Self, KpiError> {
        if x < 0 {
            return Err(KpiError::OutOfRange(format!(
                "{kpi} frequency must not be negative, got {x}"
            )));
        }
        for (what, v) in [("recency", t_x), ("age", t)] {
            if !v.is_finite() || v < 0.0 {
                return Err(KpiError::OutOfRange(format!(
                    "{kpi} {what} must be a finite number of at least 0, got {v}"
                )));
            }
        }
        if t_x > t {
            return Err(KpiError::InvalidParameter(format!(
                "{kpi} recency must not exceed the age, got recency {t_x} and age {t}"
            )));
        }
        if x == 0 && t_x != 0.0 {
            return Err(KpiError::InvalidParameter(format!(
                "{kpi} recency must be 0 for a customer with no repeat purchase, got {t_x}"
            )));
        }
        Ok(Customer {
            x: x as f64,
            t_x,
            t,
        })
    }
}

/// Customers with equal `(x, t_x, T)` counted once with their number: the sufficient data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Data {
    /// `(customer, how many)`, sorted by `x`.
    pub patterns: Vec<(Customer, f64)>,
}

impl Data {
    /// The patterns of `customers` (sorted in place).
    pub fn from_customers(customers: &mut [Customer]) -> Self {
        Data {
            patterns: fit::patterns(customers),
        }
    }

    pub fn customers(&self) -> f64 {
        fit::count(&self.patterns)
    }

    /// The same customers with every time multiplied by `s`.
    fn scaled(&self, s: f64) -> Data {
        let patterns = self.patterns.iter();
        let patterns = patterns.map(|&(c, n)| {
            (
                Customer {
                    x: c.x,
                    t_x: c.t_x * s,
                    t: c.t * s,
                },
                n,
            )
        });
        Data {
            patterns: patterns.collect(),
        }
    }
}

impl Likelihood for Data {
    const NAMES: &'static [&'static str] = &["r", "alpha", "a", "b"];
    fn mean_log_likelihood(&self, p: &[f64]) -> Option<(f64, Vec<f64>)> {
        let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
        let (mut ll, mut g) = (0.0, [0.0; 4]);
        let (mut total, mut i) = (0.0, 0);
        let (ln_a, ln_alpha) = (a.ln(), alpha.ln());
        // the terms of x alone once per frequency, ln(alpha + T) once per age (the patterns are
        // sorted by x, then T); per pattern, the log-sum-exp of the two paths as
        // max + ln(1 + e^-|difference|) (not ln_1p, three times slower here, for 1e-16 at most):
        // two logarithms and an exponential
        while i < self.patterns.len() {
            let x = self.patterns[i].0.x;
            let ln_b = if x > 0.0 { (b + x - 1.0).ln() } else { 0.0 };
            let (mut w, mut age, mut ln_at) = (0.0, f64::NAN, 0.0);
            while i < self.patterns.len() && self.patterns[i].0.x == x {
                let (c, n) = self.patterns[i];
                if c.t != age {
                    (age, ln_at) = (c.t, (alpha + c.t).ln());
                }
                let a3 = -(r + x) * ln_at;
                let (w3, w4, l, ln_atx) = if x > 0.0 {
                    let ln_atx = (alpha + c.t_x).ln();
                    let a4 = ln_a - ln_b - (r + x) * ln_atx;
                    let d = a4 - a3;
                    let e = (-d.abs()).exp();
                    let (big, small) = (1.0 / (1.0 + e), e / (1.0 + e));
                    if d <= 0.0 {
                        (big, small, a3 + (1.0 + e).ln(), ln_atx)
                    } else {
                        (small, big, a4 + (1.0 + e).ln(), ln_atx)
                    }
                } else {
                    (1.0, 0.0, a3, 0.0)
                };
                ll += n * l;
                g[0] -= n * (w3 * ln_at + w4 * ln_atx);
                g[1] -= n * (r + x) * (w3 / (alpha + c.t) + w4 / (alpha + c.t_x));
                if x > 0.0 {
                    g[2] += n * w4 / a;
                    g[3] -= n * w4 / (b + x - 1.0);
                }
                w += n;
                i += 1;
            }
            ll += w
                * (ln_gamma(r + x) - ln_gamma(r)
                    + r * ln_alpha
                    + ln_gamma(a + b)
                    + ln_gamma(b + x)
                    - ln_gamma(b)
                    - ln_gamma(a + b + x));
            g[0] += w * (digamma(r + x) - digamma(r) + ln_alpha);
            g[1] += w * r / alpha;
            g[2] += w * (digamma(a + b) - digamma(a + b + x));
            g[3] += w * (digamma(a + b) + digamma(b + x) - digamma(b) - digamma(a + b + x));
            total += w;
        }
        Some((ll / total, g.iter().map(|g| g / total).collect()))
    }
}

/// BG/NBD parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// Fit the model; the returned [`Fitted`] holds the mean log-likelihood in the data's time unit.
pub fn fit(data: &Data, tick: &dyn Fn()) -> Result<(BgNbd, Fitted), KpiError> {
    let repeat = data.patterns.iter().any(|(c, _)| c.x > 0.0);
    let oldest = data.patterns.iter().map(|(c, _)| c.t).fold(0.0, f64::max);
    if !repeat || oldest <= 0.0 {
        return Err(KpiError::InvalidParameter(format!(
            "bgnbd_fit needs a customer with a repeat purchase (frequency above 0), got {} customers with none",
            data.customers()
        )));
    }
    let scale = 1.0 / oldest;
    let mut fitted = fit::maximise("bgnbd_fit", &data.scaled(scale), tick)?;
    fitted.params[1] /= scale;
    let p = &fitted.params;
    let m = BgNbd {
        r: p[0],
        alpha: p[1],
        a: p[2],
        b: p[3],
    };
    fitted.mean_log_likelihood = data.mean_log_likelihood(p).map_or(f64::NAN, |(ll, _)| ll);
    Ok((m, fitted))
}

impl BgNbd {
    /// `(a / (b + x - 1)) ((alpha + T) / (alpha + t_x))^(r + x)` for `x > 0`, else 0: the odds
    /// that the customer is dead.
    fn dead_odds(&self, c: &Customer) -> f64 {
        if c.x == 0.0 {
            return 0.0;
        }
        let ln = (self.r + c.x) * ((self.alpha + c.t) / (self.alpha + c.t_x)).ln();
        (self.a / (self.b + c.x - 1.0)).ln().exp() * ln.exp()
    }

    /// The probability that the customer is alive.
    pub fn probability_alive(&self, c: &Customer) -> f64 {
        1.0 / (1.0 + self.dead_odds(c))
    }

    /// Expected repeat purchases of the customer in the next `t`.
    pub fn expected_purchases(&self, t: f64, c: &Customer, tick: &dyn Fn()) -> Option<f64> {
        let (r, alpha, a, b) = (self.r, self.alpha, self.a, self.b);
        let x = c.x;
        let z = t / (alpha + c.t + t);
        let hyp = hyp2f1(r + x, b + x, a + b + x - 1.0, z, tick)?;
        let first = (a + b + x - 1.0) / (a - 1.0);
        let second = 1.0 - hyp * ((alpha + c.t) / (alpha + c.t + t)).powf(r + x);
        Some(first * second / (1.0 + self.dead_odds(c)))
    }

    /// Expected repeat purchases in `t` of a customer just acquired.
    pub fn expected_purchases_new(&self, t: f64, tick: &dyn Fn()) -> Option<f64> {
        let (r, alpha, a, b) = (self.r, self.alpha, self.a, self.b);
        let hyp = hyp2f1(r, b, a + b - 1.0, t / (alpha + t), tick)?;
        Some((a + b - 1.0) / (a - 1.0) * (1.0 - hyp * (alpha / (alpha + t)).powf(r)))
    }
}

#[cfg(test)]
#[path = "bgnbd_tests.rs"]
mod tests;
