//! `cohortsummary`: the cohort matrices ([`Matrix`]) stored as a value. Pure Rust.
//!
//! - Stored form, version 1: the version byte, the period (0 day, 1 week, 2 month, 3 quarter,
//!   4 year), `as_of` (days since 2000-01-01, 8 bytes), the MRR scale (255: no MRR), then for
//!   the first-cohort and the new-cohort rule: the number of cohorts, and per cohort (first days
//!   increasing) `as_of` minus its first day, its size and its number of cells, and per cell
//!   eligible and the four retained counts (end of period, end of period on or after, active in
//!   period, active on or after), then with MRR initial, MRR and capped MRR as two numbers each
//!   (low and high 64 bits). Every number is an unsigned LEB128 number ([`crate::bytes`]).
//! - Text form, version 1: `{"v":1,"period":"month","as_of":"2025-06-30","mrr_scale":2,
//!   "first_cohort":[{"cohort":"2025-01-01","size":3,"cells":[[eligible,end,end_on_or_after,
//!   active,active_on_or_after(,initial,mrr,capped)],...]}],"new_cohort":[...]}`, money written
//!   at `mrr_scale` (`null` without MRR, and cells of five counts).
//! - Both inputs check [`Matrix::check`]: 22P02.

use super::cohort::{Cell, Cohort, Matrix, Returning, Unit};
use crate::bytes::{Reader, Writer};
use crate::error::KpiError;
use crate::numeric::{Scaled, MAX_SCALE};
use crate::summary::Stored;
use crate::text::{Count, Nullable, Number};
use crate::time::{Kind, Moment};
use serde_json::value::RawValue;

pub const VERSION: u8 = 1;
const TYPE: &str = "cohortsummary";
const EXPECTED: &str = r#"{"v":1,"period":<period>,"as_of":<date>,"mrr_scale":<scale or null>,"first_cohort":[{"cohort":<date>,"size":<count>,"cells":[[<eligible>,<end>,<end_on_or_after>,<active>,<active_on_or_after>(,<initial>,<mrr>,<capped>)],...]},...],"new_cohort":[...]}"#;
const UNITS: [(Unit, &str); 5] = [
    (Unit::Day, "day"),
    (Unit::Week, "week"),
    (Unit::Month, "month"),
    (Unit::Quarter, "quarter"),
    (Unit::Year, "year"),
];
const RULES: [Returning; 2] = [Returning::FirstCohort, Returning::NewCohort];

pub fn unit_name(u: Unit) -> &'static str {
    UNITS
        .iter()
        .find(|(x, _)| *x == u)
        .map(|(_, n)| *n)
        .expect("every unit has a name")
}

fn split(x: i128) -> (u64, u64) {
    (x as u64, (x >> 64) as u64)
}

/// The stored form.
pub fn to_stored(m: &Matrix) -> Vec<u8> {
    let unit = UNITS
        .iter()
        .position(|(u, _)| *u == m.unit)
        .expect("a unit") as u8;
    let mut w = Writer::new(VERSION)
        .u8(unit)
        .i64(m.as_of)
        .u8(m.scale.map_or(u8::MAX, |s| s as u8));
    for r in RULES {
        let cohorts = m.cohorts(r);
        w = w.varint(cohorts.len() as u64);
        for (&start, c) in cohorts {
            w = w
                .varint((m.as_of - start) as u64)
                .varint(c.size as u64)
                .varint(c.cells.len() as u64);
            for cell in &c.cells {
                w = w.varint(cell.eligible as u64);
                for x in cell.retained {
                    w = w.varint(x as u64);
                }
                if m.scale.is_some() {
                    for x in [cell.initial, cell.mrr, cell.capped] {
                        let (lo, hi) = split(x);
                        w = w.varint(lo).varint(hi);
                    }
                }
            }
        }
    }
    w.into_vec()
}

/// A count of the stored form (a number up to `bigint`'s largest). Inlined: a cohort's cells
/// are five of them each, and `rollup()` reads every summary.
#[inline(always)]
fn count(r: &mut Reader) -> Result<i64, KpiError> {
    let x = r.varint()?;
    i64::try_from(x).map_err(|_| count_out_of_range(r, x))
}

#[cold]
#[inline(never)]
fn count_out_of_range(r: &Reader, x: u64) -> KpiError {
    r.error(&format!("count {x} out of range"))
}

/// What [`read_stored`] hands a stored matrix's parts to, as it reads them.
pub trait Parts {
    /// The matrix's period, `as_of` and money scale (`None`: no MRR), before its cohorts.
    fn head(&mut self, unit: Unit, as_of: i64, scale: Option<u32>) -> Result<(), KpiError>;
    /// A cohort of `rule` starting on day `start`, of `size` members, in the stored order (the
    /// first-cohort rule's, then the new-cohort rule's, each by day); its cells are a buffer the
    /// callee may change.
    fn cohort(
        &mut self,
        rule: Returning,
        start: i64,
        size: i64,
        cells: &mut [Cell],
    ) -> Result<(), KpiError>;
}

/// Read a stored matrix in place, handing its parts to `to` as they are read (`cells` a buffer
/// for a cohort's cells, kept from call to call: `rollup()` merges each cohort into its state,
/// [`from_stored`] builds a matrix), every rule of [`Matrix::check`] checked on the way. Of
/// several faults, the one returned is the first fault of the bytes, else the first broken rule
/// in the stored order, else `to`'s first error (after which it is handed nothing more): as
/// when the matrix was decoded whole and checked before `to` saw it.
#[inline(always)]
pub fn read_stored(
    bytes: &[u8],
    to: &mut impl Parts,
    cells: &mut Vec<Cell>,
) -> Result<(), KpiError> {
    let mut r = Reader::new(bytes, TYPE, VERSION)?;
    let unit = r.u8()?;
    let unit = UNITS
        .get(usize::from(unit))
        .ok_or_else(|| r.error(&format!("period {unit} unknown")))?
        .0;
    let as_of = r.i64()?;
    let scale = match r.u8()? {
        u8::MAX => None,
        s if u32::from(s) <= MAX_SCALE => Some(u32::from(s)),
        s => return Err(r.error(&format!("scale {s} out of range"))),
    };
    // Matrix::check's first rule, a fault of the bytes here
    if !Kind::Date.valid(as_of) || !Kind::Date.valid(as_of + 1) {
        return Err(r.error("as_of out of range"));
    }
    // the rules' period and day. Never dropped: its empty maps own nothing, and dropping them
    // walked them (2 % of rollup() over one-cohort summaries)
    let shape = std::mem::ManuallyDrop::new(Matrix::new(unit, as_of, scale));
    let end = shape.end_date();
    let mut broken: Option<String> = None;
    let mut refused = to.head(unit, as_of, scale);
    for rule in RULES {
        let n = r.varint()?;
        let mut before: Option<i64> = None;
        for _ in 0..n {
            let back = count(&mut r)?;
            let start = as_of.checked_sub(back).filter(|&s| Kind::Date.valid(s));
            let Some(start) = start.filter(|&s| before.is_none_or(|b| s > b)) else {
                return Err(r.error("cohorts out of order or out of range"));
            };
            before = Some(start);
            let size = count(&mut r)?;
            let cells_len = r.varint()?;
            // each cell takes at least 5 bytes: a length past the bytes left is a lie
            if cells_len > bytes.len() as u64 {
                return Err(r.error(&format!("{cells_len} cells in {} bytes", bytes.len())));
            }
            cells.clear();
            for _ in 0..cells_len {
                // each number read into its place: a cell built apart and then copied in was
                // read back in 16-byte loads of its 8-byte stores, a stall (a third of
                // rollup()'s time). Pushed one by one: the buffer grows only as far as the
                // cells there are, whatever length a damaged summary claims
                cells.push(Cell::default());
                let cell = cells.last_mut().expect("just pushed");
                cell.eligible = count(&mut r)?;
                for x in cell.retained.iter_mut() {
                    *x = count(&mut r)?;
                }
                if scale.is_some() {
                    for x in [&mut cell.initial, &mut cell.mrr, &mut cell.capped] {
                        let (lo, hi) = (r.varint()?, r.varint()?);
                        if hi > i64::MAX as u64 {
                            return Err(r.error("an amount out of range"));
                        }
                        *x = i128::from(lo) | (i128::from(hi) << 64);
                    }
                }
            }
            if broken.is_none() {
                broken = shape.check_cohort(start, size, cells, end).err();
                if broken.is_none() && refused.is_ok() {
                    refused = to.cohort(rule, start, size, cells);
                }
            }
        }
    }
    r.end()?;
    match broken {
        Some(why) => Err(KpiError::BadText(format!("invalid {TYPE} bytes: {why}"))),
        None => refused,
    }
}

/// [`from_stored`]: the parts kept as read ([`read_stored`] checks them).
impl Parts for Matrix {
    fn head(&mut self, unit: Unit, as_of: i64, scale: Option<u32>) -> Result<(), KpiError> {
        *self = Matrix::new(unit, as_of, scale);
        Ok(())
    }
    fn cohort(
        &mut self,
        rule: Returning,
        start: i64,
        size: i64,
        cells: &mut [Cell],
    ) -> Result<(), KpiError> {
        let cells = cells.to_vec();
        self.cohorts_mut(rule).insert(start, Cohort { size, cells });
        Ok(())
    }
}

/// Parse the stored form.
pub fn from_stored(bytes: &[u8]) -> Result<Matrix, KpiError> {
    let mut m = Matrix::new(Unit::Day, 0, None);
    read_stored(bytes, &mut m, &mut Vec::new())?;
    Ok(m)
}

/// One cohort in the text form.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CohortText {
    cohort: Box<RawValue>,
    size: Box<RawValue>,
    cells: Vec<Vec<Box<RawValue>>>,
}

fn raw(text: String) -> Box<RawValue> {
    RawValue::from_string(text).expect("numbers and quoted dates are JSON")
}

/// The text form.
pub fn to_text(m: &Matrix) -> String {
    #[derive(serde::Serialize)]
    struct Form {
        v: u8,
        period: &'static str,
        as_of: String,
        mrr_scale: Option<u32>,
        first_cohort: Vec<CohortText>,
        new_cohort: Vec<CohortText>,
    }
    let money = |x: i128| {
        Number::from(Scaled {
            mantissa: x,
            scale: m.scale.unwrap_or(0),
        })
        .0
    };
    let rule = |r| {
        m.cohorts(r)
            .iter()
            .map(|(&start, c)| CohortText {
                cohort: raw(format!("\"{}\"", Moment(Kind::Date, start))),
                size: raw(c.size.to_string()),
                cells: c
                    .cells
                    .iter()
                    .map(|x| {
                        let mut v: Vec<String> = std::iter::once(x.eligible)
                            .chain(x.retained)
                            .map(|n| n.to_string())
                            .collect();
                        if m.scale.is_some() {
                            v.extend([x.initial, x.mrr, x.capped].map(money));
                        }
                        v.into_iter().map(raw).collect()
                    })
                    .collect(),
            })
            .collect()
    };
    crate::text::to_json(&Form {
        v: VERSION,
        period: unit_name(m.unit),
        as_of: Moment(Kind::Date, m.as_of).to_string(),
        mrr_scale: m.scale,
        first_cohort: rule(Returning::FirstCohort),
        new_cohort: rule(Returning::NewCohort),
    })
}

fn date(text: &str, what: &str) -> Result<i64, String> {
    match crate::time::parse_moment(text) {
        Some(Moment(Kind::Date, d)) => Ok(d),
        _ => Err(format!("{what} {text} is not a date (YYYY-MM-DD)")),
    }
}

/// Version 1 of the text form.
fn parse_v1(text: &str) -> Result<Matrix, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        period: String,
        as_of: String,
        mrr_scale: Nullable<Count>,
        first_cohort: Vec<CohortText>,
        new_cohort: Vec<CohortText>,
    }
    let form: Form = crate::text::from_json(text)?;
    let unit = UNITS
        .iter()
        .find(|(_, n)| *n == form.period)
        .ok_or_else(|| {
            format!(
                "period \"{}\" is not day, week, month, quarter or year",
                form.period
            )
        })?
        .0;
    let as_of = date(&form.as_of, "as_of")?;
    let scale = match form.mrr_scale.0 {
        None => None,
        Some(Count(s)) if s <= i64::from(MAX_SCALE) => Some(s as u32),
        Some(Count(s)) => return Err(format!("mrr_scale {s} is more than {MAX_SCALE}")),
    };
    let mut m = Matrix::new(unit, as_of, scale);
    let count = |v: &RawValue| {
        crate::text::parse_count(v.get()).ok_or_else(|| format!("{} is not a count", v.get()))
    };
    for (rule, cohorts) in [
        (Returning::FirstCohort, form.first_cohort),
        (Returning::NewCohort, form.new_cohort),
    ] {
        for c in cohorts {
            let quoted = c.cohort.get();
            let start = date(quoted.trim_matches('"'), "cohort")?;
            let width = if scale.is_some() { 8 } else { 5 };
            let mut cells = Vec::with_capacity(c.cells.len());
            for values in &c.cells {
                if values.len() != width {
                    return Err(format!(
                        "cohort {quoted}: a cell has {} numbers, expected {width}",
                        values.len()
                    ));
                }
                let mut cell = Cell {
                    eligible: count(&values[0])?,
                    ..Cell::default()
                };
                for (x, v) in cell.retained.iter_mut().zip(&values[1..5]) {
                    *x = count(v)?;
                }
                if let Some(s) = scale {
                    for (x, v) in [&mut cell.initial, &mut cell.mrr, &mut cell.capped]
                        .into_iter()
                        .zip(&values[5..])
                    {
                        match crate::text::parse_decimal(v.get()) {
                            Some(d) if d.scale == s => *x = d.mantissa,
                            _ => {
                                return Err(format!(
                                    "{} is not an amount with {s} decimals",
                                    v.get()
                                ))
                            }
                        }
                    }
                }
                cells.push(cell);
            }
            let cohort = Cohort {
                size: count(&c.size)?,
                cells,
            };
            if m.cohorts_mut(rule).insert(start, cohort).is_some() {
                return Err(format!("cohort {quoted} repeated"));
            }
        }
    }
    m.check()?;
    Ok(m)
}

impl Stored for Matrix {
    const TYPE: &'static str = TYPE;
    const VERSIONS: &'static [u8] = &[VERSION];
    fn to_stored(&self) -> Vec<u8> {
        to_stored(self)
    }
    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        from_stored(bytes)
    }
    fn to_text(&self) -> String {
        to_text(self)
    }
    fn from_text(text: &str) -> Result<Self, KpiError> {
        crate::text::read(text, TYPE, EXPECTED, &[(1, parse_v1)])
    }
}
