//! # Churn and retention straight over a customer table: `churn_rate(started, ended, period)`
//!
//! - `churn_rate(started_on date, ended_on date, period daterange) -> numeric` and
//!   `churn_rate(started_at timestamptz, ended_at timestamptz, period tstzrange) -> numeric`: one
//!   row per customer or subscription. Active at the start of the period: `started < lower(period)`
//!   and (`ended IS NULL` or `ended >= lower(period)`). Lost: active at start and `ended` inside the
//!   period (`period @> ended`). Churn = 100 * lost / active at start.
//! - `retention_rate(...)` with the same arguments: 100 minus that churn rate.
//! - A row with a NULL start is skipped; a NULL end means "still a customer".
//! - The period must be non-NULL, bounded, non-empty and the same on every row of a group: 22023
//!   otherwise, naming the periods. `ended < started` is 22023 naming both.
//! - No customer active at the start gives NULL.
//! - PARALLEL SAFE; exact moving (inverse) form. Dates and times in messages are ISO, UTC.

use super::ratio::RatioState;
use crate::agg::{self, AggState};
use crate::bytes::{Reader, Writer};
use crate::error::KpiError;
use crate::time::Kind;
use pgrx::pg_sys;

const BYTES_VERSION: u8 = 1;

pub use super::period::{
    active_at, check_order, parse_period, read_period, valid_period, write_period, Period,
};

/// Churn state: the cohort counts and the period every row must share. `repr(C)` puts the
/// ratio first, so the `ratio_final` functions read it. `seen` caches the bytes of the last
/// period datum parsed: rows that pass the same range (the usual constant) skip the parse.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
pub struct PeriodState {
    pub ratio: RatioState,
    pub period: Option<Period>,
    seen: ([u8; 24], u8),
    /// The period argument is a constant of the query: once recorded, rows need not pass it
    /// again. Set by the glue on a group's first row; never serialized.
    pub constant: bool,
    /// Whether `period` is known, or still open: a new `rollup()` state has seen no summary, so
    /// it takes the period (or its absence, for the count and flag shapes) of the first. Every
    /// state read from bytes, made by [`PeriodState::new`] or given a period is shaped.
    shaped: bool,
}

impl PeriodState {
    /// A state of `ratio` over `period` (none for the count and flag shapes).
    pub fn new(ratio: RatioState, period: Option<Period>) -> Self {
        PeriodState {
            ratio,
            period,
            seen: ([0; 24], 0),
            constant: false,
            shaped: true,
        }
    }
}

impl PartialEq for PeriodState {
    fn eq(&self, other: &Self) -> bool {
        (self.ratio, self.period) == (other.ratio, other.period)
    }
}

impl PeriodState {
    /// The group's period from a range datum's bytes: parsed and checked against the group's
    /// period, or taken from the cache when the bytes are the ones seen last.
    #[inline(always)]
    pub fn period_of(&mut self, kpi: &str, kind: Kind, bytes: &[u8]) -> Result<Period, KpiError> {
        if let Some(p) = self.period {
            if usize::from(self.seen.1) == bytes.len()
                && self.seen.0.get(..bytes.len()) == Some(bytes)
            {
                return Ok(p);
            }
        }
        let p = self.check(kpi, parse_period(kpi, kind, bytes)?)?;
        if bytes.len() <= self.seen.0.len() {
            self.seen.0[..bytes.len()].copy_from_slice(bytes);
            self.seen.1 = bytes.len() as u8;
        }
        Ok(p)
    }

    /// Record `p` as the group's period, or check it is the same.
    #[inline(always)]
    pub fn check(&mut self, kpi: &str, p: Period) -> Result<Period, KpiError> {
        match self.period {
            Some(q) if q == p => Ok(q),
            Some(q) => Err(KpiError::InvalidParameter(format!(
                "{kpi} period must be the same on every row of a group, got {p} after {q}"
            ))),
            None => {
                (self.period, self.shaped) = (Some(p), true);
                Ok(p)
            }
        }
    }

    /// The rules every stored churn summary meets, whichever way it came in: no more lost than
    /// active customers, and a period (if any) of dates or timestamptz values PostgreSQL
    /// accepts, its lower bound not after its upper.
    // inlined into rollup(): given &self out of line, the summary was stored to the stack and read
    // back wider than written, stalling store forwarding (BENCHMARKS.md, issue 26)
    #[inline(always)]
    pub fn check_stored(&self) -> Result<(), String> {
        if self.ratio.hits > self.ratio.total {
            return Err(format!(
                "{} lost of {} active customers",
                self.ratio.hits, self.ratio.total
            ));
        }
        if self.period.is_some_and(|p| !valid_period(&p)) {
            return Err("malformed period".into());
        }
        Ok(())
    }

    /// `Some(lost)` for a customer active at the start of `p`, `None` otherwise.
    #[inline(always)]
    pub fn classify(
        kpi: &str,
        p: &Period,
        started: i64,
        ended: Option<i64>,
    ) -> Result<Option<bool>, KpiError> {
        check_order(kpi, p.kind, started, ended)?;
        Ok(active_at(started, ended, p.lower).then(|| ended.is_some_and(|e| p.contains(e))))
    }

    /// Count (or with `inverse`, un-count) one customer against the group's period `p`.
    #[inline(always)]
    pub fn count(
        &mut self,
        kpi: &str,
        p: &Period,
        started: i64,
        ended: Option<i64>,
        inverse: bool,
    ) -> Result<(), KpiError> {
        if let Some(lost) = Self::classify(kpi, p, started, ended)? {
            if inverse {
                self.ratio.remove_flag(lost)
            } else {
                self.ratio.accum_flag(lost)
            }
        }
        Ok(())
    }

    /// Check `p` against the group's period, then count the customer.
    pub fn step(
        &mut self,
        kpi: &str,
        p: Period,
        started: i64,
        ended: Option<i64>,
        inverse: bool,
    ) -> Result<(), KpiError> {
        let p = self.check(kpi, p)?;
        self.count(kpi, &p, started, ended, inverse)
    }
}

impl AggState for PeriodState {
    #[inline(always)] // into rollup()'s transition, one call a summary fewer
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        if other.shaped {
            match (self.shaped, self.period, other.period) {
                (false, _, _) => (self.period, self.shaped) = (other.period, true),
                (true, Some(_), Some(p)) => {
                    self.check("churn_rate", p)?;
                }
                (true, None, None) => {}
                (true, mine, theirs) => {
                    let show =
                        |p: Option<Period>| p.map_or("no period".to_string(), |p| p.to_string());
                    return Err(KpiError::InvalidParameter(format!(
                        "churn cohorts with and without a period cannot be combined, got {} after {}",
                        show(theirs),
                        show(mine)
                    )));
                }
            }
        }
        self.ratio.merge(&other.ratio)
    }

    fn to_bytes(&self) -> Vec<u8> {
        let w = Writer::new(BYTES_VERSION)
            .i64(self.ratio.hits)
            .i64(self.ratio.total);
        write_period(w, self.period).into_vec()
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut s = PeriodState::default();
        s.read_bytes(bytes)?;
        Ok(s)
    }
}

impl PeriodState {
    /// [`AggState::from_bytes`] into `self`, as [`PeriodState::new`] would make it (whatever it
    /// held before; left unspecified on an error). Inlined into rollup(), which parses into its
    /// own local: a state built apart and copied in was read back in wider loads than its
    /// stores, a store-forwarding stall on every step (BENCHMARKS.md, issue 26).
    #[inline(always)]
    pub(super) fn read_bytes(&mut self, bytes: &[u8]) -> Result<(), KpiError> {
        let mut r = Reader::new(bytes, "churn period", BYTES_VERSION)?;
        self.ratio.hits = r.count()?;
        self.ratio.total = r.count()?;
        self.period = read_period(&mut r)?;
        (self.seen, self.constant, self.shaped) = (([0; 24], 0), false, true);
        self.check_stored().map_err(|why| r.error(&why))?;
        r.end()
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue. Arguments: started, ended, period.

#[inline(always)]
unsafe fn step(f: pg_sys::FunctionCallInfo, kpi: &str, kind: Kind, inverse: bool) -> pg_sys::Datum {
    unsafe {
        if agg::arg_is_null(f, 3) {
            crate::error::raise(KpiError::InvalidParameter(format!(
                "{kpi} period must not be NULL"
            )));
        }
        let first = agg::state_arg::<PeriodState>(f).is_none();
        let state = agg::state_or_new::<PeriodState>(f);
        let s = &mut *state;
        if first {
            s.constant = agg::aggregate_arg_is_const(f, 2);
        }
        let p = match s.period {
            Some(p) if s.constant => p,
            _ => s
                .period_of(kpi, kind, agg::varlena_bytes(agg::arg_datum(f, 3)))
                .unwrap_or_else(|e| crate::error::raise(e)),
        };
        if !agg::arg_is_null(f, 1) {
            let int = |n| kind.value(agg::arg_datum(f, n).value());
            let ended = (!agg::arg_is_null(f, 2)).then(|| int(2));
            if let Err(e) = s.count(kpi, &p, int(1), ended, inverse) {
                crate::error::raise(e);
            }
        }
        agg::return_state(state)
    }
}

crate::pg_v1_fn!(fn churn_period_accum_date, pg_finfo_churn_period_accum_date, |f| unsafe { step(f, "churn_rate", Kind::Date, false) });
crate::pg_v1_fn!(fn churn_period_inv_date, pg_finfo_churn_period_inv_date, |f| unsafe { step(f, "churn_rate", Kind::Date, true) });
crate::pg_v1_fn!(fn churn_period_accum_tstz, pg_finfo_churn_period_accum_tstz, |f| unsafe { step(f, "churn_rate", Kind::Timestamptz, false) });
crate::pg_v1_fn!(fn churn_period_inv_tstz, pg_finfo_churn_period_inv_tstz, |f| unsafe { step(f, "churn_rate", Kind::Timestamptz, true) });
crate::pg_v1_fn!(fn retention_period_accum_date, pg_finfo_retention_period_accum_date, |f| unsafe { step(f, "retention_rate", Kind::Date, false) });
crate::pg_v1_fn!(fn retention_period_inv_date, pg_finfo_retention_period_inv_date, |f| unsafe { step(f, "retention_rate", Kind::Date, true) });
crate::pg_v1_fn!(fn retention_period_accum_tstz, pg_finfo_retention_period_accum_tstz, |f| unsafe { step(f, "retention_rate", Kind::Timestamptz, false) });
crate::pg_v1_fn!(fn retention_period_inv_tstz, pg_finfo_retention_period_inv_tstz, |f| unsafe { step(f, "retention_rate", Kind::Timestamptz, true) });
crate::pg_v1_fn!(fn churn_period_combine, pg_finfo_churn_period_combine, |f| unsafe { agg::combine::<PeriodState>(f) });
crate::pg_v1_fn!(fn churn_period_serialize, pg_finfo_churn_period_serialize, |f| unsafe { agg::serialize::<PeriodState>(f) });
crate::pg_v1_fn!(fn churn_period_deserialize, pg_finfo_churn_period_deserialize, |f| unsafe { agg::deserialize::<PeriodState>(f) });
pgrx::extension_sql_file!(
    "churn_period.sql",
    name = "churn_period",
    requires = ["ratio"]
);

#[cfg(test)]
#[path = "churn_period_tests.rs"]
mod unit_tests;

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn churn_over_customer_rows() {
        let q = "SELECT concat_ws(' ', churn_rate(s, e, daterange('2025-01-01', '2025-02-01')), retention_rate(s, e, daterange('2025-01-01', '2025-02-01')),
                                      churn_rate(s::timestamptz, e::timestamptz, tstzrange('2025-01-01', '2025-02-01')))
                 FROM (VALUES ('2024-06-01'::date, '2025-01-15'::date), ('2024-06-01', NULL), ('2025-01-10', NULL), ('2024-01-01', '2024-12-01'), (NULL, NULL)) v(s, e)";
        assert_eq!(
            text(q).as_deref(),
            Some("50.0000000000000000 50.0000000000000000 50.0000000000000000")
        );
        assert_eq!(text("SELECT churn_rate('2025-01-05'::date, NULL, daterange('2025-01-01', '2025-02-01'))::text"), None);
    }

    #[pg_test]
    fn churn_period_errors() {
        use PgSqlErrorCode::*;
        let row = "FROM (VALUES ('2024-06-01'::date, '2025-01-15'::date)) v(s, e)";
        assert_errors(&[
            (&format!("SELECT churn_rate(s, e, NULL) {row}"), ERRCODE_INVALID_PARAMETER_VALUE, "churn_rate period must not be NULL"),
            (&format!("SELECT churn_rate(s, e, 'empty') {row}"), ERRCODE_INVALID_PARAMETER_VALUE, "churn_rate period must be non-empty, got empty"),
            (&format!("SELECT churn_rate(s, e, daterange('2025-01-01', NULL)) {row}"), ERRCODE_INVALID_PARAMETER_VALUE, "churn_rate period must be bounded, got [2025-01-01,)"),
            (&format!("SELECT retention_rate(s, e, daterange('2025-01-01', 'infinity')) {row}"), ERRCODE_INVALID_PARAMETER_VALUE, "retention_rate period must be bounded, got [2025-01-01,infinity)"),
            (&format!("SELECT churn_rate(e, s, daterange('2025-01-01', '2025-02-01')) {row}"), ERRCODE_INVALID_PARAMETER_VALUE, "churn_rate end (2024-06-01) is before start (2025-01-15)"),
            ("SELECT churn_rate(s, e, p) FROM (VALUES ('2024-06-01'::date, NULL::date, daterange('2025-01-01', '2025-02-01')), ('2024-06-01', NULL, daterange('2025-02-01', '2025-03-01'))) v(s, e, p)",
             ERRCODE_INVALID_PARAMETER_VALUE, "churn_rate period must be the same on every row of a group, got [2025-02-01,2025-03-01) after [2025-01-01,2025-02-01)"),
            ("SELECT churn_rate('2024-06-01'::timestamptz, '2025-01-15 10:30+00', tstzrange('2025-01-01 00:00+00', NULL))", ERRCODE_INVALID_PARAMETER_VALUE, "churn_rate period must be bounded, got [2025-01-01 00:00:00+00,)"),
        ]);
    }
}
