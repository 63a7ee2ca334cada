//! # `mrrsummary`: stored MRR movements, `mrr_agg(starting_mrr, ending_mrr [, paid_before])`,
//! `rollup()`; the accessors are in [`super::mrr_access`]
//!
//! - `mrr_agg(starting_mrr numeric, ending_mrr numeric [, paid_before boolean])`: one row per
//!   customer and period (a monthly MRR table with `lag()`); a row with a NULL argument is
//!   skipped (use `coalesce(lag(mrr), 0)` for a customer's first month); a negative amount is
//!   22003. PARALLEL SAFE; moving form.
//! - `rollup(mrrsummary)`: adds summaries of the same period (disjoint customer segments);
//!   different periods, or a period and none, are 22023. PARALLEL SAFE; moving form.
//! - Amount accessors (`starting_mrr`, ..., `net_new_mrr`) are exact; count accessors are
//!   `bigint`; rates are `numeric`, PostgreSQL's division of the exact amounts, NULL when the
//!   denominator is 0: `nrr`, `grr`, `gross_mrr_churn_rate`, `net_mrr_churn_rate`,
//!   `customer_churn_rate` (percent), `quick_ratio`, `arpa`, `ltv(s [, gross_margin])`.
//! - Text form: `{"v":1,"period":"[2025-01-01,2025-02-01)"|null,"starting_mrr":...,
//!   "customers_at_start":...,...}` (the accessors' names); malformed text or impossible bytes
//!   (negative amounts, a bridge that does not add up) are 22P02.

use super::churn_period::Period;
use super::mrr::MrrSummary;
use super::mrr_rows::RowsState;
use crate::agg::{self, AggState};
use crate::error::{raise, KpiError};
use crate::numeric::Scaled;
use crate::summary::{self, Summary};
use crate::text::{Count, Decimal, Nullable, Number};
use pgrx::pg_sys;

const VERSION: u8 = 1;
const EXPECTED: &str = r#"{"v":1,"period":<"[from,to)" or null>,"starting_mrr":<amount>,"ending_mrr":<amount>,"new_mrr":<amount>,"reactivation_mrr":<amount>,"expansion_mrr":<amount>,"contraction_mrr":<amount>,"churned_mrr":<amount>,"customers_at_start":<customers>,"customers_at_end":<customers>,"new_customers":<customers>,"reactivated_customers":<customers>,"expanded_customers":<customers>,"contracted_customers":<customers>,"churned_customers":<customers>}"#;

/// The text form's fields, in order (serde's `flatten` would lose `deny_unknown_fields`).
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Form<P, D, C> {
    v: C,
    period: P,
    starting_mrr: D,
    ending_mrr: D,
    new_mrr: D,
    reactivation_mrr: D,
    expansion_mrr: D,
    contraction_mrr: D,
    churned_mrr: D,
    customers_at_start: C,
    customers_at_end: C,
    new_customers: C,
    reactivated_customers: C,
    expanded_customers: C,
    contracted_customers: C,
    churned_customers: C,
}

/// Version 1 of the text form.
fn parse_v1(text: &str) -> Result<MrrSummary, String> {
    let f: Form<Nullable<String>, Decimal, Count> = crate::text::from_json(text)?;
    let period = f.period.0.as_deref().map(Period::parse_text).transpose()?;
    let mut s = MrrSummary::empty(period);
    s.amounts = [
        f.starting_mrr,
        f.ending_mrr,
        f.new_mrr,
        f.reactivation_mrr,
        f.expansion_mrr,
        f.contraction_mrr,
        f.churned_mrr,
    ]
    .map(|d| d.0);
    s.counts = [
        f.customers_at_start,
        f.customers_at_end,
        f.new_customers,
        f.reactivated_customers,
        f.expanded_customers,
        f.contracted_customers,
        f.churned_customers,
    ]
    .map(|c| c.0);
    s.check_stored().map(|()| s)
}

/// An error reading a stored summary, named as one (out of line: see `from_stored`).
#[cold]
#[inline(never)]
fn stored_error(e: &KpiError) -> KpiError {
    KpiError::BadText(format!("invalid mrrsummary bytes: {}", e.message()))
}

impl Summary for MrrSummary {
    const TYPE: &'static str = "mrrsummary";
    const VERSIONS: &'static [u8] = &[1];
    const DECIMALS_HELD: usize = summary::DECIMALS; // the seven amounts

    fn to_stored(&self) -> Vec<u8> {
        self.to_bytes()
    }

    #[inline(always)] // into rollup(), as from_bytes
    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        Self::from_bytes(bytes).map_err(|e| stored_error(&e))
    }

    #[inline(always)]
    fn read_stored(bytes: &[u8], out: &mut Self) -> Result<(), KpiError> {
        out.read_bytes(bytes).map_err(|e| stored_error(&e))
    }

    fn to_text(&self) -> String {
        let [a0, a1, a2, a3, a4, a5, a6] = self.amounts.map(Number::from);
        let [c0, c1, c2, c3, c4, c5, c6] = self.counts;
        crate::text::to_json(&Form {
            v: i64::from(VERSION),
            period: self.period.map(|p| p.bare()),
            starting_mrr: a0,
            ending_mrr: a1,
            new_mrr: a2,
            reactivation_mrr: a3,
            expansion_mrr: a4,
            contraction_mrr: a5,
            churned_mrr: a6,
            customers_at_start: c0,
            customers_at_end: c1,
            new_customers: c2,
            reactivated_customers: c3,
            expanded_customers: c4,
            contracted_customers: c5,
            churned_customers: c6,
        })
    }

    fn from_text(text: &str) -> Result<Self, KpiError> {
        crate::text::read(text, Self::TYPE, EXPECTED, &[(1, parse_v1)])
    }

    fn scales(&self) -> [u32; summary::DECIMALS] {
        self.amounts.map(|a| a.scale)
    }

    fn unmerge(&mut self, other: &Self) -> Option<()> {
        let mut s = *self;
        s.add(other, true).ok()?;
        s.check_stored().ok()?;
        *self = s;
        Some(())
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue: mrr_agg(starting_mrr, ending_mrr [, paid_before]) on a summary::Moving state.

/// A non-negative amount argument, exactly; else 22003 naming it.
unsafe fn amount_arg(f: pg_sys::FunctionCallInfo, n: usize, role: &str) -> Scaled {
    unsafe {
        let d = agg::arg_datum(f, n);
        let x = agg::scaled_arg(d, "mrr_agg", role);
        if x.is_negative() {
            raise(KpiError::OutOfRange(format!(
                "mrr_agg {role} must not be negative, got {}",
                agg::numeric_text(d)
            )));
        }
        x
    }
}

unsafe fn rows_step(f: pg_sys::FunctionCallInfo, args: usize, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let state = agg::state_or_new::<RowsState>(f);
        if (1..=args).any(|n| agg::arg_is_null(f, n)) {
            return agg::return_state(state);
        }
        let start = amount_arg(f, 1, "starting_mrr");
        let end = amount_arg(f, 2, "ending_mrr");
        let paid = args == 3 && agg::arg_datum(f, 3).value() != 0;
        if inverse {
            settle(state.cast());
        }
        let m = &mut (*state).moving;
        let touched = match m.state.add_customer(start, end, paid, inverse) {
            Ok(t) => t,
            Err(e) => raise(e),
        };
        // the scales of the amounts this customer moved (summary::Moving); the third entry is
        // (STARTING, 0) when it moved none, which counts nothing that matters
        for (k, scale) in touched {
            if inverse {
                m.scales[k].remove(scale);
            } else {
                m.scales[k].add(scale);
            }
        }
        if inverse && !m.scales.iter().all(|s| s.known()) {
            return agg::return_null(f); // recompute the frame
        }
        agg::return_state(state)
    }
}

/// Argument `n`, a `numeric` read in place, as [`crate::numeric_small`] reads it.
#[inline(always)]
unsafe fn small_arg(f: pg_sys::FunctionCallInfo, n: usize) -> Option<crate::numeric_small::Small> {
    unsafe { agg::plain_bytes(agg::arg_datum(f, n)) }.and_then(crate::numeric_small::small)
}

/// Argument `n` as a [`Scaled`]: from `small` when [`small_arg`] read it, else read in place.
#[inline(always)]
unsafe fn amount_fast(
    f: pg_sys::FunctionCallInfo,
    n: usize,
    small: Option<crate::numeric_small::Small>,
) -> Option<Scaled> {
    match small {
        Some(x) => {
            let (mantissa, scale) = x.to_scaled();
            Some(Scaled { mantissa, scale })
        }
        None => unsafe { agg::scaled_in_place(agg::arg_datum(f, n)) },
    }
}

/// The unguarded fast path of [`rows_step`] (not inverse): a group that has its state, amounts
/// read in place without error, non-negative, and sums that fit; `None`, changing nothing,
/// otherwise (the guarded step then decides, errors included). Amounts of one scale, as a
/// `numeric(p, s)` column's, are only counted into the pending rows ([`super::mrr_rows`]).
#[inline(always)]
unsafe fn rows_fast(f: pg_sys::FunctionCallInfo, args: usize) -> Option<pg_sys::Datum> {
    unsafe {
        let state = agg::state_arg::<RowsState>(f)?;
        if (1..=args).any(|n| agg::arg_is_null(f, n)) {
            return None;
        }
        let paid = args == 3 && agg::arg_datum(f, 3).value() != 0;
        let (small_start, small_end) = (small_arg(f, 1), small_arg(f, 2));
        if let (Some(s), Some(e)) = (small_start, small_end) {
            if !s.negative
                && !e.negative
                && s.dscale == e.dscale
                && (*state)
                    .pending
                    .add(s.magnitude, e.magnitude, s.dscale, paid)
            {
                return Some(agg::return_state(state));
            }
        }
        // the values already read are not read again
        let start = amount_fast(f, 1, small_start).filter(|x| !x.is_negative())?;
        let end = amount_fast(f, 2, small_end).filter(|x| !x.is_negative())?;
        let m = &mut (*state).moving;
        let touched = match m.state.add_customer_same_scale(start, end, paid) {
            Some(touched) => touched,
            None => m.state.add_customer(start, end, paid, false).ok()?,
        };
        for (k, scale) in touched {
            m.scales[k].add(scale);
        }
        Some(agg::return_state(state))
    }
}

/// Add the pending rows of an `mrr_agg(starting_mrr, ...)` state to its summary
/// ([`RowsState::settle`]) before a function shared with `rollup()` reads it as a summary.
unsafe fn settle(s: *mut MrrSummary) {
    unsafe {
        if (*s).rows_pending {
            if let Err(e) = (*s.cast::<RowsState>()).settle() {
                raise(e)
            }
        }
    }
}

/// Argument `n`, an `internal` state, settled ([`settle`]); `None` when NULL.
unsafe fn settled_arg(f: pg_sys::FunctionCallInfo, n: usize) -> Option<*mut MrrSummary> {
    unsafe {
        if agg::arg_is_null(f, n) {
            return None;
        }
        let s = agg::arg_datum(f, n).cast_mut_ptr::<MrrSummary>();
        settle(s);
        Some(s)
    }
}

/// The combine function: both states settled; a copy of a row state's summary (taken when the
/// first state is still NULL) is a summary alone, with no pending rows after it.
unsafe fn combine(f: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let first = settled_arg(f, 0);
        settled_arg(f, 1);
        let d = agg::combine::<MrrSummary>(f);
        if first.is_none() && !(*f).isnull {
            (*d.cast_mut_ptr::<MrrSummary>()).rows_pending = false;
        }
        d
    }
}

crate::pg_v1_fn!(fn mrr_rows_accum, pg_finfo_mrr_rows_accum, fast |f| unsafe { rows_fast(f, 2) }, |f| unsafe { rows_step(f, 2, false) });
crate::pg_v1_fn!(fn mrr_rows_inv, pg_finfo_mrr_rows_inv, |f| unsafe { rows_step(f, 2, true) });
crate::pg_v1_fn!(fn mrr_rows_paid_accum, pg_finfo_mrr_rows_paid_accum, fast |f| unsafe { rows_fast(f, 3) }, |f| unsafe { rows_step(f, 3, false) });
crate::pg_v1_fn!(fn mrr_rows_paid_inv, pg_finfo_mrr_rows_paid_inv, |f| unsafe { rows_step(f, 3, true) });
crate::pg_v1_fn!(fn mrr_combine, pg_finfo_mrr_combine, |f| unsafe { combine(f) });
crate::pg_v1_fn!(fn mrr_serialize, pg_finfo_mrr_serialize, |f| unsafe { settled_arg(f, 0); agg::serialize::<MrrSummary>(f) });
crate::pg_v1_fn!(fn mrr_deserialize, pg_finfo_mrr_deserialize, |f| unsafe { agg::deserialize::<MrrSummary>(f) });
crate::pg_v1_fn!(fn mrr_summary_final, pg_finfo_mrr_summary_final, |f| unsafe { settled_arg(f, 0); summary::finish::<MrrSummary>(f) });
crate::pg_v1_fn!(fn mrr_rollup_accum, pg_finfo_mrr_rollup_accum, |f| unsafe { summary::rollup::<MrrSummary>(f, false) });
crate::pg_v1_fn!(fn mrr_rollup_inv, pg_finfo_mrr_rollup_inv, |f| unsafe { summary::rollup::<MrrSummary>(f, true) });
crate::pg_v1_fn!(fn mrrsummary_in, pg_finfo_mrrsummary_in, |f| unsafe { summary::input::<MrrSummary>(f) });
crate::pg_v1_fn!(fn mrrsummary_out, pg_finfo_mrrsummary_out, |f| unsafe { summary::output::<MrrSummary>(f) });
crate::pg_v1_fn!(fn mrrsummary_recv, pg_finfo_mrrsummary_recv, |f| unsafe { summary::recv::<MrrSummary>(f) });
crate::pg_v1_fn!(fn mrrsummary_send, pg_finfo_mrrsummary_send, |f| unsafe { summary::send::<MrrSummary>(f) });

// Equality, the btree order and hashing of the stored form (summary::compare).
crate::pg_v1_fn!(fn mrrsummary_eq, pg_finfo_mrrsummary_eq, |f| unsafe { summary::compare::<MrrSummary>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn mrrsummary_ne, pg_finfo_mrrsummary_ne, |f| unsafe { summary::compare::<MrrSummary>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn mrrsummary_lt, pg_finfo_mrrsummary_lt, |f| unsafe { summary::compare::<MrrSummary>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn mrrsummary_le, pg_finfo_mrrsummary_le, |f| unsafe { summary::compare::<MrrSummary>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn mrrsummary_gt, pg_finfo_mrrsummary_gt, |f| unsafe { summary::compare::<MrrSummary>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn mrrsummary_ge, pg_finfo_mrrsummary_ge, |f| unsafe { summary::compare::<MrrSummary>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn mrrsummary_cmp, pg_finfo_mrrsummary_cmp, |f| unsafe { summary::cmp::<MrrSummary>(f) });
crate::pg_v1_fn!(fn mrrsummary_hash, pg_finfo_mrrsummary_hash, |f| unsafe { summary::hash::<MrrSummary>(f, false) });
crate::pg_v1_fn!(fn mrrsummary_hash_extended, pg_finfo_mrrsummary_hash_extended, |f| unsafe { summary::hash::<MrrSummary>(f, true) });

pgrx::extension_sql_file!(
    "mrr.sql",
    name = "mrr",
    requires = ["churn_period", "summary_ops"]
);
pgrx::extension_sql_file!("mrr_ops.sql", name = "mrr_ops", requires = ["mrr"]);

#[cfg(test)]
pub(crate) const EXPECTED_FORM: &str = EXPECTED;

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn mrr_worked_example_and_rates() {
        let q = "SELECT concat_ws(' ', nrr(m), grr(m), gross_mrr_churn_rate(m), net_mrr_churn_rate(m), customer_churn_rate(m),
                                       quick_ratio(m), arpa(m), ltv(m), ltv(m, 0.5), net_new_mrr(m), churned_customers(m))
                 FROM (SELECT mrr_agg(s, e) AS m FROM (VALUES (10::numeric, 0::numeric), (20, 10), (30, 40), (40, 40), (NULL, 3)) v(s, e)) t";
        assert_eq!(
            text(q).as_deref(),
            Some("90.0000000000000000 80.0000000000000000 20.0000000000000000 10.0000000000000000 25.0000000000000000 0.50000000000000000000 30.0000000000000000 120.00000000000000000000 60.00000000000000000000 -10 1")
        );
        // nothing lost, nothing at start: NULL, never 0 or a division error
        let q = "SELECT concat_ws(' ', nrr(m) IS NULL, quick_ratio(m) IS NULL, ltv(m) IS NULL, customer_churn_rate(m) IS NULL, reactivated_customers(m))
                 FROM (SELECT mrr_agg(0::numeric, 5, true) AS m) t";
        assert_eq!(text(q).as_deref(), Some("t t t t 1"));
    }

    #[pg_test]
    fn mrr_summary_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            ("SELECT mrr_agg(-1::numeric, 5)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "mrr_agg starting_mrr must not be negative, got -1"),
            ("SELECT mrr_agg(1::numeric, 'Infinity', true)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "mrr_agg ending_mrr must be a finite number of at most 38 digits, got Infinity"),
            ("SELECT ltv(mrr_agg(10::numeric, 0), 80)", ERRCODE_INVALID_PARAMETER_VALUE, "ltv gross_margin must be between 0 and 1, got 80"),
            ("SELECT rollup(m ORDER BY o) FROM (SELECT 1 o, mrr_agg(1::numeric, 2) m UNION ALL SELECT 2, mrr_agg(1, 2::numeric, '2024-01-01'::date, NULL, daterange('2025-01-01', '2025-02-01'))) t",
             ERRCODE_INVALID_PARAMETER_VALUE, "mrr summaries with and without a period cannot be combined, got [2025-01-01,2025-02-01) after no period"),
            ("SELECT combine(m ORDER BY o) FROM (SELECT 1 o, mrr_agg(1::numeric, 2) m UNION ALL SELECT 2, mrr_agg(1, 2::numeric, '2024-01-01'::date, NULL, daterange('2025-01-01', '2025-02-01'))) t",
             ERRCODE_INVALID_PARAMETER_VALUE, "mrr summaries with and without a period cannot be combined, got [2025-01-01,2025-02-01) after no period"),
            (r#"SELECT '{"v":1}'::mrrsummary"#, ERRCODE_INVALID_TEXT_REPRESENTATION,
             &format!(r#"malformed mrrsummary "{{"v":1}}": missing field `period` (text form: {})"#, super::EXPECTED)),
        ]);
    }
}
