//! # MRR movements: `mrr_agg(...) -> mrrsummary` and its accessors
//!
//! - `mrr_agg(customer_id, mrr, started_at, ended_at, period)`: one row per subscription
//!   (`bigint`, `text` or `uuid` customers; `date`/`daterange` or `timestamptz`/`tstzrange`). A
//!   subscription is active at instant t when `started_at < t` and (`ended_at` IS NULL or
//!   `ended_at >= t`), `churn_rate`'s rule. Per customer: starting MRR = the sum of the `mrr` of
//!   its subscriptions active at `lower(period)`, ending MRR the same at `upper(period)`, "paid
//!   before" = a subscription with `mrr > 0` started before `lower(period)`. The map of
//!   customers lives in [`super::mrr_customers`].
//! - `mrr_agg(starting_mrr, ending_mrr [, paid_before])`: one row per customer and period, with
//!   a moving form.
//! - Movements per customer (ChartMogul's): new (start 0, end > 0, not paid before: end),
//!   reactivation (start 0, end > 0, paid before: end), expansion (0 < start < end: end -
//!   start), contraction (0 < end < start: start - end), churn (start > 0, end 0: start).
//!   Customers at start/end are those with MRR above 0 there.
//! - [`MrrSummary`] holds the seven exact amounts and seven counts, and the period (none for the
//!   per-customer shape). The identity start + new + reactivation + expansion - contraction -
//!   churn = end holds exactly; every stored summary is checked for it.
//! - Scales: every amount is an exact sum, displayed at the largest scale among the values that
//!   went into it (as `sum(numeric)` over the same rows), so a window equals the one-step result.

use super::churn_period::{read_period, write_period, Period};
use crate::agg::AggState;
use crate::bytes::{Field, Reader, Writer};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::time::{civil, Kind};

/// Amount and count indices.
pub const STARTING: usize = 0;
pub const ENDING: usize = 1;
pub const NEW: usize = 2;
pub const REACTIVATION: usize = 3;
pub const EXPANSION: usize = 4;
pub const CONTRACTION: usize = 5;
pub const CHURN: usize = 6;

/// The names of the amounts in the text form (and their accessors).
pub const AMOUNTS: [&str; 7] = [
    "starting_mrr",
    "ending_mrr",
    "new_mrr",
    "reactivation_mrr",
    "expansion_mrr",
    "contraction_mrr",
    "churned_mrr",
];
/// The names of the counts in the text form (and their accessors).
pub const COUNTS: [&str; 7] = [
    "customers_at_start",
    "customers_at_end",
    "new_customers",
    "reactivated_customers",
    "expanded_customers",
    "contracted_customers",
    "churned_customers",
];

const BYTES_VERSION: u8 = 1;

/// No movement (an index past the amounts).
const NONE: usize = 7;

/// The movement of a customer: from whether it had MRR at the start and at the end, the sign of
/// the change and whether it paid before; [`NONE`] for none. Looked up rather than branched on:
/// rows come in any mix of movements, which branches mispredict.
#[inline(always)]
pub(super) fn movement_of(up: bool, down: bool, sign: i128, paid_before: bool) -> usize {
    // index: start > 0, end > 0, sign of end - start
    #[rustfmt::skip]
    const MOVES: [usize; 12] = [
        NONE, NONE, NONE, // 0 -> 0
        NONE, NONE, NEW, // 0 -> more
        CHURN, NONE, NONE, // more -> 0 (end - start < 0)
        CONTRACTION, NONE, EXPANSION,
    ];
    let k = MOVES[6 * usize::from(up) + 3 * usize::from(down) + (sign + 1) as usize];
    if k == NEW && paid_before {
        REACTIVATION
    } else {
        k
    }
}

/// The MRR movements of a set of customers over one period. `repr(C)`: the moving state
/// ([`crate::summary::Moving`]) starts with it.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
pub struct MrrSummary {
    pub amounts: [Scaled; 7],
    pub counts: [i64; 7],
    pub period: Option<Period>,
    /// Whether `period` is known: a new `rollup()` state takes the first summary's (see
    /// `churn_period::PeriodState`). Every summary made from rows or bytes is shaped.
    pub shaped: bool,
    /// Whether this is the summary of a [`super::mrr_rows::RowsState`], whose pending rows
    /// follow it in memory and must be added to it before it is read (never stored; set only by
    /// that state's `Default`, cleared in the combine function's copy of such a summary).
    pub rows_pending: bool,
}

impl PartialEq for MrrSummary {
    fn eq(&self, other: &Self) -> bool {
        (self.amounts, self.counts, self.period) == (other.amounts, other.counts, other.period)
    }
}

/// A customer count past `bigint`.
#[cold]
pub(super) fn count_out_of_range() -> KpiError {
    KpiError::OutOfRange("mrr_agg customer count out of range".into())
}

/// A sum that does not fit 38 digits.
#[cold]
pub(super) fn too_large() -> KpiError {
    KpiError::OutOfRange("mrr_agg amount does not fit 38 digits".into())
}

impl MrrSummary {
    /// An empty summary of `period` (none for the per-customer shape).
    pub fn empty(period: Option<Period>) -> Self {
        MrrSummary {
            period,
            shaped: true,
            ..Default::default()
        }
    }

    /// The movement of one customer with MRR `start` and `end` (both non-negative): its
    /// index and amount, `Some(None)` for none (steady, or nothing at either end), `None` when
    /// `end - start` does not fit.
    #[inline]
    pub fn movement(
        start: Scaled,
        end: Scaled,
        paid_before: bool,
    ) -> Option<Option<(usize, Scaled)>> {
        let (up, down) = (start.mantissa > 0, end.mantissa > 0);
        Some(match (up, down) {
            (false, false) => None,
            (false, true) if paid_before => Some((REACTIVATION, end)),
            (false, true) => Some((NEW, end)),
            (true, false) => Some((CHURN, start)),
            (true, true) => match start.cmp_value(end) {
                std::cmp::Ordering::Less => Some((
                    EXPANSION,
                    end.add(start.mantissa.checked_neg()?, start.scale)?,
                )),
                std::cmp::Ordering::Greater => Some((
                    CONTRACTION,
                    start.add(end.mantissa.checked_neg()?, end.scale)?,
                )),
                std::cmp::Ordering::Equal => None,
            },
        })
    }

    /// The summary of one customer with MRR `start` and `end` (both non-negative) at the two
    /// ends of the period, who paid before it or not. `None` when `end - start` does not fit.
    pub fn customer(start: Scaled, end: Scaled, paid_before: bool) -> Option<Self> {
        let mut s = MrrSummary::empty(None);
        s.amounts[STARTING] = start;
        s.amounts[ENDING] = end;
        s.counts[STARTING] = i64::from(start.mantissa > 0);
        s.counts[ENDING] = i64::from(end.mantissa > 0);
        if let Some((k, amount)) = Self::movement(start, end, paid_before)? {
            s.amounts[k] = amount;
            s.counts[k] = 1;
        }
        Some(s)
    }

    /// Add one customer (remove it with `negate`) in place, touching only the amounts it
    /// moves: the per-row path of `mrr_agg(starting_mrr, ending_mrr, ...)`. Returns the
    /// amounts touched with their display scales, for a moving state's scale counts. Every new
    /// amount is computed before any is written: on an error nothing has changed.
    #[inline]
    pub fn add_customer(
        &mut self,
        start: Scaled,
        end: Scaled,
        paid_before: bool,
        negate: bool,
    ) -> Result<[(usize, u32); 3], KpiError> {
        let moved = Self::movement(start, end, paid_before).ok_or_else(too_large)?;
        let sum = |k: usize, x: Scaled| -> Result<Scaled, KpiError> {
            let m = if negate {
                x.mantissa.checked_neg().ok_or_else(too_large)?
            } else {
                x.mantissa
            };
            self.amounts[k].add(m, x.scale).ok_or_else(too_large)
        };
        let starting = sum(STARTING, start)?;
        let ending = sum(ENDING, end)?;
        // a movement is never STARTING or ENDING, so the three sums are of different amounts
        let moved = match moved {
            Some((k, x)) => Some((k, x, sum(k, x)?)),
            None => None,
        };
        let count = |c: &mut i64, x: Scaled| {
            let one = i64::from(x.mantissa > 0);
            *c = if negate { *c - one } else { *c + one };
        };
        (self.amounts[STARTING], self.amounts[ENDING]) = (starting, ending);
        count(&mut self.counts[STARTING], start);
        count(&mut self.counts[ENDING], end);
        let mut touched = [(STARTING, start.scale), (ENDING, end.scale), (STARTING, 0)];
        if let Some((k, x, amount)) = moved {
            debug_assert!(k != STARTING && k != ENDING);
            self.amounts[k] = amount;
            count(&mut self.counts[k], x);
            touched[2] = (k, x.scale);
        }
        Ok(touched)
    }

    /// [`MrrSummary::add_customer`] (adding, not removing) of a customer whose two amounts
    /// have one scale, as a `numeric(p, s)` column's do: the same sums, counts and touched
    /// scales, all or nothing; `None`, changing nothing, where `add_customer` would refuse or
    /// the scales differ. The movement is looked up from the two signs and `end - start`, whose
    /// magnitude is every movement's amount, rather than branched on: rows come in any mix of
    /// movements, which branches mispredict.
    #[inline(always)]
    pub fn add_customer_same_scale(
        &mut self,
        start: Scaled,
        end: Scaled,
        paid_before: bool,
    ) -> Option<[(usize, u32); 3]> {
        let scale = start.scale;
        if end.scale != scale || start.mantissa < 0 || end.mantissa < 0 {
            return None;
        }
        let (up, down) = (start.mantissa > 0, end.mantissa > 0);
        let change = end.mantissa - start.mantissa; // both non-negative: no overflow
        let k = movement_of(up, down, change.signum(), paid_before);
        let starting = self.amounts[STARTING].add(start.mantissa, scale)?;
        let ending = self.amounts[ENDING].add(end.mantissa, scale)?;
        let mut touched = [(STARTING, scale), (ENDING, scale), (STARTING, 0)];
        if k != NONE {
            self.amounts[k] = self.amounts[k].add(change.abs(), scale)?;
            self.counts[k] += 1;
            touched[2] = (k, scale);
        }
        (self.amounts[STARTING], self.amounts[ENDING]) = (starting, ending);
        self.counts[STARTING] += i64::from(up);
        self.counts[ENDING] += i64::from(down);
        Some(touched)
    }

    /// `self += other` (`-=` with `negate`): amounts and counts, period unchanged. In place:
    /// on an error the summary is left part-added, which no caller keeps (`merge` raises the
    /// error, `unmerge` adds into a copy); a copy here was most of `rollup()`'s time
    /// (BENCHMARKS.md, issue 26).
    #[inline(always)]
    pub fn add(&mut self, other: &Self, negate: bool) -> Result<(), KpiError> {
        for (a, b) in self.amounts.iter_mut().zip(&other.amounts) {
            let m = if negate {
                b.mantissa.checked_neg().ok_or_else(too_large)?
            } else {
                b.mantissa
            };
            *a = a.add(m, b.scale).ok_or_else(too_large)?;
        }
        for (a, &b) in self.counts.iter_mut().zip(&other.counts) {
            *a = if negate {
                a.checked_sub(b)
            } else {
                a.checked_add(b)
            }
            .ok_or_else(count_out_of_range)?;
        }
        Ok(())
    }

    /// Record `p` as the summary's period, or check that it is the same.
    pub fn check_period(&mut self, p: Option<Period>) -> Result<(), KpiError> {
        if !self.shaped {
            (self.period, self.shaped) = (p, true);
            return Ok(());
        }
        match (self.period, p) {
            (a, b) if a == b => Ok(()),
            (Some(a), Some(b)) => Err(KpiError::InvalidParameter(format!(
                "mrr_agg period must be the same in every summary of a group, got {b} after {a}"
            ))),
            (a, b) => {
                let show = |p: Option<Period>| p.map_or("no period".to_string(), |p| p.to_string());
                Err(KpiError::InvalidParameter(format!(
                    "mrr summaries with and without a period cannot be combined, got {} after {}",
                    show(b),
                    show(a)
                )))
            }
        }
    }

    /// Net new MRR: new + reactivation + expansion - contraction - churn (= end - start).
    pub fn net_new(&self) -> Option<Scaled> {
        let [start, end, ..] = self.amounts;
        end.add(start.mantissa.checked_neg()?, start.scale)
    }

    /// The sum of the amounts `plus` minus the amounts `minus`, exactly.
    pub fn combination(&self, plus: &[usize], minus: &[usize]) -> Option<Scaled> {
        let s = plus.iter().try_fold(Scaled::default(), |s, &k| {
            s.add(self.amounts[k].mantissa, self.amounts[k].scale)
        })?;
        minus.iter().try_fold(s, |s, &k| {
            s.add(
                self.amounts[k].mantissa.checked_neg()?,
                self.amounts[k].scale,
            )
        })
    }
}

/// The length of a period in months, as the exact fraction `(numerator, denominator)`: whole
/// calendar months when both bounds fall on the same day of the month at the same time of day
/// (UTC for timestamps), otherwise its days over 30.436875 (a Gregorian year over 12). A summary
/// of the per-customer shape (no period) counts as one month.
pub fn months(period: Option<Period>) -> (i128, i128) {
    let Some(p) = period else {
        return (1, 1);
    };
    const DAY: i64 = 86_400_000_000;
    let split = |v: i64| match p.kind {
        Kind::Date => (v, 0),
        _ => (v.div_euclid(DAY), v.rem_euclid(DAY)),
    };
    let ((day0, time0), (day1, time1)) = (split(p.lower), split(p.upper));
    let ((y0, m0, d0), (y1, m1, d1)) = (civil(day0), civil(day1));
    if d0 == d1 && time0 == time1 {
        let whole = (y1 - y0) * 12 + (m1 - m0);
        if whole > 0 {
            return (i128::from(whole), 1);
        }
    }
    // days over 30.436875 = 30_436_875 / 10^6; timestamps in microseconds
    let length = i128::from(p.upper) - i128::from(p.lower);
    match p.kind {
        Kind::Date => (length * 1_000_000, 30_436_875),
        _ => (length, 30_436_875 * i128::from(DAY) / 1_000_000),
    }
}

impl AggState for MrrSummary {
    #[inline(always)] // into rollup()'s transition, one call a summary fewer
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        if other.shaped {
            self.check_period(other.period)?;
        }
        self.add(other, false)
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(BYTES_VERSION);
        for a in self.amounts {
            w = a.put(w);
        }
        for c in self.counts {
            w = w.i64(c);
        }
        write_period(w, self.period).into_vec()
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut s = MrrSummary::empty(None);
        s.read_bytes(bytes)?;
        Ok(s)
    }
}

impl MrrSummary {
    /// [`AggState::from_bytes`] into `self`, every field set (whatever it held before; left
    /// unspecified on an error). Inlined into rollup(), which parses into its own local: a
    /// summary returned through a `Result` was copied, twice (BENCHMARKS.md, issue 26).
    #[inline(always)]
    pub(super) fn read_bytes(&mut self, bytes: &[u8]) -> Result<(), KpiError> {
        let mut r = Reader::new(bytes, "mrr", BYTES_VERSION)?;
        self.shaped = true;
        for a in self.amounts.iter_mut() {
            *a = Scaled::get(&mut r)?;
        }
        for c in self.counts.iter_mut() {
            *c = r.count()?;
        }
        self.period = read_period(&mut r)?;
        self.check_stored().map_err(|why| r.error(&why))?;
        r.end()
    }
}

#[path = "mrr_check.rs"]
mod check;

#[cfg(test)]
#[path = "mrr_tests.rs"]
mod unit_tests;
