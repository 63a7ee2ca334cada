//! The running life table of `survival_agg` ([`Tally`]): pure Rust, beside
//! [`super::survival`]'s [`LifeTable`], which it produces.

use super::survival::{add, Exit, LifeTable, Row};
use super::survival_summary::read_into;
use crate::error::KpiError;
use allocator_api2::alloc::Allocator;
use allocator_api2::vec::Vec as AVec;

/// The aggregate's running life table: the counts of durations below [`DENSE`] in an array
/// indexed by the duration (counting a customer is two increments, no search), longer ones in a
/// [`LifeTable`]. The array grows to the longest duration seen (at most `DENSE` rows of 24 bytes).
#[derive(Debug)]
pub struct Tally<A: Allocator + Clone> {
    dense: AVec<[i64; 3], A>,
    sparse: LifeTable<A>,
    /// The stored summary `rollup()` is reading ([`Tally::step_stored`]), its rows' memory kept
    /// from summary to summary (a table allocated and freed a summary was a tenth of the time).
    read: LifeTable<A>,
}

/// Durations below this are counted in [`Tally`]'s array.
pub const DENSE: i64 = 4096;

const ENTERED: usize = 0;

impl<A: Allocator + Clone> Tally<A> {
    pub fn new_in(alloc: A) -> Self {
        Tally {
            dense: AVec::new_in(alloc.clone()),
            sparse: LifeTable::new_in(alloc.clone()),
            read: LifeTable::new_in(alloc),
        }
    }

    fn counts(&self, time: i64) -> [i64; 3] {
        if time < DENSE {
            self.dense.get(time as usize).copied().unwrap_or_default()
        } else {
            match self.sparse.rows.binary_search_by_key(&time, |r| r.time) {
                Ok(i) => {
                    let r = self.sparse.rows[i];
                    [r.entered, r.churned, r.censored]
                }
                Err(_) => [0; 3],
            }
        }
    }

    /// [`Tally::bump`] of the three counts (entered, churned, censored) of `time`, in turn.
    #[inline(always)]
    fn bump_row(&mut self, time: i64, delta: [i64; 3]) -> Result<(), KpiError> {
        if time < DENSE {
            let i = time as usize;
            if i >= self.dense.len() {
                self.grow(i);
            }
            for (c, d) in self.dense[i].iter_mut().zip(delta) {
                *c = add(*c, d)?;
            }
        } else {
            let r = self.sparse.row_mut(time);
            for (c, d) in [&mut r.entered, &mut r.churned, &mut r.censored]
                .into_iter()
                .zip(delta)
            {
                *c = add(*c, d)?;
            }
        }
        Ok(())
    }

    /// The array long enough for index `i` (below [`DENSE`]).
    #[cold]
    fn grow(&mut self, i: usize) {
        let len = (i + 1).next_power_of_two().clamp(64, DENSE as usize);
        self.dense.resize(len, [0; 3]);
    }

    /// Add `delta` to count `k` (entered, churned, censored) of `time` (not negative).
    #[inline]
    fn bump(&mut self, time: i64, k: usize, delta: i64) -> Result<(), KpiError> {
        if time < DENSE {
            let i = time as usize;
            if i >= self.dense.len() {
                self.grow(i);
            }
            let c = &mut self.dense[i][k];
            *c = add(*c, delta)?;
        } else {
            let r = self.sparse.row_mut(time);
            let c = match k {
                ENTERED => &mut r.entered,
                1 => &mut r.churned,
                _ => &mut r.censored,
            };
            *c = add(*c, delta)?;
        }
        Ok(())
    }

    fn exit_index(how: Exit) -> usize {
        match how {
            Exit::Churned => 1,
            Exit::Censored => 2,
        }
    }

    /// Count one customer (checked by [`LifeTable::check_customer`]).
    #[inline]
    pub fn add(&mut self, entry: i64, exit: i64, how: Exit) -> Result<(), KpiError> {
        self.bump(entry, ENTERED, 1)?;
        self.bump(exit, Self::exit_index(how), 1)
    }

    /// [`Tally::add`] for a customer whose times are both in the array as it is (the per-row
    /// fast path); false, changing nothing, otherwise (the array must grow, a time is past
    /// [`DENSE`], or a count is at its limit).
    #[inline(always)]
    pub fn try_add(&mut self, entry: i64, exit: i64, how: Exit) -> bool {
        let len = self.dense.len() as i64;
        if !(0..len).contains(&entry) || !(0..len).contains(&exit) {
            return false;
        }
        let (entry, exit, k) = (entry as usize, exit as usize, Self::exit_index(how));
        if self.dense[entry][ENTERED] == i64::MAX || self.dense[exit][k] == i64::MAX {
            return false;
        }
        self.dense[entry][ENTERED] += 1;
        self.dense[exit][k] += 1;
        true
    }

    /// Un-count one customer added before; false when it was not there.
    pub fn remove(&mut self, entry: i64, exit: i64, how: Exit) -> bool {
        let k = Self::exit_index(how);
        if self.counts(entry)[ENTERED] < 1 || self.counts(exit)[k] < 1 {
            return false;
        }
        let done = self.bump(entry, ENTERED, -1).is_ok() && self.bump(exit, k, -1).is_ok();
        self.sparse.rows.retain(|r| !r.is_empty());
        done
    }

    /// Add a life table's counts.
    pub fn merge_table<B: Allocator>(&mut self, t: &LifeTable<B>) -> Result<(), KpiError> {
        for r in t.rows.iter() {
            self.bump_row(r.time, [r.entered, r.churned, r.censored])?;
        }
        Ok(())
    }

    /// Add (or with `inverse` remove) a stored summary: [`read_into`] then
    /// [`Tally::merge_table`] (or [`Tally::unmerge_table`]: `Ok(None)` when it was not there),
    /// read into rows this tally keeps for the next summary.
    #[inline(always)]
    pub fn step_stored(&mut self, bytes: &[u8], inverse: bool) -> Result<Option<()>, KpiError> {
        let alloc = self.read.rows.allocator().clone();
        let mut read = std::mem::replace(&mut self.read, LifeTable::new_in(alloc));
        let done = read_into(bytes, &mut read).and_then(|()| match inverse {
            false => self.merge_table(&read).map(Some),
            true => Ok(self.unmerge_table(&read)),
        });
        self.read = read;
        done
    }

    /// Add another tally's counts.
    pub fn merge<B: Allocator + Clone>(&mut self, other: &Tally<B>) -> Result<(), KpiError> {
        for (t, c) in other.dense.iter().enumerate() {
            for (k, &x) in c.iter().enumerate() {
                if x != 0 {
                    self.bump(t as i64, k, x)?;
                }
            }
        }
        self.merge_table(&other.sparse)
    }

    /// Remove a life table's counts, merged in before; `None` when they were not all there.
    pub fn unmerge_table<B: Allocator>(&mut self, t: &LifeTable<B>) -> Option<()> {
        for r in t.rows.iter() {
            let c = self.counts(r.time);
            if c[0] < r.entered || c[1] < r.churned || c[2] < r.censored {
                return None;
            }
        }
        for r in t.rows.iter() {
            for (k, x) in [r.entered, r.churned, r.censored].into_iter().enumerate() {
                self.bump(r.time, k, -x).ok()?;
            }
        }
        self.sparse.rows.retain(|r| !r.is_empty());
        Some(())
    }

    /// The life table counted so far.
    pub fn table(&self) -> LifeTable {
        let mut t = LifeTable::default();
        for (time, c) in self.dense.iter().enumerate() {
            if *c != [0; 3] {
                t.rows.push(Row {
                    time: time as i64,
                    entered: c[0],
                    churned: c[1],
                    censored: c[2],
                });
            }
        }
        t.rows.extend(self.sparse.rows.iter().copied());
        t
    }
}
