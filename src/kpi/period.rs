//! Periods: a bounded, non-empty `daterange` or `tstzrange` that a KPI's rows share
//! (`churn_rate`, `retention_rate`, `mrr_agg`, their summaries): read in place from the range's
//! bytes, written in a state's or summary's bytes and text, and the rules of a customer active at
//! an instant. Pure Rust over the range's data bytes.

use crate::bytes::{Reader, Writer};
use crate::error::KpiError;
use crate::time::{Kind, Moment};
use std::fmt;

pub(crate) const RANGE_EMPTY: u8 = 0x01;
pub(crate) const RANGE_LB_INC: u8 = 0x02;
pub(crate) const RANGE_UB_INC: u8 = 0x04;
pub(crate) const RANGE_LB_INF: u8 = 0x08;
pub(crate) const RANGE_UB_INF: u8 = 0x10;

/// A bounded, non-empty period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub kind: Kind,
    pub lower: i64,
    pub upper: i64,
    pub lower_inc: bool,
    pub upper_inc: bool,
}

impl Period {
    #[inline(always)]
    pub fn contains(&self, x: i64) -> bool {
        (x > self.lower || (self.lower_inc && x == self.lower))
            && (x < self.upper || (self.upper_inc && x == self.upper))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quote = |m: Moment| {
            let s = m.to_string();
            if s.contains(' ') {
                format!("\"{s}\"")
            } else {
                s
            }
        };
        write!(
            f,
            "{}{},{}{}",
            if self.lower_inc { '[' } else { '(' },
            quote(Moment(self.kind, self.lower)),
            quote(Moment(self.kind, self.upper)),
            if self.upper_inc { ']' } else { ')' }
        )
    }
}

fn read_int(kind: Kind, b: &[u8]) -> i64 {
    match kind {
        Kind::Date => i64::from(i32::from_ne_bytes([b[0], b[1], b[2], b[3]])),
        Kind::Timestamp | Kind::Timestamptz => {
            i64::from_ne_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
        }
    }
}

/// Parse the data bytes of a `daterange`/`tstzrange` varlena: the range type's OID, the bounds
/// present, then a flags byte. Empty, unbounded or infinite periods are a 22023 error.
pub fn parse_period(kpi: &str, kind: Kind, bytes: &[u8]) -> Result<Period, KpiError> {
    let bad = |why: String| KpiError::InvalidParameter(format!("{kpi} period must be {why}"));
    let Some(&flags) = bytes.last() else {
        return Err(bad("a range".into()));
    };
    if flags & RANGE_EMPTY != 0 {
        return Err(bad("non-empty, got empty".into()));
    }
    let w = kind.width();
    if flags & (RANGE_LB_INF | RANGE_UB_INF) != 0 {
        // name the range as range_out would: the bound present, nothing for a missing one
        let bound = || {
            bytes
                .get(4..4 + w)
                .map(|b| Moment(kind, read_int(kind, b)).to_string())
                .unwrap_or_default()
        };
        let (lo, hi) = match (flags & RANGE_LB_INF != 0, flags & RANGE_UB_INF != 0) {
            (true, true) => (String::new(), String::new()),
            (true, false) => (String::new(), bound()),
            (false, _) => (bound(), String::new()),
        };
        let (open, close) = (
            if flags & RANGE_LB_INC != 0 { '[' } else { '(' },
            if flags & RANGE_UB_INC != 0 { ']' } else { ')' },
        );
        return Err(bad(format!("bounded, got {open}{lo},{hi}{close}")));
    }
    if bytes.len() < 4 + 2 * w + 1 {
        return Err(bad("a range of the right type".into()));
    }
    let p = Period {
        kind,
        lower: read_int(kind, &bytes[4..4 + w]),
        upper: read_int(kind, &bytes[4 + w..4 + 2 * w]),
        lower_inc: flags & RANGE_LB_INC != 0,
        upper_inc: flags & RANGE_UB_INC != 0,
    };
    if kind.infinite(p.lower) || kind.infinite(p.upper) {
        return Err(bad(format!("bounded, got {p}")));
    }
    Ok(p)
}

impl Period {
    /// The range as text without quotes (`[2025-01-01,2025-02-01)`), for summaries.
    pub fn bare(&self) -> String {
        format!(
            "{}{},{}{}",
            if self.lower_inc { '[' } else { '(' },
            Moment(self.kind, self.lower),
            Moment(self.kind, self.upper),
            if self.upper_inc { ']' } else { ')' }
        )
    }

    /// The period of a summary's text form, or the reason it is not one.
    pub fn parse_text(text: &str) -> Result<Period, String> {
        Period::parse_bare(text).ok_or_else(|| {
            format!(
                "period \"{text}\" is not a bounded date or timestamptz range within \
                 4714-11-24 BC and 5874897-12-31 (294276-12-31 for timestamps)"
            )
        })
    }

    /// Parse [`Period::bare`] text: a bounded date or timestamptz range.
    pub fn parse_bare(text: &str) -> Option<Period> {
        let lower_inc = match text.chars().next()? {
            '[' => true,
            '(' => false,
            _ => return None,
        };
        let upper_inc = match text.chars().last()? {
            ']' => true,
            ')' => false,
            _ => return None,
        };
        let (lo, hi) = text.get(1..text.len() - 1)?.split_once(',')?;
        let (lo, hi) = (
            crate::time::parse_moment(lo)?,
            crate::time::parse_moment(hi)?,
        );
        (lo.0 == hi.0 && lo.1 <= hi.1).then_some(Period {
            kind: lo.0,
            lower: lo.1,
            upper: hi.1,
            lower_inc,
            upper_inc,
        })
    }
}

/// Is a customer (or subscription) from `started` to `ended` (`None`: still running) active at
/// instant `t`: started before it and not ended before it.
#[inline(always)]
pub fn active_at(started: i64, ended: Option<i64>, t: i64) -> bool {
    started < t && ended.is_none_or(|e| e >= t)
}

/// An end before its start is 22023 naming both.
#[inline(always)]
pub fn check_order(
    kpi: &str,
    kind: Kind,
    started: i64,
    ended: Option<i64>,
) -> Result<(), KpiError> {
    match ended.filter(|&e| e < started) {
        Some(e) => Err(KpiError::InvalidParameter(format!(
            "{kpi} end ({}) is before start ({})",
            Moment(kind, e),
            Moment(kind, started)
        ))),
        None => Ok(()),
    }
}

/// A period (or none) in a state's bytes: a kind byte (0 none, 1 date, 2 timestamptz), then the
/// bounds and a byte of inclusivity flags.
pub fn write_period(w: Writer, period: Option<Period>) -> Writer {
    match period {
        None => w.u8(0),
        Some(p) => w
            .u8(match p.kind {
                Kind::Date => 1,
                Kind::Timestamptz => 2,
                Kind::Timestamp => 3,
            })
            .i64(p.lower)
            .i64(p.upper)
            .u8(u8::from(p.lower_inc) | u8::from(p.upper_inc) << 1),
    }
}

/// Read [`write_period`]'s bytes (not checked against PostgreSQL's range of dates). Inlined
/// into the summaries' readers: returned through memory, its `Result` was read back in wider
/// loads than its stores, a store-forwarding stall on every `rollup()` step (BENCHMARKS.md,
/// issue 26).
#[inline(always)]
pub fn read_period(r: &mut Reader) -> Result<Option<Period>, KpiError> {
    let kind = match r.u8()? {
        0 => return Ok(None),
        1 => Kind::Date,
        2 => Kind::Timestamptz,
        k => return Err(unknown_kind(r, k)),
    };
    let (lower, upper, inc) = (r.i64()?, r.i64()?, r.u8()?);
    if inc > 3 {
        return Err(r.error("malformed period"));
    }
    Ok(Some(Period {
        kind,
        lower,
        upper,
        lower_inc: inc & 1 != 0,
        upper_inc: inc & 2 != 0,
    }))
}

#[cold]
fn unknown_kind(r: &Reader, k: u8) -> KpiError {
    r.error(&format!("unknown period kind {k}"))
}

/// Does `p` hold dates or timestamptz values PostgreSQL accepts, its lower bound not after its
/// upper? (Every stored period must.)
pub fn valid_period(p: &Period) -> bool {
    matches!(p.kind, Kind::Date | Kind::Timestamptz)
        && p.kind.valid(p.lower)
        && p.kind.valid(p.upper)
        && p.lower <= p.upper
}
