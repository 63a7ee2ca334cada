//! # Confidence intervals, significance tests and sample sizes (pure Rust)
//!
//! The statistics behind `ci_lower`, `ci_upper`, `margin_of_error`, `std_error`, `nps_test`,
//! `nps_diff_ci_lower/upper`, `proportion_test` and the sample-size functions. Quantiles come
//! from `statrs`; everything is `f64` (an interval is an estimate, not an exact sum).
//!
//! - NPS (as a fraction in [-1, 1]): `wald`, the variance of a difference of two proportions,
//!   `(p + d - (p - d)^2) / n`; `adjusted_wald` (MeasuringU, after Rocks 2016): add 3 to n and
//!   3/4 to promoters and to detractors first.
//! - Proportions (in [0, 1]): `wilson`, `wald` (statsmodels' `normal`), `agresti_coull`, as
//!   statsmodels' `proportion_confint` computes them (Wald and Agresti-Coull clipped to [0, 1]).
//! - Means (CES): `t`, the Student's t interval from the sample variance, `mean ± t(n - 1) s / √n`
//!   (scipy's `t.interval`, statsmodels' `tconfint_mean`); not clipped (a score's scale is not
//!   known to the summary).
//! - Every proportion and NPS interval is clipped to the KPI's range and widened, where an adjustment would leave
//!   it out, to contain the point estimate (adjusted Wald with a handful of answers).

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

/// The two-sided critical value of the standard normal for `confidence` in (0, 1).
pub fn z(confidence: f64) -> f64 {
    let normal = Normal::standard();
    normal.inverse_cdf(1.0 - (1.0 - confidence) / 2.0)
}

/// The two-sided p-value of a standard normal statistic.
pub fn two_sided_p(z: f64) -> f64 {
    2.0 * Normal::standard().sf(z.abs())
}

/// An interval `[lower, upper]` around `point`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lower: f64,
    pub upper: f64,
}

impl Interval {
    /// `center ± half`, clipped to `[min, max]` and widened to contain `point`.
    fn around(center: f64, half: f64, point: f64, min: f64, max: f64) -> Interval {
        Interval {
            lower: (center - half).max(min).min(point),
            upper: (center + half).min(max).max(point),
        }
    }

    /// Half the width.
    pub fn margin(&self) -> f64 {
        (self.upper - self.lower) / 2.0
    }

    /// Scaled to percent (or NPS points).
    pub fn times(self, k: f64) -> Interval {
        Interval {
            lower: self.lower * k,
            upper: self.upper * k,
        }
    }
}

/// Degrees of freedom past which `t` uses the expansion below instead of statrs's
/// `StudentsT::inverse_cdf`, whose inverse incomplete beta loses accuracy with many degrees of
/// freedom (measured against scipy: 1e-12 up to 10^4, 7e-6 off at 10^5, 0.13 at 10^7) and past
/// about 10^9 does not return.
const T_EXPANSION_DF: f64 = 10_000.0;

/// The two-sided critical value of Student's t with `df` (>= 1) degrees of freedom for
/// `confidence`: statrs up to [`T_EXPANSION_DF`], then the Cornish-Fisher expansion of t in
/// powers of 1/df around statrs's normal quantile (Abramowitz & Stegun 26.7.5, four terms; the
/// first term left out is below 1e-15 there: scipy's values to the last digit or two).
pub fn t(confidence: f64, df: f64) -> f64 {
    let p = 1.0 - (1.0 - confidence) / 2.0;
    if df <= T_EXPANSION_DF {
        return match StudentsT::new(0.0, 1.0, df) {
            Ok(t) => t.inverse_cdf(p),
            Err(_) => f64::NAN, // df >= 1 always here
        };
    }
    let z = z(confidence);
    let z2 = z * z;
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df
}

/// The t interval of a mean, `mean ± t(n - 1) sqrt(variance / n)`; `None` with fewer than two
/// observations.
pub fn mean_interval(mean: f64, variance: f64, n: i64, confidence: f64) -> Option<Interval> {
    let half = t(confidence, (n - 1) as f64) * mean_std_error(variance, n)?;
    Some(Interval {
        lower: mean - half,
        upper: mean + half,
    })
}

/// The standard error of a mean, `sqrt(variance / n)`; `None` with fewer than two observations.
pub fn mean_std_error(variance: f64, n: i64) -> Option<f64> {
    (n >= 2).then(|| (variance / n as f64).sqrt())
}

/// The mean methods; the first is the default.
pub const MEAN_METHODS: [&str; 1] = ["t"];
/// The NPS methods; the first is the default.
pub const NPS_METHODS: [&str; 2] = ["adjusted_wald", "wald"];
/// The proportion methods; the first is the default.
pub const PROPORTION_METHODS: [&str; 3] = ["wilson", "wald", "agresti_coull"];

/// NPS as a fraction with its variance per answer, from promoters, detractors and answers,
/// with the adjusted-Wald correction or without.
pub fn nps_moments(promoters: f64, detractors: f64, n: f64, adjusted: bool) -> (f64, f64, f64) {
    let (p, d, n) = if adjusted {
        (promoters + 0.75, detractors + 0.75, n + 3.0)
    } else {
        (promoters, detractors, n)
    };
    let (pp, pd) = (p / n, d / n);
    let nps = pp - pd;
    (nps, (pp + pd - nps * nps).max(0.0), n)
}

/// The NPS interval (fractions in [-1, 1]); `None` without answers.
pub fn nps_interval(
    promoters: i64,
    detractors: i64,
    n: i64,
    z: f64,
    adjusted: bool,
) -> Option<Interval> {
    if n <= 0 {
        return None;
    }
    let point = (promoters - detractors) as f64 / n as f64;
    let (center, var, m) = nps_moments(promoters as f64, detractors as f64, n as f64, adjusted);
    Some(Interval::around(
        center,
        z * (var / m).sqrt(),
        point,
        -1.0,
        1.0,
    ))
}

/// The standard error of an NPS (fraction): `sqrt((p + d - (p - d)^2) / n)`.
pub fn nps_std_error(promoters: i64, detractors: i64, n: i64) -> Option<f64> {
    (n > 0).then(|| {
        let (_, var, m) = nps_moments(promoters as f64, detractors as f64, n as f64, false);
        (var / m).sqrt()
    })
}

/// The adjusted-Wald difference of two NPS values (a - b, fractions): its point estimate,
/// center and standard error; `None` when either has no answers.
fn nps_difference(a: (i64, i64, i64), b: (i64, i64, i64)) -> Option<(f64, f64, f64)> {
    if a.2 <= 0 || b.2 <= 0 {
        return None;
    }
    let point = |(p, d, n): (i64, i64, i64)| (p - d) as f64 / n as f64;
    let (ca, va, na) = nps_moments(a.0 as f64, a.1 as f64, a.2 as f64, true);
    let (cb, vb, nb) = nps_moments(b.0 as f64, b.1 as f64, b.2 as f64, true);
    Some((point(a) - point(b), ca - cb, (va / na + vb / nb).sqrt()))
}

/// The interval of the difference of two NPS values (a - b, fractions in [-2, 2]).
pub fn nps_diff_interval(a: (i64, i64, i64), b: (i64, i64, i64), z: f64) -> Option<Interval> {
    let (point, center, se) = nps_difference(a, b)?;
    Some(Interval::around(center, z * se, point, -2.0, 2.0))
}

/// The two-sided p-value of the difference of two NPS values: the z test on the adjusted-Wald
/// variances (MeasuringU).
pub fn nps_test(a: (i64, i64, i64), b: (i64, i64, i64)) -> Option<f64> {
    let (_, center, se) = nps_difference(a, b)?;
    Some(if se > 0.0 {
        two_sided_p(center / se)
    } else {
        1.0
    })
}

/// A proportion's interval (fractions in [0, 1]) by `method` (one of [`PROPORTION_METHODS`]);
/// `None` without observations.
pub fn proportion_interval(x: f64, n: f64, z: f64, method: &str) -> Option<Interval> {
    if n <= 0.0 {
        return None;
    }
    let p = x / n;
    let z2 = z * z;
    Some(match method {
        "wald" => Interval::around(p, z * (p * (1.0 - p) / n).sqrt(), p, 0.0, 1.0),
        "agresti_coull" => {
            let nc = n + z2;
            let pc = (x + z2 / 2.0) / nc;
            Interval::around(pc, z * (pc * (1.0 - pc) / nc).sqrt(), p, 0.0, 1.0)
        }
        _ => {
            let denom = 1.0 + z2 / n;
            let center = (p + z2 / (2.0 * n)) / denom;
            let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
            Interval::around(center, half, p, 0.0, 1.0)
        }
    })
}

/// The standard error of a proportion: `sqrt(p (1 - p) / n)`.
pub fn proportion_std_error(x: f64, n: f64) -> Option<f64> {
    (n > 0.0).then(|| {
        let p = x / n;
        (p * (1.0 - p) / n).sqrt()
    })
}

/// The two-sided p-value of the pooled two-proportion z test (statsmodels' `proportions_ztest`
/// with its default pooled variance); 1 when both groups are all 0 or all 1.
pub fn proportion_test(x1: f64, n1: f64, x2: f64, n2: f64) -> Option<f64> {
    if n1 <= 0.0 || n2 <= 0.0 {
        return None;
    }
    let p = (x1 + x2) / (n1 + n2);
    let se = (p * (1.0 - p) * (1.0 / n1 + 1.0 / n2)).sqrt();
    Some(if se > 0.0 {
        two_sided_p((x1 / n1 - x2 / n2) / se)
    } else {
        1.0
    })
}

/// Answers needed for an NPS margin of error of `margin` points in the worst case (half
/// promoters, half detractors: variance 1).
pub fn nps_sample_size(margin: f64, z: f64) -> f64 {
    (z / (margin / 100.0)).powi(2).ceil()
}

/// Observations needed for a proportion's margin of error of `margin` percentage points in the
/// worst case (p = 1/2).
pub fn proportion_sample_size(margin: f64, z: f64) -> f64 {
    (z * z * 0.25 / (margin / 100.0).powi(2)).ceil()
}

#[cfg(test)]
#[path = "confidence_tests.rs"]
mod tests;
