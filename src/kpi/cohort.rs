//! Cohort retention: customers grouped by the calendar period of their first start (day, ISO
//! week from Monday, month, quarter, year), counted at every whole-period offset from their own
//! start, observed as of a day. Pure Rust; the summary's forms are in `cohort_summary.rs`, the
//! per-subscription state in `cohort_rows.rs`, the SQL glue in `cohort_sql.rs`.
//!
//! Rules (dates are days; a subscription is active at the start of day `t` when
//! `started_on < t <= ended_on`, `ended_on` NULL meaning still running: `mrr_agg`'s rule):
//! - A customer's offset of day `d` is [`whole_periods`]`(start, d)` (months as `age()` counts
//!   them): offset `k` is the days from `B(k)` to `B(k + 1)`, `B(k)` the first day `k` whole
//!   periods after the start.
//! - Observed as of day `as_of` (the whole day): offset `k` is observed when
//!   `B(k + 1) <= as_of + 1`, that is when the period has ended. A customer is *eligible* at every observed offset;
//!   a cohort's cell with no eligible customer is "not yet" (NULL), never 0 %.
//! - Retained at offset `k`, by [`RetainedBy`]: `EndOfPeriod` when active at the start of day
//!   `B(k + 1)` (Stripe, Baremetrics: still a customer when the period closes);
//!   `ActiveInPeriod` when active at any moment of the period or starting in it, `started_on <
//!   B(k + 1)` and `ended_on >= B(k)` (Amplitude, PostHog: a one-day subscription is an event).
//! - [`Horizon`]: `NPeriod` counts offset `k` alone; `OnOrAfter` (unbounded) counts a customer
//!   retained at `k` or any later observed offset.
//! - [`Returning`]: `FirstCohort` keeps a customer who leaves and comes back in the cohort of
//!   its first start, retained again once back (Stripe); `NewCohort` makes every return after a
//!   gap (a start after every earlier subscription ended) a new member of the cohort of the
//!   return, and the earlier membership ends with its spell.
//! - MRR (when given): a member's initial MRR is the sum of its subscriptions starting on its
//!   first day; MRR at offset `k` is its MRR at the end of the period (`B(k + 1)`), whatever
//!   [`RetainedBy`] says; net MRR retention is `100 * sum(mrr) / sum(initial)` and gross
//!   `100 * sum(min(mrr, initial)) / sum(initial)` over the members eligible at `k`.

use crate::error::KpiError;
pub use crate::time::{whole_periods, Unit};
use std::collections::BTreeMap;

/// What "retained at offset k" means (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetainedBy {
    EndOfPeriod,
    ActiveInPeriod,
}

/// N-period or unbounded ("on or after") retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Horizon {
    NPeriod,
    OnOrAfter,
}

/// Where a customer who comes back after a gap counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returning {
    FirstCohort,
    NewCohort,
}

fn parse_choice<T: Copy>(
    kpi: &str,
    what: &str,
    text: &str,
    choices: &[(&str, T)],
) -> Result<T, KpiError> {
    choices
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let names: Vec<String> = choices.iter().map(|(n, _)| format!("'{n}'")).collect();
            KpiError::InvalidParameter(format!(
                "{kpi} {what} must be {}, got '{text}'",
                names.join(" or ")
            ))
        })
}

impl RetainedBy {
    pub fn parse(kpi: &str, text: &str) -> Result<Self, KpiError> {
        let c = [
            ("end_of_period", RetainedBy::EndOfPeriod),
            ("active_in_period", RetainedBy::ActiveInPeriod),
        ];
        parse_choice(kpi, "retained_by", text, &c)
    }
}

impl Horizon {
    pub fn parse(kpi: &str, text: &str) -> Result<Self, KpiError> {
        let c = [
            ("n_period", Horizon::NPeriod),
            ("on_or_after", Horizon::OnOrAfter),
        ];
        parse_choice(kpi, "horizon", text, &c)
    }
}

impl Returning {
    pub fn parse(kpi: &str, text: &str) -> Result<Self, KpiError> {
        let c = [
            ("first_cohort", Returning::FirstCohort),
            ("new_cohort", Returning::NewCohort),
        ];
        parse_choice(kpi, "returning_customers", text, &c)
    }
}

/// The first day of the calendar period holding day `d` (weeks from Monday, as `date_trunc`).
pub fn period_start(d: i64, unit: Unit) -> i64 {
    first_day(d, unit, || crate::time::civil(d))
}

/// [`period_start`] given `d`'s calendar date (asked for months, quarters and years only).
fn first_day(d: i64, unit: Unit, date: impl FnOnce() -> (i64, i64, i64)) -> i64 {
    match unit {
        Unit::Day => d,
        // 2000-01-01 was a Saturday: day 0 is the 6th day of its ISO week
        Unit::Week => d - (d + 5).rem_euclid(7),
        Unit::Month => d - (date().2 - 1),
        Unit::Quarter => {
            let (y, m, _) = date();
            crate::time::days_from_civil(y, 3 * ((m - 1) / 3) + 1, 1)
        }
        Unit::Year => crate::time::days_from_civil(date().0, 1, 1),
    }
}

/// One subscription of a customer: days, `end` `None` while running, MRR at the state's scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sub {
    pub start: i64,
    pub end: Option<i64>,
    pub mrr: i128,
}

/// Index of a (retained_by, horizon) pair in [`Cell::retained`].
pub fn mode_index(by: RetainedBy, horizon: Horizon) -> usize {
    2 * usize::from(by == RetainedBy::ActiveInPeriod) + usize::from(horizon == Horizon::OnOrAfter)
}

/// One cohort at one offset. Money (initial, mrr, capped) is at the matrix's scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cell {
    pub eligible: i64,
    /// Retained customers, by [`mode_index`].
    pub retained: [i64; 4],
    /// Initial MRR of the eligible members.
    pub initial: i128,
    /// MRR at the end of the period.
    pub mrr: i128,
    /// Sum over members of min(MRR at the end of the period, initial MRR).
    pub capped: i128,
}

impl Cell {
    pub(super) fn add(&mut self, o: &Cell, sign: i64) -> Option<()> {
        let s = i128::from(sign);
        self.eligible = self.eligible.checked_add(sign * o.eligible)?;
        for i in 0..4 {
            self.retained[i] = self.retained[i].checked_add(sign * o.retained[i])?;
        }
        self.initial = self.initial.checked_add(s * o.initial)?;
        self.mrr = self.mrr.checked_add(s * o.mrr)?;
        self.capped = self.capped.checked_add(s * o.capped)?;
        Some(())
    }
}

/// One cohort: its first day, its members and a cell per observed offset (eligible > 0 each).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cohort {
    pub size: i64,
    pub cells: Vec<Cell>,
}

/// The cohort matrices of both [`Returning`] rules, keyed by the cohort's first day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    pub unit: Unit,
    pub as_of: i64,
    /// The scale of the money, `None` without MRR.
    pub scale: Option<u32>,
    pub first: BTreeMap<i64, Cohort>,
    pub new: BTreeMap<i64, Cohort>,
}

/// Offsets a cohort may have (274 years of days): past it, a longer period is the answer.
pub const MAX_OFFSETS: i64 = 100_000;
/// Cells (cohorts x offsets) the matrices of one summary may hold (about 400 MB while built).
pub const MAX_CELLS: usize = 4_000_000;

pub(super) fn too_large(what: &str) -> KpiError {
    KpiError::OutOfRange(format!("cohort_agg {what} does not fit 38 digits"))
}

impl Matrix {
    pub fn new(unit: Unit, as_of: i64, scale: Option<u32>) -> Self {
        Matrix {
            unit,
            as_of,
            scale,
            first: BTreeMap::new(),
            new: BTreeMap::new(),
        }
    }

    pub fn cohorts(&self, r: Returning) -> &BTreeMap<i64, Cohort> {
        match r {
            Returning::FirstCohort => &self.first,
            Returning::NewCohort => &self.new,
        }
    }

    pub fn cohorts_mut(&mut self, r: Returning) -> &mut BTreeMap<i64, Cohort> {
        match r {
            Returning::FirstCohort => &mut self.first,
            Returning::NewCohort => &mut self.new,
        }
    }

    /// Add (`sign` 1) or remove (`sign` -1) another matrix of the same unit, day and money: the
    /// summaries of disjoint sets of customers. `None` when a sum overflows or a removal
    /// leaves a cohort breaking [`Matrix::check`]'s rules (the other was never added); the
    /// matrix is then left part-merged, which no caller keeps (each raises the error). Only
    /// the cohorts it changes are checked: `self` and `other` each keep the rules already.
    pub fn merge(&mut self, other: &Matrix, sign: i64) -> Option<()> {
        for r in [Returning::FirstCohort, Returning::NewCohort] {
            for (&start, theirs) in other.cohorts(r) {
                self.merge_cohort(r, start, theirs.size, &theirs.cells, sign)?;
            }
        }
        Some(())
    }

    /// [`Matrix::merge`] of one cohort of `rule` starting on day `start`, of `size` members and
    /// these cells (which keep [`Matrix::check`]'s rules), at this matrix's scale.
    pub(super) fn merge_cohort(
        &mut self,
        rule: Returning,
        start: i64,
        size: i64,
        cells: &[Cell],
        sign: i64,
    ) -> Option<()> {
        let ours = self.cohorts_mut(rule).entry(start).or_default();
        ours.size = ours.size.checked_add(sign * size)?;
        if ours.cells.len() < cells.len() {
            ours.cells.resize(cells.len(), Cell::default());
        }
        for (a, b) in ours.cells.iter_mut().zip(cells) {
            a.add(b, sign)?;
        }
        while ours.cells.last().is_some_and(|c| c.eligible == 0) {
            ours.cells.pop();
        }
        if ours.size == 0 {
            if !ours.cells.is_empty() {
                return None;
            }
            self.cohorts_mut(rule).remove(&start);
        } else if sign < 0 {
            // the rules of the cohort this changed, its counts (a cohort keeps its day and is
            // no longer than the longer of the two added); the others and as_of are as they
            // were (checking the whole matrix here made rollup()'s time per summary grow with
            // the matrix: BENCHMARKS.md, issue 26). An addition breaks none: every rule is a
            // bound that sums keep (counts within counts, falling with the offset past either
            // cohort's end, capped MRR within the smaller of two sums, as its parts within
            // theirs), or a sum out of range, refused above.
            let ours = &self.cohorts(rule)[&start];
            self.check_counts(start, ours.size, &ours.cells, None)
                .ok()?;
        }
        Some(())
    }

    /// The money of this matrix at `scale` (no-op without MRR): raised exactly, or lowered when
    /// every amount is a multiple of the step (`None` on overflow or when one is not).
    pub fn rescale(&mut self, scale: u32) -> Option<()> {
        let Some(from) = self.scale else {
            return Some(());
        };
        if from == scale {
            return Some(()); // nothing to walk (rollup() asks this of its matrix every summary)
        }
        let factor = 10i128.checked_pow(scale.abs_diff(from))?;
        let up = scale >= from;
        let apply = |x: &mut i128| -> Option<()> {
            *x = if up {
                x.checked_mul(factor)?
            } else if *x % factor == 0 {
                *x / factor
            } else {
                return None;
            };
            Some(())
        };
        for r in [Returning::FirstCohort, Returning::NewCohort] {
            for c in self.cohorts_mut(r).values_mut() {
                for cell in &mut c.cells {
                    apply(&mut cell.initial)?;
                    apply(&mut cell.mrr)?;
                    apply(&mut cell.capped)?;
                }
            }
        }
        self.scale = Some(scale);
        Some(())
    }

    /// The rules every matrix keeps (checked on input): cohorts on their period's first day,
    /// on or before `as_of`, members in each, a cell per observed offset at most, eligible
    /// customers falling with the offset, retained customers within the eligible ones,
    /// unbounded retention at least N-period retention and never rising, money not negative
    /// and capped MRR within both MRR and initial MRR.
    pub fn check(&self) -> Result<(), String> {
        if !crate::time::Kind::Date.valid(self.as_of)
            || !crate::time::Kind::Date.valid(self.as_of + 1)
        {
            return Err(format!("as_of {} out of range", self.as_of));
        }
        let end = self.end_date();
        for r in [Returning::FirstCohort, Returning::NewCohort] {
            for (&start, c) in self.cohorts(r) {
                self.check_cohort(start, c.size, &c.cells, end)?;
            }
        }
        Ok(())
    }

    /// The calendar date of `as_of + 1`, the end of what is observed: what
    /// [`Matrix::check_cohort`] needs of `as_of`, found once for all the cohorts.
    pub(super) fn end_date(&self) -> (i64, i64, i64) {
        crate::time::civil(self.as_of + 1)
    }

    /// [`Matrix::check`]'s rules for the cohort starting on day `start`, of `size` members and
    /// these cells; `end` is [`Matrix::end_date`]. The start's calendar date is computed once
    /// for its day's rule and its offsets'.
    pub(super) fn check_cohort(
        &self,
        start: i64,
        size: i64,
        cells: &[Cell],
        end: (i64, i64, i64),
    ) -> Result<(), String> {
        let day = crate::time::Moment(crate::time::Kind::Date, start);
        let from = crate::time::Kind::Date
            .valid(start)
            .then(|| crate::time::PeriodsFrom::new(start, self.unit));
        let Some(from) = from.filter(|f| first_day(start, self.unit, || f.from_date()) == start)
        else {
            return Err(format!("cohort {day} is not the first day of a period"));
        };
        if start > self.as_of {
            return Err(format!("cohort {day} is after as_of"));
        }
        let observed = from.to_date(self.as_of + 1, || end);
        self.check_counts(start, size, cells, Some(observed))
    }

    /// The rules of [`Matrix::check_cohort`] past its day's (members, and with `observed` the
    /// number of offsets observed, no more cells than that, then the cells): all a merge can
    /// break, since it keeps each cohort's day and never makes a cohort longer than the longer
    /// of the two it adds.
    fn check_counts(
        &self,
        start: i64,
        size: i64,
        cells: &[Cell],
        observed: Option<i64>,
    ) -> Result<(), String> {
        let day = crate::time::Moment(crate::time::Kind::Date, start);
        if size < 1 {
            return Err(format!("cohort {day} has no customers"));
        }
        if observed.is_some_and(|n| cells.len() as i64 > n) {
            return Err(format!("cohort {day} has offsets not yet observed"));
        }
        let mut before = Cell {
            eligible: size,
            retained: [size; 4],
            ..Cell::default()
        };
        for (k, cell) in cells.iter().enumerate() {
            let bad = |why: &str| Err(format!("cohort {day} offset {k}: {why}"));
            if cell.eligible < 1 || cell.eligible > before.eligible {
                return bad("eligible customers must be from 1 to those of the offset before");
            }
            if cell.retained.iter().any(|&x| x < 0 || x > cell.eligible) {
                return bad("retained customers must be from 0 to the eligible ones");
            }
            for by in [RetainedBy::EndOfPeriod, RetainedBy::ActiveInPeriod] {
                let (n, u) = (
                    mode_index(by, Horizon::NPeriod),
                    mode_index(by, Horizon::OnOrAfter),
                );
                if cell.retained[u] < cell.retained[n] || cell.retained[u] > before.retained[u] {
                    return bad(
                        "unbounded retention must be at least N-period retention and never rise",
                    );
                }
            }
            let no_money =
                self.scale.is_none() && (cell.initial, cell.mrr, cell.capped) != (0, 0, 0);
            if no_money
                || cell.initial < 0
                || cell.mrr < 0
                || cell.capped < 0
                || cell.capped > cell.mrr.min(cell.initial)
            {
                return bad("money must not be negative, capped MRR within MRR and initial MRR, and none without MRR");
            }
            before = *cell;
        }
        Ok(())
    }

    /// The last observed offset of any cohort (`None`: none observed).
    pub fn last_offset(&self, r: Returning) -> Option<usize> {
        self.cohorts(r)
            .values()
            .map(|c| c.cells.len())
            .max()
            .filter(|&n| n > 0)
            .map(|n| n - 1)
    }
}

pub use super::cohort_builder::Builder;

#[cfg(test)]
#[path = "cohort_tests.rs"]
mod tests;
