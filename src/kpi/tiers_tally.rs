//! The cells of a tier aggregate being built ([`Tally`]), found by the tiers' names without
//! allocating: the per-row path of `tier_agg` and `tier_moves`. Pure Rust.

use super::tiers::{Cell, Tiers};
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
            let at = |i: usize| u64::from(u32::from_ne_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
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

/// Where a pair of keys starts its probe: a multiplicative hash of all their fields.
#[inline(always)]
fn slot_of(k: &(Key, Key), mask: usize) -> usize {
    let (b, a) = k;
    let x = b.first
        ^ b.last.rotate_left(13)
        ^ (b.len as u64).rotate_left(27)
        ^ a.first.rotate_left(41)
        ^ a.last.rotate_left(53)
        ^ (a.len as u64).rotate_left(7);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
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

    /// Put cell `i` in the table (a free slot after its own).
    fn place(&mut self, i: usize) {
        let mask = self.slots.len() - 1;
        let mut at = slot_of(&self.keys[i], mask);
        while self.slots[at] != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = i as u32 + 1;
    }

    /// Rebuild the table for the cells there are (after a cell left, or to grow it).
    fn reindex(&mut self) {
        let size = (2 * self.cells.len()).next_power_of_two().max(MIN_SLOTS);
        self.slots.clear();
        self.slots.resize(size, 0);
        for i in 0..self.cells.len() {
            self.place(i);
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
                if 2 * self.cells.len() > self.slots.len() {
                    self.reindex();
                } else {
                    self.place(i);
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
        // the table grows past its first 16 slots and is rebuilt as cells leave
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
    fn names_are_found_by_key_then_bytes() {
        // every length class of Key (none, up to 3, 4-7, 8-16, longer with the same first and
        // last eight bytes), NULL apart from empty: each pair of names its own cell
        let long = |middle: &str| format!("customers-{middle}-at-risk-now");
        let names: Vec<Option<String>> = [
            None,
            Some(""),
            Some("a"),
            Some("ab"),
            Some("abc"),
            Some("aXc"),
            Some("abcd"),
            Some("abcX"),
            Some("Xbcd"),
            Some("At-risk"),
            Some("At-riskk"),
            Some("Healthy"),
            Some("High-value"),
            Some("High-valuf"),
            Some("0123456789abcdef"),
            Some("0123456789Xbcdef"),
        ]
        .into_iter()
        .map(|n| n.map(String::from))
        .chain([Some(long("A")), Some(long("B")), Some(long("AA"))])
        .collect();
        let all: Vec<_> = names
            .iter()
            .flat_map(|b| names.iter().flatten().map(move |a| (b, a)))
            .collect();
        // a few cells (keys that are equal for different names share a probe), then all pairs
        // (the table grown several times)
        for pairs in [&all[names.len() + 9..][..8], &all[..]] {
            let mut t = Tally {
                kind: Some((true, false)),
                ..Default::default()
            };
            for round in 0..2 {
                for (i, (b, a)) in pairs.iter().enumerate() {
                    let b = b.as_deref().map(str::as_bytes);
                    assert_eq!(t.find(b, Some(a.as_bytes())), (round > 0).then_some(i));
                    t.step(b, Some(a.as_bytes()), 1, Mrr::None, 1).unwrap();
                }
            }
            assert_eq!(t.cells.len(), pairs.len());
            if pairs.len() == 8 {
                assert_eq!(pairs[7].1.len(), long("AA").len(), "the long names are in");
            }
            assert!(t.cells.iter().all(|(_, c)| c.customers == 2));
        }
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
