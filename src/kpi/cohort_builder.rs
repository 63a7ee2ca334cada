//! Builds the cohort matrices ([`Matrix`]) customer by customer: each membership adds to a
//! range of offsets of its cohort's cells, kept as differences until [`Builder::finish`] sums
//! them, so a customer costs its subscriptions, not its offsets. Pure Rust.

use super::cohort::{
    mode_index, period_start, too_large, Cell, Horizon, Matrix, RetainedBy, Returning, Sub, Unit,
    MAX_CELLS, MAX_OFFSETS,
};
use crate::error::KpiError;

/// Builds a [`Matrix`] customer by customer: a cohort's cells are kept as differences (a
/// customer adds to a range of offsets in constant time) until [`Builder::finish`].
pub struct Builder {
    m: Matrix,
    cells: usize,
    // buffers reused from one membership to the next: each subscription's offsets (of its start,
    // and of its end if any), the ranges of one rule, the MRR steps
    offsets: Vec<(i64, Option<i64>)>,
    ranges: Vec<(i64, i64)>,
    steps: Vec<(i64, i128)>,
}

/// `x += v` on a money difference.
fn add_money(x: &mut i128, v: i128) -> Result<(), KpiError> {
    *x = x
        .checked_add(v)
        .ok_or_else(|| too_large("mrr of a cohort"))?;
    Ok(())
}

impl Builder {
    pub fn new(unit: Unit, as_of: i64, scale: Option<u32>) -> Self {
        Builder {
            m: Matrix::new(unit, as_of, scale),
            cells: 0,
            offsets: Vec::new(),
            ranges: Vec::new(),
            steps: Vec::new(),
        }
    }

    /// Add one customer's subscriptions (each starting on or before `as_of`, none ending before
    /// it starts) to both matrices.
    pub fn add_customer(&mut self, subs: &mut [Sub]) -> Result<(), KpiError> {
        if subs.is_empty() {
            return Ok(());
        }
        subs.sort_unstable_by_key(|s| (s.start, s.end.unwrap_or(i64::MAX), s.mrr));
        self.add_member(Returning::FirstCohort, subs)?;
        let mut i = 0;
        while i < subs.len() {
            let mut end = subs[i].end;
            let mut j = i + 1;
            while j < subs.len() && end.is_none_or(|e| subs[j].start <= e) {
                end = end.and_then(|e| subs[j].end.map(|x| x.max(e)));
                j += 1;
            }
            self.add_member(Returning::NewCohort, &subs[i..j])?;
            i = j;
        }
        Ok(())
    }

    /// One membership: `subs` sorted by start, the first starting the membership.
    fn add_member(&mut self, r: Returning, subs: &[Sub]) -> Result<(), KpiError> {
        let (unit, as_of, has_mrr) = (self.m.unit, self.m.as_of, self.m.scale.is_some());
        let start = subs[0].start;
        let periods = crate::time::PeriodsFrom::new(start, unit);
        let wp = |d: i64| periods.to(d);
        // the last observed offset (negative: none yet)
        let last = wp(as_of + 1) - 1;
        let offsets = &mut self.offsets;
        offsets.clear();
        if last >= 0 {
            offsets.extend(subs.iter().map(|s| (wp(s.start), s.end.map(wp))));
        }
        let cohort = self
            .m
            .cohorts_mut(r)
            .entry(period_start(start, unit))
            .or_default();
        cohort.size += 1;
        if last < 0 {
            return Ok(());
        }
        let len = last as usize + 1;
        let diff = &mut cohort.cells;
        if diff.len() < len + 1 {
            let day = |d| crate::time::Moment(crate::time::Kind::Date, d);
            if last >= MAX_OFFSETS {
                return Err(KpiError::InvalidParameter(format!(
                    "cohort_agg sees more than {MAX_OFFSETS} periods from a start on {} to as_of {}: use a longer period",
                    day(start),
                    day(as_of)
                )));
            }
            self.cells += len + 1 - diff.len();
            if self.cells > MAX_CELLS {
                return Err(KpiError::InvalidParameter(format!(
                    "cohort_agg matrices would hold more than {MAX_CELLS} cells (cohorts x periods since the first start on or before {}): use a longer period",
                    day(as_of)
                )));
            }
            diff.resize(len + 1, Cell::default());
        }
        diff[0].eligible += 1;
        diff[len].eligible -= 1;
        // offsets retained, per RetainedBy: ranges of a subscription, then their union
        let ranges = &mut self.ranges;
        for by in [RetainedBy::EndOfPeriod, RetainedBy::ActiveInPeriod] {
            ranges.clear();
            ranges.extend(
                offsets
                    .iter()
                    .map(|&(lo, end)| {
                        let hi = match (end, by) {
                            (None, _) => last,
                            (Some(e), RetainedBy::EndOfPeriod) => e - 1,
                            (Some(e), RetainedBy::ActiveInPeriod) => e,
                        };
                        (lo, hi.min(last))
                    })
                    .filter(|(lo, hi)| lo <= hi),
            );
            ranges.sort_unstable();
            let n = mode_index(by, Horizon::NPeriod);
            let mut open: Option<(i64, i64)> = None;
            let mut count = |(a, b): (i64, i64)| {
                diff[a as usize].retained[n] += 1;
                diff[b as usize + 1].retained[n] -= 1;
            };
            for &(lo, hi) in ranges.iter() {
                match &mut open {
                    Some(o) if lo <= o.1 + 1 => o.1 = o.1.max(hi),
                    _ => open.replace((lo, hi)).into_iter().for_each(&mut count),
                }
            }
            open.into_iter().for_each(count);
            if let Some(hi) = ranges.iter().map(|r| r.1).max() {
                let u = mode_index(by, Horizon::OnOrAfter);
                diff[0].retained[u] += 1;
                diff[hi as usize + 1].retained[u] -= 1;
            }
        }
        if has_mrr {
            let initial = subs
                .iter()
                .take_while(|s| s.start == start)
                .try_fold(0i128, |a, s| a.checked_add(s.mrr))
                .ok_or_else(|| too_large("initial mrr of one customer"))?;
            add_money(&mut diff[0].initial, initial)?;
            add_money(&mut diff[len].initial, -initial)?;
            // MRR at the end of each offset: a step function of the subscriptions' ranges
            let steps = &mut self.steps;
            steps.clear();
            for (s, &(lo, end)) in subs.iter().zip(offsets.iter()) {
                let hi = end.map_or(last, |e| e - 1).min(last);
                if lo <= hi && s.mrr != 0 {
                    steps.push((lo, s.mrr));
                    steps.push((hi + 1, -s.mrr));
                }
            }
            steps.sort_unstable();
            let mut level = 0i128;
            for (i, &(at, delta)) in steps.iter().enumerate() {
                level = level
                    .checked_add(delta)
                    .ok_or_else(|| too_large("mrr of one customer"))?;
                let next = steps.get(i + 1).map_or(len as i64, |s| s.0);
                if next > at && level != 0 {
                    let (a, b) = (at as usize, next as usize);
                    let capped = level.min(initial);
                    add_money(&mut diff[a].mrr, level)?;
                    add_money(&mut diff[b].mrr, -level)?;
                    add_money(&mut diff[a].capped, capped)?;
                    add_money(&mut diff[b].capped, -capped)?;
                }
            }
        }
        Ok(())
    }

    /// The matrix: each cohort's differences summed into cells.
    pub fn finish(mut self) -> Result<Matrix, KpiError> {
        for r in [Returning::FirstCohort, Returning::NewCohort] {
            for c in self.m.cohorts_mut(r).values_mut() {
                let mut run = Cell::default();
                for cell in c.cells.iter_mut() {
                    run.add(cell, 1)
                        .ok_or_else(|| too_large("mrr of a cohort"))?;
                    *cell = run;
                }
                while c.cells.last().is_some_and(|c| c.eligible == 0) {
                    c.cells.pop();
                }
            }
        }
        Ok(self.m)
    }
}
