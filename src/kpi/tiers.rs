//! # `tiersummary`: customers (and MRR) per health tier, and tier moves between two snapshots
//!
//! - `tier_agg(tier text [, mrr numeric])`: a customer per row; the distribution of customers
//!   (and of MRR) over tiers. `tier_share(s, 'At-risk')` equals `share(tier = 'At-risk')` and
//!   `tier_mrr_share(s, 'At-risk')` equals `share(tier = 'At-risk', mrr)`, digit for digit.
//! - `tier_moves(before_tier text, after_tier text [, mrr numeric])`: a customer per row of two
//!   snapshots joined (`FULL JOIN ... USING (customer_id)`): a NULL before tier is a customer new
//!   since the first snapshot, a NULL after tier one gone by the second.
//! - Rows with a NULL argument are skipped (both tiers NULL for `tier_moves`); a negative MRR is
//!   22003 (as `share()`'s weights).
//! - A summary is a set of cells `(before, after) -> (customers, mrr)`: `tier_agg`'s have no
//!   before tier. Cells are kept sorted and never empty, so a summary's bytes depend only on the
//!   rows in it: a window's summary equals the one-step one. Each cell's MRR sum has the scale of
//!   the largest scale added to it (as `share()`'s sums).
//! - Stored form, version 1: the version byte, flags (1: moves, 2: with MRR), the number of cells,
//!   then per cell the before and after tiers (LEB128 length + 1, 0 for none, then UTF-8 bytes),
//!   customers, and with MRR the sum's scale byte and its low and high 64 bits (LEB128).
//! - Text form, version 1: `{"v":1,"moves":false,"mrr":true,"cells":[[null,"At-risk",3,120.50],
//!   ...]}`; both inputs check [`Tiers::check`] (22P02).

use crate::bytes::{Reader, Writer};
use crate::error::KpiError;
use crate::numeric::{Scaled, MAX_SCALE};
use crate::summary::Stored;
use crate::text::{Count, Decimal, Nullable, Number};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

pub const VERSION: u8 = 1;
const TYPE: &str = "tiersummary";
const EXPECTED: &str = r#"{"v":1,"moves":<boolean>,"mrr":<boolean>,"cells":[[<before tier or null>,<after tier or null>,<customers>(,<mrr>)],...]}"#;

/// A cell's key: the tier before (`None` without an earlier snapshot, or new) and after (`None`:
/// gone).
pub type Key = (Option<String>, Option<String>);

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    pub customers: i64,
    pub mrr: Scaled,
}

/// The cells of a tier summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tiers {
    pub moves: bool,
    pub with_mrr: bool,
    pub cells: BTreeMap<Key, Cell>,
}

fn describe(t: &Tiers) -> String {
    let kind = if t.moves { "tier_moves" } else { "tier_agg" };
    let mrr = if t.with_mrr {
        "with mrr"
    } else {
        "without mrr"
    };
    format!("{kind} {mrr}")
}

/// The rules of [`Tiers::check`], cell by cell in the cells' order, with the totals so far: for
/// the cells of a summary and for those of a stored one read in place ([`read_stored`]).
struct Rules {
    moves: bool,
    with_mrr: bool,
    customers: i64,
    mrr: Scaled,
}

impl Rules {
    fn new(moves: bool, with_mrr: bool) -> Self {
        Rules {
            moves,
            with_mrr,
            customers: 0,
            mrr: Scaled::default(),
        }
    }

    #[inline(always)]
    fn cell(&mut self, before: Option<&str>, after: Option<&str>, c: &Cell) -> Result<(), String> {
        match (self.moves, before, after) {
            (_, None, None) => return Err("a cell without tiers".into()),
            (false, Some(b), _) => {
                return Err(format!("a before tier \"{b}\" in a tier_agg summary"))
            }
            _ => {}
        }
        if c.customers < 1 {
            return Err(format!("a cell of {} customers", c.customers));
        }
        if c.mrr.is_negative() || (!self.with_mrr && c.mrr != Scaled::default()) {
            return Err(format!("mrr {} in a cell", c.mrr));
        }
        self.customers = self
            .customers
            .checked_add(c.customers)
            .ok_or("customers out of range")?;
        self.mrr = self
            .mrr
            .add(c.mrr.mantissa, c.mrr.scale)
            .ok_or("mrr out of range")?;
        Ok(())
    }
}

impl Tiers {
    pub fn new(moves: bool, with_mrr: bool) -> Self {
        Tiers {
            moves,
            with_mrr,
            cells: BTreeMap::new(),
        }
    }

    /// The rules every stored summary meets.
    pub fn check(&self) -> Result<(), String> {
        let mut rules = Rules::new(self.moves, self.with_mrr);
        for ((before, after), c) in &self.cells {
            rules.cell(before.as_deref(), after.as_deref(), c)?;
        }
        Ok(())
    }

    /// Add (`sign` 1) or remove (-1) `other`'s cells; a removal of what was not added is an error.
    pub fn merge(&mut self, other: &Tiers, sign: i64) -> Result<(), KpiError> {
        if (self.moves, self.with_mrr) != (other.moves, other.with_mrr) {
            return Err(KpiError::InvalidParameter(format!(
                "combine(tiersummary) summaries must be of one kind, got {} and {}",
                describe(self),
                describe(other)
            )));
        }
        for (key, c) in &other.cells {
            self.add_cell(key, *c, sign)?;
        }
        Ok(())
    }

    /// Add (`sign` 1) or remove (-1) one cell's customers and MRR.
    pub fn add_cell(&mut self, key: &Key, c: Cell, sign: i64) -> Result<(), KpiError> {
        let too_large = || KpiError::OutOfRange("tiersummary customers or mrr out of range".into());
        let cannot_remove = || {
            KpiError::InvalidParameter(
                "combine(tiersummary) cannot remove a summary it did not add".into(),
            )
        };
        let mine = match self.cells.get_mut(key) {
            Some(m) => m,
            None if sign > 0 => self.cells.entry(key.clone()).or_default(),
            None => return Err(cannot_remove()),
        };
        let customers = mine
            .customers
            .checked_add(sign * c.customers)
            .ok_or_else(too_large)?;
        let m = c
            .mrr
            .mantissa
            .checked_mul(i128::from(sign))
            .ok_or_else(too_large)?;
        let mrr = mine.mrr.add(m, c.mrr.scale).ok_or_else(too_large)?;
        if customers < 0 || mrr.is_negative() || (customers == 0 && mrr.mantissa != 0) {
            return Err(cannot_remove());
        }
        if customers == 0 {
            self.cells.remove(key);
        } else {
            *mine = Cell { customers, mrr };
        }
        Ok(())
    }

    /// The cells with `pick(key)`, their customers and MRR added (MRR at the largest scale).
    fn sum(&self, pick: impl Fn(&Key) -> bool) -> Cell {
        let mut out = Cell::default();
        for (_, c) in self.cells.iter().filter(|(k, _)| pick(k)) {
            out.customers += c.customers; // bounded: checked on the way in
            out.mrr = out
                .mrr
                .add(c.mrr.mantissa, c.mrr.scale)
                .expect("checked on the way in");
        }
        out
    }

    /// The customers (and MRR) of a tier (after the move), and of all tiers.
    pub fn tier(&self, tier: &str) -> (Cell, Cell) {
        (
            self.sum(|k| k.1.as_deref() == Some(tier)),
            self.sum(|k| k.1.is_some()),
        )
    }

    /// The customers (and MRR) that moved from `before` to `after`, and all that were in
    /// `before`; `None` for a summary of one snapshot.
    pub fn moved(&self, before: Option<&str>, after: Option<&str>) -> Option<(Cell, Cell)> {
        self.moves.then(|| {
            (
                self.sum(|k| k.0.as_deref() == before && k.1.as_deref() == after),
                self.sum(|k| k.0.as_deref() == before),
            )
        })
    }

    /// The tiers (after the move), in byte order of their names, with their customers and MRR.
    pub fn rows(&self) -> Vec<(&str, Cell)> {
        let mut names: Vec<&str> = self.cells.keys().filter_map(|k| k.1.as_deref()).collect();
        names.dedup(); // cells sorted by before tier first: not yet sorted by after tier
        names.sort_unstable();
        names.dedup();
        names.into_iter().map(|n| (n, self.tier(n).0)).collect()
    }
}

fn put_name(w: Writer, name: &Option<String>) -> Writer {
    match name {
        None => w.varint(0),
        Some(n) => w.varint(n.len() as u64 + 1).bytes(n.as_bytes()),
    }
}

/// A name of a stored summary, in place.
#[inline(always)]
fn get_name<'a>(r: &mut Reader<'a>) -> Result<Option<&'a str>, KpiError> {
    match r.varint()? {
        0 => Ok(None),
        n => {
            let len = usize::try_from(n - 1).map_err(|_| r.error("tier name too long"))?;
            let name = r.slice(len)?;
            let text = match name.is_ascii() {
                // SAFETY: ASCII is UTF-8. Tested inline first: `from_utf8` is a call, a tenth
                // of `rollup()`'s time over one-cell summaries (BENCHMARKS.md, issue 26)
                true => Ok(unsafe { std::str::from_utf8_unchecked(name) }),
                false => std::str::from_utf8(name),
            };
            match text {
                Ok(s) if !name.contains(&0) => Ok(Some(s)),
                _ => Err(r.error("a tier name that is not text")),
            }
        }
    }
}

/// What [`read_stored`] hands a stored summary's kind and cells to, as it reads them.
pub trait Cells {
    /// The summary's kind, before its cells.
    fn kind(&mut self, moves: bool, with_mrr: bool) -> Result<(), KpiError>;
    /// A cell, in the cells' order, its names borrowed from the bytes.
    fn cell(&mut self, before: Option<&str>, after: Option<&str>, c: Cell) -> Result<(), KpiError>;
}

/// Read a stored summary in place, handing its kind and cells to `to` as they are read (nothing
/// allocated: `rollup()` steps them into its tally, [`Tiers::from_stored`] builds a summary),
/// every rule of [`Tiers::check`] checked on the way. Of several faults, the one returned is the
/// first fault of the bytes, else the first broken rule in cell order, else `to`'s first error
/// (after which it is handed nothing more): as when the summary was decoded whole and checked
/// before `to` saw it.
#[inline(always)]
pub fn read_stored(bytes: &[u8], to: &mut impl Cells) -> Result<(), KpiError> {
    let mut r = Reader::new(bytes, TYPE, VERSION)?;
    let flags = r.u8()?;
    if flags > 3 {
        return Err(r.error(&format!("flags {flags} out of range")));
    }
    let (moves, with_mrr) = (flags & 1 == 1, flags & 2 == 2);
    let mut rules = Rules::new(moves, with_mrr);
    let mut broken: Option<String> = None;
    let mut refused = to.kind(moves, with_mrr);
    let n = r.varint()?;
    let mut last = None;
    for _ in 0..n {
        let key = (get_name(&mut r)?, get_name(&mut r)?);
        let customers = r.varint()?;
        let customers = i64::try_from(customers).map_err(|_| r.error("customers out of range"))?;
        let mut mrr = Scaled::default();
        if with_mrr {
            let scale = u32::from(r.u8()?);
            let (lo, hi) = (r.varint()?, r.varint()?);
            let m = (u128::from(hi) << 64) | u128::from(lo);
            if scale > MAX_SCALE || m > i128::MAX as u128 {
                return Err(r.error("mrr out of range"));
            }
            mrr = Scaled {
                mantissa: m as i128,
                scale,
            };
        }
        if last.is_some_and(|l| l >= key) {
            return Err(r.error("cells out of order"));
        }
        last = Some(key);
        let cell = Cell { customers, mrr };
        if broken.is_none() {
            broken = rules.cell(key.0, key.1, &cell).err();
            if broken.is_none() && refused.is_ok() {
                refused = to.cell(key.0, key.1, cell);
            }
        }
    }
    r.end()?;
    match broken {
        Some(why) => Err(KpiError::BadText(format!("invalid {TYPE} bytes: {why}"))),
        None => refused,
    }
}

/// [`Tiers::from_stored`]: the cells inserted as read ([`read_stored`] checks them).
impl Cells for Tiers {
    fn kind(&mut self, moves: bool, with_mrr: bool) -> Result<(), KpiError> {
        (self.moves, self.with_mrr) = (moves, with_mrr);
        Ok(())
    }
    fn cell(&mut self, before: Option<&str>, after: Option<&str>, c: Cell) -> Result<(), KpiError> {
        let key = (before.map(str::to_string), after.map(str::to_string));
        self.cells.insert(key, c);
        Ok(())
    }
}

impl Stored for Tiers {
    const TYPE: &'static str = TYPE;
    const VERSIONS: &'static [u8] = &[VERSION];

    fn to_stored(&self) -> Vec<u8> {
        let flags = u8::from(self.moves) | (u8::from(self.with_mrr) << 1);
        let mut w = Writer::new(VERSION)
            .u8(flags)
            .varint(self.cells.len() as u64);
        for ((before, after), c) in &self.cells {
            w = put_name(put_name(w, before), after).varint(c.customers as u64);
            if self.with_mrr {
                let m = c.mrr.mantissa as u128;
                w = w
                    .u8(c.mrr.scale as u8)
                    .varint(m as u64)
                    .varint((m >> 64) as u64);
            }
        }
        w.into_vec()
    }

    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut t = Tiers::default();
        read_stored(bytes, &mut t)?;
        Ok(t)
    }

    fn to_text(&self) -> String {
        #[derive(serde::Serialize)]
        struct Form {
            v: u8,
            moves: bool,
            mrr: bool,
            cells: Vec<Vec<Box<RawValue>>>,
        }
        let raw = |text: String| RawValue::from_string(text).expect("valid JSON");
        let name = |n: &Option<String>| raw(serde_json::to_string(n).expect("a string"));
        let cells = self
            .cells
            .iter()
            .map(|((b, a), c)| {
                let mut row = vec![name(b), name(a), raw(c.customers.to_string())];
                if self.with_mrr {
                    row.push(raw(Number::from(c.mrr).0));
                }
                row
            })
            .collect();
        crate::text::to_json(&Form {
            v: VERSION,
            moves: self.moves,
            mrr: self.with_mrr,
            cells,
        })
    }

    fn from_text(text: &str) -> Result<Self, KpiError> {
        crate::text::read(text, TYPE, EXPECTED, &[(1, parse_v1)])
    }
}

/// Version 1 of the text form.
fn parse_v1(text: &str) -> Result<Tiers, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        moves: bool,
        mrr: bool,
        cells: Vec<Vec<Box<RawValue>>>,
    }
    let form: Form = crate::text::from_json(text)?;
    let mut t = Tiers::new(form.moves, form.mrr);
    let width = if form.mrr { 4 } else { 3 };
    for cell in form.cells {
        if cell.len() != width {
            return Err(format!("a cell of {} values, expected {width}", cell.len()));
        }
        let get = |i: usize| cell[i].get();
        let name = |i| {
            serde_json::from_str::<Nullable<String>>(get(i))
                .map(|n| n.0)
                .map_err(|e| e.to_string())
        };
        let key = (name(0)?, name(1)?);
        if key.0.as_deref().is_some_and(|n| n.contains('\0'))
            || key.1.as_deref().is_some_and(|n| n.contains('\0'))
        {
            return Err("a tier name with a NUL character".into());
        }
        let customers = serde_json::from_str::<Count>(get(2))
            .map_err(|e| e.to_string())?
            .0;
        let mrr = match form.mrr {
            true => {
                serde_json::from_str::<Decimal>(get(3))
                    .map_err(|e| e.to_string())?
                    .0
            }
            false => Scaled::default(),
        };
        if t.cells.insert(key, Cell { customers, mrr }).is_some() {
            return Err("a cell repeated".into());
        }
    }
    t.check()?;
    Ok(t)
}

#[cfg(test)]
#[path = "tiers_tests.rs"]
mod tests;
