//! The state of `combine(cohortsummary)` (and `rollup`): the matrix so far, the summaries in it
//! and how many of them have each MRR scale. When the moving inverse removes the last summary of
//! the largest scale, the money goes back to the largest scale left, so a window equals the
//! one-step answer over its rows byte for byte. Pure Rust.
//!
//! A stored summary is merged as [`read_stored`] reads it ([`Sum::step_stored`]): each cohort
//! into the state's as soon as it is read and checked, nothing decoded into a [`Matrix`] first
//! (that took four allocations and two B-tree maps a summary: `rollup()` over a million small
//! summaries spent most of its time there, BENCHMARKS.md, issue 26). The errors are those of
//! decoding the whole summary and then merging it ([`Sum::step`]), in the same order.

use super::cohort::{Cell, Matrix, Returning, Unit};
use super::cohort_summary::{read_stored, unit_name, Parts};
use crate::error::KpiError;
use crate::numeric::MAX_SCALE;
use crate::time::{Kind, Moment};

pub struct Sum {
    pub m: Option<Matrix>,
    pub summaries: i64,
    scales: [i64; MAX_SCALE as usize + 1],
    /// The cells of the cohort being read ([`Sum::step_stored`]), kept from summary to summary.
    cells: Vec<Cell>,
}

const COMBINE: &str = "rollup(cohortsummary) or combine(cohortsummary)";

fn describe(m: &Matrix) -> String {
    format!(
        "{} as of {}{}",
        unit_name(m.unit),
        Moment(Kind::Date, m.as_of),
        if m.scale.is_some() {
            " with mrr"
        } else {
            " without mrr"
        }
    )
}

fn cannot_remove() -> KpiError {
    KpiError::InvalidParameter(format!("{COMBINE} cannot remove a summary it did not add"))
}

fn too_large() -> KpiError {
    KpiError::OutOfRange(format!("{COMBINE} mrr does not fit 38 digits"))
}

/// The shape two summaries must share to add: period, day and whether they hold MRR.
fn shape(m: &Matrix) -> (Unit, i64, bool) {
    (m.unit, m.as_of, m.scale.is_some())
}

#[cold]
fn unlike(mine: &Matrix, other: &Matrix) -> KpiError {
    KpiError::InvalidParameter(format!(
        "{COMBINE} summaries must share the period, as_of and mrr, got {} and {}",
        describe(mine),
        describe(other)
    ))
}

/// `mine += other` (or `-=` with `sign` -1), after checking that they can add; money at the
/// larger scale.
fn add_matrix(mine: &mut Matrix, other: &Matrix, sign: i64) -> Result<(), KpiError> {
    if shape(mine) != shape(other) {
        return Err(unlike(mine, other));
    }
    // a copy of the other matrix only when its money must be raised to this one's scale, and
    // this one's money walked only when it must be raised (rollup() did both every summary)
    let raised;
    let other = match (mine.scale, other.scale) {
        (Some(a), Some(b)) if a != b => {
            mine.rescale(a.max(b)).ok_or_else(too_large)?;
            if b < a {
                let mut o = other.clone();
                o.rescale(a).ok_or_else(too_large)?;
                raised = o;
                &raised
            } else {
                other
            }
        }
        _ => other,
    };
    match (mine.merge(other, sign), sign) {
        (Some(()), _) => Ok(()),
        (None, 1) => Err(too_large()),
        (None, _) => Err(cannot_remove()),
    }
}

impl Default for Sum {
    fn default() -> Self {
        Sum {
            m: None,
            summaries: 0,
            scales: [0; MAX_SCALE as usize + 1],
            cells: Vec::new(),
        }
    }
}

impl Sum {
    /// Add (`sign` 1) or remove (-1) one summary.
    pub fn step(&mut self, other: Matrix, sign: i64) -> Result<(), KpiError> {
        let scale = other.scale;
        match &mut self.m {
            None if sign == 1 => self.m = Some(other),
            None => return Err(cannot_remove()),
            Some(mine) => add_matrix(mine, &other, sign)?,
        }
        self.count(scale, sign)
    }

    /// [`Sum::step`] for a stored summary: each cohort merged as it is read; the same errors.
    #[inline(always)]
    pub fn step_stored(&mut self, bytes: &[u8], sign: i64) -> Result<(), KpiError> {
        let mut to = Merging {
            m: &mut self.m,
            sign,
            scale: None,
            raise: None,
            refused: None,
        };
        read_stored(bytes, &mut to, &mut self.cells)?;
        let scale = to.scale;
        if let Some(e) = to.refused {
            return Err(e);
        }
        self.count(scale, sign)
    }

    /// Count a summary of money `scale` in or out, and put the money at the largest scale left.
    fn count(&mut self, scale: Option<u32>, sign: i64) -> Result<(), KpiError> {
        self.summaries += sign;
        if let Some(s) = scale.map(|s| s as usize) {
            self.scales[s] += sign;
            if self.scales[s] < 0 || self.summaries < 0 {
                return Err(cannot_remove());
            }
            let m = self.m.as_mut().expect("a matrix");
            if let Some(top) = (0..self.scales.len()).rev().find(|&i| self.scales[i] > 0) {
                if m.scale != Some(top as u32) {
                    m.rescale(top as u32).ok_or_else(cannot_remove)?;
                }
            }
        }
        Ok(())
    }
}

/// A stored summary merged into the state as it is read, as [`add_matrix`] merges a decoded one.
struct Merging<'s> {
    m: &'s mut Option<Matrix>,
    sign: i64,
    /// The summary's money scale.
    scale: Option<u32>,
    /// `10^(state's scale - summary's)` when the summary's money is raised to the state's.
    raise: Option<i128>,
    /// The first cohort the state refused (a sum out of range, a removal of what it did not
    /// add). Kept, not returned: [`add_matrix`] raised the whole summary's money before merging
    /// any of it, so money that cannot rise in a later cohort is the error then.
    refused: Option<KpiError>,
}

impl Parts for Merging<'_> {
    fn head(&mut self, unit: Unit, as_of: i64, scale: Option<u32>) -> Result<(), KpiError> {
        self.scale = scale;
        let mine = match self.m {
            None if self.sign == 1 => {
                *self.m = Some(Matrix::new(unit, as_of, scale));
                return Ok(());
            }
            None => return Err(cannot_remove()),
            Some(mine) => mine,
        };
        if shape(mine) != (unit, as_of, scale.is_some()) {
            return Err(unlike(mine, &Matrix::new(unit, as_of, scale)));
        }
        if let (Some(a), Some(b)) = (mine.scale, scale) {
            if a != b {
                mine.rescale(a.max(b)).ok_or_else(too_large)?;
                if b < a {
                    self.raise = Some(10i128.checked_pow(a - b).ok_or_else(too_large)?);
                }
            }
        }
        Ok(())
    }

    #[inline(always)]
    fn cohort(
        &mut self,
        rule: Returning,
        start: i64,
        size: i64,
        cells: &mut [Cell],
    ) -> Result<(), KpiError> {
        if let Some(factor) = self.raise {
            for c in cells.iter_mut() {
                for x in [&mut c.initial, &mut c.mrr, &mut c.capped] {
                    *x = x.checked_mul(factor).ok_or_else(too_large)?;
                }
            }
        }
        if self.refused.is_none() {
            let mine = self.m.as_mut().expect("head() made or checked it");
            if mine
                .merge_cohort(rule, start, size, cells, self.sign)
                .is_none()
            {
                self.refused = Some(match self.sign {
                    1 => too_large(),
                    _ => cannot_remove(),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "cohort_sum_tests.rs"]
mod tests;
