//! # Customer health score: measures scored 0-100, a weighted mean of them, tiers
//!
//! Seed 004: the health score "is developed from a collection of the other CX KPIs", graded into
//! four categories (High-value, Healthy, Unhealthy, At-risk). Customer-success tools (Gainsight,
//! ChurnZero, Totango, HubSpot) score each measure 0-100 and take the weighted mean of the
//! measures a customer has, the weights of the missing ones left out and the rest re-normalised.
//!
//! - `measure_score(value, worst, best)`: `100 * (value - worst) / (best - worst)`, clamped to
//!   0..100 (`best` below `worst` when less is better: tickets, days since login).
//! - `measure_score(value, thresholds[], scores[])`: the score of the band `value` falls in
//!   (`value < thresholds[1]` the first, `>= thresholds[n]` the last), as rules engines grade.
//! - `health_score(scores[], weights[])` and the named form `health_score(jsonb, jsonb)`:
//!   `sum(w * s) / sum(w)` over the measures present; NULL when no weighted measure is present.
//! - `health_tier(score [, thresholds, tiers])`: the tier of a score, by default At-risk below 25,
//!   Unhealthy below 50, Healthy below 75, High-value from 75.
//!
//! Pure Rust: exact decimals ([`Scaled`]); a division is returned as a [`Fraction`] that the SQL
//! glue divides with PostgreSQL's own `numeric` division (digit for digit the hand-written one).
//! Errors: a weight that is negative, all weights zero, thresholds not increasing, a band score
//! outside 0..100, arrays of the wrong length or with NULLs are 22023 naming them; a measure
//! score or a health score outside 0..100 is 22003.

use crate::error::KpiError;
use crate::numeric::{Scaled, MAX_SCALE};
use std::cmp::Ordering;

/// The tiers of seed 004, from the lowest score up.
pub const DEFAULT_TIERS: [&str; 4] = ["At-risk", "Unhealthy", "Healthy", "High-value"];
/// The default tier thresholds: four equal bands of the 0-100 scale.
pub const DEFAULT_THRESHOLDS: [i128; 3] = [25, 50, 75];

const ZERO: Scaled = Scaled {
    mantissa: 0,
    scale: 0,
};
const HUNDRED: Scaled = Scaled {
    mantissa: 100,
    scale: 0,
};

/// `numerator / denominator`, the denominator not zero: divided by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Exact(Scaled),
    Fraction(Scaled, Scaled),
}

impl Value {
    /// The value as a float, for tests and messages.
    pub fn approx(self) -> f64 {
        let f = |x: Scaled| x.mantissa as f64 / 10f64.powi(x.scale as i32);
        match self {
            Value::Exact(x) => f(x),
            Value::Fraction(n, d) => f(n) / f(d),
        }
    }
}

fn out_of_range(kpi: &str) -> KpiError {
    KpiError::OutOfRange(format!("{kpi} does not fit 38 digits"))
}

fn sub(a: Scaled, b: Scaled, kpi: &str) -> Result<Scaled, KpiError> {
    let neg = b.mantissa.checked_neg().ok_or_else(|| out_of_range(kpi))?;
    a.add(neg, b.scale).ok_or_else(|| out_of_range(kpi))
}

fn mul(a: Scaled, b: Scaled, kpi: &str) -> Result<Scaled, KpiError> {
    let scale = a.scale + b.scale;
    let mantissa = a.mantissa.checked_mul(b.mantissa);
    match mantissa {
        Some(mantissa) if scale <= MAX_SCALE => Ok(Scaled { mantissa, scale }),
        _ => Err(out_of_range(kpi)),
    }
}

/// Is `x` within 0..100?
pub fn in_scale(x: Scaled) -> bool {
    !x.is_negative() && x.cmp_value(HUNDRED) != Ordering::Greater
}

/// The linear measure score: `value` at `worst` is 0, at `best` 100, clamped to 0..100.
pub fn linear(value: Scaled, worst: Scaled, best: Scaled) -> Result<Value, KpiError> {
    const KPI: &str = "measure_score";
    if worst.cmp_value(best) == Ordering::Equal {
        return Err(KpiError::InvalidParameter(format!(
            "{KPI} worst and best must differ, got {worst} and {best}"
        )));
    }
    let along = sub(value, worst, KPI)?;
    let span = sub(best, worst, KPI)?;
    if along.mantissa == 0 || along.is_negative() != span.is_negative() {
        return Ok(Value::Exact(ZERO)); // at or beyond the worst end
    }
    let beyond_best = match span.is_negative() {
        false => along.cmp_value(span) != Ordering::Less,
        true => along.cmp_value(span) != Ordering::Greater,
    };
    if beyond_best {
        return Ok(Value::Exact(HUNDRED));
    }
    Ok(Value::Fraction(mul(along, HUNDRED, KPI)?, span))
}

/// Thresholds strictly increasing, each present; `what` names the function and argument.
pub fn check_thresholds(
    thresholds: &[Option<Scaled>],
    what: &str,
) -> Result<Vec<Scaled>, KpiError> {
    let mut out = Vec::with_capacity(thresholds.len());
    for (i, t) in thresholds.iter().enumerate() {
        let t = t.ok_or_else(|| {
            KpiError::InvalidParameter(format!(
                "{what} must not contain NULL, got one at {}",
                i + 1
            ))
        })?;
        if let Some(before) = out.last() {
            if t.cmp_value(*before) != Ordering::Greater {
                return Err(KpiError::InvalidParameter(format!(
                    "{what} must increase, got {before} then {t} at {}",
                    i + 1
                )));
            }
        }
        out.push(t);
    }
    Ok(out)
}

/// The band of `value`: how many thresholds are at or below it.
pub fn band(value: Scaled, thresholds: &[Scaled]) -> usize {
    thresholds
        .iter()
        .take_while(|t| t.cmp_value(value) != Ordering::Greater)
        .count()
}

/// The banded measure score: `scores[band(value)]`, one more score than thresholds, each 0..100.
pub fn banded(
    value: Scaled,
    thresholds: &[Option<Scaled>],
    scores: &[Option<Scaled>],
) -> Result<Scaled, KpiError> {
    const KPI: &str = "measure_score";
    let thresholds = check_thresholds(thresholds, "measure_score thresholds")?;
    if scores.len() != thresholds.len() + 1 {
        return Err(KpiError::InvalidParameter(format!(
            "{KPI} needs one score more than thresholds, got {} thresholds and {} scores",
            thresholds.len(),
            scores.len()
        )));
    }
    for (i, s) in scores.iter().enumerate() {
        match s {
            None => {
                return Err(KpiError::InvalidParameter(format!(
                    "{KPI} scores must not contain NULL, got one at {}",
                    i + 1
                )))
            }
            Some(s) if !in_scale(*s) => {
                return Err(KpiError::InvalidParameter(format!(
                    "{KPI} scores must be within 0..100, got {s} at {}",
                    i + 1
                )))
            }
            Some(_) => {}
        }
    }
    Ok(scores[band(value, &thresholds)].expect("checked"))
}

/// The weighted health score of measures (`name(i)` names measure `i` in messages): `sum(w * s)
/// / sum(w)` over the present scores, `None` when no present measure has weight.
pub fn score(
    scores: &[Option<Scaled>],
    weights: &[Scaled],
    name: impl Fn(usize) -> String,
) -> Result<Option<Value>, KpiError> {
    const KPI: &str = "health_score";
    if scores.len() != weights.len() {
        return Err(KpiError::InvalidParameter(format!(
            "{KPI} needs a weight per score, got {} scores and {} weights",
            scores.len(),
            weights.len()
        )));
    }
    if weights.is_empty() {
        return Err(KpiError::InvalidParameter(format!(
            "{KPI} needs at least one measure, got none"
        )));
    }
    if let Some(i) = weights.iter().position(|w| w.is_negative()) {
        return Err(KpiError::InvalidParameter(format!(
            "{KPI} weight of {} must not be negative, got {}",
            name(i),
            weights[i]
        )));
    }
    if weights.iter().all(|w| w.mantissa == 0) {
        return Err(KpiError::InvalidParameter(format!(
            "{KPI} weights must not all be zero, got {}",
            weights
                .iter()
                .map(|w| w.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let (mut sum, mut total) = (ZERO, ZERO);
    for (i, (s, w)) in scores.iter().zip(weights).enumerate() {
        let Some(s) = s else { continue };
        if !in_scale(*s) {
            return Err(KpiError::OutOfRange(format!(
                "{KPI} score of {} must be within 0..100, got {s}",
                name(i)
            )));
        }
        let product = mul(*s, *w, KPI)?;
        sum = sum
            .add(product.mantissa, product.scale)
            .ok_or_else(|| out_of_range(KPI))?;
        total = total
            .add(w.mantissa, w.scale)
            .ok_or_else(|| out_of_range(KPI))?;
    }
    Ok((total.mantissa != 0).then_some(Value::Fraction(sum, total)))
}

/// Named measures: the scores (`None` missing), the weights and the names, in name order.
pub type Named = (Vec<Option<Scaled>>, Vec<Scaled>, Vec<String>);

/// Named measures: `scores` and `weights` JSON objects (the `jsonb` text), a score a number or
/// `null` (missing), a weight a number. A scored measure without a weight is 22023.
pub fn named(scores: &str, weights: &str) -> Result<Named, KpiError> {
    use crate::text::{Decimal, Nullable};
    use std::collections::BTreeMap;
    const KPI: &str = "health_score";
    let bad = |what: &str, why: String| {
        KpiError::InvalidParameter(format!(
            "{KPI} {what} must be a JSON object of numbers: {why}"
        ))
    };
    let scores: BTreeMap<String, Nullable<Decimal>> =
        crate::text::from_json(scores).map_err(|why| bad("scores", why))?;
    let weights: BTreeMap<String, Decimal> =
        crate::text::from_json(weights).map_err(|why| bad("weights", why))?;
    if let Some(name) = scores.keys().find(|k| !weights.contains_key(*k)) {
        return Err(KpiError::InvalidParameter(format!(
            "{KPI} measure \"{name}\" has no weight"
        )));
    }
    let names: Vec<String> = weights.keys().cloned().collect();
    let s = names
        .iter()
        .map(|n| scores.get(n).and_then(|x| x.0.map(|d| d.0)))
        .collect();
    let w = weights.values().map(|d| d.0).collect();
    Ok((s, w, names))
}

/// The tier of a health score: `tiers[band(score)]`, one more tier than thresholds, the names
/// different; a score outside 0..100 is 22003.
pub fn tier<'a>(
    score: Scaled,
    thresholds: &[Option<Scaled>],
    tiers: &'a [Option<String>],
) -> Result<&'a str, KpiError> {
    const KPI: &str = "health_tier";
    let thresholds = check_thresholds(thresholds, "health_tier thresholds")?;
    if tiers.len() != thresholds.len() + 1 {
        return Err(KpiError::InvalidParameter(format!(
            "{KPI} needs one tier more than thresholds, got {} thresholds and {} tiers",
            thresholds.len(),
            tiers.len()
        )));
    }
    for (i, t) in tiers.iter().enumerate() {
        let Some(t) = t else {
            return Err(KpiError::InvalidParameter(format!(
                "{KPI} tiers must not contain NULL, got one at {}",
                i + 1
            )));
        };
        if tiers[..i].iter().any(|o| o.as_deref() == Some(t.as_str())) {
            return Err(KpiError::InvalidParameter(format!(
                "{KPI} tiers must differ, got \"{t}\" twice"
            )));
        }
    }
    if !in_scale(score) {
        return Err(KpiError::OutOfRange(format!(
            "{KPI} score must be within 0..100, got {score}"
        )));
    }
    Ok(tiers[band(score, &thresholds)].as_deref().expect("checked"))
}

#[cfg(test)]
#[path = "health_tests.rs"]
mod tests;
