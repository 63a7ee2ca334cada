//! The cells of a tier aggregate being built ([`Tally`]), found by the tiers' names without
//! allocating: the per-row path of `tier_agg` and `tier_moves`. Pure Rust.

use super::tiers::{read_stored, Cell, Cells, Tiers};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::numeric_sum::{NumericSum, Refused, MAX_VALUES};

/// The cells of an aggregate being built, unsorted: found by their names without allocating, in an
/// open-addressing table of the names' [`Key`]s (one probe for a few tiers, and no branch that
/// depends on which tier a row has, which a scan mispredicts when rows come in any order). Each
/// cell's MRR is summed exactly per digit position ([`NumericSum`], as `share()`'s weights: it
/// keeps the largest scale added and how many values have it, for a moving inverse); the sums
/// become [`Scaled`] decimals, checked, in [`Tally::to_tiers`].
#[derive(Debug, Default)]
pub struct Tally {
    /// `(moves, with_mrr)`, once the first row or summary said.
    pub kind: Option<(bool, bool)>,
    cells: Vec<(Bytes, Counted)>,
    /// The cells' names' [`Key`]s, in the cells' order: what a row's names are compared with.
    keys: Vec<(Key, Key)>,
    /// The table: a cell's index + 1 in the slot its keys hash to (or the next free one), 0 for
    /// a free slot; a power of two, at least twice as many slots as cells.
    slots: Vec<u32>,
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

/// A name's fingerprint: its length and up to 16 of its bytes (four reads of four that cover a
/// name of up to 16 bytes), so two names up to 16 bytes long are equal exactly when their keys are;
/// longer names with equal keys are then compared whole. `NULL` has a length of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    len: usize,
    first: u64,
    last: u64,
}

impl Key {
    #[inline(always)]
    fn of(name: Option<&[u8]>) -> Key {
        let Some(b) = name else {
            return Key {
                len: usize::MAX,
                first: 0,
                last: 0,
            };
        };
        let n = b.len();
        let (first, last) = if n >= 4 {
            // four 4-byte reads at 0, min(4, n-4), max(n-8, 0) and n-4: every byte of a name of
            // 4 to 16 bytes, the first and last eight of a longer one. Computed offsets rather
            // than a branch on the length, which rows of tiers in any order would mispredict.
            // SAFETY: every offset is at most n - 4 (o1 <= n - 4, o2 < n - 4 or 0), so each read
            // is within `b`; unchecked because LLVM did not prove it.
            let at = |i: usize| unsafe {
                debug_assert!(i + 4 <= n);
                u64::from(u32::from_ne_bytes(
                    b.as_ptr().add(i).cast::<[u8; 4]>().read(),
                ))
            };
            let (o1, o2) = (4.min(n - 4), n.saturating_sub(8));
            (at(0) | at(o1) << 32, at(o2) | at(n - 4) << 32)
        } else if n > 0 {
            // up to 3 bytes: the first, the middle and the last are all of them
            let x = u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16;
            (x, 0)
        } else {
            (0, 0)
        };
        Key {
            len: n,
            first,
            last,
        }
    }

    /// Does an equal key mean an equal name?
    #[inline(always)]
    fn whole(&self) -> bool {
        self.len <= 16 || self.len == usize::MAX
    }
}

/// The table's smallest size.
const MIN_SLOTS: usize = 16;

/// Up to this many cells, the table grows (to at most [`SPREAD`] slots a cell) until every cell
/// has a home slot of its own: a lookup is then one probe, never a second one that a row of one
/// of the two tiers sharing a slot would take (a branch rows in any order mispredict).
const SPREAD_CELLS: usize = 16;
const SPREAD: usize = 16;

/// Where a pair of keys starts its probe: a folded multiply (as foldhash's) of all their fields.
#[inline(always)]
fn slot_of(k: &(Key, Key), mask: usize) -> usize {
    let (b, a) = k;
    let x = b.first
        ^ b.last.rotate_left(13)
        ^ (b.len as u64).rotate_left(27)
        ^ a.first.rotate_left(41)
        ^ a.last.rotate_left(53)
        ^ (a.len as u64).rotate_left(7);
    let p = u128::from(x) * 0x9E37_79B9_7F4A_7C15;
    ((p >> 64) as u64 ^ p as u64) as usize & mask
}

impl Tally {
    #[inline(always)]
    fn find(&self, before: Option<&[u8]>, after: Option<&[u8]>) -> Option<usize> {
        let key = (Key::of(before), Key::of(after));
        let whole = key.0.whole() && key.1.whole();
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = slot_of(&key, mask);
        loop {
            let i = (self.slots[at] as usize).checked_sub(1)?;
            if self.keys[i] == key
                && (whole || {
                    let (k, _) = &self.cells[i];
                    k.0.as_deref() == before && k.1.as_deref() == after
                })
            {
                return Some(i);
            }
            at = (at + 1) & mask;
        }
    }

    /// Put cell `i` in the table (a free slot after its own); false when that is not its own.
    fn place(&mut self, i: usize) -> bool {
        let mask = self.slots.len() - 1;
        let home = slot_of(&self.keys[i], mask);
        let mut at = home;
        while self.slots[at] != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = i as u32 + 1;
        at == home
    }

    /// Rebuild the table for the cells there are (after a cell left, or to grow it): at least
    /// twice as many slots as cells, and for a few cells as many more as give each its own.
    fn reindex(&mut self) {
        let n = self.cells.len();
        let mut size = (2 * n).next_power_of_two().max(MIN_SLOTS);
        loop {
            self.slots.clear();
            self.slots.resize(size, 0);
            let mut own = true;
            for i in 0..n {
                own &= self.place(i);
            }
            if own || n > SPREAD_CELLS || size >= SPREAD * n {
                return;
            }
            size *= 2;
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
                self.keys.push((Key::of(before), Key::of(after)));
                let i = self.cells.len() - 1;
                let spread = self.cells.len() <= SPREAD_CELLS;
                if 2 * self.cells.len() > self.slots.len() || !self.place(i) && spread {
                    self.reindex();
                }
                i
            }
            None => return Err(cannot_remove().into()),
        };
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
            self.keys.swap_remove(i);
            self.reindex();
            return Ok(true);
        }
        Ok(cell.mrr.scale_known())
    }

    /// One row into a cell that exists (the per-row fast path): a customer and, with `mrr`, the
    /// data bytes of a `numeric` that [`NumericSum::add_short`] reads, as [`Tally::step`] adds
    /// them; false, changing nothing, for anything else (a new cell, a value `add_short` leaves
    /// to the general path, a count at its limit), which `step` then takes.
    #[inline(always)]
    pub fn try_add_row(&mut self, before: Option<&[u8]>, after: &[u8], mrr: Option<&[u8]>) -> bool {
        let Some(i) = self.find(before, Some(after)) else {
            return false;
        };
        let cell = &mut self.cells[i].1;
        if cell.customers == i64::MAX || cell.values >= MAX_VALUES {
            return false;
        }
        if let Some(b) = mrr {
            if !cell.mrr.add_short(b, false) {
                return false;
            }
        }
        cell.customers += 1;
        cell.values += 1;
        true
    }

    /// Add (`sign` 1) or remove (-1) a summary, cell by cell; its kind must be this one's.
    /// `Ok(false)` when a removal left a cell's MRR scale unknown (the caller recomputes).
    pub fn step_summary(&mut self, t: &Tiers, sign: i64) -> Result<bool, KpiError> {
        let mut to = Stepping::new(self, sign);
        to.kind(t.moves, t.with_mrr)?;
        for ((b, a), c) in &t.cells {
            to.cell(b.as_deref(), a.as_deref(), *c)?;
        }
        Ok(to.known)
    }

    /// [`Tally::step_summary`] for a stored summary, its cells stepped as
    /// [`read_stored`] reads them (`rollup()`: nothing decoded into a [`Tiers`], nothing
    /// allocated); the same errors.
    #[inline(always)]
    pub fn step_stored(&mut self, bytes: &[u8], sign: i64) -> Result<bool, KpiError> {
        let mut to = Stepping::new(self, sign);
        read_stored(bytes, &mut to)?;
        Ok(to.known)
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

/// A summary's cells stepped into a tally (`sign` 1 in, -1 out), and whether every cell's MRR
/// scale is still known.
struct Stepping<'t> {
    tally: &'t mut Tally,
    sign: i64,
    known: bool,
}

impl<'t> Stepping<'t> {
    fn new(tally: &'t mut Tally, sign: i64) -> Self {
        Stepping {
            tally,
            sign,
            known: true,
        }
    }
}

impl Cells for Stepping<'_> {
    #[inline(always)]
    fn kind(&mut self, moves: bool, with_mrr: bool) -> Result<(), KpiError> {
        match self.tally.kind {
            None => self.tally.kind = Some((moves, with_mrr)),
            Some(mine) if mine != (moves, with_mrr) => {
                let kind = |(m, w)| Tiers::new(m, w);
                kind(mine).merge(&kind((moves, with_mrr)), 1)?
            }
            Some(_) => {}
        }
        Ok(())
    }

    #[inline(always)]
    fn cell(&mut self, before: Option<&str>, after: Option<&str>, c: Cell) -> Result<(), KpiError> {
        let with_mrr = self.tally.kind.is_some_and(|(_, w)| w);
        let mrr = if with_mrr { Mrr::Sum(c.mrr) } else { Mrr::None };
        let (b, a) = (before.map(str::as_bytes), after.map(str::as_bytes));
        self.known &= match self.tally.step(b, a, c.customers, mrr, self.sign) {
            Ok(k) => k,
            Err(StepError::Kpi(e)) => return Err(e),
            Err(StepError::Mrr(_)) => return Err(too_large()),
        };
        Ok(())
    }
}

#[cfg(test)]
#[path = "tiers_tally_tests.rs"]
mod tests;
