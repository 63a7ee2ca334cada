//! `survivalsummary`: a life table ([`LifeTable`]) stored as a value. Pure Rust.
//!
//! - Stored form, version 1: the version byte, the number of rows, then per row the time (the
//!   first row's from 0, each later one's from the time before it), entered, churned and
//!   censored, each an unsigned LEB128 number ([`crate::bytes`]): a row of small counts is 4
//!   bytes.
//! - Text form, version 1: `{"v":1,"times":[[time,entered,churned,censored],...]}`, times
//!   strictly increasing.
//! - Both inputs check [`LifeTable::check`] (no one leaves who was not at risk, ...): 22P02.

use super::survival::{LifeTable, Row};
use crate::bytes::{Reader, Writer};
use crate::error::KpiError;
use crate::summary::Stored;
use crate::text::Count;
use allocator_api2::alloc::Allocator;

pub const VERSION: u8 = 1;
const TYPE: &str = "survivalsummary";
const EXPECTED: &str = r#"{"v":1,"times":[[<time>,<entered>,<churned>,<censored>],...]}"#;

/// The stored form of any life table.
pub fn to_stored<A: Allocator>(t: &LifeTable<A>) -> Vec<u8> {
    let mut w = Writer::new(VERSION).varint(t.rows.len() as u64);
    let mut before = 0i64;
    for r in t.rows.iter() {
        w = w
            .varint((r.time - before) as u64)
            .varint(r.entered as u64)
            .varint(r.churned as u64)
            .varint(r.censored as u64);
        before = r.time;
    }
    w.into_vec()
}

/// A number of the stored form up to `bigint`'s largest (`what` names it in the error).
/// Inlined: a row is four of them, and `rollup()` reads every summary.
#[inline(always)]
fn count(r: &mut Reader, what: &str) -> Result<i64, KpiError> {
    let x = r.varint()?;
    i64::try_from(x).map_err(|_| out_of_range(r, what, x))
}

#[cold]
#[inline(never)]
fn out_of_range(r: &Reader, what: &str, x: u64) -> KpiError {
    r.error(&format!("{what} {x} out of range"))
}

/// Parse the stored form into a life table of `alloc`.
pub fn from_stored_in<A: Allocator>(bytes: &[u8], alloc: A) -> Result<LifeTable<A>, KpiError> {
    let mut t = LifeTable::new_in(alloc);
    read_into(bytes, &mut t)?;
    Ok(t)
}

/// Parse the stored form into `t`, its rows replaced (their memory reused: `rollup()` reads
/// every summary into one table).
#[inline(always)]
pub fn read_into<A: Allocator>(bytes: &[u8], t: &mut LifeTable<A>) -> Result<(), KpiError> {
    t.rows.clear();
    let mut r = Reader::new(bytes, TYPE, VERSION)?;
    let n = r.varint()?;
    let mut time = 0i64;
    for i in 0..n {
        let delta = count(&mut r, "time step")?;
        if i > 0 && delta == 0 {
            return Err(r.error("a time repeated"));
        }
        time = time
            .checked_add(delta)
            .ok_or_else(|| r.error("time out of range"))?;
        let row = Row {
            time,
            entered: count(&mut r, "count")?,
            churned: count(&mut r, "count")?,
            censored: count(&mut r, "count")?,
        };
        t.rows.push(row);
        if r.at_end() && i + 1 < n {
            return Err(r.error(&format!("truncated after {} of {n} rows", i + 1)));
        }
    }
    r.end()?;
    t.check()
        .map_err(|why| KpiError::BadText(format!("invalid {TYPE} bytes: {why}")))
}

/// The text form.
pub fn to_text<A: Allocator>(t: &LifeTable<A>) -> String {
    #[derive(serde::Serialize)]
    struct Form {
        v: u8,
        times: Vec<[i64; 4]>,
    }
    crate::text::to_json(&Form {
        v: VERSION,
        times: t
            .rows
            .iter()
            .map(|r| [r.time, r.entered, r.churned, r.censored])
            .collect(),
    })
}

/// Version 1 of the text form.
fn parse_v1(text: &str) -> Result<LifeTable, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        times: Vec<(Count, Count, Count, Count)>,
    }
    let form: Form = crate::text::from_json(text)?;
    let mut t = LifeTable::default();
    for (time, entered, churned, censored) in form.times {
        t.rows.push(Row {
            time: time.0,
            entered: entered.0,
            churned: churned.0,
            censored: censored.0,
        });
    }
    t.check()?;
    Ok(t)
}

impl Stored for LifeTable {
    const TYPE: &'static str = TYPE;
    const VERSIONS: &'static [u8] = &[VERSION];
    fn to_stored(&self) -> Vec<u8> {
        to_stored(self)
    }
    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        from_stored_in(bytes, allocator_api2::alloc::Global)
    }
    fn to_text(&self) -> String {
        to_text(self)
    }
    fn from_text(text: &str) -> Result<Self, KpiError> {
        crate::text::read(text, TYPE, EXPECTED, &[(1, parse_v1)])
    }
}
