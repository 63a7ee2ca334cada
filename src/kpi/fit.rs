//! Maximum-likelihood fitting shared by the probabilistic customer models ([`super::sbg`],
//! [`super::bgnbd`], [`super::gammagamma`]). Pure Rust, no pgrx types.
//!
//! A model's parameters are positive; the fit minimises the negative mean log-likelihood over
//! their logarithms with argmin's L-BFGS (More-Thuente line search) and an analytic gradient,
//! from lifetimes' start (every log-parameter 0.1), as lifetimes fits (scipy's BFGS over the
//! log-parameters). A fit **converges** when the gradient's largest component is below
//! [`GRADIENT_TOLERANCE`]; an iteration bound ([`MAX_ITERATIONS`]) or parameters running off
//! to 0 or infinity (the data do not identify the model) end it without converging, an error
//! the caller reports (22023). Every evaluation of the likelihood calls the caller's `tick`
//! (PostgreSQL's interrupt check), so a cancelled fit stops within one evaluation.

use crate::error::KpiError;
use argmin::core::{CostFunction, Executor, Gradient, State, TerminationReason};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use std::cell::RefCell;

/// The most L-BFGS iterations of one fit (CDNOW's BG/NBD needs about 30).
pub const MAX_ITERATIONS: u64 = 1_000;
/// Converged when every component of the gradient of the mean log-likelihood over the
/// log-parameters is below this.
pub const GRADIENT_TOLERANCE: f64 = 1e-9;
/// Log-parameters past this (parameters below e^-40 or above e^40) have run off: the data do
/// not identify the model.
const LOG_BOUND: f64 = 40.0;

/// The cost where the likelihood is not finite or the parameters ran off: far above any mean
/// negative log-likelihood, yet finite, so the line search's interpolations stay finite.
const OUTSIDE: f64 = 1e12;
/// L-BFGS stops when the gradient's norm is below this, and Newton's steps finish: closer in,
/// the rounding of a sum over many customers leaves its line search searching for a descent
/// among the last digits (40 evaluations a step).
const LBFGS_TOLERANCE: f64 = 1e-6;
/// The most L-BFGS runs of one fit ([`maximise`]).
const RESTARTS: usize = 5;
/// A run whose line search gave up is restarted only while a gradient component is above this.
const RESTART_GRADIENT: f64 = 1e-5;

/// A log-likelihood over log-parameters: the mean over the data of its value, and its gradient.
pub trait Likelihood {
    /// Parameter names, in order (for messages).
    const NAMES: &'static [&'static str];
    /// `(mean log-likelihood, its gradient)` at `params` (not logarithms); `None` where it is
    /// not finite.
    fn mean_log_likelihood(&self, params: &[f64]) -> Option<(f64, Vec<f64>)>;
}

/// A converged fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub params: Vec<f64>,
    /// The mean log-likelihood at `params` (the caller scales it to the total).
    pub mean_log_likelihood: f64,
    pub iterations: u64,
}

struct Problem<'a, L: Likelihood> {
    likelihood: &'a L,
    tick: &'a dyn Fn(),
}

impl<L: Likelihood> Problem<'_, L> {
    /// Negative mean log-likelihood and its gradient over the log-parameters; [`OUTSIDE`] where
    /// the likelihood is not finite or the parameters ran off (the line search backs off).
    fn eval(&self, log_params: &[f64]) -> (f64, Vec<f64>) {
        (self.tick)();
        let off = log_params
            .iter()
            .any(|p| !p.is_finite() || p.abs() > LOG_BOUND);
        let params: Vec<f64> = log_params.iter().map(|p| p.exp()).collect();
        match (!off)
            .then(|| self.likelihood.mean_log_likelihood(&params))
            .flatten()
        {
            Some((ll, g)) if ll.is_finite() && g.iter().all(|x| x.is_finite()) => {
                (-ll, g.iter().zip(&params).map(|(g, p)| -g * p).collect())
            }
            _ => (OUTSIDE, vec![0.0; log_params.len()]),
        }
    }
}

/// A point's negative mean log-likelihood and its gradient.
type Evaluation = (f64, Vec<f64>);

/// [`Problem`] for argmin, which asks for the cost and the gradient of a point apart (and some
/// points twice): one evaluation serves both, the last one kept.
struct Cached<'a, L: Likelihood> {
    problem: Problem<'a, L>,
    last: RefCell<Option<(Vec<f64>, Evaluation)>>,
}

impl<L: Likelihood> Cached<'_, L> {
    fn eval(&self, p: &[f64]) -> (f64, Vec<f64>) {
        if let Some((at, value)) = self.last.borrow().as_ref() {
            if at.as_slice() == p {
                return value.clone();
            }
        }
        let value = self.problem.eval(p);
        *self.last.borrow_mut() = Some((p.to_vec(), value.clone()));
        value
    }
}

impl<L: Likelihood> CostFunction for Cached<'_, L> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, p: &Vec<f64>) -> Result<f64, argmin::core::Error> {
        Ok(self.eval(p).0)
    }
}

impl<L: Likelihood> Gradient for Cached<'_, L> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;
    fn gradient(&self, p: &Vec<f64>) -> Result<Vec<f64>, argmin::core::Error> {
        Ok(self.eval(p).1)
    }
}

/// Fit `likelihood` by maximum likelihood; `kpi` names the fit in errors, `tick` runs at every
/// evaluation. Not converging is 22023 naming where it stopped.
pub fn maximise<L: Likelihood>(
    kpi: &str,
    likelihood: &L,
    tick: &dyn Fn(),
) -> Result<Fitted, KpiError> {
    let start = vec![0.1; L::NAMES.len()];
    let not_converged = |why: &str, at: &[f64]| {
        let at: Vec<String> = L::NAMES
            .iter()
            .zip(at)
            .map(|(n, p)| format!("{n} = {:.6e}", p.exp()))
            .collect();
        KpiError::InvalidParameter(format!(
            "{kpi} did not converge ({why}, at {}): the data do not identify the model",
            at.join(", ")
        ))
    };
    // L-BFGS, restarted from where it stopped when its line search gave up (a step into a region
    // where the likelihood is not finite): fresh curvature memory usually goes on downhill
    let (mut log_params, mut iterations, mut reason) = (start, 0u64, None);
    for _ in 0..RESTARTS {
        let solver = LBFGS::new(MoreThuenteLineSearch::new(), 10)
            .with_tolerance_grad(LBFGS_TOLERANCE)
            .and_then(|s| s.with_tolerance_cost(0.0))
            .expect("valid L-BFGS tolerances");
        let from = log_params.clone();
        let cached = Cached {
            problem: Problem { likelihood, tick },
            last: RefCell::new(None),
        };
        let run = Executor::new(cached, solver)
            .configure(|s| s.param(from).max_iters(MAX_ITERATIONS - iterations))
            .timer(false)
            .run();
        let Ok(mut r) = run else { break };
        iterations += r.state.get_iter();
        reason = r.state.get_termination_reason().cloned();
        log_params = r.state.take_best_param().unwrap_or(log_params);
        let line_search_gave_up = matches!(reason, Some(TerminationReason::SolverExit(_)));
        // near the optimum the gradient's rounding leaves no descent direction: Newton's steps
        // below finish from there
        let (_, g) = Problem { likelihood, tick }.eval(&log_params);
        let far = g.iter().any(|g| g.is_nan() || g.abs() > RESTART_GRADIENT);
        if !line_search_gave_up || !far || iterations >= MAX_ITERATIONS {
            break;
        }
    }
    let problem = Problem { likelihood, tick };
    let (log_params, newton) = polish(&problem, log_params);
    let iterations = iterations + newton;
    let (cost, gradient) = problem.eval(&log_params);
    let worst = gradient.iter().fold(0.0f64, |m, g| m.max(g.abs()));
    if log_params.iter().any(|p| p.abs() >= LOG_BOUND - 1.0) {
        return Err(not_converged(
            "a parameter ran off to 0 or infinity",
            &log_params,
        ));
    }
    if worst.is_nan() || worst >= GRADIENT_TOLERANCE || cost >= OUTSIDE {
        let why = match reason {
            Some(TerminationReason::MaxItersReached) => {
                format!("{MAX_ITERATIONS} iterations")
            }
            _ => format!("gradient {worst:.1e}"),
        };
        return Err(not_converged(&why, &log_params));
    }
    if !identified(&problem, &log_params) {
        return Err(not_converged(
            "the log-likelihood is flat along a direction",
            &log_params,
        ));
    }
    Ok(Fitted {
        params: log_params.iter().map(|p| p.exp()).collect(),
        mean_log_likelihood: -cost,
        iterations,
    })
}

/// The smallest curvature of the negative mean log-likelihood (over log-parameters) at an
/// identified optimum: flatter than this along a direction, the data do not pin the parameters
/// down (a ridge, or a parameter running off where the likelihood stops changing).
const MIN_CURVATURE: f64 = 1e-7;

/// The Hessian of the negative mean log-likelihood at `at` over log-parameters: central
/// differences of the analytic gradient, symmetrised.
#[allow(clippy::needless_range_loop)] // matrix code reads best by index
fn hessian<L: Likelihood>(problem: &Problem<'_, L>, at: &[f64]) -> Vec<Vec<f64>> {
    let k = at.len();
    let h = 1e-5;
    let mut m = vec![vec![0.0; k]; k];
    for j in 0..k {
        let (mut lo, mut hi) = (at.to_vec(), at.to_vec());
        lo[j] -= h;
        hi[j] += h;
        let (gl, gh) = (problem.eval(&lo).1, problem.eval(&hi).1);
        for (i, row) in m.iter_mut().enumerate() {
            row[j] = (gh[i] - gl[i]) / (2.0 * h);
        }
    }
    for i in 0..k {
        for j in 0..i {
            let avg = (m[i][j] + m[j][i]) / 2.0;
            (m[i][j], m[j][i]) = (avg, avg);
        }
    }
    m
}

#[allow(clippy::needless_range_loop)]
/// The Cholesky factor of `m`, `None` unless every pivot is above `floor` (`m - floor I` is
/// positive definite: every curvature above `floor`).
fn cholesky(m: &[Vec<f64>], floor: f64) -> Option<Vec<Vec<f64>>> {
    let k = m.len();
    let mut l = vec![vec![0.0; k]; k];
    for j in 0..k {
        let d = m[j][j] - floor - (0..j).map(|p| l[j][p] * l[j][p]).sum::<f64>();
        if d.is_nan() || d <= 0.0 {
            return None;
        }
        l[j][j] = d.sqrt();
        for i in j + 1..k {
            l[i][j] = (m[i][j] - (0..j).map(|p| l[i][p] * l[j][p]).sum::<f64>()) / l[j][j];
        }
    }
    Some(l)
}

#[allow(clippy::needless_range_loop)]
/// Solve `L L' x = g` for the Cholesky factor `l`.
fn solve(l: &[Vec<f64>], g: &[f64]) -> Vec<f64> {
    let k = g.len();
    let mut y = vec![0.0; k];
    for i in 0..k {
        y[i] = (g[i] - (0..i).map(|p| l[i][p] * y[p]).sum::<f64>()) / l[i][i];
    }
    let mut x = vec![0.0; k];
    for i in (0..k).rev() {
        x[i] = (y[i] - (i + 1..k).map(|p| l[p][i] * x[p]).sum::<f64>()) / l[i][i];
    }
    x
}

/// Newton's steps from where L-BFGS stopped, halved until the cost falls (or stays level within
/// rounding while the gradient shrinks), while the
/// gradient is above [`GRADIENT_TOLERANCE`]: the last digits L-BFGS's line search leaves on
/// badly scaled parameters (at most [`NEWTON_STEPS`] steps).
fn polish<L: Likelihood>(problem: &Problem<'_, L>, mut at: Vec<f64>) -> (Vec<f64>, u64) {
    let mut steps = 0;
    let (mut cost, mut g) = problem.eval(&at);
    while steps < NEWTON_STEPS
        && g.iter()
            .any(|g| g.is_nan() || g.abs() >= GRADIENT_TOLERANCE)
    {
        let Some(l) = cholesky(&hessian(problem, &at), 0.0) else {
            break;
        };
        let step = solve(&l, &g);
        let mut scale = 1.0;
        let next = loop {
            let next: Vec<f64> = at.iter().zip(&step).map(|(a, s)| a - scale * s).collect();
            let (c, ng) = problem.eval(&next);
            // downhill, or level within rounding (a sum of many terms: 1e-11 relative) with a
            // gradient at least halved (at the optimum the cost cannot resolve the last digits
            // the gradient can)
            let worst = |g: &[f64]| g.iter().fold(0.0f64, |m, g| m.max(g.abs()));
            if c < cost || (c <= cost + cost.abs() * 1e-11 && worst(&ng) < worst(&g) / 2.0) {
                break Some((next, c, ng));
            }
            scale /= 2.0;
            if scale < 1e-6 {
                break None;
            }
        };
        let Some((next, c, ng)) = next else { break };
        (at, cost, g) = (next, c, ng);
        steps += 1;
    }
    (at, steps)
}

/// The most Newton steps of [`polish`].
const NEWTON_STEPS: u64 = 20;

/// Whether every curvature of the negative mean log-likelihood at `at` is above
/// [`MIN_CURVATURE`].
fn identified<L: Likelihood>(problem: &Problem<'_, L>, at: &[f64]) -> bool {
    cholesky(&hessian(problem, at), MIN_CURVATURE).is_some()
}

/// Equal items of `items` counted once with their number, sorted (`items` is sorted in place):
/// a fit's sufficient data, each distinct customer once. Items are finite.
pub fn patterns<T: PartialOrd + Copy>(items: &mut [T]) -> Vec<(T, f64)> {
    items.sort_unstable_by(|a, b| a.partial_cmp(b).expect("checked finite"));
    let mut patterns: Vec<(T, f64)> = Vec::new();
    for c in items.iter() {
        match patterns.last_mut() {
            Some((last, n)) if last == c => *n += 1.0,
            _ => patterns.push((*c, 1.0)),
        }
    }
    patterns
}

/// Customers counted in `patterns`.
pub fn count<T>(patterns: &[(T, f64)]) -> f64 {
    patterns.iter().fold(0.0, |sum, (_, n)| sum + n)
}

/// Test helper: the analytic gradient of `l` at `p` equals central differences within 1e-7.
#[cfg(test)]
pub fn assert_gradient<L: Likelihood>(l: &L, p: &[f64]) {
    let (_, g) = l.mean_log_likelihood(p).unwrap();
    for i in 0..p.len() {
        let h = 1e-6;
        let (mut lo, mut hi) = (p.to_vec(), p.to_vec());
        lo[i] -= h;
        hi[i] += h;
        let d = (l.mean_log_likelihood(&hi).unwrap().0 - l.mean_log_likelihood(&lo).unwrap().0)
            / (2.0 * h);
        assert!((d - g[i]).abs() < 1e-7, "{}: {d} {}", L::NAMES[i], g[i]);
    }
}

/// `ln B(a, b)`.
pub fn ln_beta(a: f64, b: f64) -> f64 {
    use statrs::function::gamma::ln_gamma;
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// Most terms of [`hyp2f1`]'s series, enough for `z` up to 1 - 1e-7.
const MAX_TERMS: u64 = 1 << 30;

/// The Gauss hypergeometric function `2F1(a, b; c; z)` for `0 <= z < 1` by its series (Abramowitz
/// & Stegun 15.1.1), `tick` every 2^16 terms. Its terms are positive once `k > -c`, as in every
/// use here (a, b > 0), so the sum has no cancellation after its first terms. `None` when it
/// does not settle within [`MAX_TERMS`] or is not finite.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64, tick: &dyn Fn()) -> Option<f64> {
    if z == 0.0 {
        return Some(1.0);
    }
    if !(0.0..1.0).contains(&z) {
        return None;
    }
    let (mut sum, mut term) = (1.0f64, 1.0f64);
    let mut k = 0u64;
    loop {
        let kf = k as f64;
        term *= (a + kf) * (b + kf) / ((c + kf) * (kf + 1.0)) * z;
        sum += term;
        k += 1;
        if !sum.is_finite() {
            return None;
        }
        // settled: the term is negligible and the terms shrink from here on
        if term.abs() <= sum.abs() * 1e-17
            && kf + 1.0 > -c
            && (a + kf) * (b + kf) * z < (c + kf) * (kf + 1.0)
        {
            return Some(sum);
        }
        if k.is_multiple_of(1 << 16) {
            tick();
        }
        if k >= MAX_TERMS {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyp2f1_matches_closed_forms() {
        let none = &|| {};
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z
        for z in [0.1, 0.5, 0.9, 0.999] {
            let got = hyp2f1(1.0, 1.0, 2.0, z, none).unwrap();
            let want = -(1.0 - z).ln() / z;
            assert!((got / want - 1.0).abs() < 1e-13, "{z}: {got} {want}");
        }
        // 2F1(a, b; b; z) = (1 - z)^-a
        let got = hyp2f1(0.7, 2.5, 2.5, 0.6, none).unwrap();
        assert!((got / 0.4f64.powf(-0.7) - 1.0).abs() < 1e-14);
        // scipy.special.hyp2f1(0.3, 2.4, 1.9, 0.75)
        let got = hyp2f1(0.3, 2.4, 1.9, 0.75, none).unwrap();
        assert!((got / 1.804_632_576_154_379_6 - 1.0).abs() < 1e-13, "{got}");
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 1.0, none), None);
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 0.0, none), Some(1.0));
    }

    /// `-(x - 2)^2 - (y - 3)^2` over `(x, y)`: the maximum at (2, 3).
    struct Bowl;
    impl Likelihood for Bowl {
        const NAMES: &'static [&'static str] = &["x", "y"];
        fn mean_log_likelihood(&self, p: &[f64]) -> Option<(f64, Vec<f64>)> {
            let (x, y) = (p[0], p[1]);
            Some((
                -(x - 2.0).powi(2) - (y - 3.0).powi(2),
                vec![-2.0 * (x - 2.0), -2.0 * (y - 3.0)],
            ))
        }
    }

    /// `-x` over `x > 0`: runs off towards 0.
    struct Slope;
    impl Likelihood for Slope {
        const NAMES: &'static [&'static str] = &["x"];
        fn mean_log_likelihood(&self, p: &[f64]) -> Option<(f64, Vec<f64>)> {
            Some((-p[0], vec![-1.0]))
        }
    }

    #[test]
    fn maximise_converges_ticks_and_reports_running_off() {
        let ticks = std::cell::Cell::new(0);
        let fit = maximise("bowl", &Bowl, &|| ticks.set(ticks.get() + 1)).unwrap();
        assert!((fit.params[0] - 2.0).abs() < 1e-9 && (fit.params[1] - 3.0).abs() < 1e-9);
        assert!(fit.mean_log_likelihood.abs() < 1e-15 && fit.iterations > 0);
        assert!(ticks.get() > fit.iterations as usize);
        let e = maximise("slope", &Slope, &|| {}).unwrap_err();
        assert_eq!(e.sqlstate(), "22023");
        assert!(e.message().starts_with("slope did not converge ("), "{e}");
        assert!(
            e.message().ends_with("the data do not identify the model"),
            "{e}"
        );
    }
}
