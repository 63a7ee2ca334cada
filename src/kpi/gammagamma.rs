//! The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV";
//! Fader & Hardie's note 025), as lifetimes' `GammaGammaFitter` computes it, and the customer
//! value it gives with a purchase model ([`super::bgnbd`]). Pure Rust, no pgrx types.
//!
//! A customer's purchases are worth `Gamma(p, nu)` each, `nu ~ Gamma(q, gamma)` across
//! customers. A customer is read from their repeat purchases: `frequency` `x > 0` and their mean
//! value `m > 0` (first purchases left out, as lifetimes' summaries do).
//! - Log-likelihood of a customer (note 025, eq. 1a):
//!   `ln G(px + q) - ln G(px) - ln G(q) + q ln gamma + (px - 1) ln m + px ln x
//!   - (px + q) ln(xm + gamma)`.
//! - Expected spend per purchase of a customer (eq. 5): `(1 - w) gamma p / (q - 1) + w m`,
//!   `w = px / (px + q - 1)`: the population mean `gamma p / (q - 1)` shrunk towards the
//!   customer's own mean. It needs `q > 1` (else the population mean is infinite): 22023.
//! - Customer value over `periods` periods of `length` time units at a discount rate `d` per
//!   period (lifetimes' `customer_lifetime_value`): `sum over i = 1..periods of spend *
//!   (E[X(i length)] - E[X((i - 1) length)]) / (1 + d)^i`, with `E[X(t)]` the purchase model's
//!   expected repeat purchases of the customer in the next `t` and `spend` the expected spend.
//!   lifetimes' `freq="W"`, `time=12` months is `length = 4.345` weeks, `periods = 12`.
//!
//! The fit, as lifetimes': maximum likelihood from every log-parameter at 0.1 ([`super::fit`]).

use super::bgnbd::{BgNbd, Customer};
use super::fit::{self, Fitted, Likelihood};
use crate::error::KpiError;
use statrs::function::gamma::{digamma, ln_gamma};

/// Repeat buyers `(x, m)` with their number, sorted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Data {
    pub patterns: Vec<((f64, f64), f64)>,
}

/// A checked spend: `m` finite and above 0 (a customer with repeat purchases worth nothing
/// has no spend to fit: 22003).
pub fn check_spend(kpi: &str, m: f64) -> Result<f64, KpiError> {
    if !(m.is_finite() && m > 0.0) {
        return Err(KpiError::OutOfRange(format!(
            "{kpi} monetary_value of a customer with repeat purchases must be a finite number above 0, got {m}"
        )));
    }
    Ok(m)
}

impl Data {
    pub fn from_customers(customers: &mut [(f64, f64)]) -> Self {
        Data {
            patterns: fit::patterns(customers),
        }
    }

    pub fn customers(&self) -> f64 {
        fit::count(&self.patterns)
    }
}

impl Likelihood for Data {
    const NAMES: &'static [&'static str] = &["p", "q", "gamma"];
    fn mean_log_likelihood(&self, params: &[f64]) -> Option<(f64, Vec<f64>)> {
        let (p, q, v) = (params[0], params[1], params[2]);
        let (mut ll, mut g, mut total) = (0.0, [0.0; 3], 0.0);
        let (lgq, dq, lnv) = (ln_gamma(q), digamma(q), v.ln());
        let mut i = 0;
        // the terms of x alone once per frequency (the patterns are sorted by x), then one
        // logarithm per pattern
        while i < self.patterns.len() {
            let x = self.patterns[i].0 .0;
            let (px, lnx) = (p * x, x.ln());
            let mut w = 0.0;
            while i < self.patterns.len() && self.patterns[i].0 .0 == x {
                let ((_, m), n) = self.patterns[i];
                let (lnm, lnxmv) = (m.ln(), (x * m + v).ln());
                ll += n * ((px - 1.0) * lnm - (px + q) * lnxmv);
                g[0] += n * x * (lnm - lnxmv);
                g[1] -= n * lnxmv;
                g[2] -= n * (px + q) / (x * m + v);
                w += n;
                i += 1;
            }
            let dpxq = digamma(px + q);
            ll += w * (ln_gamma(px + q) - ln_gamma(px) - lgq + q * lnv + px * lnx);
            g[0] += w * x * (dpxq - digamma(px) + lnx);
            g[1] += w * (dpxq - dq + lnv);
            g[2] += w * q / v;
            total += w;
        }
        Some((ll / total, g.iter().map(|g| g / total).collect()))
    }
}

/// The periods a customer value adds up: `periods` of `length` time units, discounted at
/// `discount_rate` a period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Horizon {
    pub periods: u32,
    pub length: f64,
    pub discount_rate: f64,
}

/// Gamma-Gamma parameters (`v` is the paper's `gamma`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

/// Fit the model to repeat buyers; 22023 without two different spends (one mean spend fits any
/// spread).
pub fn fit(data: &Data, tick: &dyn Fn()) -> Result<(GammaGamma, Fitted), KpiError> {
    let mut spends = data.patterns.iter().map(|((_, m), _)| m);
    let first = spends.next();
    if first.is_none() || spends.all(|m| Some(m) == first) {
        return Err(KpiError::InvalidParameter(format!(
            "gammagamma_fit needs repeat buyers (frequency above 0) of at least two different monetary values, got {} repeat buyers",
            data.customers()
        )));
    }
    let fitted = fit::maximise("gammagamma_fit", data, tick)?;
    let p = &fitted.params;
    Ok((
        GammaGamma {
            p: p[0],
            q: p[1],
            v: p[2],
        },
        fitted,
    ))
}

impl GammaGamma {
    /// Expected spend per purchase of a customer with `x` repeat purchases of mean value `m`.
    pub fn expected_spend(&self, x: f64, m: f64) -> Result<f64, KpiError> {
        if self.q.is_nan() || self.q <= 1.0 {
            return Err(KpiError::InvalidParameter(format!(
                "expected_spend needs a gammagamma model with q above 1 (else the mean spend is infinite), got q = {}",
                self.q
            )));
        }
        let w = self.p * x / (self.p * x + self.q - 1.0);
        Ok((1.0 - w) * self.v * self.p / (self.q - 1.0) + w * m)
    }

    /// Customer value: expected spend times the discounted expected purchases of each period.
    pub fn customer_value(
        &self,
        purchases: &BgNbd,
        c: &Customer,
        m: f64,
        h: &Horizon,
        tick: &dyn Fn(),
    ) -> Result<Option<f64>, KpiError> {
        let spend = self.expected_spend(c.x, m)?;
        let (mut value, mut before) = (0.0, 0.0);
        for i in 1..=h.periods {
            let Some(now) = purchases.expected_purchases(f64::from(i) * h.length, c, tick) else {
                return Ok(None);
            };
            value += spend * (now - before) / (1.0 + h.discount_rate).powi(i as i32);
            before = now;
        }
        Ok(Some(value))
    }
}

#[cfg(test)]
#[path = "gammagamma_tests.rs"]
mod tests;
