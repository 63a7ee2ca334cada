//! SQL glue of cohort retention ([`super::cohort`]): `cohort_agg(...) -> cohortsummary`,
//! `combine(cohortsummary)` (and `rollup`, the same aggregate), the type's I/O and the
//! accessors' support functions (`retention_matrix()` and `retention_curve()` are SQL functions
//! over them, in cohort.sql).
//!
//! - `cohort_agg(customer_id, [mrr,] started_on, ended_on, as_of, period)`, ids `bigint`, `text`
//!   or `uuid`: a row with a NULL `customer_id`, `started_on` (or `mrr`) is skipped, a NULL
//!   `ended_on` (or `infinity`) is still running, a row starting after `as_of` is not yet in
//!   the data. A NULL or infinite `as_of`, a NULL or unknown period, either changing within a
//!   group, an infinite `started_on` or an `ended_on` before `started_on` is 22023; a negative
//!   `mrr` is 22003. The state is the group's subscriptions ([`Rows`], in the aggregate's memory
//!   context); parallel workers' rows travel as bytes. No moving form: windows go over
//!   summaries with `combine()`.
//! - `combine(cohortsummary)`: summaries of disjoint customers (segments) of the same period and
//!   `as_of` add cell by cell, money at the larger scale; an exact moving inverse.

use super::cohort::{mode_index, Horizon, Matrix, RetainedBy, Returning, Unit};
use super::cohort_rows::{Rows, Setting};
use super::cohort_sum::Sum;
use super::cohort_summary::unit_name;
use crate::agg::{self, Id};
use crate::error::{raise, KpiError};
use crate::palloc::PgAlloc;
use crate::summary::{self, Stored};
use crate::time::{Kind, Moment};
use pgrx::pg_sys;

const KPI: &str = "cohort_agg";
type State = Rows<PgAlloc>;

unsafe fn rows_state(f: pg_sys::FunctionCallInfo) -> *mut State {
    unsafe {
        match agg::state_arg::<State>(f) {
            Some(s) => s,
            None => {
                let context = agg::aggregate_context(f);
                agg::place_in(context, Rows::new_in(PgAlloc(context)))
            }
        }
    }
}

#[cold]
#[inline(never)]
fn invalid(message: String) -> ! {
    raise(KpiError::InvalidParameter(message))
}

unsafe fn text_arg<'a>(f: pg_sys::FunctionCallInfo, n: usize) -> &'a str {
    unsafe { std::str::from_utf8(agg::varlena_bytes(agg::arg_datum(f, n))).unwrap_or("") }
}

/// One subscription; with `mrr` the arguments are shifted by one.
unsafe fn step(f: pg_sys::FunctionCallInfo, id: Id, with_mrr: bool) -> pg_sys::Datum {
    unsafe {
        let at = usize::from(with_mrr);
        let (started_n, ended_n, as_of_n, period_n) = (2 + at, 3 + at, 4 + at, 5 + at);
        if agg::arg_is_null(f, as_of_n) {
            invalid(format!("{KPI} as_of must not be NULL"));
        }
        if agg::arg_is_null(f, period_n) {
            invalid(format!("{KPI} period must not be NULL"));
        }
        let day = |n| i64::from(agg::arg_datum(f, n).value() as i32);
        let as_of = day(as_of_n);
        if Kind::Date.infinite(as_of) {
            invalid(format!(
                "{KPI} as_of must be a finite date, got {}",
                if as_of > 0 { "infinity" } else { "-infinity" }
            ));
        }
        if !Kind::Date.valid(as_of + 1) {
            invalid(format!(
                "{KPI} as_of must be before the last date, got {}",
                Moment(Kind::Date, as_of)
            ));
        }
        let unit = Unit::parse(KPI, text_arg(f, period_n)).unwrap_or_else(|e| raise(e));
        let state = rows_state(f);
        let s = &mut *state;
        if let Err(e) = s.set(Setting {
            unit,
            as_of,
            mrr: with_mrr,
        }) {
            raise(e)
        }
        if agg::arg_is_null(f, 1)
            || agg::arg_is_null(f, started_n)
            || (with_mrr && agg::arg_is_null(f, 2))
        {
            return agg::return_state(state);
        }
        let started = day(started_n);
        if Kind::Date.infinite(started) {
            invalid(format!(
                "{KPI} started_on must be a finite date, got {}",
                if started > 0 { "infinity" } else { "-infinity" }
            ));
        }
        let ended = (!agg::arg_is_null(f, ended_n))
            .then(|| day(ended_n))
            .filter(|&e| e != i64::from(i32::MAX));
        if let Err(e) = super::churn_period::check_order(KPI, Kind::Date, started, ended) {
            raise(e)
        }
        if started > as_of {
            return agg::return_state(state);
        }
        // only a start in the first year of the calendar can be in a period that began before it
        if started < crate::time::MIN_DATE + 366
            && !Kind::Date.valid(super::cohort::period_start(started, unit))
        {
            invalid(format!(
                "{KPI} started_on {} is in a {} that begins before the first date",
                Moment(Kind::Date, started),
                unit_name(unit)
            ));
        }
        let mrr = with_mrr.then(|| {
            let d = agg::arg_datum(f, 2);
            let m = agg::scaled_arg(d, KPI, "mrr");
            if m.is_negative() {
                raise(KpiError::OutOfRange(format!(
                    "{KPI} mrr must not be negative, got {}",
                    agg::numeric_text(d)
                )));
            }
            m
        });
        let d = agg::arg_datum(f, 1);
        let mut word = [0u8; 8];
        let key = agg::id_bytes(d, id, &mut word);
        // ended_on fits i32: it is a date
        if let Err(e) = s.push(key, started as i32, ended.map(|e| e as i32), mrr) {
            raise(e)
        }
        agg::return_state(state)
    }
}

crate::pg_v1_fn!(fn cohort_accum_bigint, pg_finfo_cohort_accum_bigint, |f| unsafe { step(f, Id::Bigint, false) });
crate::pg_v1_fn!(fn cohort_accum_text, pg_finfo_cohort_accum_text, |f| unsafe { step(f, Id::Text, false) });
crate::pg_v1_fn!(fn cohort_accum_uuid, pg_finfo_cohort_accum_uuid, |f| unsafe { step(f, Id::Uuid, false) });
crate::pg_v1_fn!(fn cohort_mrr_accum_bigint, pg_finfo_cohort_mrr_accum_bigint, |f| unsafe { step(f, Id::Bigint, true) });
crate::pg_v1_fn!(fn cohort_mrr_accum_text, pg_finfo_cohort_mrr_accum_text, |f| unsafe { step(f, Id::Text, true) });
crate::pg_v1_fn!(fn cohort_mrr_accum_uuid, pg_finfo_cohort_mrr_accum_uuid, |f| unsafe { step(f, Id::Uuid, true) });

crate::pg_v1_fn!(fn cohort_rows_combine, pg_finfo_cohort_rows_combine, |f| unsafe {
    if agg::arg_is_null(f, 1) {
        return match agg::state_arg::<State>(f) {
            Some(s) => agg::return_state(s),
            None => agg::return_null(f),
        };
    }
    let other = &*agg::arg_datum(f, 1).cast_mut_ptr::<State>();
    let state = rows_state(f);
    if let Err(e) = (*state).merge(other) {
        raise(e)
    }
    agg::return_state(state)
});

crate::pg_v1_fn!(fn cohort_rows_serialize, pg_finfo_cohort_rows_serialize, |f| unsafe {
    agg::bytea_datum(&(*agg::arg_datum(f, 0).cast_mut_ptr::<State>()).to_bytes())
});

crate::pg_v1_fn!(fn cohort_rows_deserialize, pg_finfo_cohort_rows_deserialize, |f| unsafe {
    let context = pg_sys::CurrentMemoryContext;
    match Rows::from_bytes(agg::bytea_bytes(agg::arg_datum(f, 0)), PgAlloc(context)) {
        Ok(rows) => agg::return_state(agg::place_in(context, rows)),
        Err(e) => raise(e),
    }
});

crate::pg_v1_fn!(fn cohort_rows_final, pg_finfo_cohort_rows_final, |f| unsafe {
    let state = &mut *agg::arg_datum(f, 0).cast_mut_ptr::<State>();
    match state.matrix() {
        Ok(Some(m)) => summary::datum(&m),
        Ok(None) => agg::return_null(f),
        Err(e) => raise(e),
    }
});

// combine(cohortsummary): the state is a [`Sum`] (`cohort_sum.rs`), dropped with the group's
// context.
unsafe fn sum_state(f: pg_sys::FunctionCallInfo) -> *mut Sum {
    unsafe {
        match agg::state_arg::<Sum>(f) {
            Some(s) => s,
            None => agg::place_owned::<Sum>(agg::aggregate_context(f), Sum::default()),
        }
    }
}

unsafe fn sum_step(f: pg_sys::FunctionCallInfo, sign: i64) -> pg_sys::Datum {
    unsafe {
        let state = sum_state(f);
        if !agg::arg_is_null(f, 1) {
            // read in place: each cohort merged as read, not decoded into a `Matrix` first
            let bytes = agg::varlena_bytes(agg::arg_datum(f, 1));
            if let Err(e) = (*state).step_stored(bytes, sign) {
                raise(e)
            }
        }
        agg::return_state(state)
    }
}
crate::pg_v1_fn!(fn cohort_combine_accum, pg_finfo_cohort_combine_accum, |f| unsafe { sum_step(f, 1) });
crate::pg_v1_fn!(fn cohort_combine_inv, pg_finfo_cohort_combine_inv, |f| unsafe { sum_step(f, -1) });

// Parallel partial sums (never inverted): the matrices add, the scale is the larger.
crate::pg_v1_fn!(fn cohort_combine, pg_finfo_cohort_combine, |f| unsafe {
    let theirs = if agg::arg_is_null(f, 1) { None } else { (*agg::arg_datum(f, 1).cast_mut_ptr::<Sum>()).m.clone() };
    let state = sum_state(f);
    if let Some(other) = theirs {
        if let Err(e) = (*state).step(other, 1) {
            raise(e)
        }
    }
    agg::return_state(state)
});

crate::pg_v1_fn!(fn cohort_combine_serialize, pg_finfo_cohort_combine_serialize, |f| unsafe {
    let bytes = match &(*agg::arg_datum(f, 0).cast_mut_ptr::<Sum>()).m {
        None => vec![],
        Some(m) => m.to_stored(),
    };
    agg::bytea_datum(&bytes)
});

crate::pg_v1_fn!(fn cohort_combine_deserialize, pg_finfo_cohort_combine_deserialize, |f| unsafe {
    let bytes = agg::bytea_bytes(agg::arg_datum(f, 0));
    let mut sum = Sum::default();
    if !bytes.is_empty() {
        if let Err(e) = sum.step_stored(bytes, 1) {
            raise(e)
        }
    }
    agg::return_state(agg::place_owned(pg_sys::CurrentMemoryContext, sum))
});

// NULL when every summary left the window frame, as the one-step aggregate over no rows.
crate::pg_v1_fn!(fn cohort_combine_final, pg_finfo_cohort_combine_final, |f| unsafe {
    match &*agg::arg_datum(f, 0).cast_mut_ptr::<Sum>() {
        Sum { m: Some(m), summaries, .. } if *summaries > 0 => summary::datum(m),
        _ => agg::return_null(f),
    }
});

// The type's I/O, equality, order and hashing: the shared summary functions.
crate::pg_v1_fn!(fn cohortsummary_in, pg_finfo_cohortsummary_in, |f| unsafe { summary::input::<Matrix>(f) });
crate::pg_v1_fn!(fn cohortsummary_out, pg_finfo_cohortsummary_out, |f| unsafe { summary::output::<Matrix>(f) });
crate::pg_v1_fn!(fn cohortsummary_recv, pg_finfo_cohortsummary_recv, |f| unsafe { summary::recv::<Matrix>(f) });
crate::pg_v1_fn!(fn cohortsummary_send, pg_finfo_cohortsummary_send, |f| unsafe { summary::send::<Matrix>(f) });
crate::pg_v1_fn!(fn cohortsummary_eq, pg_finfo_cohortsummary_eq, |f| unsafe { summary::compare::<Matrix>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn cohortsummary_ne, pg_finfo_cohortsummary_ne, |f| unsafe { summary::compare::<Matrix>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn cohortsummary_lt, pg_finfo_cohortsummary_lt, |f| unsafe { summary::compare::<Matrix>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn cohortsummary_le, pg_finfo_cohortsummary_le, |f| unsafe { summary::compare::<Matrix>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn cohortsummary_gt, pg_finfo_cohortsummary_gt, |f| unsafe { summary::compare::<Matrix>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn cohortsummary_ge, pg_finfo_cohortsummary_ge, |f| unsafe { summary::compare::<Matrix>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn cohortsummary_cmp, pg_finfo_cohortsummary_cmp, |f| unsafe { summary::cmp::<Matrix>(f) });
crate::pg_v1_fn!(fn cohortsummary_hash, pg_finfo_cohortsummary_hash, |f| unsafe { summary::hash::<Matrix>(f, false) });
crate::pg_v1_fn!(fn cohortsummary_hash_extended, pg_finfo_cohortsummary_hash_extended, |f| unsafe { summary::hash::<Matrix>(f, true) });

crate::pg_v1_fn!(fn cohortsummary_customers, pg_finfo_cohortsummary_customers, |f| unsafe {
    let m = summary::arg::<Matrix>(agg::arg_datum(f, 0));
    match m.first.values().try_fold(0i64, |a, c| a.checked_add(c.size)) {
        Some(n) => pg_sys::Datum::from(n),
        None => raise(KpiError::OutOfRange("customers of a cohortsummary do not fit bigint".into())),
    }
});

/// The (retained_by, horizon, returning_customers) arguments from `n`.
unsafe fn modes(f: pg_sys::FunctionCallInfo, n: usize, kpi: &str) -> (usize, Returning) {
    unsafe {
        let by = RetainedBy::parse(kpi, text_arg(f, n)).unwrap_or_else(|e| raise(e));
        let horizon = Horizon::parse(kpi, text_arg(f, n + 1)).unwrap_or_else(|e| raise(e));
        let r = Returning::parse(kpi, text_arg(f, n + 2)).unwrap_or_else(|e| raise(e));
        (mode_index(by, horizon), r)
    }
}

/// The money of a cell as text at the summary's scale.
fn money(m: &Matrix, x: i128) -> String {
    crate::numeric::Scaled {
        mantissa: x,
        scale: m.scale.unwrap_or(0),
    }
    .to_string()
}

// Every cell of the grid, a rectangle of cohorts x offsets 0 to the last observed one:
// (cohort day, offset, size, eligible, retained) flattened as `bigint[]`, and the money
// (initial, mrr, capped) as `text[]` (NULL without MRR), for `retention_matrix()`.
crate::pg_v1_fn!(fn cohort_matrix_counts, pg_finfo_cohort_matrix_counts, |f| unsafe {
    let m = summary::arg::<Matrix>(agg::arg_datum(f, 0));
    let (mode, r) = modes(f, 1, "retention_matrix");
    let width = m.last_offset(r).map_or(1, |k| k + 1);
    let mut flat: Vec<i64> = Vec::with_capacity(5 * width * m.cohorts(r).len());
    for (&start, c) in m.cohorts(r) {
        for k in 0..width {
            let cell = c.cells.get(k).copied().unwrap_or_default();
            flat.extend([start, k as i64, c.size, cell.eligible, cell.retained[mode]]);
        }
    }
    pgrx::IntoDatum::into_datum(flat).expect("an array is a value")
});

crate::pg_v1_fn!(fn cohort_matrix_money, pg_finfo_cohort_matrix_money, |f| unsafe {
    let m = summary::arg::<Matrix>(agg::arg_datum(f, 0));
    let r = Returning::parse("retention_matrix", text_arg(f, 1)).unwrap_or_else(|e| raise(e));
    if m.scale.is_none() {
        return agg::return_null(f);
    }
    let width = m.last_offset(r).map_or(1, |k| k + 1);
    let mut flat: Vec<String> = Vec::with_capacity(3 * width * m.cohorts(r).len());
    for c in m.cohorts(r).values() {
        for k in 0..width {
            let cell = c.cells.get(k).copied().unwrap_or_default();
            flat.extend([cell.initial, cell.mrr, cell.capped].map(|x| money(&m, x)));
        }
    }
    pgrx::IntoDatum::into_datum(flat).expect("an array is a value")
});

// The pooled curve: per offset (offset, cohorts observed, eligible, retained) summed over the
// cohorts, and the summed money, for `retention_curve()`.
crate::pg_v1_fn!(fn cohort_curve_counts, pg_finfo_cohort_curve_counts, |f| unsafe {
    let m = summary::arg::<Matrix>(agg::arg_datum(f, 0));
    let (mode, r) = modes(f, 1, "retention_curve");
    let width = m.last_offset(r).map_or(0, |k| k + 1);
    let mut flat: Vec<i64> = Vec::with_capacity(4 * width);
    for k in 0..width {
        let cells = m.cohorts(r).values().filter_map(|c| c.cells.get(k));
        let (n, e, kept) = cells.fold((0i64, 0i128, 0i128), |(n, e, kept), c| (n + 1, e + i128::from(c.eligible), kept + i128::from(c.retained[mode])));
        let fit = |x: i128| i64::try_from(x).unwrap_or_else(|_| raise(KpiError::OutOfRange("retention_curve customers do not fit bigint".into())));
        flat.extend([k as i64, n, fit(e), fit(kept)]);
    }
    pgrx::IntoDatum::into_datum(flat).expect("an array is a value")
});

crate::pg_v1_fn!(fn cohort_curve_money, pg_finfo_cohort_curve_money, |f| unsafe {
    let m = summary::arg::<Matrix>(agg::arg_datum(f, 0));
    let r = Returning::parse("retention_curve", text_arg(f, 1)).unwrap_or_else(|e| raise(e));
    if m.scale.is_none() {
        return agg::return_null(f);
    }
    let width = m.last_offset(r).map_or(0, |k| k + 1);
    let mut flat: Vec<String> = Vec::with_capacity(3 * width);
    for k in 0..width {
        let mut sums = [0i128; 3];
        for c in m.cohorts(r).values().filter_map(|c| c.cells.get(k)) {
            for (s, x) in sums.iter_mut().zip([c.initial, c.mrr, c.capped]) {
                *s = s.checked_add(x).unwrap_or_else(|| raise(KpiError::OutOfRange("retention_curve mrr does not fit 38 digits".into())));
            }
        }
        flat.extend(sums.map(|x| money(&m, x)));
    }
    pgrx::IntoDatum::into_datum(flat).expect("an array is a value")
});

pgrx::extension_sql_file!("cohort.sql", name = "cohort", requires = ["summary_ops"]);

#[cfg(any(test, feature = "pg_test"))]
#[path = "cohort_sql_tests.rs"]
mod tests;
