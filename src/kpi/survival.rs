//! Survival: how long customers stay. Pure Rust, no pgrx types; the SQL glue is
//! [`super::survival_sql`].
//!
//! A **life table** counts, per duration `t` (whole days or periods since the customer's start),
//! the customers whose observation starts at `t` (`entered`: 0 for a customer seen from the
//! start, later for one who started before the data window, "late entry"), and those whose
//! observation ends at `t`, churned (`churned`) or still a customer then (`censored`). It is
//! exact and mergeable: segments add up count by count, so the summary rolls up, runs in
//! parallel and on Citus workers, and a window removes rows exactly.
//!
//! **At risk at `t`**: the customers who entered before `t` and had not left before `t`
//! (`entry < t <= exit`); at `t = 0`, every customer who entered at 0. This is lifelines'
//! convention (entrants at a time join the risk set after that time's churn, except at the
//! start), and R's `(start, stop]` one. A customer's observation must end after it starts
//! (`entry < exit`), except a customer who churned or was censored at 0, having entered at 0.
//!
//! From the table (Kaplan & Meier 1958; Greenwood 1926; Kalbfleisch & Prentice 2002):
//! - `S(t) = prod over churn times t_i <= t of (1 - d_i / n_i)`; 1 before the first churn, 0
//!   once a whole risk set churns (no logarithm of 0: the hand-written `exp(sum(ln(1 - d/n)))`
//!   fails there); after the last time, its last value (as lifelines predicts).
//! - Greenwood: `Var S(t) = S(t)^2 * sum d_i / (n_i (n_i - d_i))`; a term with `n_i = d_i` is
//!   infinite and, as lifelines does, left out (S is 0 from there and its interval [0, 0]).
//! - The log-log ("exponential Greenwood") interval lifelines uses:
//!   `exp(-exp(ln(-ln S) -/+ z sqrt(sum) / ln S))`: within [0, 1], [1, 1] while S = 1.
//! - The median lifetime, first time with `S(t) <= 1/2` ([`MedianRule::First`], the default),
//!   compared exactly (a product of fractions equal to 1/2 is 1/2, not 0.5000000000000001 as
//!   a floating-point product can give: lifelines then reports the next churn time); or, when S
//!   is exactly 1/2 from `t_i` to the next churn time `t_j`, the midpoint `(t_i + t_j) / 2`
//!   ([`MedianRule::Midpoint`], the convention of R's survival package). `None` while S stays
//!   above 1/2.
//! - The restricted mean lifetime to a horizon `h`: `RMST(h) = integral from 0 to h of S(t) dt`,
//!   S a step function (the area under the curve; lifelines' `restricted_mean_survival_time`).
//! - The log-rank test of two tables: the chi-square statistic with one degree of freedom over
//!   the churn times of both, each customer at risk by the rule above, ties by the
//!   hypergeometric variance `n1 n2 d (n - d) / (n^2 (n - 1))`; the p-value.

use crate::error::KpiError;
use allocator_api2::alloc::{Allocator, Global};
use allocator_api2::vec::Vec as AVec;
use num_bigint::BigUint;

/// One duration of the life table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Row {
    pub time: i64,
    pub entered: i64,
    pub churned: i64,
    pub censored: i64,
}

impl Row {
    pub(crate) fn is_empty(&self) -> bool {
        self.entered == 0 && self.churned == 0 && self.censored == 0
    }
}

/// A life table: rows by strictly increasing time, none empty.
#[derive(Debug, Clone)]
pub struct LifeTable<A: Allocator = Global> {
    pub rows: AVec<Row, A>,
}

impl Default for LifeTable<Global> {
    fn default() -> Self {
        LifeTable {
            rows: AVec::new_in(Global),
        }
    }
}

impl<A: Allocator> PartialEq for LifeTable<A> {
    fn eq(&self, other: &Self) -> bool {
        self.rows[..] == other.rows[..]
    }
}

/// How a customer's observation ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Churned,
    Censored,
}

impl<A: Allocator> LifeTable<A> {
    pub fn new_in(alloc: A) -> Self {
        LifeTable {
            rows: AVec::new_in(alloc),
        }
    }

    /// The row of `time`, added (empty) when missing.
    pub(crate) fn row_mut(&mut self, time: i64) -> &mut Row {
        let i = match self.rows.binary_search_by_key(&time, |r| r.time) {
            Ok(i) => i,
            Err(i) => {
                self.rows.insert(
                    i,
                    Row {
                        time,
                        ..Row::default()
                    },
                );
                i
            }
        };
        &mut self.rows[i]
    }

    /// Check one customer: durations not negative, the observation ending after it starts.
    pub fn check_customer(kpi: &str, entry: i64, exit: i64) -> Result<(), KpiError> {
        if exit < 0 {
            return Err(KpiError::OutOfRange(format!(
                "{kpi} duration must not be negative, got {exit}"
            )));
        }
        if entry < 0 {
            return Err(KpiError::OutOfRange(format!(
                "{kpi} entry must not be negative, got {entry}"
            )));
        }
        if entry >= exit && !(entry == 0 && exit == 0) {
            return Err(KpiError::InvalidParameter(format!(
                "{kpi} entry must be before the end of the observation, got entry {entry} and duration {exit}"
            )));
        }
        Ok(())
    }

    /// Count one customer observed from `entry` to `exit` (checked by [`Self::check_customer`]).
    pub fn add(&mut self, entry: i64, exit: i64, how: Exit) {
        self.row_mut(entry).entered += 1;
        let r = self.row_mut(exit);
        match how {
            Exit::Churned => r.churned += 1,
            Exit::Censored => r.censored += 1,
        }
    }

    /// Un-count one customer added before (a moving window's inverse); false when it was not
    /// there.
    pub fn remove(&mut self, entry: i64, exit: i64, how: Exit) -> bool {
        let delta = Row {
            time: 0,
            entered: 0,
            churned: i64::from(how == Exit::Churned),
            censored: i64::from(how == Exit::Censored),
        };
        let Ok(i) = self.rows.binary_search_by_key(&exit, |r| r.time) else {
            return false;
        };
        let Ok(j) = self.rows.binary_search_by_key(&entry, |r| r.time) else {
            return false;
        };
        if self.rows[i].churned < delta.churned
            || self.rows[i].censored < delta.censored
            || self.rows[j].entered < 1
        {
            return false;
        }
        self.rows[i].churned -= delta.churned;
        self.rows[i].censored -= delta.censored;
        self.rows[j].entered -= 1;
        self.rows.retain(|r| !r.is_empty());
        true
    }

    /// Add `other`'s counts into `self`.
    pub fn merge<B: Allocator>(&mut self, other: &LifeTable<B>) -> Result<(), KpiError> {
        for o in other.rows.iter() {
            let r = self.row_mut(o.time);
            r.entered = add(r.entered, o.entered)?;
            r.churned = add(r.churned, o.churned)?;
            r.censored = add(r.censored, o.censored)?;
        }
        Ok(())
    }

    /// Remove `other`'s counts, merged in before; `None` when they were not all there.
    pub fn unmerge<B: Allocator>(&mut self, other: &LifeTable<B>) -> Option<()> {
        for o in other.rows.iter() {
            let i = self.rows.binary_search_by_key(&o.time, |r| r.time).ok()?;
            let r = &self.rows[i];
            if r.entered < o.entered || r.churned < o.churned || r.censored < o.censored {
                return None;
            }
        }
        for o in other.rows.iter() {
            let i = self.rows.binary_search_by_key(&o.time, |r| r.time).ok()?;
            let r = &mut self.rows[i];
            r.entered -= o.entered;
            r.churned -= o.churned;
            r.censored -= o.censored;
        }
        self.rows.retain(|r| !r.is_empty());
        Some(())
    }

    /// The customers counted.
    pub fn customers(&self) -> i64 {
        self.rows.iter().map(|r| r.entered).sum()
    }

    /// The customers who churned.
    pub fn churned(&self) -> i64 {
        self.rows.iter().map(|r| r.churned).sum()
    }

    /// The rules every stored table meets: times strictly increasing and not negative, counts
    /// not negative, no empty row, and no one leaving who was not at risk (the at-risk rule of
    /// the module); the reason when one fails.
    pub fn check(&self) -> Result<(), String> {
        let mut before: Option<i64> = None;
        // in 128 bits: hostile counts cannot overflow the sums that check them
        let (mut entered_before, mut left_before) = (0i128, 0i128);
        for r in self.rows.iter() {
            if r.time < 0 {
                return Err(format!("time {} is negative", r.time));
            }
            if before.is_some_and(|b| b >= r.time) {
                return Err(format!("time {} is not after the time before it", r.time));
            }
            if r.entered < 0 || r.churned < 0 || r.censored < 0 {
                return Err(format!("a count at time {} is negative", r.time));
            }
            if r.is_empty() {
                return Err(format!("time {} counts no one", r.time));
            }
            let entered = i128::from(r.entered);
            let at_risk = entered_before - left_before + if r.time == 0 { entered } else { 0 };
            let leaving = i128::from(r.churned) + i128::from(r.censored);
            if leaving > at_risk {
                return Err(format!(
                    "{leaving} customers leave at time {} but {at_risk} are at risk",
                    r.time
                ));
            }
            entered_before += entered;
            if entered_before > i128::from(i64::MAX) {
                return Err("too many customers".into());
            }
            left_before += leaving;
            before = Some(r.time);
        }
        Ok(())
    }

    /// The Kaplan-Meier curve: a point per time of the table.
    pub fn curve(&self) -> Vec<Point> {
        let mut out = Vec::with_capacity(self.rows.len());
        let (mut entered_before, mut left_before) = (0i64, 0i64);
        let (mut s, mut greenwood) = (1.0f64, 0.0f64);
        for r in self.rows.iter() {
            let n = entered_before - left_before + if r.time == 0 { r.entered } else { 0 };
            let d = r.churned;
            if d > 0 {
                s *= (n - d) as f64 / n as f64;
                if n > d {
                    greenwood += d as f64 / (n as f64 * (n - d) as f64);
                }
            }
            out.push(Point {
                time: r.time,
                at_risk: n,
                churned: d,
                censored: r.censored,
                entered: r.entered,
                survival: s,
                greenwood,
            });
            entered_before += r.entered;
            left_before += r.churned + r.censored;
        }
        out
    }

    /// The point of the curve in force at `t` (the last time `<= t`); `None` before the first.
    pub fn at(&self, t: f64) -> Option<Point> {
        self.curve()
            .into_iter()
            .take_while(|p| p.time as f64 <= t)
            .last()
    }

    /// `S(t)`: 1 before the first time; `None` for an empty table.
    pub fn survival(&self, t: f64) -> Option<f64> {
        if self.rows.is_empty() {
            return None;
        }
        Some(self.at(t).map_or(1.0, |p| p.survival))
    }

    /// The median lifetime by `rule`. The floating-point product decides unless it is within
    /// 1e-9 of 1/2 (its error is about 1e-16 a factor); then the exact product of the fractions
    /// so far does.
    pub fn median(&self, rule: MedianRule) -> Option<f64> {
        let curve = self.curve();
        for (i, p) in curve.iter().enumerate() {
            if p.churned == 0 {
                continue;
            }
            let (at_most_half, exactly_half) = if (p.survival - 0.5).abs() > 1e-9 {
                (p.survival < 0.5, false)
            } else {
                let (mut num, mut den) = (BigUint::from(2u8), BigUint::from(1u8));
                for q in curve[..=i].iter().filter(|q| q.churned > 0) {
                    num *= (q.at_risk - q.churned) as u64;
                    den *= q.at_risk as u64;
                }
                (num <= den, num == den)
            };
            if !at_most_half {
                continue;
            }
            if exactly_half && rule == MedianRule::Midpoint {
                if let Some(next) = curve[i + 1..].iter().find(|q| q.churned > 0) {
                    return Some((p.time as f64 + next.time as f64) / 2.0);
                }
            }
            return Some(p.time as f64);
        }
        None
    }

    /// The restricted mean lifetime to `horizon` (not negative): the area under `S` from 0.
    pub fn rmst(&self, horizon: f64) -> Option<f64> {
        if self.rows.is_empty() {
            return None;
        }
        let (mut area, mut s, mut from) = (0.0f64, 1.0f64, 0.0f64);
        for p in self.curve() {
            let t = p.time as f64;
            if t > horizon {
                break;
            }
            area += s * (t - from);
            s = p.survival;
            from = t;
        }
        Some(area + s * (horizon - from))
    }
}

pub(crate) fn add(a: i64, b: i64) -> Result<i64, KpiError> {
    a.checked_add(b).ok_or_else(|| {
        KpiError::OutOfRange("survival summary counts past 9223372036854775807".into())
    })
}

/// A point of the Kaplan-Meier curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub time: i64,
    pub at_risk: i64,
    pub churned: i64,
    pub censored: i64,
    pub entered: i64,
    pub survival: f64,
    /// Greenwood's sum of `d / (n (n - d))` up to this time.
    pub greenwood: f64,
}

impl Point {
    /// Greenwood's standard error of `S(t)`.
    pub fn std_error(&self) -> f64 {
        self.survival * self.greenwood.sqrt()
    }

    /// The log-log interval at normal quantile `z`: (lower, upper).
    pub fn interval(&self, z: f64) -> (f64, f64) {
        let s = self.survival;
        if s >= 1.0 {
            return (1.0, 1.0);
        }
        if s <= 0.0 {
            return (0.0, 0.0);
        }
        let v = s.ln();
        let w = z * self.greenwood.sqrt() / v;
        let bound = |sign: f64| (-((-v).ln() + sign * w).exp()).exp();
        (bound(-1.0), bound(1.0))
    }
}

/// How [`LifeTable::median`] reads a curve that is exactly 1/2 over an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MedianRule {
    /// The first time with `S(t) <= 1/2`.
    First,
    /// The midpoint of the interval where `S(t) = 1/2` exactly, up to the next churn.
    Midpoint,
}

impl MedianRule {
    pub fn parse(kpi: &str, text: &str) -> Result<Self, KpiError> {
        match text {
            "first" => Ok(MedianRule::First),
            "midpoint" => Ok(MedianRule::Midpoint),
            _ => Err(KpiError::InvalidParameter(format!(
                "{kpi} rule must be 'first' or 'midpoint', got '{text}'"
            ))),
        }
    }
}

/// Walks a curve forward: the customers at risk and churned at increasing times, also between
/// the curve's own times (those still there after its last time before).
struct RiskCursor<'a> {
    curve: &'a [Point],
    next: usize,
    still: i64,
}

impl<'a> RiskCursor<'a> {
    fn new(curve: &'a [Point]) -> Self {
        RiskCursor {
            curve,
            next: 0,
            still: 0,
        }
    }

    /// (at risk, churned) at `t`, not before the time asked last.
    fn at(&mut self, t: i64) -> (i64, i64) {
        while let Some(p) = self.curve.get(self.next) {
            if p.time == t {
                return (p.at_risk, p.churned);
            }
            if p.time > t {
                break;
            }
            // at risk after p: those at risk at p less those who left at p, plus its entrants
            self.still =
                p.at_risk - p.churned - p.censored + if p.time == 0 { 0 } else { p.entered };
            self.next += 1;
        }
        (self.still, 0)
    }
}

/// The log-rank test of two tables: (chi-square statistic, p-value); `None` when no one churned
/// in either, or the variance is 0 (nothing to compare).
pub fn logrank<A: Allocator, B: Allocator>(
    a: &LifeTable<A>,
    b: &LifeTable<B>,
) -> Option<(f64, f64)> {
    let (ca, cb) = (a.curve(), b.curve());
    let mut times: Vec<i64> = ca
        .iter()
        .chain(cb.iter())
        .filter(|p| p.churned > 0)
        .map(|p| p.time)
        .collect();
    times.sort_unstable();
    times.dedup();
    let (mut at_a, mut at_b) = (RiskCursor::new(&ca), RiskCursor::new(&cb));
    let (mut o_minus_e, mut var) = (0.0f64, 0.0f64);
    for t in times {
        let (n1, d1) = at_a.at(t);
        let (n2, d2) = at_b.at(t);
        let (n, d) = ((n1 + n2) as f64, (d1 + d2) as f64);
        if n <= 0.0 {
            continue;
        }
        o_minus_e += d1 as f64 - d * n1 as f64 / n;
        let ties = if n > 1.0 { (n - d) / (n - 1.0) } else { 1.0 };
        var += n1 as f64 * n2 as f64 * d * ties / (n * n);
    }
    if var <= 0.0 {
        return None;
    }
    let chi2 = o_minus_e * o_minus_e / var;
    Some((chi2, statrs::function::erf::erfc((chi2 / 2.0).sqrt())))
}

pub use super::survival_tally::{Tally, DENSE};
pub use crate::time::{whole_periods, Unit};

#[cfg(test)]
#[path = "survival_tests.rs"]
mod tests;
