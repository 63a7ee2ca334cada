//! The cells of a tier aggregate being built ([`Tally`]), found by the tiers' names without
//! allocating: the per-row path of `tier_agg` and `tier_moves`. Pure Rust.

use super::tiers::{Cell, Tiers};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::numeric_sum::{NumericSum, Refused, MAX_VALUES};
use std::collections::HashMap;

/// The cells of an aggregate being built, unsorted: found by their names without allocating (the
/// cell of the last row first, then a scan, or past [`INDEXED`] cells a hash of the names). Each
/// cell's MRR is summed exactly per digit position ([`NumericSum`], as `share()`'s weights: it
/// keeps the largest scale added and how many values have it, for a moving inverse); the sums
/// become [`Scaled`] decimals, checked, in [`Tally::to_tiers`].
#[derive(Debug, Default)]
pub struct Tally {
    /// `(moves, with_mrr)`, once the first row or summary said.
    pub kind: Option<(bool, bool)>,
    cells: Vec<(Bytes, Counted)>,
    last: usize,
    index: HashMap<u64, Vec<usize>>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Counted {
    customers: i64,
    /// MRR values added (rows, and summaries' sums): bounds the digit sums.
    values: i64,
    mrr: NumericSum,
}

/// A cell's MRR to add: none, a `numeric`'s data bytes (a row), or a summary's exact sum.
#[derive(Debug, Clone, Copy)]
pub enum Mrr<'a> {
    None,
    Bytes(&'a [u8]),
    Sum(Scaled),
}

/// Why a step failed: a KPI error, or an MRR value the sum refused (the glue names the value).
#[derive(Debug)]
pub enum StepError {
    Kpi(KpiError),
    Mrr(Refused),
}

impl From<KpiError> for StepError {
    fn from(e: KpiError) -> Self {
        StepError::Kpi(e)
    }
}

fn too_large() -> KpiError {
    KpiError::OutOfRange("tiersummary customers or mrr out of range".into())
}

fn cannot_remove() -> KpiError {
    KpiError::InvalidParameter("combine(tiersummary) cannot remove a summary it did not add".into())
}

/// A cell's tiers as the bytes of the text values (UTF-8 but for SQL_ASCII databases).
type Bytes = (Option<Vec<u8>>, Option<Vec<u8>>);

/// Cells looked up by a scan up to this many; past it, by a hash of the names.
pub const INDEXED: usize = 16;

fn hash(before: Option<&[u8]>, after: Option<&[u8]>) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x7469_6572_7321).hash_one((before, after))
}

impl Tally {
    fn find(&self, before: Option<&[u8]>, after: Option<&[u8]>) -> Option<usize> {
        let is = |i: usize| {
            let (k, _) = &self.cells[i];
            k.0.as_deref() == before && k.1.as_deref() == after
        };
        if self.last < self.cells.len() && is(self.last) {
            return Some(self.last);
        }
        if self.cells.len() <= INDEXED {
            return (0..self.cells.len()).find(|&i| is(i));
        }
        self.index
            .get(&hash(before, after))
            .and_then(|b| b.iter().copied().find(|&i| is(i)))
    }

    fn reindex(&mut self) {
        self.index.clear();
        if self.cells.len() > INDEXED {
            for (i, (k, _)) in self.cells.iter().enumerate() {
                let h = hash(k.0.as_deref(), k.1.as_deref());
                self.index.entry(h).or_default().push(i);
            }
        }
    }

    /// Add (`sign` 1) or remove (-1) customers and their MRR to the cell of these tiers;
    /// `Ok(false)` when a removal left the cell's MRR scale unknown (the caller recomputes).
    pub fn step(
        &mut self,
        before: Option<&[u8]>,
        after: Option<&[u8]>,
        customers: i64,
        mrr: Mrr,
        sign: i64,
    ) -> Result<bool, StepError> {
        let i = match self.find(before, after) {
            Some(i) => i,
            None if sign > 0 => {
                let key = (before.map(<[u8]>::to_vec), after.map(<[u8]>::to_vec));
                self.cells.push((key, Counted::default()));
                let i = self.cells.len() - 1;
                if self.cells.len() == INDEXED + 1 {
                    self.reindex();
                } else if self.cells.len() > INDEXED + 1 {
                    self.index.entry(hash(before, after)).or_default().push(i);
                }
                i
            }
            None => return Err(cannot_remove().into()),
        };
        self.last = i;
        let cell = &mut self.cells[i].1;
        let n = (customers.checked_mul(sign))
            .and_then(|c| cell.customers.checked_add(c))
            .ok_or_else(too_large)?;
        let values = cell.values + sign;
        if values > MAX_VALUES {
            return Err(StepError::Mrr(Refused::TooMany));
        }
        match mrr {
            Mrr::None => {}
            Mrr::Bytes(b) => cell
                .mrr
                .add_bytes(b, sign < 0, false)
                .map_err(StepError::Mrr)?,
            Mrr::Sum(x) => cell
                .mrr
                .add_scaled(x, sign < 0, false)
                .map_err(StepError::Mrr)?,
        }
        (cell.customers, cell.values) = (n, values);
        if n < 0 {
            return Err(cannot_remove().into());
        }
        if n == 0 {
            if cell.mrr.to_scaled().is_none_or(|x| x.mantissa != 0) {
                return Err(cannot_remove().into());
            }
            self.cells.swap_remove(i);
            self.last = 0;
            self.reindex();
            return Ok(true);
        }
        Ok(cell.mrr.scale_known())
    }

    /// Add (`sign` 1) or remove (-1) a summary, cell by cell; its kind must be this one's.
    pub fn step_summary(&mut self, t: &Tiers, sign: i64) -> Result<bool, KpiError> {
        match self.kind {
            None => self.kind = Some((t.moves, t.with_mrr)),
            Some((moves, with_mrr)) => {
                Tiers::new(moves, with_mrr).merge(&Tiers::new(t.moves, t.with_mrr), 1)?
            }
        }
        let mut known = true;
        for ((b, a), c) in &t.cells {
            let mrr = if t.with_mrr {
                Mrr::Sum(c.mrr)
            } else {
                Mrr::None
            };
            let (b, a) = (
                b.as_deref().map(str::as_bytes),
                a.as_deref().map(str::as_bytes),
            );
            known &= match self.step(b, a, c.customers, mrr, sign) {
                Ok(k) => k,
                Err(StepError::Kpi(e)) => return Err(e),
                Err(StepError::Mrr(_)) => return Err(too_large()),
            };
        }
        Ok(known)
    }

    /// The summary of the cells (sorted; names not UTF-8 read as `String::from_utf8_lossy` does,
    /// cells whose names then read the same added together); 22003 when a sum or the totals do
    /// not fit a summary.
    pub fn to_tiers(&self) -> Result<Tiers, KpiError> {
        let (moves, with_mrr) = self.kind.unwrap_or_default();
        let mut t = Tiers::new(moves, with_mrr);
        let text = |b: &Option<Vec<u8>>| {
            b.as_deref()
                .map(|b| String::from_utf8_lossy(b).into_owned())
        };
        for ((b, a), c) in &self.cells {
            let mrr = match with_mrr {
                true => c.mrr.to_scaled().ok_or_else(too_large)?,
                false => Scaled::default(),
            };
            t.add_cell(
                &(text(b), text(a)),
                Cell {
                    customers: c.customers,
                    mrr,
                },
                1,
            )?;
        }
        t.check().map_err(|_| too_large())?;
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One customer of MRR `mantissa / 10^scale` in (`sign` 1) or out (-1).
    fn one(
        t: &mut Tally,
        before: Option<&[u8]>,
        after: &[u8],
        mantissa: i128,
        scale: u32,
        sign: i64,
    ) -> Result<bool, KpiError> {
        match t.step(
            before,
            Some(after),
            1,
            Mrr::Sum(Scaled { mantissa, scale }),
            sign,
        ) {
            Ok(k) => Ok(k),
            Err(StepError::Kpi(e)) => Err(e),
            Err(StepError::Mrr(r)) => panic!("refused {r:?}"),
        }
    }

    #[test]
    fn many_tiers_in_and_out() {
        // past INDEXED cells the hash index finds them; removals keep it right
        let mut t = Tally {
            kind: Some((true, true)),
            ..Default::default()
        };
        let names: Vec<String> = (0..40).map(|i| format!("tier {i}")).collect();
        for round in 0..3 {
            for (i, n) in names.iter().enumerate() {
                let before = (i % 3 != 0).then_some(n.as_bytes());
                assert!(one(&mut t, before, n.as_bytes(), i as i128 + round, 2, 1).unwrap());
            }
        }
        let s = t.to_tiers().unwrap();
        assert_eq!(s.cells.len(), 40);
        assert_eq!(
            s.tier("tier 7").0,
            Cell {
                customers: 3,
                mrr: Scaled {
                    mantissa: 24,
                    scale: 2
                }
            }
        );
        for (i, n) in names.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
            let before = (i % 3 != 0).then_some(n.as_bytes());
            for round in 0..3 {
                one(&mut t, before, n.as_bytes(), i as i128 + round, 2, -1).unwrap();
            }
        }
        let s = t.to_tiers().unwrap();
        assert_eq!(s.cells.len(), 20);
        assert_eq!(s.tier("tier 7").0.customers, 3);
        assert_eq!(s.tier("tier 8").0, Cell::default());
        let e = one(&mut t, Some(b"nope"), b"nope", 1, 0, -1).unwrap_err();
        assert_eq!(
            e.message(),
            "combine(tiersummary) cannot remove a summary it did not add"
        );
    }

    #[test]
    fn names_not_utf8_read_lossily() {
        // two SQL_ASCII names that read the same once lossy: one cell
        let mut t = Tally {
            kind: Some((false, false)),
            ..Default::default()
        };
        t.step(None, Some(b"a\xff"), 1, Mrr::None, 1).unwrap();
        t.step(None, Some(b"a\xfe"), 1, Mrr::None, 1).unwrap();
        let s = t.to_tiers().unwrap();
        assert_eq!(s.cells.len(), 1);
        assert_eq!(s.tier("a\u{fffd}").0.customers, 2);
    }

    #[test]
    fn scales_for_the_moving_inverse() {
        let mut t = Tally {
            kind: Some((false, true)),
            ..Default::default()
        };
        one(&mut t, None, b"a", 150, 2, 1).unwrap();
        one(&mut t, None, b"a", 2, 0, 1).unwrap();
        assert!(
            one(&mut t, None, b"a", 2, 0, -1).unwrap(),
            "a value below the largest scale left"
        );
        one(&mut t, None, b"a", 3, 0, 1).unwrap();
        assert!(
            !one(&mut t, None, b"a", 150, 2, -1).unwrap(),
            "the last value at scale 2 left: recompute"
        );
        // totals past a summary's range: 22003 when the summary is made
        let mut big = Tally {
            kind: Some((false, false)),
            ..Default::default()
        };
        big.step(None, Some(b"a"), i64::MAX, Mrr::None, 1).unwrap();
        big.step(None, Some(b"b"), 1, Mrr::None, 1).unwrap();
        assert_eq!(big.to_tiers().unwrap_err().sqlstate(), "22003");
        let e = big.step(None, Some(b"a"), 1, Mrr::None, 1).unwrap_err();
        assert!(
            matches!(e, StepError::Kpi(ref e) if e.sqlstate() == "22003"),
            "{e:?}"
        );
        // a negative MRR is refused, the cell unchanged
        let neg = crate::numeric::tests::whole::encode(true, 5, 0);
        let e = t
            .step(None, Some(b"a"), 1, Mrr::Bytes(&neg), 1)
            .unwrap_err();
        assert!(matches!(e, StepError::Mrr(Refused::Negative)));
    }
}
