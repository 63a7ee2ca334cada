//! The state of `mrr_agg(starting_mrr, ending_mrr [, paid_before])`: the moving summary, and
//! beside it the rows of one display scale not yet added to it ([`Pending`]).
//!
//! A row of a `numeric(p, s)` column (two amounts at one scale, neither negative) is added to
//! the pending sums only: the magnitudes into unchecked 128-bit sums by movement, which cannot
//! overflow before 2^64 rows of 64-bit magnitudes, and a count by movement. No check of the
//! summary's sums or scales on that path: [`RowsState::settle`] adds the pending rows to the
//! summary, checked, when anything reads the state (the final, serialize, combine and inverse
//! functions; issue 26: the checked per-row step was 0.12x of the no-op above its lower bound).
//! Every other row goes to the summary directly: additions commute, so the pending rows can be
//! added later, and the sums of non-negative amounts only grow, so a sum that would not fit
//! row by row does not fit when settled either (the same error, 22003, raised then).

use super::mrr::{
    count_out_of_range, movement_of, too_large, MrrSummary, CHURN, ENDING, NEW, STARTING,
};
use crate::error::KpiError;
use crate::numeric::MaxScale;
use crate::summary::Moving;

/// Rows of one display scale, by cell: the starting and ending sums, each movement's, and
/// no movement's (always 0).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[repr(C)]
pub struct Pending {
    sums: [u128; 8],
    /// Customers by cell; the starting and ending cells count those above 0 at that end.
    counts: [u64; 8],
    rows: u64,
    scale: u32,
}

impl Pending {
    /// One customer's magnitudes `start` and `end` at display scale `scale`; false, changing
    /// nothing, when rows of another scale are pending.
    #[inline(always)]
    pub fn add(&mut self, start: u64, end: u64, scale: u32, paid_before: bool) -> bool {
        if scale != self.scale {
            if self.rows != 0 {
                return false;
            }
            self.scale = scale;
        }
        let (up, down) = (start > 0, end > 0);
        let k = movement_of(up, down, (end.cmp(&start) as i8).into(), paid_before);
        // every movement's amount is |end - start| (new: end, churn: start); NONE's is 0
        self.sums[STARTING] += u128::from(start);
        self.sums[ENDING] += u128::from(end);
        self.sums[k] += u128::from(end.abs_diff(start));
        self.counts[k] += 1;
        self.counts[STARTING] += u64::from(up);
        self.counts[ENDING] += u64::from(down);
        self.rows += 1;
        true
    }
}

/// `mrr_agg(starting_mrr, ending_mrr [, paid_before])`'s state. `repr(C)`, the moving summary
/// first: the combine, serialize and final functions, shared with `rollup(mrrsummary)`, read it
/// as an [`MrrSummary`], whose `rows_pending` tells them to [`RowsState::settle`] it first.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct RowsState {
    pub moving: Moving<MrrSummary>,
    pub pending: Pending,
}

impl Default for RowsState {
    fn default() -> Self {
        let mut moving = Moving::<MrrSummary>::default();
        // the per-customer shape has no period
        moving.state.shaped = true;
        moving.state.rows_pending = true;
        RowsState {
            moving,
            pending: Pending::default(),
        }
    }
}

impl RowsState {
    /// Add the pending rows to the summary as [`MrrSummary::add_customer`] adds each (the same
    /// sums, counts and counts of values at the largest scale), and empty them. On an error
    /// the state is part-added: the error ends the query.
    #[cold]
    #[inline(never)]
    pub fn settle(&mut self) -> Result<(), KpiError> {
        let p = std::mem::take(&mut self.pending);
        if p.rows == 0 {
            return Ok(());
        }
        let m = &mut self.moving;
        let moved: u64 = p.counts[NEW..=CHURN].iter().sum();
        for k in 0..7 {
            // values added to the sum: every row's at the two ends, the movers' to a movement
            let values = if k == STARTING || k == ENDING {
                p.rows
            } else {
                p.counts[k]
            };
            if values == 0 {
                continue; // a movement no pending row had: its sum untouched, as row by row
            }
            let sum = i128::try_from(p.sums[k]).map_err(|_| too_large())?;
            m.state.amounts[k] = m.state.amounts[k].add(sum, p.scale).ok_or_else(too_large)?;
            let count = i64::try_from(p.counts[k]).map_err(|_| count_out_of_range())?;
            m.state.counts[k] = m.state.counts[k]
                .checked_add(count)
                .ok_or_else(count_out_of_range)?;
            m.scales[k].merge(&MaxScale {
                scale: p.scale,
                at_max: values as i64,
            });
        }
        // add_customer reports a customer that moved nothing as a value of scale 0 of the
        // starting sum, which counts only while that sum's largest scale is 0
        if p.scale == 0 {
            m.scales[STARTING].merge(&MaxScale {
                scale: 0,
                at_max: (p.rows - moved) as i64,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "mrr_rows_tests.rs"]
mod tests;
